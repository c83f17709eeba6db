"""Collecting the shares: a share paid (or committed), a card refused, and confirming the
group once every share is in.

A share's booking is an ordinary booking, paid on the ordinary card page, but it is not
confirmed on its own: the bookings layer asks this module first (`SharedBookingGate`, a
confirmation gate registered in `PricingConfig.ready()`), inside the transaction that
moved the payment. A card paid marks the share paid; when every share is paid before
the deadline, every booking of the group is confirmed in that same transaction, each
with its own family's invoice and receipt (`confirm_booking`). A card refused leaves the
share unpaid and the place held, so the family can try another card until the deadline.

A share paid on invoice counts as in as soon as it is held (`share_in_now`): the family
has committed to pay the provider's invoice, or the council (or a third party) pays it
from the child's personal budget. Above the budget's approval limit, a share the council
or third party pays is not in until it is approved (`funding_decided`, told by the
budgets layer once the decision has committed), so the group is confirmed only when its
money is sure; a refusal frees the share again (`hooks.booking_moved`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from pricing.bookings.models import Booking
from pricing.bookings.services.common import BookingError, RefundDue, refundable
from pricing.bookings.services.holding import confirm_booking
from pricing.bookings.services.paying import give_back
from pricing.budgets.enums import ApprovalStatus, SharedStatus, ShareStatus
from pricing.budgets.models import BookingFunding
from pricing.payments.models import Payment, PaymentMethod, PaymentStatus
from pricing.payments.services import PaymentError
from pricing.sharing import notifications
from pricing.sharing.models import Share, SharedBooking
from pricing.sharing.services.common import SharingError, audit, lock_shared, move_shared

SH = SharedStatus


def refund_key(booking: Booking) -> str:
    """One refund per share's booking, whichever path gives the money back."""
    return f"shared-booking-{booking.pk}-refund"


def share_in_now(booking: Booking) -> bool:
    """Whether a share's booking counts as paid as soon as it is held: free, or paid on
    invoice, unless the personal budget paying it waits for its payer's approval."""
    if booking.total == 0:
        return True
    if booking.method != PaymentMethod.INVOICE:
        return False
    return not BookingFunding.objects.filter(
        booking_id=booking.pk, approval=ApprovalStatus.PENDING
    ).exists()


def funding_decided(funding_id: int) -> None:
    """The budgets layer's listener: a booking's funding was decided (and committed).

    Approved, a share waiting for it is in now, and the group confirmed if it was the
    last. It runs in a transaction of its own, after the decision's, so the group's row
    is locked first, as everywhere else, never after the budget's.
    """
    funding = BookingFunding.objects.filter(pk=funding_id).first()
    if funding is None:
        return
    share = Share.objects.filter(booking_id=funding.booking_id).first()
    if share is None:
        return
    with transaction.atomic():
        shared = lock_shared(share.shared_id)
        share = Share.objects.select_related("booking").get(pk=share.pk)
        booking = share.booking
        if shared.status != SH.COLLECTING or share.status != ShareStatus.JOINED:
            return
        if booking is not None and booking.pk == funding.booking_id and share_in_now(booking):
            commit_share(shared, share, now=timezone.now(), by=None)


def commit_share(shared: SharedBooking, share: Share, *, now: dt.datetime, by: Any) -> None:
    """The share is paid by card, or committed to be paid on invoice: mark it, tell the
    family, and confirm the group if it was the last. `shared` must be locked."""
    if share.status == ShareStatus.PAID:
        return
    share.status = ShareStatus.PAID
    share.paid_at = now
    share.save(update_fields=["status", "paid_at"])
    booking = share.booking
    audit(
        shared,
        "share_paid",
        by=by,
        data={"share": share.pk, "booking": booking.reference if booking else ""},
    )
    if now < shared.deadline and not confirm_if_complete(shared, now=now, by=by):
        notifications.tell_share_paid(shared, share)


def confirm_if_complete(shared: SharedBooking, *, now: dt.datetime, by: Any = None) -> bool:
    """Confirm the group if every share is paid and the deadline has not passed.

    Every booking is confirmed or none is: a savepoint undoes them all (and their emails)
    if one cannot be (its provider stopped taking invoices since, say). The group then
    stays collecting, and is released at the deadline with every payment refunded.
    """
    if shared.status != SH.COLLECTING or now >= shared.deadline:
        return False
    shares = list(shared.shares.select_related("booking").order_by("pk"))
    if not shares or any(s.status != ShareStatus.PAID or s.booking is None for s in shares):
        return False
    try:
        with transaction.atomic():
            confirmed = move_shared(
                shared, SH.CONFIRMED, by=by, event="confirmed", changes={"confirmed_at": now}
            )
            for share in shares:
                assert share.booking is not None
                if not confirm_booking(booking=share.booking, now=now, by=by).confirmed:
                    raise SharingError(f"Booking {share.booking.reference} has no place.")
    except (BookingError, SharingError) as error:
        audit(shared, "not_confirmed", by=by, data={"problem": str(error)})
        return False
    shared.status = confirmed.status
    notifications.tell_confirmed(confirmed)
    return True


class SharedBookingGate:
    """The bookings layer's confirmation gate for the bookings of shared bookings."""

    def manages(self, booking: Booking) -> bool:
        # A confirmed group's bookings are ordinary bookings from then on (an invoice paid
        # later, a cancellation); before that, and after a group ended, they are ours.
        return (
            Share.objects.filter(booking_id=booking.pk)
            .exclude(shared__status=SH.CONFIRMED)
            .exists()
        )

    def payment_changed(self, booking: Booking, payment: Payment) -> None:
        share_payment_moved(booking=booking, payment=payment, now=timezone.now())


def share_payment_moved(*, booking: Booking, payment: Payment, now: dt.datetime) -> None:
    """A share's payment succeeded or failed (inside the payment's transaction).

    Paid while collecting: the share is paid (after the deadline too: the deadline job
    then refunds it with the rest). Paid after the group ended: refunded in full at once.
    Refused while collecting: the share stays unpaid, the place held; the family is told
    it can try again.
    """
    share = Share.objects.get(booking_id=booking.pk)
    shared = lock_shared(share.shared_id)
    share = Share.objects.select_related("booking", "family").get(pk=share.pk)
    if payment.status == PaymentStatus.SUCCEEDED:
        if shared.status == SH.COLLECTING:
            commit_share(shared, share, now=now, by=None)
        elif shared.status in (SH.RELEASED, SH.CANCELLED):
            refund_share(shared, share, reason="Paid after the shared booking ended")
    elif payment.status == PaymentStatus.FAILED and shared.status == SH.COLLECTING:
        audit(shared, "card_failed", by=None, data={"share": share.pk})
        notifications.tell_card_failed(shared, share, payment.failure_message)


def refund_share(shared: SharedBooking, share: Share, *, reason: str) -> None:
    """Owe back everything paid on the share's booking and refund it now.

    Called with the shared booking locked, for a booking whose hold has already ended
    (so it is not cancelled again): only the money moves.
    """
    booking_id = share.booking_id
    assert booking_id is not None  # only shares with a booking are paid
    booking = (
        Booking.objects.select_for_update(of=("self",)).select_related("payment").get(pk=booking_id)
    )
    owed = refundable(booking)
    if owed <= 0:
        return
    booking.refund_owed += owed
    booking.save(update_fields=["refund_owed"])
    share.status = ShareStatus.REFUNDED
    share.save(update_fields=["status"])
    audit(shared, "refund_owed", by=None, data={"share": share.pk, "amount": str(owed)})
    # A refusal leaves it owed on the booking, where finance officers and the job find it.
    with contextlib.suppress(PaymentError):
        give_back(
            RefundDue(booking=booking, payment=booking.payment, amount=owed, reason=reason),
            key=refund_key(booking),
        )
