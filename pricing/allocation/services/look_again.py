"""A family asks for the working, the costed provision or the panel's decision to be looked
at again, and the coordinator (or a site administrator) answers.

The questionnaire only guides: the DfE's evaluation found tools like it can underestimate
the needs of autistic children and of those with mental health needs. So asking is open
from the moment the working is fixed, not only after the panel, and the family's own words
go to the person who led the assessment.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import send_email, site_url
from localoffer.core.transitions import transition
from pricing.allocation.enums import AssessmentKind, AssessmentStatus, LookAgainStatus
from pricing.allocation.models import Assessment, LookAgainRequest
from pricing.allocation.selectors import assessments_for
from pricing.allocation.services.common import ACTION, AllocationError, audit

TEXT_MAX_LENGTH = 5000
# Once the working is fixed there is something to look at again.
ASKABLE = frozenset(
    {AssessmentStatus.COMPLETED, AssessmentStatus.AT_PANEL, AssessmentStatus.DECIDED}
)
LOOK_AGAIN_TRANSITIONS: dict[str, frozenset[str]] = {
    LookAgainStatus.OPEN: frozenset({LookAgainStatus.ANSWERED}),
    LookAgainStatus.ANSWERED: frozenset(),
}


def _text(value: str, *, field: str, missing: str) -> str:
    text = (value or "").strip()
    if not text:
        raise AllocationError(missing, field=field)
    if len(text) > TEXT_MAX_LENGTH:
        raise AllocationError(
            f"Keep it to {TEXT_MAX_LENGTH:,} characters or fewer (it has {len(text):,}).",
            field=field,
        )
    return text


def can_ask(assessment: Assessment) -> bool:
    """Whether the family may ask now: a council assessment whose working is fixed, with
    no request of theirs still waiting for an answer."""
    return (
        assessment.kind == AssessmentKind.COORDINATOR
        and assessment.status in ASKABLE
        and not assessment.look_again_requests.filter(status=LookAgainStatus.OPEN).exists()
    )


@transaction.atomic
def ask_to_look_again(assessment: Assessment, *, by: Any, what_is_wrong: str) -> LookAgainRequest:
    if assessment.child.family_id != getattr(by, "pk", None):
        raise AllocationError("Only the child's family can ask for this to be looked at again.")
    text = _text(
        what_is_wrong,
        field="what_is_wrong",
        missing="Tell us what you think is wrong or has been missed",
    )
    # The assessment's lock serialises a double-clicked "Send": one request is made.
    locked = (
        Assessment.objects.select_for_update(of=("self",))
        .select_related("coordinator")
        .get(pk=assessment.pk)
    )
    if locked.kind != AssessmentKind.COORDINATOR or locked.status not in ASKABLE:
        raise AllocationError(
            "You can ask for this to be looked at again once your coordinator has completed "
            "the assessment."
        )
    if locked.look_again_requests.filter(status=LookAgainStatus.OPEN).exists():
        raise AllocationError(
            "You have already asked for this to be looked at again. Your coordinator will "
            "answer that first; you can ask again after."
        )
    request = LookAgainRequest.objects.create(assessment=locked, made_by=by, what_is_wrong=text)
    audit(request, "look_again_asked", by=by, data={"assessment": locked.reference})
    if locked.coordinator is not None:
        send_email(
            to=[locked.coordinator.email],
            template="allocation/email/look_again_asked",
            context={
                "assessment": locked,
                "child_name": locked.child.first_name,
                "request": request,
                "link": site_url() + reverse("look_again_admin:answer", args=[request.pk]),
            },
        )
    return request


def may_answer(user: Any, request: LookAgainRequest) -> bool:
    """The assessment's coordinator, or a site administrator."""
    return assessments_for(user).filter(pk=request.assessment_id).exists()


@transaction.atomic
def answer_look_again(request: LookAgainRequest, *, by: Any, answer: str) -> LookAgainRequest:
    if not may_answer(by, request):
        raise AllocationError("Only the assessment's coordinator or an administrator can answer.")
    text = _text(answer, field="answer", missing="Enter your answer to the family")
    answered = transition(
        request,
        table=LOOK_AGAIN_TRANSITIONS,
        to=LookAgainStatus.ANSWERED,
        user=by,
        action=ACTION + "look_again_answered",
        changes={"answer": text, "answered_by": by, "answered_at": timezone.now()},
        error=AllocationError,
        message="This request has already been answered.",
    )
    assessment = Assessment.objects.select_related("child__family").get(pk=request.assessment_id)
    send_email(
        to=[assessment.child.family.email],
        template="allocation/email/look_again_answered",
        context={
            "assessment": assessment,
            "child_name": assessment.child.first_name,
            "request": answered,
            "link": site_url() + reverse("assessments:detail", args=[assessment.reference]),
        },
    )
    return answered
