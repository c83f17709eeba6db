from django.apps import AppConfig


class PricingConfig(AppConfig):
    name = "pricing"
    verbose_name = "Pricing, bookings and budgets"

    def ready(self) -> None:
        # Bookings sit above payments: they learn of a payment's moves by listening
        # (pricing.payments.listeners), so payments never imports bookings.
        # Likewise the private calendar feeds are filled by the bookings they list.
        from pricing.bookings.calendar import booking_events_for_feed  # noqa: PLC0415
        from pricing.bookings.services.invoicing import invoice_paid  # noqa: PLC0415
        from pricing.bookings.services.paying import payment_changed  # noqa: PLC0415
        from pricing.calendars.sources import feed_events  # noqa: PLC0415
        from pricing.invoices.listeners import register_invoice_payment_listener  # noqa: PLC0415
        from pricing.payments.listeners import register_payment_listener  # noqa: PLC0415

        register_payment_listener(payment_changed)
        register_invoice_payment_listener(invoice_paid)
        feed_events.register(booking_events_for_feed)
