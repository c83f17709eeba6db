from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    name = "localoffer"
    verbose_name = "Local Offer"

    def ready(self) -> None:
        from localoffer import signal_handlers

        signal_handlers.register()
