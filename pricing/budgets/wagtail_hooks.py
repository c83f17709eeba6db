"""Personal budgets in the council's admin: audit labels (the officer's area is added by
its own views' hooks below)."""

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.panels import FieldPanel
from wagtail.permission_policies.base import BasePermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from localoffer.core.roles import FINANCE_OFFICERS
from pricing.budgets.models import SpendingCategory
from pricing.budgets.selectors import is_finance_officer

BUDGET_LOG_ACTIONS = {
    "pricing.budget_set_up": "Personal budget set up",
    "pricing.budget_new_version": "Personal budget changed after a review",
    "pricing.budget_invited": "Family invited to see the budget",
    "pricing.budget_invitation_accepted": "Family linked the budget to their child",
    "pricing.budget_third_party_named": "Third party's name recorded",
    "pricing.budget_third_party_invited": "Third party invited to hold part of the budget",
    "pricing.budget_third_party_invitation_resent": "Third party's invitation sent again",
    "pricing.budget_third_party_accepted": "Third party accepted its invitation",
    "pricing.budget_third_party_removed": "Third party's access removed",
    "pricing.budget_spending_recorded": "Spending recorded",
    "pricing.budget_receipt_added": "Receipt added",
    "pricing.budget_entry_reversed": "Ledger entry reversed",
    "pricing.budget_adjusted": "Budget adjusted",
    "pricing.budget_set_aside": "Money set aside",
    "pricing.budget_set_aside_released": "Money set aside released",
    "pricing.budget_clawback_recorded": "Clawback recorded",
    "pricing.budget_clawback_repaid": "Clawback repayment recorded",
    "pricing.budget_clawback_moved": "Rest of a clawback asked for as a repayment",
    "pricing.budget_booking_funded": "Booking paid from the budget",
    "pricing.budget_booking_approved": "Booking approved",
    "pricing.budget_booking_refused": "Booking refused",
    "pricing.budget_booking_approval_again": "Booking's new cost waits for approval",
    "pricing.budget_invoice_paid": "Provider's invoice paid by the council",
    "pricing.budget_return_made": "Quarterly return made",
    "pricing.budget_return_submitted": "Quarterly return sent",
    "pricing.budget_return_queried": "Quarterly return queried",
    "pricing.budget_return_answered": "Question on a return answered",
    "pricing.budget_return_accepted": "Quarterly return accepted",
    "pricing.budget_review_recorded": "Review recorded",
    "pricing.budget_consent_recorded": "Head teacher's consent recorded",
    "pricing.budget_exception_recorded": "Family member payee exception recorded",
    "pricing.budget_approval_limit_set": "Approval limit for bookings changed",
}


@hooks.register("register_log_actions")
def register_budget_log_actions(actions) -> None:
    for action, label in BUDGET_LOG_ACTIONS.items():
        actions.register_action(action, label, label)


@hooks.register("register_admin_urls")
def register_budget_admin_urls() -> list:
    # More specific prefixes first: each part of the officer's area has its own module.
    return [
        path("budgets/returns/", include("pricing.budgets.return_admin_urls")),
        path("budgets/approvals/", include("pricing.budgets.approval_admin_urls")),
        path("budgets/", include("pricing.budgets.admin_urls")),
    ]


# --- the officer's area: menu item and spending categories ---------------------------------


class FinanceMenuItem(MenuItem):
    """Shown to finance officers and site administrators; every view checks again."""

    def is_shown(self, request: Any) -> bool:
        return is_finance_officer(request.user)


@hooks.register("register_admin_menu_item")
def register_budgets_menu_item() -> MenuItem:
    return FinanceMenuItem(
        "Personal budgets",
        reverse("budget_admin:index"),
        name="personal-budgets",
        icon_name="table",
        order=160,
    )


class FinanceOfficersOnlyPolicy(BasePermissionPolicy):
    """Spending categories belong to finance officers (and site administrators) alone:
    a role, not a model permission, so the roles' data migration need not change.
    Nothing is deleted: ledger entries keep the category they were recorded with."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "delete" and is_finance_officer(user)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        return self.user_has_permission(user, action)

    def users_with_any_permission(self, actions: Any) -> Any:
        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=FINANCE_OFFICERS), is_active=True)
            .distinct()
        )


register_permission_policy(
    SpendingCategory, FinanceOfficersOnlyPolicy(SpendingCategory), exact_class=True
)


class SpendingCategoryViewSet(SnippetViewSet):
    """What budgets are spent on, per council, and which a budget cannot buy."""

    model = SpendingCategory
    icon = "tag"
    menu_label = "Spending categories"
    menu_name = "spending-categories"
    add_to_admin_menu = True
    menu_order = 161
    # A short table: filter with the ORM, no search index to keep up to date.
    search_backend_name = None
    search_fields = ["name"]
    list_display = ["name", "excluded", "exclusion_reason", "council"]
    list_filter = ["council", "excluded"]
    ordering = ["council", "excluded", "sort_order", "name"]
    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldPanel("excluded"),
        FieldPanel("exclusion_reason"),
        FieldPanel("directory_categories", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sort_order"),
    ]


register_snippet(SpendingCategoryViewSet)


@hooks.register("register_admin_menu_item")
def register_returns_menu_item() -> MenuItem:
    from pricing.budgets.return_admin_views import returns_menu_item  # noqa: PLC0415

    return returns_menu_item()


@hooks.register("register_admin_menu_item")
def register_approvals_menu_item() -> MenuItem:
    return FinanceMenuItem(
        "Bookings paid by the council",
        reverse("budget_approvals:index"),
        name="budget-approvals",
        icon_name="tick-inverse",
        order=162,
    )
