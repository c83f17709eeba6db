"""The finance officer's caseload beyond the demo family: the other demo families'
children (four with a warning the officer should act on: money unspent, spending above
what was paid in, receipts missing, a review due) and children whose families have been
invited but have not linked the budget yet."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from localoffer.demo.budget_setup import category, link, receipt, set_up
from localoffer.demo.clock import at, on
from pricing.budgets import services as budgets
from pricing.budgets.enums import HeldAs, Stream
from pricing.budgets.services.staff import record_review
from pricing.families.models import Child

D = Decimal
# Other children in the caseload whose families have been invited but not linked yet.
NOT_YET_LINKED = [
    ("Aisha", 7), ("Ben", 12), ("Chloe", 15), ("Dylan", 9), ("Erin", 17),
    ("Farah", 6), ("George", 11), ("Hamza", 14), ("Ivy", 8),
]  # fmt: skip


def ensure_caseload(council, officer, start, end, today) -> int:
    """The officer's other budgets: the other demo families' children, and some whose
    families have not linked them yet. Four carry a warning the officer should act on."""
    made = 0
    other_children = list(
        Child.objects.exclude(family__email="family@northbridge.example").order_by("pk")[:7]
    )
    for index, child in enumerate(other_children):
        amount = D("1300.00") + D(260 * index)
        budget = set_up(
            council, officer, child.first_name, child.date_of_birth, start, end,
            outcomes=[("friends", "Join in activities with other children",
                       "friends-relationships-community", "")],
            lines=[(Stream.SOCIAL_CARE, HeldAs.DIRECT_PAYMENT, str(amount))],
        )  # fmt: skip
        link(budget, child, child.family.email, officer)
        made += 1
        # Index 0 spends nothing (money unspent); 1 spends more than was paid in;
        # 2 spends without receipts; 3 had no first review (everyone has no review).
        spends = {0: [], 1: ["950.00"], 2: ["60.00", "35.00"], 3: ["80.00"]}.get(
            index, ["40.00", "40.00", "25.00"]
        )
        for n, value in enumerate(spends):
            day = start + dt.timedelta(days=40 + 45 * n)
            with on(at(day, 12)):
                budgets.record_payments_due(day)
                budgets.record_spending(
                    budget=budget,
                    by=child.family,
                    occurred_on=day,
                    payee="Northbridge Leisure Centre",
                    description="Activities",
                    amount=D(value),
                    outcome_key="friends",
                    category=category(council, "Short breaks"),
                    receipt=None if index in (1, 2) else receipt("Leisure Centre", value),
                )
        if index >= 4:
            with on(at(start + dt.timedelta(days=100), 10)):
                record_review(
                    budget=budget,
                    kind="first",
                    held_on=start + dt.timedelta(days=98),
                    notes="Going well.",
                    by=officer,
                )
    for name, age in NOT_YET_LINKED:
        dob = today.replace(year=today.year - age, day=1)
        budget = set_up(
            council, officer, name, dob, start, end,
            outcomes=[("independence", "Travel to college on my own", "independent-living", "")],
            lines=[(Stream.EDUCATION, HeldAs.DIRECT_PAYMENT, "1950.00")],
        )  # fmt: skip
        with on(at(start - dt.timedelta(days=10), 11)):
            budgets.invite(budget=budget, email=f"{name.lower()}.family@example.org", by=officer)
        made += 1
    return made
