from django.apps import AppConfig


class ModerationConfig(AppConfig):
    """Submission cycles, moderation, freshness and problem reports, nested in `providers`.

    The label stays `moderation` (as `wagtail.images` keeps `wagtailimages` inside
    `wagtail`), so table names, migrations, content types, stored log actions and URL
    namespaces are unchanged by the move (docs/decisions/0008-moderation-inside-providers.md).
    """

    default_auto_field = "django.db.models.BigAutoField"
    name = "providers.moderation"
    label = "moderation"
    verbose_name = "Moderation"

    def ready(self) -> None:
        from providers.moderation.freshness import signal_handlers  # noqa: F401
