"""The council's side of personal budgets in the Wagtail admin: an officer's caseload, one
budget's ledger and history, setting budgets up and every staff action on them
(inviting the family and the third party among them)."""

from pricing.budgets.admin_views.actions import (
    AdjustView,
    ApprovalLimitView,
    ClawbackView,
    ConsentView,
    ExceptionView,
    InviteView,
    RepaymentView,
    ReverseView,
    ReviewView,
)
from pricing.budgets.admin_views.budget import BudgetView
from pricing.budgets.admin_views.caseload import CaseloadView, ReviewsView
from pricing.budgets.admin_views.export import ExportView
from pricing.budgets.admin_views.setup import NewBudgetView, NewVersionView
from pricing.budgets.admin_views.third_party import (
    ThirdPartyInviteView,
    ThirdPartyRemoveView,
    ThirdPartyResendView,
)

__all__ = [
    "AdjustView",
    "ApprovalLimitView",
    "BudgetView",
    "CaseloadView",
    "ClawbackView",
    "ConsentView",
    "ExceptionView",
    "ExportView",
    "InviteView",
    "NewBudgetView",
    "NewVersionView",
    "RepaymentView",
    "ReverseView",
    "ReviewView",
    "ReviewsView",
    "ThirdPartyInviteView",
    "ThirdPartyRemoveView",
    "ThirdPartyResendView",
]
