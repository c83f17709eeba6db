"""The worked example built through the services and read back from the database gives
the same figures to the penny, in a handful of queries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pricing.costing.enums import CostingStatus, DirectCostKind, OverheadPool
from pricing.costing.models import CostLine
from pricing.costing.selectors import work_out_costing
from pricing.costing.services import save_line, save_service

pytestmark = pytest.mark.django_db
D = Decimal


def test_the_stored_worked_example_works_out_to_the_penny(costing, swim, respite):
    assert costing.status == CostingStatus.DRAFT
    assert costing.label == "2026 to 2027, version 1"
    result = work_out_costing(costing)
    assert result.problems == []
    assert result.service(swim.pk).unit_cost == D("52.22")
    assert result.service(respite.pk).unit_cost == D("23.27")
    assert result.service(swim.pk).full_cost == D("15666.24")
    assert result.service(respite.pk).full_cost == D("69333.76")
    assert result.whole_budget == D("85000.00")
    assert result.services_total == D("85000.00")
    assert [p.shared for p in result.pools] == [
        D("6000.00"),
        D("7000.00"),
        D("2500.00"),
        D("1500.00"),
    ]


def test_working_out_costs_a_fixed_handful_of_queries_however_big(costing, provider):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            work_out_costing(costing)
        return len(captured)

    small = queries()
    for number in range(28):
        service = save_service(
            costing=costing,
            by=provider,
            name=f"Group {number}",
            unit_label="place",
            units_method="sessions",
            sessions=D("30"),
            places=D("8"),
            occupancy_percent=D("80"),
            headcount=D("1"),
            staff_time=D("100"),
        )
        for _ in range(6):
            save_line(
                costing=costing,
                by=provider,
                service=service,
                kind=DirectCostKind.STAFF_PAY,
                amount=D("1000.00"),
            )
    for _ in range(20):
        save_line(costing=costing, by=provider, pool=OverheadPool.CENTRAL, amount=D("10.00"))
    assert CostLine.objects.filter(costing=costing).count() > 200
    assert queries() == small <= 3
