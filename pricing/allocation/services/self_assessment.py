"""The family's self-assessment: the same questionnaire, answered at home and sent to the
council, where a coordinator may start the council's own assessment from it.

A self-assessment is never scored for the family: the indicative budget comes from the
assessment the coordinator completes with them, so a family is not given a figure the
council has not looked at.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from localoffer.core.transitions import transition
from pricing.allocation.enums import (
    ASSESSMENT_TRANSITIONS,
    AssessmentKind,
    AssessmentStatus,
)
from pricing.allocation.models import Assessment, Domain
from pricing.allocation.services.common import ACTION, AllocationError, audit, new_reference
from pricing.allocation.services.questionnaire import current_version
from pricing.families.models import Child


def _own_child(family: Any, child: Child) -> None:
    if child.family_id != getattr(family, "pk", None):
        raise AllocationError("Choose one of your own children.", field="child")


def _is_family_of(assessment: Assessment, user: Any) -> bool:
    return assessment.child.family_id == getattr(user, "pk", None)


@transaction.atomic
def start_self_assessment(*, family: Any, child: Child, council: Any) -> Assessment:
    """The child's self-assessment in progress, started now if there is none.

    Starting twice (a second tab, a double click) returns the one already in progress, so
    answers are never split between two copies.
    """
    _own_child(family, child)
    # Locking the child serialises two starts at once, so only one copy is made.
    locked_child = Child.objects.select_for_update().get(pk=child.pk)
    existing = Assessment.objects.filter(
        child=locked_child, kind=AssessmentKind.SELF, status=AssessmentStatus.IN_PROGRESS
    ).first()
    if existing is not None:
        return existing
    version = current_version(council)
    if version is None:
        raise AllocationError(
            "The council's questionnaire is not ready yet, so a self-assessment cannot be "
            "started. Your assessment coordinator can talk it through with you instead.",
            field="child",
        )
    assessment = Assessment.objects.create(
        council=council,
        reference=new_reference(Assessment, "SA-"),
        kind=AssessmentKind.SELF,
        version=version,
        child=locked_child,
    )
    audit(assessment, "self_assessment_started", by=family, data={"version": version.number})
    return assessment


def domains_left(assessment: Assessment) -> list[Domain]:
    """The domains with at least one question not answered yet, in questionnaire order."""
    answered = set(assessment.answers.values_list("question_id", flat=True))
    left = []
    for domain in assessment.version.domains.prefetch_related("questions"):
        if any(question.pk not in answered for question in domain.questions.all()):
            left.append(domain)
    return left


def _list_names(names: list[str]) -> str:
    quoted = [f"‘{name}’" for name in names]
    if len(quoted) == 1:
        return quoted[0]
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]


@transaction.atomic
def send_self_assessment(assessment: Assessment, *, by: Any) -> Assessment:
    """Send a finished self-assessment to the council; its answers are then fixed.

    The coordinators see it in their list of self-assessments sent (no email: the council
    picks it up when it arranges the assessment with the family).
    """
    if assessment.kind != AssessmentKind.SELF or not _is_family_of(assessment, by):
        raise AllocationError("Only the family can send its own self-assessment.")
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.IN_PROGRESS:
        raise AllocationError("This self-assessment has already been sent to the council.")
    left = domains_left(locked)
    if left:
        raise AllocationError(
            "Answer every question before you send your self-assessment. Questions are "
            f"left in {_list_names([domain.name for domain in left])}."
        )
    return transition(
        locked,
        table=ASSESSMENT_TRANSITIONS,
        to=AssessmentStatus.SENT,
        user=by,
        action=ACTION + "self_assessment_sent",
        # A sent self-assessment never changes again, so its last change is when it was sent
        # (`completed_at` is kept for the coordinator's own assessment).
        changes={"updated_at": timezone.now()},
        error=AllocationError,
    )
