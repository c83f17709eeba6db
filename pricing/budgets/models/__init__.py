"""Personal budgets' models, one module per part (imported by `pricing.models`)."""

from pricing.budgets.models.budget import (
    BudgetInvitation,
    BudgetOutcome,
    BudgetVersion,
    FundingLine,
    PayeeException,
    PersonalBudget,
    Review,
    ScheduledPayment,
    SchoolConsent,
    SetAside,
    SpendingCategory,
)
from pricing.budgets.models.ledger import BookingFunding, Clawback, LedgerEntry, Receipt
from pricing.budgets.models.returns import (
    QuarterlyReturn,
    ReturnDocument,
    ReturnLine,
    ReturnQuery,
)

__all__ = [
    "BookingFunding",
    "BudgetInvitation",
    "BudgetOutcome",
    "BudgetVersion",
    "Clawback",
    "FundingLine",
    "LedgerEntry",
    "PayeeException",
    "PersonalBudget",
    "QuarterlyReturn",
    "Receipt",
    "ReturnDocument",
    "ReturnLine",
    "ReturnQuery",
    "Review",
    "ScheduledPayment",
    "SchoolConsent",
    "SetAside",
    "SpendingCategory",
]
