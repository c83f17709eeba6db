from django.apps import AppConfig


class LocalOfferConfig(AppConfig):
    name = "localoffer"
    verbose_name = "Local Offer"

    def ready(self) -> None:
        # Signal handlers use models, which may only be imported once the apps are loaded.
        from localoffer import signal_handlers

        signal_handlers.register()
