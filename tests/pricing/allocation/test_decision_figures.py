# ruff: noqa: F811  (the fixtures imported from panel_setup are the arguments of the tests)
"""Learning from decisions: the figures equal a hand calculation, and each chart has its
table."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from pricing.allocation.decision_figures import by_band, by_need, by_stream, decided_rows
from pricing.allocation.services.panel import decide_stream
from tests.html import soup_of
from tests.pricing.allocation.panel_setup import (
    case_at_panel,
    officer,  # noqa: F401 (fixture)
    seat,
)
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db

LOW = {"Communication and learning": 2, "Family and carers": 2}  # need levels up to low


@pytest.fixture
def decided(council, questionnaire, coordinator, child, officer, panel_member):
    """Two decided cases of 9-year-olds (80%):
    A (SCORES, highest need "high"): education Band B £1,000 -> £1,800; social care
      Band C £3,000 -> £3,000; health Band A £0 -> £0.
    B (LOW, highest "low"): education 4 -> 3.2 Band A £0 -> £500; social care 2 -> 1.6
      Band A £0 -> £0; health Band A £0 -> £0.
    One case still at panel is left out."""
    for stream in ("education", "social_care", "health"):
        seat(panel_member, council, stream, "10000")
    a = case_at_panel(council=council, coordinator=coordinator, child=child, officer=officer)
    b = case_at_panel(
        council=council,
        coordinator=coordinator,
        child=ChildFactory(family=child.family),
        officer=officer,
        scores=LOW,
    )
    case_at_panel(
        council=council,
        coordinator=coordinator,
        child=ChildFactory(family=child.family),
        officer=officer,
    )
    amounts = {
        a: {"education": "1800", "social_care": "3000", "health": "0"},
        b: {"education": "500", "social_care": "0", "health": "0"},
    }
    for case, finals in amounts.items():
        for stream, amount in finals.items():
            decide_stream(
                case,
                stream=stream,
                final_amount=Decimal(amount),
                held_as="direct_payment" if amount != "0" else "",
                third_party_name="",
                reason="Panel view",
                by=panel_member,
            )
    return a, b


def table(groups):
    return [
        (
            g.label,
            g.count,
            g.average_indicative,
            g.average_final,
            g.average_difference,
            g.percent_difference,
        )
        for g in groups
    ]


def test_by_stream_by_band_and_by_need_equal_a_hand_calculation(decided):
    rows = decided_rows()
    assert len(rows) == 6
    assert table(by_stream(rows)) == [
        # (1000 + 0) / 2, (1800 + 500) / 2, +650 average, +1300 / 1000 = +130%
        (
            "Education (high needs)",
            2,
            Decimal("500.00"),
            Decimal("1150.00"),
            Decimal("650.00"),
            Decimal("130.0"),
        ),
        ("Social care", 2, Decimal("1500.00"), Decimal("1500.00"), Decimal("0.00"), Decimal("0.0")),
        (
            "Health (personal health budget)",
            2,
            Decimal("0.00"),
            Decimal("0.00"),
            Decimal("0.00"),
            None,
        ),
    ]
    assert table(by_band(rows)) == [
        ("Band A, Education", 1, Decimal("0.00"), Decimal("500.00"), Decimal("500.00"), None),
        (
            "Band B, Education",
            1,
            Decimal("1000.00"),
            Decimal("1800.00"),
            Decimal("800.00"),
            Decimal("80.0"),
        ),
        ("Band A, Social care", 1, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), None),
        (
            "Band C, Social care",
            1,
            Decimal("3000.00"),
            Decimal("3000.00"),
            Decimal("0.00"),
            Decimal("0.0"),
        ),
        ("Band A, Health", 2, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"), None),
    ]
    assert table(by_need(rows)) == [
        ("Low need", 3, Decimal("0.00"), Decimal("166.67"), Decimal("166.67"), None),
        # (1000 + 3000 + 0) / 3 = 1333.33; (1800 + 3000) / 3 = 1600; +800 / 4000 = +20%
        (
            "Moderate need",
            3,
            Decimal("1333.33"),
            Decimal("1600.00"),
            Decimal("266.67"),
            Decimal("20.0"),
        ),
    ]


def test_the_page_draws_each_chart_with_its_table(decided, client_for):
    page = client_for("panel_member").get(reverse("panel_admin:figures"))
    assert page.status_code == 200
    soup = soup_of(page)
    sections = soup.select("main section")
    assert len(sections) == 3
    for section in sections:
        chart = section.select_one("svg[role=img]")
        assert chart is not None and chart.select_one("title") is not None
        rows = section.select("table tbody tr")
        assert rows and all(row.select_one("th[scope=row]") for row in rows)
    stream_rows = [r.get_text(" ", strip=True) for r in sections[1].select("tbody tr")]
    assert stream_rows[0] == "Education (high needs) 2 £500 £1,150 +£650 +130.0%"
