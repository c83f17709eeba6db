"""The demo's personal budgets: the demo family's three, and the finance officer's caseload.

Written through the same services as the site, on the dates they happened:

- Maya has a direct payment for social care, paid every 4 weeks since the start of the
  year, with a year of spending (receipts for most of it), money set aside for a summer
  short break, a first review held, and quarterly returns: the first accepted, the second
  sent and queried by the officer, the third made but not yet sent.
- Leo has a pooled budget: social care and health, both as a direct payment.
- Maya also has a council-managed education budget, which is to pay for two places on a
  Saturday session that the officer has still to approve (above the limit approved at
  once); the provider's invoice is made out to the council.
- Sam has started sharing the cost of a Saturday session with Ruth's family (joined) and
  is waiting for two more families.
- Ruth's son Tobi has a social care budget held by a third party, Northbridge Independent
  Living Trust, whose account (thirdparty@northbridge.example) has accepted the officer's
  invitation: one Saturday place it approved at once (within the £10 limit; its invoice is
  made out to the trust and emailed to that account), two more waiting for its decision.
- The finance officer's caseload is 20 budgets: the four above, one for each of the
  other demo families' children (some with a warning to act on: money unspent, spending
  above what was paid in, receipts missing, a review due) and some not yet linked by the
  families invited to see them.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Site

from localoffer.demo.budget_setup import category, hold, link, receipt, set_up
from localoffer.demo.caseload import ensure_caseload
from localoffer.demo.clock import at, on
from localoffer.demo.marketplace import SHARING_FAMILY
from pricing.bookings import services as bookings
from pricing.budgets import services as budgets
from pricing.budgets.enums import HeldAs, Stream
from pricing.budgets.models import PersonalBudget
from pricing.budgets.services.returns import (
    accept_return,
    make_return,
    query_return,
    submit_return,
)
from pricing.budgets.services.staff import record_consent, record_review
from pricing.families.models import Child
from pricing.invoices.services import save_customer_details
from pricing.offers.models import Session
from pricing.payments.models import PaymentMethod
from pricing.sharing import services as sharing

D = Decimal
# (payee, what for, amount, outcome, category, with a receipt)
MAYA_SPENDING = [
    ("Northbridge Riding for the Disabled", "Riding lesson", "28.00", 0, "Short breaks", True),
    ("Jo Clarke (personal assistant)", "4 hours at the leisure centre", "52.00", 0,
     "Personal assistant", True),
    ("Calm Kids Sensory Shop", "Weighted blanket", "64.99", 1, "Equipment", True),
    ("Northbridge Leisure Centre", "Swimming with a PA", "4.20", 0, "Short breaks", False),
    ("Jo Clarke (personal assistant)", "3 hours, baking at home", "39.00", 2,
     "Personal assistant", True),
    ("Northbridge Drama Club", "Half-term drama workshop", "45.00", 0, "Short breaks", False),
]  # fmt: skip


def ensure_demo_budgets(*, now: dt.datetime) -> dict[str, int]:
    """Write the budgets' story once; a second load finds it and adds nothing."""
    if PersonalBudget.objects.exists():
        return {}
    User = get_user_model()
    council = Site.objects.get(is_default_site=True)
    officer = User.objects.get(email="finance@northbridge.example")
    family = User.objects.get(email="family@northbridge.example")
    children = {child.first_name: child for child in Child.objects.filter(family=family)}
    maya, leo = children.get("Maya"), children.get("Leo")
    if maya is None or leo is None:
        return {}
    today = timezone.localdate(now)
    start = today.replace(month=1, day=1)
    if (today - start).days < 200:  # early in a year: the story needs three quarters
        start = start.replace(year=start.year - 1, month=4)
    end = start.replace(year=start.year + 1) - dt.timedelta(days=1)

    maya_budget = _maya_direct_payment(council, officer, family, maya, start, end, today)
    leo_budget = _leo_pooled(council, officer, family, leo, start, end, today)
    _maya_council_managed(council, officer, family, maya, start, end, now)
    _tobi_third_party(council, officer, start, end, now)
    others = ensure_caseload(council, officer, start, end, today)
    with on(at(today, 6)):
        budgets.record_payments_due(today)
    _returns(maya_budget, family, officer, start, today)
    del leo_budget
    shared = _shared_booking(family, maya, now)
    return {
        "personal budgets": PersonalBudget.objects.count(),
        "caseload budgets": others,
        "shared bookings": shared,
    }


def _shared_booking(family, maya: Child, now: dt.datetime) -> int:
    """Sam started sharing the cost of a Saturday session three weeks ahead with Ruth's
    family, which has joined; two more places are waiting for families to join."""
    User = get_user_model()
    ruth = User.objects.filter(email=SHARING_FAMILY).first()
    tobi = Child.objects.filter(family=ruth).first() if ruth else None
    session = (
        Session.objects.filter(
            offer__group_price__isnull=False, starts_at__gt=now + dt.timedelta(days=18)
        )
        .order_by("starts_at")
        .first()
    )
    if ruth is None or tobi is None or session is None:
        return 0
    started = sharing.start_shared_booking(
        organiser=family,
        child=maya,
        session=session,
        children=4,
        split="equal",
        deadline=sharing.default_deadline(session),
        method=PaymentMethod.INVOICE,
        now=now,
        invitees=["kerry.walsh@families.northbridge.example"],
    )
    sharing.join_shared_booking(
        token=started.token,
        family=ruth,
        child=tobi,
        method=PaymentMethod.INVOICE,
        now=now + dt.timedelta(minutes=5),
    )
    return 1


def _maya_direct_payment(council, officer, family, maya, start, end, today) -> PersonalBudget:
    budget = set_up(
        council, officer, maya.first_name, maya.date_of_birth, start, end,
        outcomes=[
            ("friends", "Make friends and join in activities outside school",
             "friends-relationships-community", ""),
            ("feelings", "Stay calm in busy, noisy places", "social-emotional-mental-health", ""),
            ("at-home", "Do more for myself at home", "independent-living", ""),
        ],
        lines=[(Stream.SOCIAL_CARE, HeldAs.DIRECT_PAYMENT, "2600.00")],
    )  # fmt: skip
    link(budget, maya, family.email, officer)
    keys = ["friends", "feelings", "at-home"]
    with on(at(start + dt.timedelta(days=20), 9)):
        record_consent(
            budget=budget,
            setting_name="Northbridge Primary School",
            given_by="Mrs A. Patel, head teacher",
            given_on=start + dt.timedelta(days=18),
            by=officer,
        )
    day = start + dt.timedelta(days=9)
    index = 0
    while day < today - dt.timedelta(days=3):
        payee, what, amount, outcome, kind, with_receipt = MAYA_SPENDING[index % len(MAYA_SPENDING)]
        with on(at(day, 12)):
            budgets.record_payments_due(day)
            budgets.record_spending(
                budget=budget,
                by=family,
                occurred_on=day,
                payee=payee,
                description=what,
                amount=D(amount),
                outcome_key=keys[outcome],
                category=category(council, kind),
                receipt=receipt(payee, amount) if with_receipt else None,
            )
        index += 1
        day += dt.timedelta(days=11)
    with on(at(start + dt.timedelta(days=95), 14)):
        record_review(
            budget=budget,
            kind="first",
            held_on=start + dt.timedelta(days=94),
            notes="The direct payment is working well. Maya enjoys riding; keep the PA hours.",
            by=officer,
        )
    with on(at(today - dt.timedelta(days=20), 19)):
        budgets.set_aside(
            budget=budget,
            purpose="A short break at the seaside in the summer holidays",
            amount=D("300.00"),
            until=end,
            by=family,
        )
    return budget


def _leo_pooled(council, officer, family, leo, start, end, today) -> PersonalBudget:
    budget = set_up(
        council, officer, leo.first_name, leo.date_of_birth, start, end,
        outcomes=[
            ("talk", "Tell people what I need, with my communication book",
             "communication-and-interaction", Stream.HEALTH),
            ("weekends", "Spend time with friends at weekends", "friends-relationships-community",
             Stream.SOCIAL_CARE),
        ],
        lines=[
            (Stream.SOCIAL_CARE, HeldAs.DIRECT_PAYMENT, "1560.00"),
            (Stream.HEALTH, HeldAs.DIRECT_PAYMENT, "1040.00"),
        ],
    )  # fmt: skip
    link(budget, leo, family.email, officer)
    spending = [
        (30, "Northbridge Speech and Language CIC", "Speech and language session", "55.00", "talk"),
        (75, "Saturday Club at the Hub", "Four Saturday clubs", "48.00", "weekends"),
        (140, "Northbridge Speech and Language CIC", "Speech and language session", "55.00",
         "talk"),
        (200, "Saturday Club at the Hub", "Four Saturday clubs", "48.00", "weekends"),
    ]  # fmt: skip
    for days, payee, what, amount, key in spending:
        day = start + dt.timedelta(days=days)
        if day >= today:
            continue
        with on(at(day, 12)):
            budgets.record_payments_due(day)
            budgets.record_spending(
                budget=budget,
                by=family,
                occurred_on=day,
                payee=payee,
                description=what,
                amount=D(amount),
                outcome_key=key,
                category=category(council, "Therapy" if key == "talk" else "Short breaks"),
                receipt=receipt(payee, amount),
            )
    return budget


def _maya_council_managed(council, officer, family, maya, start, end, now) -> PersonalBudget:
    budget = set_up(
        council, officer, maya.first_name, maya.date_of_birth, start, end,
        outcomes=[("ready-to-learn", "Feel calm and ready to learn at school",
                   "social-emotional-mental-health", "")],
        lines=[(Stream.EDUCATION, HeldAs.COUNCIL_MANAGED, "3000.00")],
        approval_limit=D("10.00"),
    )  # fmt: skip
    link(budget, maya, family.email, officer)
    # Two places on a Saturday session a month ahead (£13), above the £10 the officer
    # approves at once: confirmed, the money committed, waiting for the officer.
    session = (
        Session.objects.filter(
            offer__group_price__isnull=False, starts_at__gt=now + dt.timedelta(days=25)
        )
        .order_by("starts_at")
        .first()
    )
    if session is not None:
        budgets.record_payments_due(timezone.localdate(now))
        with transaction.atomic():
            booking = bookings.hold_places(
                family=family, child=maya, session=session, places=2,
                method=PaymentMethod.INVOICE, now=now,
            )  # fmt: skip
            budgets.fund_booking(
                booking=booking,
                budget=budget,
                held_as=HeldAs.COUNCIL_MANAGED,
                outcome_key="ready-to-learn",
                by=family,
            )
        bookings.confirm_booking(booking=booking, now=now, by=family)
    return budget


THIRD_PARTY_NAME = "Northbridge Independent Living Trust"
THIRD_PARTY_EMAIL = "thirdparty@northbridge.example"
THIRD_PARTY_ADDRESS = "Unit 4, Canal Wharf\nNorthbridge\nNB3 5TT"


def _tobi_third_party(council, officer, start, end, now) -> PersonalBudget | None:
    """Tobi's social care money is held by a trust with an account: a Saturday place
    within the £10 limit approved at once (invoiced to the trust), two places above it
    waiting for the trust's decision."""
    User = get_user_model()
    ruth = User.objects.filter(email=SHARING_FAMILY).first()
    holder = User.objects.filter(email=THIRD_PARTY_EMAIL).first()
    tobi = Child.objects.filter(family=ruth).first() if ruth else None
    if ruth is None or holder is None or tobi is None:
        return None
    budget = set_up(
        council, officer, tobi.first_name, tobi.date_of_birth, start, end,
        outcomes=[("friends", "Join in activities with other children at weekends",
                   "friends-relationships-community", "")],
        lines=[(Stream.SOCIAL_CARE, HeldAs.THIRD_PARTY, "1950.00")],
        approval_limit=D("10.00"),
        third_party_name=THIRD_PARTY_NAME,
    )  # fmt: skip
    link(budget, tobi, ruth.email, officer)
    hold(budget, holder, officer)
    # The address the trust's invoices print (HMRC: an invoice names its customer's).
    save_customer_details(user=holder, name=THIRD_PARTY_NAME, address=THIRD_PARTY_ADDRESS)
    session = (
        Session.objects.filter(
            offer__group_price__isnull=False, starts_at__gt=now + dt.timedelta(days=32)
        )
        .order_by("starts_at")
        .first()
    )
    if session is None:
        return budget
    budgets.record_payments_due(timezone.localdate(now))
    for places in (1, 2):  # £6.50 within the limit, then £13 above it
        with transaction.atomic():
            booking = bookings.hold_places(
                family=ruth, child=tobi, session=session, places=places,
                method=PaymentMethod.INVOICE, now=now,
            )  # fmt: skip
            budgets.fund_booking(
                booking=booking,
                budget=budget,
                held_as=HeldAs.THIRD_PARTY,
                outcome_key="friends",
                by=ruth,
            )
        bookings.confirm_booking(booking=booking, now=now, by=ruth)
    return budget


def _returns(budget: PersonalBudget, family, officer, start: dt.date, today: dt.date) -> None:
    """The first quarter's return accepted, the second sent and queried, the third made."""
    from pricing.budgets.schedule import quarters  # noqa: PLC0415

    ended = [q for q in quarters(start, start.replace(year=start.year + 1)) if q[1] < today]
    for number, (first, last) in enumerate(ended[:3]):
        sent_at = at(last + dt.timedelta(days=6), 20)
        with on(sent_at):
            ret = make_return(budget=budget, starts_on=first, by=family)
            if number == 2:
                continue  # made, not sent yet
            ret = submit_return(ret=ret, by=family, declared=True)
        with on(at(last + dt.timedelta(days=12), 10)):
            if number == 0:
                accept_return(ret=ret, by=officer)
            else:
                line = ret.lines.filter(entry__receipts__isnull=True).first()
                query_return(
                    ret=ret,
                    by=officer,
                    entry=line.entry if line is not None else None,
                    question="Please send the receipt for this, or tell me what it was for.",
                )
