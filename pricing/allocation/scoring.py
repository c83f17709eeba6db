"""The resource allocation system's arithmetic: from answers to an indicative budget.

1. Each domain's raw score is the sum of the scores of the descriptors chosen for its
   questions.
2. A stream's raw points are the sum, over the domains, of each domain's raw score times
   the share of that domain that counts towards the stream (for example 50% education).
3. The age adjustment: the points count the percentage set for the child's age.
4. The adjusted points fall in a band of the stream's funding matrix: the band with the
   highest starting point not above them. Its amount is the indicative budget for a year.

Points are kept to two decimal places, rounded half up at steps 2 and 3, so the working a
family reads adds up exactly as printed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pricing.allocation.models import Descriptor, QuestionnaireVersion
from pricing.budgets.enums import Stream

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


def round_points(points: Decimal) -> Decimal:
    return points.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class DomainWorking:
    domain_id: int
    name: str
    raw_score: int
    shares: Mapping[str, int]  # stream -> percent


@dataclass(frozen=True)
class StreamWorking:
    stream: str
    raw_points: Decimal
    age_percent: Decimal
    adjusted_points: Decimal
    band_name: str
    band_from_points: Decimal
    amount: Decimal

    @property
    def label(self) -> str:
        return Stream(self.stream).label


@dataclass(frozen=True)
class Working:
    age: int
    domains: tuple[DomainWorking, ...]
    streams: tuple[StreamWorking, ...]

    @property
    def total(self) -> Decimal:
        return sum((stream.amount for stream in self.streams), Decimal("0.00"))


class ScoringError(Exception):
    """The version cannot score this child (no age adjustment or band covers them): a
    configuration mistake that publishing checks for, so it should never be seen."""


def age_percent(version: QuestionnaireVersion, age: int) -> Decimal:
    for adjustment in version.age_adjustments.all():
        if adjustment.from_age <= age <= adjustment.to_age:
            return adjustment.percent
    raise ScoringError(f"Version {version.number} has no age adjustment for age {age}")


def work_out(
    version: QuestionnaireVersion, chosen: Mapping[int, Descriptor], *, age: int
) -> Working:
    """The whole working for answers `chosen` (question id -> descriptor) at `age`.

    Questions left unanswered score nothing; completing an assessment requires every
    question answered (`services.assessments`), a draft may show its working so far.
    """
    domains = []
    for domain in version.domains.prefetch_related("questions"):
        raw = sum(
            chosen[question.pk].score
            for question in domain.questions.all()
            if question.pk in chosen
        )
        domains.append(DomainWorking(domain.pk, domain.name, raw, domain.shares()))
    percent = age_percent(version, age)
    bands = list(version.bands.order_by("stream", "from_points"))
    streams = []
    for stream in Stream.values:
        raw_points = round_points(
            sum((Decimal(d.raw_score) * d.shares[stream] / HUNDRED for d in domains), Decimal(0))
        )
        adjusted = round_points(raw_points * percent / HUNDRED)
        stream_bands = [band for band in bands if band.stream == stream]
        if not stream_bands:
            continue  # this council's tool does not allocate this stream
        reached = [band for band in stream_bands if band.from_points <= adjusted]
        if not reached:
            raise ScoringError(f"Version {version.number}'s {stream} bands do not start at 0")
        band = reached[-1]
        streams.append(
            StreamWorking(
                stream, raw_points, percent, adjusted, band.name, band.from_points, band.amount
            )
        )
    return Working(age=age, domains=tuple(domains), streams=tuple(streams))
