"""A family's share of a shared booking paid from its child's personal budget.

The money is committed in the transaction that holds the share (refused, nothing is
joined); from the direct payment by card the share is paid on the card page as any
other; on invoice, or paid by the council, it counts as in at once, unless the council
has still to approve it: then it is in only once approved, and a refusal frees the share
for the family to join again and pay another way. The ledger follows the group: released
or refunded, the money comes back to the budget. The council's share is invoiced to the
council, for the child.
"""

from __future__ import annotations

from decimal import Decimal as D
from typing import Any

import pytest

from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.budgets.enums import ApprovalStatus, EntryKind, SharedStatus, ShareStatus
from pricing.budgets.models import BookingFunding, LedgerEntry
from pricing.budgets.services import BudgetError
from pricing.budgets.services.approvals import approve_booking, refuse_booking
from pricing.invoices.selectors import booking_invoice
from pricing.payments.models import PaymentStatus
from pricing.sharing.services import (
    PayFrom,
    SharingError,
    cancel_shared,
    release_due,
)
from tests.pricing.budgets.conftest import (  # noqa: F401  (fixtures used by these tests)
    council,
    make_budget,
    officer,
    pfa_outcome,
)
from tests.pricing.budgets.test_approvals import ADDRESS
from tests.pricing.budgets.test_funding import budget_with, money, pot

pytestmark = pytest.mark.django_db
DIRECT = "direct_payment"
COUNCIL = "council_managed"


def fresh(obj):
    return type(obj).objects.get(pk=obj.pk)


@pytest.fixture(autouse=True)
def _council_address(settings):
    settings.COUNCIL_INVOICE_ADDRESS = ADDRESS
    settings.COUNCIL_INVOICE_EMAIL = "payments@northbridge.example"


@pytest.fixture
def direct(make_budget):  # noqa: F811
    """Amira's direct payment, with exactly £100 available."""
    return budget_with(make_budget, DIRECT, "100.00")


def council_pot(make: Any, limit: str):
    """£200 available in Amira's council-managed pot, approved at once up to `limit`."""
    return budget_with(make, COUNCIL, "200.00", approval_limit=D(limit))


def paying(budget, held_as: str = DIRECT) -> PayFrom:
    return PayFrom(budget=budget, held_as=held_as, outcome_key="make-friends")


def test_a_share_on_invoice_from_the_direct_payment_is_committed_and_counts_at_once(
    family, child, group_session, start, direct
):
    started = start(family, child, children=2, method="invoice", pay_from=paying(direct))
    share = started.shared.shares.get(booking=started.booking)
    assert share.status == ShareStatus.PAID
    funding = BookingFunding.objects.get(booking=started.booking)
    assert (funding.held_as, funding.outcome_key) == (DIRECT, "make-friends")
    assert money(pot(direct)) == (D("0.00"), D("40.00"), D("60.00"))


def test_a_share_by_card_from_the_direct_payment_is_paid_on_the_card_page(
    family, child, other, group_session, start, join, pay, direct,
    django_capture_on_commit_callbacks,
):  # fmt: skip
    ruth, tobi = other
    started = start(family, child, children=2, method="card", pay_from=paying(direct))
    share = started.shared.shares.get(booking=started.booking)
    assert share.status == ShareStatus.JOINED  # not in until the card is paid
    assert money(pot(direct)) == (D("0.00"), D("40.00"), D("60.00"))
    with django_capture_on_commit_callbacks(execute=True):
        assert pay(started.booking) == PaymentStatus.SUCCEEDED
    assert fresh(share).status == ShareStatus.PAID
    assert money(pot(direct)) == (D("40.00"), D("0.00"), D("60.00"))
    with django_capture_on_commit_callbacks(execute=True):
        join(started, ruth, tobi, method="invoice")
    assert fresh(started.shared).status == SharedStatus.CONFIRMED
    assert money(pot(direct)) == (D("40.00"), D("0.00"), D("60.00"))


def test_the_council_pays_a_share_within_its_limit_and_is_invoiced_for_the_child(
    family, child, other, group_session, start, join, make_budget,  # noqa: F811
    django_capture_on_commit_callbacks,
):  # fmt: skip
    ruth, tobi = other
    managed = council_pot(make_budget, "50.00")
    started = start(family, child, children=2, method="invoice", pay_from=paying(managed, COUNCIL))
    assert started.shared.shares.get(booking=started.booking).status == ShareStatus.PAID
    assert BookingFunding.objects.get(booking=started.booking).approval == ApprovalStatus.APPROVED
    with django_capture_on_commit_callbacks(execute=True):
        join(started, ruth, tobi, method="invoice")
    assert fresh(started.shared).status == SharedStatus.CONFIRMED
    ours = booking_invoice(group_session.offer.organisation_id, started.booking.reference)
    assert ours is not None
    assert ours.customer_name == "Northbridge Borough Council, for Amira"
    assert (ours.customer_address, ours.customer_email) == (
        ADDRESS,
        "payments@northbridge.example",
    )
    assert ours.gross_total == D("40.00")
    theirs = booking_invoice(
        group_session.offer.organisation_id,
        started.shared.shares.get(family=ruth).booking.reference,
    )
    assert theirs is not None and theirs.customer_name == "Ruth"
    assert money(pot(managed, COUNCIL)) == (D("0.00"), D("40.00"), D("160.00"))


def test_a_share_waiting_for_approval_is_in_only_once_approved(
    family, child, other, group_session, start, join, make_budget, officer,  # noqa: F811
    mailoutbox, django_capture_on_commit_callbacks,
):  # fmt: skip
    ruth, tobi = other
    strict = council_pot(make_budget, "0.00")
    started = start(family, child, children=2, method="invoice", pay_from=paying(strict, COUNCIL))
    share = started.shared.shares.get(booking=started.booking)
    assert share.status == ShareStatus.JOINED
    assert money(pot(strict, COUNCIL)) == (D("0.00"), D("40.00"), D("160.00"))
    with django_capture_on_commit_callbacks(execute=True):
        join(started, ruth, tobi, method="invoice")
    # Every other share is in, but the money for this one is not sure yet.
    assert fresh(started.shared).status == SharedStatus.COLLECTING

    funding = BookingFunding.objects.get(booking=started.booking)
    with django_capture_on_commit_callbacks(execute=True):
        approve_booking(funding=funding, by=officer)
    assert fresh(share).status == ShareStatus.PAID
    assert fresh(started.shared).status == SharedStatus.CONFIRMED
    assert fresh(started.booking).status == BookingStatus.CONFIRMED
    assert any("confirmed" in m.subject.lower() and m.to == [family.email] for m in mailoutbox)


def test_an_approval_whose_next_step_was_lost_is_counted_by_the_deadline_job(
    family,
    child,
    group_session,
    start,
    make_budget,  # noqa: F811
    officer,  # noqa: F811
):
    strict = council_pot(make_budget, "0.00")
    started = start(family, child, children=2, method="invoice", pay_from=paying(strict, COUNCIL))
    # Approved without running what waits for the commit (the process stopped there).
    approve_booking(funding=BookingFunding.objects.get(booking=started.booking), by=officer)
    share = started.shared.shares.get(booking=started.booking)
    assert fresh(share).status == ShareStatus.JOINED
    release_due(now=started.shared.created_at)
    assert fresh(share).status == ShareStatus.PAID


def test_a_refused_share_is_free_again_for_the_family_to_pay_another_way(
    family, child, group_session, start, join, make_budget, officer,  # noqa: F811
    mailoutbox, django_capture_on_commit_callbacks,
):  # fmt: skip
    strict = council_pot(make_budget, "0.00")
    started = start(family, child, children=2, method="invoice", pay_from=paying(strict, COUNCIL))
    share = started.shared.shares.get(booking=started.booking)
    funding = BookingFunding.objects.get(booking=started.booking)
    with django_capture_on_commit_callbacks(execute=True):
        refuse_booking(funding=funding, by=officer, reason="Not an agreed provider")
    share = fresh(share)
    assert (share.status, share.booking_id, share.child_id) == (ShareStatus.INVITED, None, None)
    assert share.email == family.email  # still kept for the same family
    assert fresh(started.booking).status == BookingStatus.CANCELLED
    assert fresh(started.shared).status == SharedStatus.COLLECTING
    assert money(pot(strict, COUNCIL)) == (D("0.00"), D("0.00"), D("200.00"))
    freed = next(
        m for m in mailoutbox if m.subject == "Your share of the shared booking is not paid yet"
    )
    assert freed.to == [family.email] and "£40" in freed.body and "still kept" in freed.body

    again = join(started, family, child, method="invoice")  # paying another way now
    assert again.pk == share.pk and fresh(again).status == ShareStatus.PAID
    assert not BookingFunding.objects.filter(booking=again.booking).exists()


def test_a_group_released_at_its_deadline_gives_the_money_back_to_the_budget(
    family, child, group_session, start, direct, django_capture_on_commit_callbacks
):
    started = start(family, child, children=2, method="invoice", pay_from=paying(direct))
    assert money(pot(direct)) == (D("0.00"), D("40.00"), D("60.00"))
    with django_capture_on_commit_callbacks(execute=True):
        assert release_due(now=started.shared.deadline) == 1
    assert fresh(started.booking).status == BookingStatus.EXPIRED
    assert money(pot(direct)) == (D("0.00"), D("0.00"), D("100.00"))
    kinds = list(
        LedgerEntry.objects.filter(booking=started.booking)
        .order_by("pk")
        .values_list("kind", "amount")
    )
    assert kinds == [(EntryKind.COMMITMENT, D("40.00")), (EntryKind.COMMITMENT, D("-40.00"))]


def test_a_share_refunded_when_the_group_is_cancelled_is_credited_back(
    family, child, group_session, start, pay, direct, django_capture_on_commit_callbacks
):
    started = start(family, child, children=2, method="card", pay_from=paying(direct))
    with django_capture_on_commit_callbacks(execute=True):
        pay(started.booking)
    assert money(pot(direct)) == (D("40.00"), D("0.00"), D("60.00"))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_shared(shared=started.shared, by=family, now=started.shared.created_at)
    booking = fresh(started.booking)
    assert booking.amount_refunded == D("40.00")
    assert money(pot(direct)) == (D("0.00"), D("0.00"), D("100.00"))
    assert LedgerEntry.objects.filter(
        booking=booking, kind=EntryKind.REFUND, amount=D("40.00")
    ).exists()


def test_a_share_the_budget_cannot_pay_for_is_refused_and_nothing_is_joined(
    family,
    child,
    other,
    group_session,
    start,
    join,
    make_budget,  # noqa: F811
):
    short = budget_with(make_budget, DIRECT, "30.00")
    with pytest.raises(BudgetError, match="This costs £40 but only £30 of the budget"):
        start(family, child, children=2, method="invoice", pay_from=paying(short))
    assert not Booking.objects.exists()
    assert money(pot(short)) == (D("0.00"), D("0.00"), D("30.00"))


def test_the_council_pays_only_on_invoice(
    family,
    child,
    group_session,
    start,
    make_budget,  # noqa: F811
):
    managed = council_pot(make_budget, "50.00")
    with pytest.raises(SharingError, match="pays on the provider's invoice"):
        start(family, child, children=2, method="card", pay_from=paying(managed, COUNCIL))
    assert not Booking.objects.exists()
    assert money(pot(managed, COUNCIL)) == (D("0.00"), D("0.00"), D("200.00"))
