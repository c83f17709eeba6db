"""The family's assessment pages: the self-assessment questionnaire, the working in plain
English (matching the stored figures), the costed provision, the decision and its letter,
asking to look again; and who may open which address."""

from __future__ import annotations

import html

import pytest
from django.urls import reverse
from django.utils.html import strip_tags

from pricing.allocation.enums import AssessmentKind, AssessmentStatus, LookAgainStatus
from pricing.allocation.models import Assessment, LookAgainRequest, Question, StreamResult
from pricing.allocation.services.look_again import answer_look_again, ask_to_look_again
from pricing.allocation.services.self_assessment import start_self_assessment
from tests.pricing.allocation.family_setup import (
    BIRTHDAY,
    PDF,
    add_costed_provision,
    completed,
    decide,
    in_progress,
)
from tests.pricing.factories import ChildFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(family):
    return ChildFactory(family=family, first_name="Amira", date_of_birth=BIRTHDAY)


@pytest.fixture
def family_client(client, family):
    client.force_login(family)
    return client


@pytest.fixture
def assessment(council, questionnaire, coordinator, child):
    return completed(council=council, coordinator=coordinator, child=child)


def text(response) -> str:
    """The page's words: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(strip_tags(response.content.decode())).split())


# --- the self-assessment --------------------------------------------------------------------


def test_the_list_shows_each_child_and_offers_a_self_assessment(family_client, child, family):
    ChildFactory(family=family, first_name="Zac")
    page = text(family_client.get(reverse("assessments:list")))
    assert "Amira" in page and "Zac" in page
    assert "There are no assessments for Amira yet." in page
    assert "Start a self-assessment" in page


def test_start_asks_which_child_then_opens_the_first_domain(
    family_client, questionnaire, child, other_child
):
    missing = family_client.post(reverse("assessments:start"), {})
    assert "Select who the self-assessment is for" in text(missing)
    # Another family's child is not a choice.
    refused = family_client.post(reverse("assessments:start"), {"child": other_child.pk})
    assert "Select who the self-assessment is for" in text(refused)

    response = family_client.post(reverse("assessments:start"), {"child": child.pk})
    assessment = Assessment.objects.get(child=child, kind=AssessmentKind.SELF)
    assert response.url == reverse("assessments:questions", args=[assessment.reference, 1])
    first = text(family_client.get(response.url))
    assert "Communication and learning" in first
    assert "part 1 of 5" in first
    assert "Communication and learning 1: answer scoring 4" in first  # a descriptor's words


def _answers(question_scores: dict[Question, int], notes: dict[Question, str] | None = None):
    data = {}
    for question, score in question_scores.items():
        data[f"q{question.pk}"] = str(question.descriptors.get(score=score).pk)
        data[f"note{question.pk}"] = (notes or {}).get(question, "")
    return data


def test_answering_the_self_assessment_page_by_page_then_sending(
    family_client, council, questionnaire, family, child
):
    assessment = start_self_assessment(family=family, child=child, council=council)
    ref = assessment.reference
    domains = list(questionnaire.domains.all())
    for number, domain in enumerate(domains, start=1):
        data = _answers({q: 0 for q in domain.questions.all()}) | {"action": "continue"}
        response = family_client.post(reverse("assessments:questions", args=[ref, number]), data)
        following = (
            reverse("assessments:check", args=[ref])
            if number == len(domains)
            else reverse("assessments:questions", args=[ref, number + 1])
        )
        assert response.url == following
    check = text(family_client.get(reverse("assessments:check", args=[ref])))
    assert "Check your answers" in check
    assert "Not answered yet" not in check
    assert reverse("assessments:questions", args=[ref, 2]) + "?check=1" in family_client.get(
        reverse("assessments:check", args=[ref])
    ).content.decode().replace("&amp;", "&")

    sent = family_client.post(reverse("assessments:check", args=[ref]))
    assert sent.url == reverse("assessments:detail", args=[ref])
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SENT
    after = text(family_client.get(sent.url))
    assert "Sent to the council" in after
    # Fixed now: the questions send the family back to the summary.
    again = family_client.get(reverse("assessments:questions", args=[ref, 1]))
    assert again.url == reverse("assessments:detail", args=[ref])


def test_save_and_continue_needs_every_answer_and_keeps_what_was_typed(
    family_client, council, questionnaire, family, child
):
    assessment = start_self_assessment(family=family, child=child, council=council)
    first, second = questionnaire.domains.first().questions.all()
    data = _answers({first: 4}, {first: "Uses a few signs"}) | {
        f"note{second.pk}": "Mostly at home",
        "action": "continue",
    }
    url = reverse("assessments:questions", args=[assessment.reference, 1])

    response = family_client.post(url, data)

    page = response.content.decode()
    assert response.status_code == 200
    assert f"Select the answer that best describes: {second.text}" in text(response)
    assert f'href="#id_q{second.pk}"' in page  # the error summary links to the radios
    assert "Uses a few signs" in page and "Mostly at home" in page
    chosen = first.descriptors.get(score=4).pk
    assert f'value="{chosen}" checked' in page
    assert not assessment.answers.exists()


def test_save_and_come_back_later_keeps_part_answers(
    family_client, council, questionnaire, family, child
):
    assessment = start_self_assessment(family=family, child=child, council=council)
    first, second = questionnaire.domains.first().questions.all()
    url = reverse("assessments:questions", args=[assessment.reference, 1])

    response = family_client.post(
        url, _answers({first: 6}, {first: "Needs pictures"}) | {"action": "later"}
    )

    assert response.url == reverse("assessments:detail", args=[assessment.reference])
    answer = assessment.answers.get()
    assert (answer.question, answer.descriptor.score, answer.note) == (first, 6, "Needs pictures")
    summary = text(family_client.get(response.url))
    assert "5 of 5 parts still have questions to answer" in summary
    back = family_client.get(url).content.decode()
    assert f'value="{answer.descriptor_id}" checked' in back
    assert "Needs pictures" in back


def test_a_note_too_long_is_refused_beside_it(family_client, council, questionnaire, family, child):
    assessment = start_self_assessment(family=family, child=child, council=council)
    first, _ = questionnaire.domains.first().questions.all()
    url = reverse("assessments:questions", args=[assessment.reference, 1])
    response = family_client.post(
        url, _answers({first: 2}, {first: "x" * 1001}) | {"action": "later"}
    )
    assert "Keep the note to 1,000 characters or fewer" in text(response)
    assert not assessment.answers.exists()


def test_sending_with_questions_left_names_them(
    family_client, council, questionnaire, family, child
):
    assessment = start_self_assessment(family=family, child=child, council=council)
    response = family_client.post(reverse("assessments:check", args=[assessment.reference]))
    assert response.status_code == 400
    assert "Questions are left in ‘Communication and learning’" in text(response)
    assert "There is a problem" in text(response)


# --- the council's assessment ---------------------------------------------------------------


def test_in_progress_shows_no_figures(family_client, council, questionnaire, coordinator, child):
    started = in_progress(council=council, coordinator=coordinator, child=child)
    page = text(family_client.get(reverse("assessments:detail", args=[started.reference])))
    assert "is working on this with you" in page
    assert "£" not in page
    assert "Band" not in page
    assert "Ask for this to be looked at again" not in page


def test_the_working_in_plain_english_matches_the_stored_figures(family_client, assessment):
    page = text(family_client.get(reverse("assessments:detail", args=[assessment.reference])))

    assert "Each answer has a score." in page
    for score in assessment.domain_scores.select_related("domain"):
        assert f"Your answers in ‘{score.domain.name}’ scored {score.raw_score}." in page
    assert assessment.age_at_completion == 7
    results = {r.stream: r for r in StreamResult.objects.filter(assessment=assessment)}
    education = results["education"]
    assert (education.raw_points, education.adjusted_points) == (10, 8)
    assert (
        "For education: ‘Communication and learning’ counts all of its 8 (8 for education); "
        "‘Social and emotional wellbeing’ counts half of its 4 (2 for education)." in page
    )
    assert "Together that makes 10 points for education." in page
    assert "Because Amira is 7, the score counts 80%: 8 points." in page
    assert (
        "This puts Amira in Band B for education (from 5 points), which suggests £1,000 a year."
        in page
    )
    assert (
        "This puts Amira in Band C for social care (from 8 points), which suggests £3,000 a year."
        in page
    )
    assert "Because Amira is 7, the score counts 80%: 2.4 points." in page  # health
    assert "This puts Amira in Band A for health (from 0 points), which suggests £0 a year." in page
    assert "Altogether the questionnaire suggests £4,000 a year." in page
    assert "only guides: people decide" in page
    assert "autistic children" in page and "mental health" in page
    assert "If something important is missing, tell us" in page


def test_the_costed_provision_is_shown_with_its_costs(family_client, assessment, coordinator):
    add_costed_provision(assessment, by=coordinator)
    page = text(family_client.get(reverse("assessments:detail", args=[assessment.reference])))
    assert "Make friends outside school" in page
    assert (
        "Learning support assistant at a youth club: 2 hour each week in term time "
        "(39 times a year), at £20 each hour" in page
    )
    assert "£1,560 a year" in page
    assert "lowered by £60, because the club gives one session free each term" in page
    assert "Total £1,500" in page


def test_the_decision_and_the_letter(family_client, assessment, panel_member, council):
    decide(assessment, member_user=panel_member, council=council)
    page = text(family_client.get(reverse("assessments:detail", args=[assessment.reference])))
    assert "The panel's decision" in page
    assert "Education (high needs): £1,500 a year" in page
    assert (
        "Why it differs from the suggestion The costed support for friendships is needed." in page
    )
    assert "Direct payment (the family holds the money)" in page
    assert "ask for a review or make a complaint" in page

    letter = family_client.get(reverse("assessments:letter", args=[assessment.reference]))
    assert letter.status_code == 200
    assert b"".join(letter.streaming_content) == PDF
    assert letter["Content-Type"] == "application/pdf"
    cache = [part.strip() for part in letter["Cache-Control"].split(",")]
    assert "private" in cache and "no-store" in cache
    assert letter["X-Content-Type-Options"] == "nosniff"
    assert f'filename="decision-{assessment.reference}.pdf"' in letter["Content-Disposition"]


def test_no_letter_yet_is_not_found(family_client, assessment):
    url = reverse("assessments:letter", args=[assessment.reference])
    assert family_client.get(url).status_code == 404


def test_asking_to_look_again_then_reading_the_answer(family_client, assessment, coordinator):
    url = reverse("assessments:look_again", args=[assessment.reference])
    empty = family_client.post(url, {"what_is_wrong": " "})
    assert "Tell us what you think is wrong or has been missed" in text(empty)
    too_long = family_client.post(url, {"what_is_wrong": "y" * 5001})
    assert "Keep it to 5,000 characters or fewer" in text(too_long)
    assert "y" * 5001 in too_long.content.decode()  # what was typed is kept

    sent = family_client.post(url, {"what_is_wrong": "Her anxiety was not asked about."})
    assert sent.url == reverse("assessments:detail", args=[assessment.reference])
    page = text(family_client.get(sent.url))
    assert "Her anxiety was not asked about." in page
    assert "Waiting for an answer from your coordinator." in page
    assert family_client.get(url).status_code == 404  # one open request at a time

    answer_look_again(
        LookAgainRequest.objects.get(), by=coordinator, answer="We will add a note for the panel."
    )
    page = text(family_client.get(sent.url))
    assert "We will add a note for the panel." in page
    assert LookAgainRequest.objects.get().status == LookAgainStatus.ANSWERED


# --- who may open what ----------------------------------------------------------------------


@pytest.fixture
def strangers_urls(council, questionnaire, coordinator, panel_member, other_child):
    """Every family address of another family's assessment, self-assessment and request."""
    theirs = completed(council=council, coordinator=coordinator, child=other_child)
    decide(theirs, member_user=panel_member, council=council)
    ask_to_look_again(theirs, by=other_child.family, what_is_wrong="Secret words")
    own = start_self_assessment(family=other_child.family, child=other_child, council=council)
    return [
        reverse("assessments:detail", args=[theirs.reference]),
        reverse("assessments:letter", args=[theirs.reference]),
        reverse("assessments:look_again", args=[theirs.reference]),
        reverse("assessments:detail", args=[own.reference]),
        reverse("assessments:questions", args=[own.reference, 1]),
        reverse("assessments:check", args=[own.reference]),
    ]


def test_another_familys_addresses_are_not_found(family_client, strangers_urls):
    for url in strangers_urls:
        assert family_client.get(url).status_code == 404, url
        assert family_client.post(url, {"what_is_wrong": "x"}).status_code in (404, 405), url
    listing = text(family_client.get(reverse("assessments:list")))
    assert "Ben" not in listing


def test_the_wrong_kind_is_not_found(family_client, assessment, council, family, child):
    own = start_self_assessment(family=family, child=child, council=council)
    for url in (
        reverse("assessments:questions", args=[assessment.reference, 1]),
        reverse("assessments:check", args=[assessment.reference]),
        reverse("assessments:letter", args=[own.reference]),
        reverse("assessments:look_again", args=[own.reference]),
        reverse("assessments:questions", args=[own.reference, 6]),
    ):
        assert family_client.get(url).status_code == 404, url


@pytest.mark.parametrize(
    "role", ["provider", "provider_admin", "coordinator", "panel_member", "finance_officer"]
)
def test_work_accounts_get_nothing(client_for, role, strangers_urls):
    client = client_for(role)
    for url in [reverse("assessments:list"), reverse("assessments:start"), *strangers_urls]:
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Secret words" not in response.content
        assert response.get("Content-Type", "").startswith("text/html")


def test_anonymous_visitors_sign_in_first(client, strangers_urls):
    for url in [reverse("assessments:list"), *strangers_urls]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("account_login"))
