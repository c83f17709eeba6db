"""The budget's business actions: each locks the budget, checks, writes, audits, commits."""

from pricing.budgets.services.common import BudgetError, lock_budget
from pricing.budgets.services.funding import fund_booking, settle_booking
from pricing.budgets.services.ledger import (
    add_receipt,
    adjust,
    record_spending,
    release_set_aside,
    reverse_entry,
    set_aside,
)
from pricing.budgets.services.money_in import (
    record_clawback,
    record_payments_due,
    record_repayment,
)
from pricing.budgets.services.setup import (
    LineInput,
    OutcomeInput,
    accept_invitation,
    invite,
    new_version,
    set_up_budget,
)
from pricing.budgets.services.staff import (
    record_consent,
    record_exception,
    record_review,
    set_approval_limit,
)
from pricing.budgets.services.third_party import (
    accept_third_party_invitation,
    invite_third_party,
    remove_third_party,
    resend_third_party_invitation,
)

__all__ = [
    "BudgetError",
    "LineInput",
    "OutcomeInput",
    "accept_invitation",
    "accept_third_party_invitation",
    "add_receipt",
    "adjust",
    "fund_booking",
    "invite",
    "invite_third_party",
    "lock_budget",
    "new_version",
    "record_clawback",
    "record_consent",
    "record_exception",
    "record_payments_due",
    "record_repayment",
    "record_review",
    "record_spending",
    "release_set_aside",
    "remove_third_party",
    "resend_third_party_invitation",
    "reverse_entry",
    "set_aside",
    "set_approval_limit",
    "set_up_budget",
    "settle_booking",
]
