"""Working out a budget in the council's admin: the audit log's labels (each part's views
register their own menu items and URLs)."""

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from pricing.allocation.selectors import can_configure

ALLOCATION_LOG_ACTIONS = {
    "pricing.allocation_answers_saved": "Assessment answers saved",
    "pricing.allocation_questionnaire_draft_made": "Questionnaire draft version made",
    "pricing.allocation_questionnaire_changed": "Questionnaire draft changed",
    "pricing.allocation_questionnaire_published": "Questionnaire version published",
    "pricing.allocation_questionnaire_draft_deleted": "Questionnaire draft deleted",
    "pricing.allocation_self_assessment_started": "Self-assessment started by the family",
    "pricing.allocation_self_assessment_sent": "Self-assessment sent to the council",
    "pricing.allocation_look_again_asked": "Family asked for the assessment to be looked at again",
    "pricing.allocation_look_again_answered": "Request to look again answered",
    "pricing.allocation_assessment_started": "Assessment started",
    "pricing.allocation_assessment_completed": "Assessment completed",
    "pricing.allocation_assessment_withdrawn": "Assessment withdrawn",
    "pricing.allocation_outcome_added": "Costed provision: outcome added",
    "pricing.allocation_outcome_removed": "Costed provision: outcome removed",
    "pricing.allocation_provision_line_added": "Costed provision: provision added",
    "pricing.allocation_provision_line_removed": "Costed provision: provision removed",
    "pricing.allocation_costed_adjusted": "Costed provision: total adjusted",
    "pricing.allocation_standard_cost_saved": "Standard unit cost saved",
    "pricing.allocation_standard_cost_deleted": "Standard unit cost deleted",
    "pricing.allocation_sent_to_panel": "Assessment sent to the resource panel",
    "pricing.allocation_stream_decided": "Resource panel decided a funding stream",
    "pricing.allocation_decided": "Resource panel decision made and letter written",
    "pricing.allocation_panel_seat_added": "Resource panel seat added",
    "pricing.allocation_panel_seat_changed": "Resource panel seat changed",
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


# --- the budget questionnaire (pricing/allocation/questionnaire_admin_views/) -------------


class QuestionnaireMenuItem(MenuItem):
    """Shown to site administrators, who alone configure the tool; every view checks again."""

    def is_shown(self, request: Any) -> bool:
        return can_configure(request.user)


@hooks.register("register_admin_menu_item")
def register_questionnaire_menu_item() -> MenuItem:
    return QuestionnaireMenuItem(
        "Budget questionnaire",
        reverse("questionnaire_admin:index"),
        name="budget-questionnaire",
        icon_name="list-ul",
        order=163,
    )


# --- the resource panel (pricing/allocation/panel_admin_views/) -----------------------------


class PanelMenuItem(MenuItem):
    """Shown to panel members and site administrators; every view checks again."""

    def is_shown(self, request: Any) -> bool:
        from pricing.allocation.selectors import is_panel_member  # noqa: PLC0415

        return is_panel_member(request.user)


@hooks.register("register_admin_menu_item")
def register_panel_menu_item() -> MenuItem:
    return PanelMenuItem(
        "Resource panel",
        reverse("panel_admin:index"),
        name="resource-panel",
        icon_name="group",
        order=164,
    )


# --- the assessment coordinator's area ------------------------------------------------------


@hooks.register("register_admin_menu_item")
def register_assessments_menu_item():
    from django.urls import reverse  # noqa: PLC0415
    from wagtail.admin.menu import MenuItem  # noqa: PLC0415

    from pricing.allocation.selectors import is_coordinator  # noqa: PLC0415

    class CoordinatorMenuItem(MenuItem):
        """Shown to assessment coordinators and site administrators; every view checks."""

        def is_shown(self, request) -> bool:
            return is_coordinator(request.user)

    return CoordinatorMenuItem(
        "Assessments",
        reverse("assessment_admin:index"),
        name="assessments",
        icon_name="clipboard-list",
        order=150,
    )


# --- families' requests to look again (pricing/allocation/look_again_admin_views.py) --------


class LookAgainMenuItem(MenuItem):
    """Shown to assessment coordinators and site administrators; every view checks again."""

    def is_shown(self, request: Any) -> bool:
        from pricing.allocation.selectors import is_coordinator  # noqa: PLC0415

        return is_coordinator(request.user)


@hooks.register("register_admin_menu_item")
def register_look_again_menu_item() -> MenuItem:
    return LookAgainMenuItem(
        "Requests to look again",
        reverse("look_again_admin:index"),
        name="look-again-requests",
        icon_name="help",
        order=151,
    )
