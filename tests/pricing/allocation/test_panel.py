# ruff: noqa: F811  (the fixtures imported from panel_setup are the arguments of the tests)
"""The panel's rules: delegated limits, seats, reasons, how money is held, and what the
last decision does (the budget set up or changed, the letter printed and emailed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core import mail
from django.core.files.storage import storages
from pypdf import PdfReader

from pricing.allocation.enums import AssessmentStatus
from pricing.allocation.models import DecisionLetter, StreamDecision
from pricing.allocation.services.common import AllocationError
from pricing.allocation.services.panel import decide_stream, send_to_panel
from pricing.budgets.services import LineInput, OutcomeInput, set_up_budget
from tests.factories import UserFactory, site_roles
from tests.pricing.allocation.panel_setup import (
    STARTS_ON,
    ZERO_SCORES,
    area,
    case,  # noqa: F401 (fixture)
    case_at_panel,
    officer,  # noqa: F401 (fixture)
    seat,
    seats,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def decide(case, stream, amount, *, by, held_as="direct_payment", reason="", third=""):
    return decide_stream(
        case,
        stream=stream,
        final_amount=Decimal(amount),
        held_as=held_as,
        third_party_name=third,
        reason=reason,
        by=by,
    )


def higher_member(council, stream: str, limit: str):
    from localoffer.core.roles import PANEL_MEMBERS  # noqa: PLC0415

    user = UserFactory(email="chair@northbridge.example", groups=[site_roles()[PANEL_MEMBERS]])
    seat(user, council, stream, limit)
    return user


def test_the_working_is_what_the_panel_decides_against(case):
    todo = {d.stream: d for d in StreamDecision.objects.filter(assessment=case)}
    assert todo == {}
    results = {r.stream: r.amount for r in case.results.all()}
    assert results == {
        "education": Decimal("1000.00"),
        "social_care": Decimal("3000.00"),
        "health": Decimal("0.00"),
    }


def test_at_the_limit_is_agreed_above_it_needs_a_higher_member(case, panel_member, council):
    seat(panel_member, council, "education", "1800")
    with pytest.raises(AllocationError) as refused:
        decide(case, "education", "1800.01", by=panel_member, reason="Costed support")
    assert "above your delegated limit of £1,800" in str(refused.value)
    assert "a panel member with a higher limit must decide" in str(refused.value)
    assert not StreamDecision.objects.exists()
    decided = decide(case, "education", "1800", by=panel_member, reason="Costed support")
    assert (decided.final_amount, decided.member_limit) == (Decimal("1800.00"), Decimal("1800"))


def test_a_member_with_a_higher_limit_decides_what_another_cannot(case, panel_member, council):
    seat(panel_member, council, "social_care", "1000")
    chair = higher_member(council, "social_care", "20000")
    with pytest.raises(AllocationError):
        decide(case, "social_care", "3000", by=panel_member)
    decided = decide(case, "social_care", "3000", by=chair)
    assert decided.member.user == chair
    assert decided.indicative_amount == Decimal("3000.00")


def test_a_member_without_a_seat_for_the_stream_is_refused(case, panel_member, council):
    seat(panel_member, council, "education", "50000")
    with pytest.raises(AllocationError, match="You do not hold a seat on the panel for social"):
        decide(case, "social_care", "3000", by=panel_member)
    ended = seat(higher_member(council, "health", "5000"), council, "social_care", "5000")
    ended.active = False
    ended.save()
    with pytest.raises(AllocationError, match="do not hold a seat"):
        decide(case, "social_care", "3000", by=ended.user)
    assert not StreamDecision.objects.exists()


def test_a_reason_is_needed_where_the_final_differs_from_the_indicative(case, panel_member, seats):
    with pytest.raises(
        AllocationError, match="Say why the amount differs from the indicative £1,000"
    ):
        decide(case, "education", "1800", by=panel_member)
    decide(case, "social_care", "3000", by=panel_member)  # as indicated: no reason needed
    decided = decide(case, "education", "1800", by=panel_member, reason="  LSA hours costed  ")
    assert decided.reason == "LSA hours costed"


def test_money_agreed_says_how_it_is_held(case, panel_member, seats):
    with pytest.raises(AllocationError, match="Choose how the money will be held"):
        decide(case, "social_care", "3000", by=panel_member, held_as="")
    with pytest.raises(AllocationError, match="Name the third party"):
        decide(case, "social_care", "3000", by=panel_member, held_as="third_party")
    nothing = decide(case, "health", "0", by=panel_member, held_as="")
    assert (nothing.final_amount, nothing.held_as) == (Decimal("0.00"), "")


def test_one_decision_a_stream(case, panel_member, seats):
    decide(case, "social_care", "3000", by=panel_member)
    with pytest.raises(AllocationError, match="already been decided"):
        decide(case, "social_care", "2000", by=panel_member, reason="Changed my mind")
    assert StreamDecision.objects.filter(stream="social_care").count() == 1


def test_the_last_decision_sets_up_the_budget(case, panel_member, seats, officer, child):
    decide(
        case,
        "education",
        "1800",
        by=panel_member,
        reason="Costed support",
        held_as="council_managed",
    )
    decide(case, "health", "0", by=panel_member, held_as="")
    case.refresh_from_db()
    assert case.status == AssessmentStatus.AT_PANEL and case.budget is None
    decide(case, "social_care", "3000", by=panel_member)
    case.refresh_from_db()
    assert case.status == AssessmentStatus.DECIDED
    budget = case.budget
    assert (budget.officer, budget.child, budget.child_name) == (officer, child, child.first_name)
    version = budget.current_version
    assert (version.number, version.starts_on, version.ends_on) == (
        1,
        STARTS_ON,
        dt.date(2027, 3, 31),
    )
    assert sorted((line.stream, line.held_as, line.amount) for line in version.lines.all()) == [
        ("education", "council_managed", Decimal("1800.00")),
        ("social_care", "direct_payment", Decimal("3000.00")),
    ]
    assert [o.description for o in version.outcomes.all()] == ["Make friends outside school"]


def test_a_review_changes_the_existing_budget_by_a_new_version(
    council, questionnaire, coordinator, child, officer, panel_member, seats
):
    existing = set_up_budget(
        council=council,
        officer=officer,
        child_name=child.first_name,
        child_date_of_birth=child.date_of_birth,
        starts_on=dt.date(2025, 9, 1),
        ends_on=dt.date(2026, 8, 31),
        outcomes=[
            OutcomeInput(description="Make friends outside school", area=area(), key="friends")
        ],
        lines=[LineInput(stream="social_care", held_as="direct_payment", amount=Decimal("1300"))],
        by=officer,
    )
    existing.child = child
    existing.save(update_fields=["child"])
    review = case_at_panel(
        council=council,
        coordinator=coordinator,
        child=child,
        officer=officer,
        budget=existing,
        costed=None,
        starts_on=dt.date(2026, 4, 1),
    )
    decide(review, "education", "1000", by=panel_member)
    decide(review, "health", "0", by=panel_member, held_as="")
    decide(review, "social_care", "3000", by=panel_member)
    review.refresh_from_db()
    assert review.budget == existing
    version = existing.current_version
    assert (version.number, version.starts_on, version.ends_on) == (
        2,
        dt.date(2026, 4, 1),
        dt.date(2027, 3, 31),
    )
    assert "Resource panel decision" in version.reason
    assert [o.key for o in version.outcomes.all()] == ["friends"]  # spending keeps counting
    assert sum(line.amount for line in version.lines.all()) == Decimal("4000.00")


def test_the_letter_is_printed_and_emailed_with_the_pdf(
    case, panel_member, seats, child, django_capture_on_commit_callbacks
):
    decide(case, "education", "1800", by=panel_member, reason="Two hours of LSA a week costed")
    decide(case, "health", "0", by=panel_member, held_as="")
    with django_capture_on_commit_callbacks(execute=True):
        decide(case, "social_care", "3000", by=panel_member)
    letter = DecisionLetter.objects.get(assessment=case)
    assert storages["private"].exists(letter.pdf)
    [message] = mail.outbox
    assert message.to == [child.family.email]
    assert child.first_name in message.subject
    assert "£4,800 a year from 1 April 2026" in message.body
    [(name, content, kind)] = message.attachments
    assert (name, kind) == (f"decision-{case.reference}.pdf", "application/pdf")
    with storages["private"].open(letter.pdf, "rb") as handle:
        assert handle.read() == content
    import io  # noqa: PLC0415

    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    for words in (
        "£1,800",
        "Two hours of LSA a week costed",
        "Band B",
        "look at the working again",
        "ask for a review",
        "within 3 months of the first payment",
    ):
        assert words in " ".join(text.split()), words


def test_nothing_agreed_is_decided_with_a_letter_and_no_budget(
    council,
    questionnaire,
    coordinator,
    child,
    officer,
    panel_member,
    seats,
    django_capture_on_commit_callbacks,
):
    nothing = case_at_panel(
        council=council,
        coordinator=coordinator,
        child=child,
        officer=officer,
        scores=ZERO_SCORES,
        costed=None,
    )
    for stream in ("education", "social_care"):
        decide(nothing, stream, "0", by=panel_member, held_as="")
    with django_capture_on_commit_callbacks(execute=True):
        decide(nothing, "health", "0", by=panel_member, held_as="")
    nothing.refresh_from_db()
    assert nothing.status == AssessmentStatus.DECIDED and nothing.budget is None
    assert DecisionLetter.objects.filter(assessment=nothing).exists()
    assert "did not agree a personal budget" in mail.outbox[0].body


def test_only_the_coordinator_sends_a_completed_case_with_outcomes_and_an_officer(
    council, questionnaire, coordinator, child, officer, panel_member, users_by_role
):
    from pricing.allocation.services.assessments import (  # noqa: PLC0415
        complete_assessment,
        start_assessment,
    )
    from tests.pricing.allocation.factories import answer_all  # noqa: PLC0415

    assessment = start_assessment(
        council=council, coordinator=coordinator, child=child, by=coordinator
    ).assessment
    answer_all(assessment, {"Family and carers": 2}, by=coordinator)
    with pytest.raises(AllocationError, match="Only a completed assessment"):
        send_to_panel(assessment, by=coordinator, budget_officer=officer, starts_on=STARTS_ON)
    complete_assessment(assessment, by=coordinator, today=dt.date(2026, 3, 2))
    with pytest.raises(AllocationError, match="at least one outcome"):
        send_to_panel(assessment, by=coordinator, budget_officer=officer, starts_on=STARTS_ON)
    from pricing.allocation.services.costing import add_outcome  # noqa: PLC0415

    add_outcome(assessment, description="Sleep through the night", area=area(), by=coordinator)
    with pytest.raises(AllocationError, match="finance officer"):
        send_to_panel(assessment, by=coordinator, budget_officer=panel_member, starts_on=STARTS_ON)
    with pytest.raises(AllocationError, match="Only the assessment's coordinator"):
        send_to_panel(assessment, by=panel_member, budget_officer=officer, starts_on=STARTS_ON)
    sent = send_to_panel(assessment, by=coordinator, budget_officer=officer, starts_on=STARTS_ON)
    assert (sent.status, sent.budget_officer, sent.budget_starts_on) == (
        AssessmentStatus.AT_PANEL,
        officer,
        STARTS_ON,
    )
