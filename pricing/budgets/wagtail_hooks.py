"""Personal budgets in the council's admin: audit labels (the officer's area is added by
its own views' hooks below)."""

from django.urls import include, path
from wagtail import hooks

BUDGET_LOG_ACTIONS = {
    "pricing.budget_set_up": "Personal budget set up",
    "pricing.budget_new_version": "Personal budget changed after a review",
    "pricing.budget_invited": "Family invited to see the budget",
    "pricing.budget_invitation_accepted": "Family linked the budget to their child",
    "pricing.budget_spending_recorded": "Spending recorded",
    "pricing.budget_receipt_added": "Receipt added",
    "pricing.budget_entry_reversed": "Ledger entry reversed",
    "pricing.budget_adjusted": "Budget adjusted",
    "pricing.budget_set_aside": "Money set aside",
    "pricing.budget_set_aside_released": "Money set aside released",
    "pricing.budget_clawback_recorded": "Clawback recorded",
    "pricing.budget_clawback_repaid": "Clawback repayment recorded",
    "pricing.budget_booking_funded": "Booking paid from the budget",
    "pricing.budget_booking_approved": "Booking approved",
    "pricing.budget_booking_refused": "Booking refused",
    "pricing.budget_return_made": "Quarterly return made",
    "pricing.budget_return_submitted": "Quarterly return sent",
    "pricing.budget_return_queried": "Quarterly return queried",
    "pricing.budget_return_answered": "Question on a return answered",
    "pricing.budget_return_accepted": "Quarterly return accepted",
    "pricing.budget_review_recorded": "Review recorded",
    "pricing.budget_consent_recorded": "Head teacher's consent recorded",
    "pricing.budget_exception_recorded": "Family member payee exception recorded",
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
