"""Learning from decisions: the panel's final amounts against the indicative ones, grouped
by band, by funding stream and by level of need, so the council sees where the tool under-
or over-estimates (the pathfinder evaluation warns it often underestimates some children's
needs).

One row per stream decision of a decided assessment. Its band is the band the
questionnaire put that stream in ("No band" when only costed provision asked for money);
its need level is the highest need level among the answers chosen in the assessment.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from localoffer.core.money import round_money
from pricing.allocation.enums import AssessmentStatus, NeedLevel
from pricing.allocation.models import Answer, StreamDecision, StreamResult
from pricing.budgets.enums import Stream

NEED_ORDER = {level: index for index, level in enumerate(NeedLevel.values)}
NO_BAND = "No band"


@dataclass(frozen=True)
class Decided:
    """One stream decision, with what it is grouped by."""

    stream: str
    band: str
    need: str
    indicative: Decimal
    final: Decimal


@dataclass(frozen=True)
class Group:
    label: str
    count: int
    indicative_total: Decimal
    final_total: Decimal

    @property
    def average_indicative(self) -> Decimal:
        return round_money(self.indicative_total / self.count)

    @property
    def average_final(self) -> Decimal:
        return round_money(self.final_total / self.count)

    @property
    def average_difference(self) -> Decimal:
        """Final less indicative, on average: above zero, the tool underestimated."""
        return round_money((self.final_total - self.indicative_total) / self.count)

    @property
    def percent_difference(self) -> Decimal | None:
        """The difference as a percentage of the indicative total (none when it is £0)."""
        if self.indicative_total == 0:
            return None
        change = (self.final_total - self.indicative_total) * 100 / self.indicative_total
        return change.quantize(Decimal("0.1"))


def decided_rows(council: Any = None) -> list[Decided]:
    """Every stream decision of a decided assessment, in three queries."""
    decisions = StreamDecision.objects.filter(assessment__status=AssessmentStatus.DECIDED)
    if council is not None:
        decisions = decisions.filter(assessment__council=council)
    decisions_list = list(
        decisions.only("assessment_id", "stream", "indicative_amount", "final_amount")
    )
    ids = {d.assessment_id for d in decisions_list}
    bands = {
        (r.assessment_id, r.stream): r.band_name
        for r in StreamResult.objects.filter(assessment__in=ids).only(
            "assessment_id", "stream", "band_name"
        )
    }
    need: dict[int, str] = {}
    for assessment_id, level in Answer.objects.filter(assessment__in=ids).values_list(
        "assessment_id", "descriptor__need_level"
    ):
        if NEED_ORDER[level] >= NEED_ORDER.get(need.get(assessment_id, ""), -1):
            need[assessment_id] = level
    return [
        Decided(
            stream=d.stream,
            band=bands.get((d.assessment_id, d.stream), NO_BAND),
            need=need.get(d.assessment_id, NeedLevel.NONE),
            indicative=d.indicative_amount,
            final=d.final_amount,
        )
        for d in decisions_list
    ]


def _group(rows: Iterable[Decided], key: Callable[[Decided], tuple[Any, str]]) -> list[Group]:
    found: dict[tuple[Any, str], list[Decided]] = defaultdict(list)
    for row in rows:
        found[key(row)].append(row)
    return [
        Group(
            label=label,
            count=len(items),
            indicative_total=sum((i.indicative for i in items), Decimal(0)),
            final_total=sum((i.final for i in items), Decimal(0)),
        )
        for (_order, label), items in sorted(found.items())
    ]


def _stream_order(stream: str) -> int:
    return Stream.values.index(stream)


def by_stream(rows: list[Decided]) -> list[Group]:
    return _group(rows, lambda r: (_stream_order(r.stream), Stream(r.stream).label))


def by_band(rows: list[Decided]) -> list[Group]:
    """Bands are a stream's own, so each is named with its stream: "Band C, Education"."""

    def key(r: Decided) -> tuple[Any, str]:
        short = Stream(r.stream).label.split(" (")[0]
        return ((_stream_order(r.stream), r.band == NO_BAND, r.band), f"{r.band}, {short}")

    return _group(rows, key)


def by_need(rows: list[Decided]) -> list[Group]:
    return _group(rows, lambda r: (NEED_ORDER[r.need], NeedLevel(r.need).label))
