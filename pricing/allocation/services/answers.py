"""Saving answers to the questionnaire, by the family or the coordinator, as often as they
like until the assessment is sent or completed."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from pricing.allocation.enums import AssessmentStatus
from pricing.allocation.models import Answer, Assessment, Descriptor
from pricing.allocation.services.common import AllocationError, audit


@dataclass(frozen=True)
class Given:
    """One answer as typed: the descriptor chosen and an optional note."""

    descriptor_id: int
    note: str = ""


def chosen_descriptors(assessment: Assessment) -> dict[int, Descriptor]:
    """Question id -> the descriptor chosen, in one query."""
    return {
        answer.question_id: answer.descriptor
        for answer in assessment.answers.select_related("descriptor")
    }


@transaction.atomic
def save_answers(assessment: Assessment, given: Mapping[int, Given], *, by: object) -> Assessment:
    """Write the answers `given` (question id -> answer); the others are kept as they were.

    Only an assessment in progress takes answers, and only descriptors of its own version's
    questions are accepted: a form posted from an old tab or by hand is refused whole.
    """
    locked = Assessment.objects.select_for_update().get(pk=assessment.pk)
    if locked.status != AssessmentStatus.IN_PROGRESS:
        raise AllocationError("These answers can no longer be changed.")
    descriptors = Descriptor.objects.filter(
        pk__in=[answer.descriptor_id for answer in given.values()],
        question__domain__version=locked.version_id,
    ).only("pk", "question_id")
    question_of = {descriptor.pk: descriptor.question_id for descriptor in descriptors}
    for question_id, answer in given.items():
        if question_of.get(answer.descriptor_id) != question_id:
            raise AllocationError("Choose one of the answers given for each question.")
        if len(answer.note) > 1000:
            raise AllocationError("Keep each note to 1,000 characters or fewer.")
    for question_id, answer in given.items():
        Answer.objects.update_or_create(
            assessment=locked,
            question_id=question_id,
            defaults={"descriptor_id": answer.descriptor_id, "note": answer.note.strip()},
        )
    locked.save(update_fields=["updated_at"])
    audit(locked, "answers_saved", by=by, data={"questions": sorted(given)})
    return locked
