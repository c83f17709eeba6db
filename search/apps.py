from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Directory search"

    def ready(self) -> None:
        # Keep the search index in step with publishing (search/signal_handlers.py).
        from search import signal_handlers

        signal_handlers.connect()
