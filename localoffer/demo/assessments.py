"""The demo's assessments and the resource panel, written through the site's services on
the dates they happened:

- seats: Priya (panel@) decides education and social care up to £10,000 and health up to
  £5,000; Alex (admin@) all three streams up to £50,000;
- Leo: assessed with Casey (coordinator@), sent to the panel and decided a month ago, with
  a letter: a new council-managed education budget (his pooled budget for social care
  and health carries on untouched: the panel agreed £0 more for those, with the reason);
- Maya: the family's self-assessment, sent six weeks ago; Casey's assessment started from
  it, completed with costed provision and now waiting for the panel;
- Tobi (Ruth's son): Casey's assessment in progress, half answered;
- Tobi's self-assessment, which Ruth has sent to the council.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from localoffer.demo.clock import at, on
from localoffer.demo.marketplace import SHARING_FAMILY
from localoffer.demo.questionnaire import ensure_demo_questionnaire
from pricing.allocation.models import Assessment, PanelMember, Question
from pricing.allocation.services import costing
from pricing.allocation.services.answers import Given, save_answers
from pricing.allocation.services.assessments import complete_assessment, start_assessment
from pricing.allocation.services.panel import decide_stream, send_to_panel, streams_to_decide
from pricing.allocation.services.self_assessment import (
    send_self_assessment,
    start_self_assessment,
)
from pricing.families.models import Child
from providers.models import Outcome

SEATS = [
    ("panel@northbridge.example", "education", "10000"),
    ("panel@northbridge.example", "social_care", "10000"),
    ("panel@northbridge.example", "health", "5000"),
    ("admin@northbridge.example", "education", "50000"),
    ("admin@northbridge.example", "social_care", "50000"),
    ("admin@northbridge.example", "health", "50000"),
]


def ensure_seats(council: Any) -> int:
    User = get_user_model()
    made = 0
    for email, stream, limit in SEATS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        _seat, created = PanelMember.objects.get_or_create(
            council=council, user=user, stream=stream, defaults={"limit": Decimal(limit)}
        )
        made += created
    return made


def answer(assessment: Assessment, level: int, *, by: Any, only_first: int = 0) -> None:
    """Choose, for each question, the answer `level` steps up its list (or the last one);
    `only_first` answers just that many questions (an assessment still in progress)."""
    questions = list(
        Question.objects.filter(domain__version=assessment.version)
        .order_by("domain__position", "position", "pk")
        .prefetch_related("descriptors")
    )
    if only_first:
        questions = questions[:only_first]
    given = {}
    for question in questions:
        descriptors = list(question.descriptors.all())
        given[question.pk] = Given(descriptors[min(level, len(descriptors) - 1)].pk)
    save_answers(assessment, given, by=by)


def _area(slug: str) -> Outcome:
    return Outcome.objects.filter(slug=slug).first() or Outcome.objects.order_by("pk")[0]


def _costed(assessment: Assessment, description: str, amount: str, reason: str, *, by: Any):
    costing.add_outcome(
        assessment, description=description, area=_area("friends-relationships-community"), by=by
    )
    costing.adjust(assessment, stream="education", amount=Decimal(amount), reason=reason, by=by)


def ensure_demo_assessments(council: Any, now: dt.datetime) -> dict[str, int]:
    """Write the story once; a second load finds assessments and adds nothing."""
    made = {"panel seats": ensure_seats(council)}
    if Assessment.objects.filter(council=council).exists():
        return made
    User = get_user_model()
    people = {
        u.email.split("@")[0]: u
        for u in User.objects.filter(
            email__in=[
                "family@northbridge.example",
                SHARING_FAMILY,
                "coordinator@northbridge.example",
                "panel@northbridge.example",
                "finance@northbridge.example",
            ]
        )
    }
    family, coordinator = people.get("family"), people.get("coordinator")
    panel, officer = people.get("panel"), people.get("finance")
    if None in (family, coordinator, panel, officer):
        return made
    children = {c.first_name: c for c in Child.objects.filter(family=family)}
    maya, leo = children.get("Maya"), children.get("Leo")
    if maya is None or leo is None:
        return made
    ensure_demo_questionnaire(council)  # the questionnaire's own demo: made once
    today = timezone.localdate(now)
    next_month = (today.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
    with on(at(today - dt.timedelta(days=45), 10)):
        leo_case = start_assessment(
            council=council, coordinator=coordinator, child=leo, by=coordinator
        ).assessment
        answer(leo_case, 2, by=coordinator)
        complete_assessment(leo_case, by=coordinator)
        _costed(
            leo_case,
            "Take part in lessons with his classmates",
            "2400",
            "A learning support assistant 2 hours a week in term time, at the council's rate",
            by=coordinator,
        )
        send_to_panel(
            leo_case,
            by=coordinator,
            budget_officer=officer,
            starts_on=next_month,
        )
    with on(at(today - dt.timedelta(days=30), 14)):
        for item in streams_to_decide(leo_case):
            education = item.stream == "education"
            amount = max(item.indicative, item.costed) if education else Decimal(0)
            decide_stream(
                leo_case,
                stream=item.stream,
                final_amount=amount,
                held_as="council_managed" if amount else "",
                third_party_name="",
                reason=(
                    "The costed support is what Leo needs in class"
                    if education and amount != item.indicative
                    else (
                        "Already met by Leo's personal budget for social care and health"
                        if amount != item.indicative
                        else ""
                    )
                ),
                by=panel,
            )
    with on(at(today - dt.timedelta(days=42), 19)):
        mine = start_self_assessment(family=family, child=maya, council=council)
        answer(mine, 3, by=family)
        send_self_assessment(mine, by=family)
    with on(at(today - dt.timedelta(days=10), 11)):
        maya_case = start_assessment(
            council=council, coordinator=coordinator, child=maya, by=coordinator, from_self=mine
        ).assessment
        answer(maya_case, 2, by=coordinator)
        complete_assessment(maya_case, by=coordinator)
        _costed(
            maya_case,
            "Go to a youth club with friends after school",
            "1500",
            "A support worker for the after-school club, 3 hours a week",
            by=coordinator,
        )
        send_to_panel(
            maya_case,
            by=coordinator,
            budget_officer=officer,
            starts_on=next_month,
        )
    ruth = people.get(SHARING_FAMILY.split("@")[0])
    tobi = Child.objects.filter(family=ruth).first() if ruth else None
    if tobi is not None:
        with on(at(today - dt.timedelta(days=3), 16)):
            in_progress = start_assessment(
                council=council, coordinator=coordinator, child=tobi, by=coordinator
            ).assessment
            answer(in_progress, 1, by=coordinator, only_first=4)
        with on(at(today - dt.timedelta(days=5), 20)):
            theirs = start_self_assessment(family=ruth, child=tobi, council=council)
            answer(theirs, 1, by=ruth)
            send_self_assessment(theirs, by=ruth)
    made["assessments"] = Assessment.objects.filter(council=council).count()
    return made
