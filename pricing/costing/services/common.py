"""What every write of a costing shares: its error, audit action names, the membership
check and the lock on a draft."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from localoffer.core.transitions import DomainError, lock
from pricing.costing.models import FINAL_MESSAGE, Costing
from providers.organisations.access import is_organisation_member

ACTION_START = "pricing.costing_start"
ACTION_SERVICE_SAVE = "pricing.costing_service_save"
ACTION_SERVICE_REMOVE = "pricing.costing_service_remove"
ACTION_LINE_SAVE = "pricing.costing_line_save"
ACTION_LINE_REMOVE = "pricing.costing_line_remove"
ACTION_DRIVER_SET = "pricing.costing_driver_set"
ACTION_FINALISE = "pricing.costing_finalise"
ACTION_PRICE_PROPOSED = "pricing.costing_price_proposed"

LOG_ACTIONS = {
    ACTION_START: "Costing started",
    ACTION_SERVICE_SAVE: "Costed service saved",
    ACTION_SERVICE_REMOVE: "Costed service removed",
    ACTION_LINE_SAVE: "Cost line saved",
    ACTION_LINE_REMOVE: "Cost line removed",
    ACTION_DRIVER_SET: "Overhead driver chosen",
    ACTION_FINALISE: "Costing saved as a version",
    ACTION_PRICE_PROPOSED: "Price from a costing sent to the council",
}

# The largest amounts the columns hold (12 digits with 2 places; 10 with 2).
MAX_MONEY = Decimal("9999999999.99")
MAX_COUNT = Decimal("99999999.99")


class CostingError(DomainError):
    """A costing change the rules refuse; the message is for the provider.

    `problems` lists, in plain words, what stops a costing being worked out in full.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        code: str | None = None,
        problems: list[str] | None = None,
    ):
        super().__init__(message, field=field, code=code)
        self.problems = problems or []


def require_member(user: Any, organisation: Any) -> None:
    # Views check this too; the service checks again so no other caller can skip it.
    if not is_organisation_member(user, organisation):
        raise CostingError("Only the organisation's own team can change its costings.")


def lock_draft(costing: Costing) -> Costing:
    """The costing's row locked until the transaction ends, refused if it is saved."""
    locked = lock(costing)
    if locked.is_final:
        raise CostingError(FINAL_MESSAGE)
    return locked


def decimal_in(
    value: Any, *, field: str, name: str, maximum: Decimal, required: bool = True
) -> Decimal | None:
    """`value` as a Decimal from 0 to `maximum` with at most two places, or a refusal."""
    if value is None or value == "":
        if required:
            raise CostingError(f"Enter {name}.", field=field)
        return None
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise CostingError(f"Enter {name} as a number.", field=field) from None
    if not number.is_finite() or number < 0:
        raise CostingError(f"Enter {name} of 0 or more.", field=field)
    if number > maximum:
        raise CostingError(f"Enter {name} of {int(maximum):,} or less.", field=field)
    if number != number.quantize(Decimal("0.01")):
        raise CostingError(f"Enter {name} with no more than 2 decimal places.", field=field)
    return number.quantize(Decimal("0.01"))
