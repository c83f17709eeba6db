"""The family's view of a completed assessment: the stored working put into plain English,
the costed provision and the panel's decision.

Every figure comes from the rows written when the assessment was completed
(`DomainScore`, `StreamResult`) or decided (`StreamDecision`), never worked out again, so
what the family reads is what the council decided on, whatever the questionnaire has
become since. The sentences are built here, not in the template, so a test can read them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from localoffer.core.money import format_pounds
from pricing.allocation.enums import TIMES_A_YEAR, AssessmentStatus, Frequency
from pricing.allocation.models import Assessment, DomainScore, StreamDecision, StreamResult
from pricing.budgets.enums import HeldAs, Stream

# The streams in the words of a sentence ("Band C for education").
STREAM_WORDS: dict[str, str] = {
    Stream.EDUCATION: "education",
    Stream.SOCIAL_CARE: "social care",
    Stream.HEALTH: "health",
}
SHARE_WORDS = {100: "all", 50: "half", 25: "a quarter", 75: "three quarters"}
# Stages at which the working is fixed and may be shown to the family.
WORKING_SHOWN = frozenset(
    {AssessmentStatus.COMPLETED, AssessmentStatus.AT_PANEL, AssessmentStatus.DECIDED}
)


def points(value: Decimal) -> str:
    """Points as people write them: "8", "8.8", "8.75"."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return text or "0"


def _point_word(value: Decimal) -> str:
    return "point" if value == 1 else "points"


@dataclass(frozen=True)
class DomainRow:
    name: str
    raw_score: int
    shares: dict[str, int]  # stream -> percent, only the streams it counts towards

    @property
    def sentence(self) -> str:
        return f"Your answers in ‘{self.name}’ scored {self.raw_score}."

    @property
    def counts_towards(self) -> str:
        parts = [f"{percent}% {STREAM_WORDS[s]}" for s, percent in self.shares.items()]
        return ", ".join(parts) if parts else "None"


@dataclass(frozen=True)
class StreamRow:
    result: StreamResult
    sentences: tuple[str, ...]

    @property
    def label(self) -> str:
        return Stream(self.result.stream).label

    @property
    def shown(self) -> dict[str, str]:
        """The points as printed in the table beside the sentences."""
        return {
            "raw": points(self.result.raw_points),
            "percent": points(self.result.age_percent),
            "adjusted": points(self.result.adjusted_points),
            "band_from": points(self.result.band_from_points),
        }


@dataclass(frozen=True)
class Working:
    child_name: str
    age: int | None
    domains: tuple[DomainRow, ...]
    streams: tuple[StreamRow, ...]

    @property
    def total(self) -> Decimal:
        return sum((row.result.amount for row in self.streams), Decimal("0.00"))


def _share_phrase(percent: int, raw: int, stream_label: str) -> str:
    part = Decimal(raw) * percent / 100
    word = SHARE_WORDS.get(percent, f"{percent}%")
    return f"{word} of its {raw} ({points(part)} for {stream_label})"


def _stream_sentences(
    result: StreamResult, domains: list[DomainRow], child_name: str, age: int | None
) -> tuple[str, ...]:
    label = STREAM_WORDS[result.stream]
    sources = [
        f"‘{d.name}’ counts {_share_phrase(d.shares[result.stream], d.raw_score, label)}"
        for d in domains
        if result.stream in d.shares
    ]
    sentences = []
    if sources:
        sentences.append(f"For {label}: " + "; ".join(sources) + ".")
    sentences.append(
        f"Together that makes {points(result.raw_points)} "
        f"{_point_word(result.raw_points)} for {label}."
    )
    if result.age_percent != 100:
        because = f"Because {child_name} is {age}" if age is not None else "For this age"
        sentences.append(
            f"{because}, the score counts {points(result.age_percent)}%: "
            f"{points(result.adjusted_points)} {_point_word(result.adjusted_points)}. "
            "A younger child gets some of the same care any child of their age would, so "
            "the same answers mean less extra support."
        )
    else:
        sentences.append(f"At {child_name}'s age the score counts in full (100%).")
    sentences.append(
        f"This puts {child_name} in {result.band_name} for {label} (from "
        f"{points(result.band_from_points)} points), which suggests "
        f"{format_pounds(result.amount)} a year."
    )
    return tuple(sentences)


def working(assessment: Assessment) -> Working:
    """The working of a completed assessment, from its stored rows."""
    child_name = assessment.child.first_name
    age = assessment.age_at_completion
    domains = [
        DomainRow(
            score.domain.name,
            score.raw_score,
            {s: p for s, p in score.domain.shares().items() if p},
        )
        for score in DomainScore.objects.filter(assessment=assessment).select_related("domain")
    ]
    streams = [
        StreamRow(result, _stream_sentences(result, domains, child_name, age))
        for result in StreamResult.objects.filter(assessment=assessment)
    ]
    order = {value: n for n, value in enumerate(Stream.values)}
    streams.sort(key=lambda row: order.get(row.result.stream, 99))
    return Working(child_name, age, tuple(domains), tuple(streams))


@dataclass
class OutcomeRow:
    description: str
    area: str
    lines: list[dict[str, object]] = field(default_factory=list)


@dataclass(frozen=True)
class Costed:
    outcomes: list[OutcomeRow]
    adjustments: list[dict[str, object]]
    totals: list[tuple[str, Decimal]]  # (stream label, total a year), with adjustments

    @property
    def total(self) -> Decimal:
        return sum((amount for _, amount in self.totals), Decimal("0.00"))


def _how_often(quantity: Decimal, unit: str, frequency: str) -> str:
    amount = points(quantity)
    if frequency == Frequency.ONCE:
        return f"{amount} {unit}, once"
    times = points(TIMES_A_YEAR[frequency])
    return f"{amount} {unit} {Frequency(frequency).label} ({times} times a year)"


def costed(assessment: Assessment) -> Costed:
    """The costed provision: the outcomes, what would meet each, and the totals per stream
    (the lines' yearly costs, moved up or down by the adjustments with their reasons).

    Summed here from the rows; `services.costing.costed_totals` (written in parallel) adds
    them up the same way for the coordinator and the panel.
    """
    totals: dict[str, Decimal] = defaultdict(lambda: Decimal("0.00"))
    outcomes = []
    for outcome in assessment.outcomes.select_related("area").prefetch_related("lines"):
        row = OutcomeRow(outcome.description, str(outcome.area))
        for line in outcome.lines.all():
            totals[line.stream] += line.annual_cost
            row.lines.append(
                {
                    "description": line.description,
                    "how_often": _how_often(line.quantity, line.unit, line.frequency),
                    "unit_price": line.unit_price,
                    "unit": line.unit,
                    "stream": Stream(line.stream).label,
                    "annual_cost": line.annual_cost,
                }
            )
        outcomes.append(row)
    adjustments = []
    for adjustment in assessment.adjustments.all():
        totals[adjustment.stream] += adjustment.amount
        adjustments.append(
            {
                "stream": Stream(adjustment.stream).label,
                "amount": adjustment.amount,
                "words": (
                    f"lowered by {format_pounds(-adjustment.amount)}"
                    if adjustment.amount < 0
                    else f"raised by {format_pounds(adjustment.amount)}"
                ),
                "reason": adjustment.reason,
            }
        )
    ordered = [(Stream(s).label, totals[s]) for s in Stream.values if s in totals]
    return Costed(outcomes, adjustments, ordered)


@dataclass(frozen=True)
class DecisionRow:
    stream: str
    indicative: Decimal
    costed: Decimal
    final: Decimal
    held_as: str
    reason: str
    differs: bool
    decided_at: datetime


def decisions(assessment: Assessment) -> list[DecisionRow]:
    rows = []
    for decision in StreamDecision.objects.filter(assessment=assessment):
        held = HeldAs(decision.held_as).label if decision.held_as else "Nothing to hold"
        if decision.held_as == HeldAs.THIRD_PARTY and decision.third_party_name:
            held = f"{held} ({decision.third_party_name})"
        rows.append(
            DecisionRow(
                stream=Stream(decision.stream).label,
                indicative=decision.indicative_amount,
                costed=decision.costed_amount,
                final=decision.final_amount,
                held_as=held,
                reason=decision.reason,
                differs=decision.final_amount != decision.indicative_amount,
                decided_at=decision.decided_at,
            )
        )
    return rows
