"""Hours of support paid from a budget, when the provider offers other times.

The provider's other times may add up to more (or fewer) units than the family asked
for: `propose_times` changes the booking's total, and `settle_booking` (a booking
listener) moves the commitment with it whatever the budget has available, because the
provider must not learn anything about the budget from its answer being refused. The
family then decides: it may accept only if the budget can cover the new total
(`check_proposal`, registered with the bookings layer in `PricingConfig.ready()`);
otherwise it is told what the budget has, and withdrawing the request releases the
money.

Paid by the council or a third party, a new total above the budget's approval limit and
above what was asked for needs a decision again, even where the request was approved:
the approval was for the smaller amount. The booking is then confirmed as usual, and
waits for the decision as a session booking above the limit does.
"""

from __future__ import annotations

from decimal import Decimal

from localoffer.core.money import format_pounds
from pricing.bookings.models import Booking
from pricing.bookings.services.common import BookingError, price
from pricing.budgets.enums import APPROVAL_TRANSITIONS, ApprovalStatus, HeldAs
from pricing.budgets.figures import figures, figures_of
from pricing.budgets.models import BookingFunding, LedgerEntry, PersonalBudget
from pricing.budgets.services.common import audit, lock_budget

ZERO = Decimal("0.00")


def room_for(funding: BookingFunding, budget: PersonalBudget | None = None) -> Decimal:
    """What the booking's pot could pay for it now: what the pot has available, plus
    what is already committed to this booking (which counts against the pot too)."""
    budget = budget or funding.budget
    available = figures(budget, held_as=funding.held_as).available
    own = figures_of(LedgerEntry.objects.filter(booking_id=funding.booking_id)).committed
    return available + own


def check_proposal(booking: Booking) -> None:
    """Refuse to accept other times the budget cannot pay for (the booking is locked)."""
    funding = BookingFunding.objects.filter(booking_id=booking.pk).first()
    if funding is None:
        return
    budget = lock_budget(funding.budget_id)
    room = room_for(funding, budget)
    if booking.total > room:
        raise BookingError(
            f"This now costs {format_pounds(booking.total)} but only "
            f"{format_pounds(max(room, ZERO))} of the budget is available. Withdraw your "
            f"request, or ask {booking.offer.organisation.title} for times that cost less"
        )
    hours_request = getattr(booking, "hours_request", None)
    asked = (
        price(booking.offer, hours_request.units_asked, unit_price=booking.unit_price)
        if hours_request is not None
        else booking.total
    )
    if (
        funding.held_as != HeldAs.DIRECT_PAYMENT
        and ApprovalStatus.PENDING in APPROVAL_TRANSITIONS.get(funding.approval, frozenset())
        and booking.total > budget.approval_limit
        and booking.total > asked
    ):
        funding.approval = ApprovalStatus.PENDING
        funding.decided_by = None
        funding.decided_at = None
        funding.decision_reason = ""
        funding.save(update_fields=["approval", "decided_by", "decided_at", "decision_reason"])
        audit(
            budget,
            "booking_approval_again",
            by=booking.family,
            data={
                "booking": booking.reference,
                "amount": str(booking.total),
                "asked": str(asked),
            },
        )
