"""Names for the audit entries of consent and calendar feeds in the admin's history."""

from wagtail import hooks

from pricing.calendars import services as calendar_services
from pricing.families import services


@hooks.register("register_log_actions")
def register_family_log_actions(actions) -> None:
    actions.register_action(
        services.ACTION_SHARE,
        "Share one-page profile",
        "The family agreed to share a child's one-page profile with an organisation",
    )
    actions.register_action(
        services.ACTION_WITHDRAW_SHARE,
        "Stop sharing one-page profile",
        "The family withdrew consent to share a child's one-page profile",
    )
    actions.register_action(
        calendar_services.ACTION_CREATE, "Create calendar feed", "Made a private calendar feed"
    )
    actions.register_action(
        calendar_services.ACTION_RENEW,
        "Renew calendar feed",
        "Gave a calendar feed a new address; the old one stopped working",
    )
