"""The coordinator's assessment: started (perhaps from the family's self-assessment),
answered over as many visits as it takes (`services.answers`), then completed, which
writes the working down for good, or withdrawn.

Completing fixes the result: the domain scores and each stream's working are stored
(`DomainScore`, `StreamResult`) from the version the assessment started on, at the child's
age on the day, so neither a newer questionnaire nor the child's next birthday changes what
the family was told.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from localoffer.core.transitions import transition
from pricing.allocation.enums import (
    ASSESSMENT_TRANSITIONS,
    AssessmentKind,
    AssessmentStatus,
)
from pricing.allocation.models import (
    Answer,
    Assessment,
    DomainScore,
    Question,
    StreamResult,
)
from pricing.allocation.scoring import DomainWorking, ScoringError, StreamWorking, Working, work_out
from pricing.allocation.services.answers import chosen_descriptors
from pricing.allocation.services.common import ACTION, AllocationError, audit, new_reference
from pricing.allocation.services.questionnaire import current_version
from pricing.budgets.enums import Stream

STREAM_ORDER = {stream: position for position, stream in enumerate(Stream.values)}


@dataclass(frozen=True)
class Started:
    """The new assessment, and what happened to the self-assessment's answers."""

    assessment: Assessment
    answers_copied: int = 0
    # Set when a self-assessment was given but its answers could not be used.
    note: str = ""


def _check_self_assessment(from_self: Assessment, *, council: Any, child: Any) -> None:
    if (
        from_self.kind != AssessmentKind.SELF
        or from_self.status != AssessmentStatus.SENT
        or from_self.child_id != child.pk
        or from_self.council_id != council.pk
    ):
        raise AllocationError(
            "Start only from a self-assessment this child's family has sent.", field="from_self"
        )
    already = Assessment.objects.filter(started_from=from_self).exclude(
        status=AssessmentStatus.WITHDRAWN
    )
    if already.exists():
        raise AllocationError(
            f"Assessment {already.first()} has already been started from this self-assessment.",
            field="from_self",
        )


@transaction.atomic
def start_assessment(
    *,
    council: Any,
    coordinator: Any,
    child: Any,
    by: Any,
    from_self: Assessment | None = None,
    budget: Any = None,
) -> Started:
    """A new assessment in `coordinator`'s caseload on the council's current questionnaire.

    From a self-assessment its answers are copied when it used the same version; one made
    on an older version is only linked, and the coordinator starts the answers afresh
    (the questions may have changed).
    """
    version = current_version(council)
    if version is None:
        raise AllocationError(
            "There is no published questionnaire yet: an administrator must publish one."
        )
    if budget is not None and (budget.child_id != child.pk or budget.council_id != council.pk):
        raise AllocationError("Choose one of this child's personal budgets.", field="budget")
    if from_self is not None:
        # Locked so two coordinators cannot both start from the same self-assessment.
        from_self = Assessment.objects.select_for_update().get(pk=from_self.pk)
        _check_self_assessment(from_self, council=council, child=child)
    assessment = Assessment.objects.create(
        council=council,
        reference=new_reference(Assessment, "AS-"),
        kind=AssessmentKind.COORDINATOR,
        version=version,
        child=child,
        coordinator=coordinator,
        started_from=from_self,
        budget=budget,
    )
    copied, note = 0, ""
    if from_self is not None:
        if from_self.version_id == version.pk:
            answers = [
                Answer(
                    assessment=assessment,
                    question_id=answer.question_id,
                    descriptor_id=answer.descriptor_id,
                    note=answer.note,
                )
                for answer in from_self.answers.all()
            ]
            Answer.objects.bulk_create(answers)
            copied = len(answers)
        else:
            note = (
                f"The family's self-assessment {from_self.reference} used an older "
                "questionnaire, so its answers were not copied: go through the questions "
                "with the family, using it as a guide."
            )
    audit(
        assessment,
        "assessment_started",
        by=by,
        data={
            "coordinator": coordinator.pk,
            "version": version.number,
            "from_self": from_self.reference if from_self else None,
            "answers_copied": copied,
            "budget": budget.reference if budget is not None else None,
        },
    )
    return Started(assessment, copied, note)


def unanswered_domains(assessment: Assessment) -> list[str]:
    """The names of the domains with a question still to answer, in questionnaire order."""
    left = (
        Question.objects.filter(domain__version=assessment.version_id)
        .exclude(pk__in=Answer.objects.filter(assessment=assessment).values("question_id"))
        .order_by("domain__position", "domain__pk")
        .values_list("domain__name", flat=True)
    )
    return list(dict.fromkeys(left))


@transaction.atomic
def complete_assessment(
    assessment: Assessment, *, by: Any, today: dt.date | None = None
) -> Assessment:
    """Fix the answers and write the working down, at the child's age on `today`."""
    today = today or timezone.localdate()
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("child", "version")
        .get(pk=assessment.pk)
    )
    if locked.status != AssessmentStatus.IN_PROGRESS:
        raise AllocationError(
            f"This assessment is {locked.get_status_display().lower()}, so it cannot be completed."
        )
    left = unanswered_domains(locked)
    if left:
        raise AllocationError(
            "Answer every question before completing the assessment. Questions are left in: "
            + ", ".join(left)
            + "."
        )
    age = locked.child.age_on(today)
    try:
        working = work_out(locked.version, chosen_descriptors(locked), age=age)
    except ScoringError as error:
        raise AllocationError(
            f"The questionnaire cannot score a child aged {age}: ask an administrator to "
            "check its age adjustment and bands."
        ) from error
    DomainScore.objects.bulk_create(
        DomainScore(assessment=locked, domain_id=d.domain_id, raw_score=d.raw_score)
        for d in working.domains
    )
    StreamResult.objects.bulk_create(
        StreamResult(
            assessment=locked,
            stream=s.stream,
            raw_points=s.raw_points,
            age_percent=s.age_percent,
            adjusted_points=s.adjusted_points,
            band_name=s.band_name,
            band_from_points=s.band_from_points,
            amount=s.amount,
        )
        for s in working.streams
    )
    return transition(
        locked,
        table=ASSESSMENT_TRANSITIONS,
        to=AssessmentStatus.COMPLETED,
        user=by,
        action=ACTION + "assessment_completed",
        changes={"age_at_completion": age, "completed_at": timezone.now()},
        data={"age": age, "total": str(working.total)},
        error=AllocationError,
    )


@transaction.atomic
def withdraw_assessment(assessment: Assessment, *, by: Any, reason: str = "") -> Assessment:
    """Stop an assessment that will not go to the panel (the family moved away, say)."""
    return transition(
        assessment,
        table=ASSESSMENT_TRANSITIONS,
        to=AssessmentStatus.WITHDRAWN,
        user=by,
        action=ACTION + "assessment_withdrawn",
        data={"reason": reason.strip()},
        error=AllocationError,
        message="Only an assessment in progress or completed can be withdrawn.",
    )


def working_of(assessment: Assessment) -> Working:
    """The working to show: as written down once completed, else worked out from the
    answers so far (at the child's age today)."""
    if assessment.age_at_completion is not None and assessment.completed_at is not None:
        domains = tuple(
            DomainWorking(
                score.domain_id, score.domain.name, score.raw_score, score.domain.shares()
            )
            for score in assessment.domain_scores.select_related("domain").order_by(
                "domain__position", "domain__pk"
            )
        )
        streams = tuple(
            StreamWorking(
                r.stream,
                r.raw_points,
                r.age_percent,
                r.adjusted_points,
                r.band_name,
                r.band_from_points,
                r.amount,
            )
            for r in sorted(assessment.results.all(), key=lambda r: STREAM_ORDER[r.stream])
        )
        return Working(age=assessment.age_at_completion, domains=domains, streams=streams)
    age = assessment.child.age_on(timezone.localdate())
    return work_out(assessment.version, chosen_descriptors(assessment), age=age)
