"""Working out a budget in the council's admin: the audit log's labels (each part's views
register their own menu items and URLs)."""

from django.urls import include, path
from wagtail import hooks

ALLOCATION_LOG_ACTIONS = {
    "pricing.allocation_answers_saved": "Assessment answers saved",
}


@hooks.register("register_log_actions")
def register_allocation_log_actions(actions) -> None:
    for action, label in ALLOCATION_LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_allocation_admin_urls() -> list:
    return [
        path("assessments/look-again/", include("pricing.allocation.look_again_admin_urls")),
        path("assessments/", include("pricing.allocation.admin_urls")),
        path("questionnaires/", include("pricing.allocation.questionnaire_admin_urls")),
        path("panel/", include("pricing.allocation.panel_admin_urls")),
    ]
