"""Forms of the officer's area: setting up a budget and changing it after a review, and
each action on a budget (invite, adjust, reverse, clawback, repayment, consent, payee
exception, review, approval limit).

The forms read what the officer typed and catch what is plainly wrong at once (a date
that is not a date, a negative amount, an end before the start, the same stream twice);
every rule about budgets is the services', whose `BudgetError` the view shows on the
form beside what was typed.
"""

from pricing.budgets.admin_forms.actions import (
    AdjustForm,
    ApprovalLimitForm,
    ClawbackForm,
    ConsentForm,
    ExceptionForm,
    InviteForm,
    ReasonForm,
    RepaymentForm,
    ReviewForm,
)
from pricing.budgets.admin_forms.version import (
    BudgetForm,
    LineFormSet,
    NewVersionForm,
    line_rows,
    outcome_formset,
)

__all__ = [
    "AdjustForm",
    "ApprovalLimitForm",
    "BudgetForm",
    "ClawbackForm",
    "ConsentForm",
    "ExceptionForm",
    "InviteForm",
    "LineFormSet",
    "NewVersionForm",
    "ReasonForm",
    "RepaymentForm",
    "ReviewForm",
    "line_rows",
    "outcome_formset",
]
