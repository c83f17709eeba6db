from django.apps import AppConfig


class PricingConfig(AppConfig):
    name = "pricing"
    verbose_name = "Pricing, bookings and budgets"

    def ready(self) -> None:
        # Bookings sit above payments: they learn of a payment's moves by listening
        # (pricing.payments.listeners), so payments never imports bookings.
        from pricing.bookings.services.paying import payment_changed  # noqa: PLC0415
        from pricing.payments.listeners import register_payment_listener  # noqa: PLC0415

        register_payment_listener(payment_changed)
