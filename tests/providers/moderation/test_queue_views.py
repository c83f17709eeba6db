"""The moderators' queues and decisions list as Wagtail index views: order, filters,
pages of fifty, the results-only refresh, and a bounded number of queries."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from providers.moderation.enums import SubmissionStatus, UrgentReason
from providers.moderation.models import Submission
from providers.moderation.services import approve_submission, mark_urgent
from tests.factories import ServicePageFactory
from tests.providers.moderation.support import (
    edit_draft,
    make_cycle,
    move_deadline_into_the_past,
    submit,
)

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:
    return re.findall(
        r'<td class="title">\s*<div class="title-wrapper">\s*<a href="[^"]+">\s*([^<]+?)\s*</a>',
        response.content.decode(),
    )


def _submit_listings(organisation, provider, titles, **kwargs) -> list[Submission]:
    submissions = []
    for title in titles:
        page = ServicePageFactory(parent=organisation, title=title)
        edited, _ = edit_draft(page, provider, summary=f"{title}, updated")
        submissions.append(submit(edited, provider, **kwargs))
    return submissions


def _backdate(submissions: list[Submission], days: list[int]) -> None:
    now = timezone.now()
    for submission, ago in zip(submissions, days, strict=True):
        Submission.objects.filter(pk=submission.pk).update(
            submitted_at=now - dt.timedelta(days=ago)
        )


@pytest.fixture
def cycle(moderator):
    return make_cycle(moderator, name="Spring 2027")


def test_the_cycle_queue_is_oldest_first_whatever_order_they_were_made_in(
    client_for, cycle, organisation, provider
):
    submissions = _submit_listings(organisation, provider, ["First made", "Second", "Third"])
    _backdate(submissions, [1, 9, 4])
    response = client_for("moderator").get(reverse("moderation:queue"))
    assert _titles(response) == ["Second", "Third", "First made"]
    assert "9 days" in response.content.decode()
    assert re.search(r">\s*1 day\s*<", response.content.decode())


def test_the_waiting_queue_puts_what_the_provider_says_is_urgent_first(
    client_for, cycle, organisation, provider
):
    move_deadline_into_the_past(cycle)
    calm = _submit_listings(organisation, provider, ["Old and calm", "New and calm"])
    closing = _submit_listings(
        organisation, provider, ["Closing down"], urgent_reason=UrgentReason.CLOSING
    )
    _backdate([*calm, *closing], [10, 2, 1])
    client = client_for("moderator")
    assert _titles(client.get(reverse("moderation:waiting"))) == [
        "Closing down",
        "Old and calm",
        "New and calm",
    ]
    # Every state is offered; none but "waiting" matches here.
    in_review = client.get(reverse("moderation:waiting"), {"status": SubmissionStatus.IN_REVIEW})
    assert _titles(in_review) == []


def test_the_urgent_queue_shows_what_needs_a_decision_unless_another_state_is_chosen(
    client_for, cycle, organisation, provider, moderator
):
    move_deadline_into_the_past(cycle)
    waiting = _submit_listings(organisation, provider, ["Decided", "Still open"])
    for submission in waiting:
        mark_urgent(submission=submission, user=moderator, reason=UrgentReason.UNSAFE)
    approve_submission(submission=Submission.objects.get(pk=waiting[0].pk), user=moderator)
    client = client_for("moderator")
    url = reverse("moderation:urgent")
    assert _titles(client.get(url)) == ["Still open"]
    assert _titles(client.get(url, {"status": ""})) == ["Decided", "Still open"]
    approved = client.get(url, {"status": SubmissionStatus.APPROVED})
    assert _titles(approved) == ["Decided"]


def test_an_unknown_cycle_shows_the_open_one_with_the_other_filters_kept(
    client_for, cycle, organisation, provider, moderator
):
    submissions = _submit_listings(organisation, provider, ["Kept", "Approved one"])
    approve_submission(submission=submissions[1], user=moderator)
    response = client_for("moderator").get(reverse("moderation:queue"), {"cycle": "99999"})
    assert _titles(response) == ["Kept"]
    assert "Moderation queue: Spring 2027" in response.content.decode()


def test_the_results_address_returns_the_filtered_results_alone(
    client_for, cycle, organisation, provider, moderator
):
    submissions = _submit_listings(organisation, provider, ["Waiting on us", "Approved one"])
    approve_submission(submission=submissions[1], user=moderator)
    client = client_for("moderator")
    results = client.get(reverse("moderation:queue_results"), {"status": ""})
    assert _titles(results) == ["Waiting on us", "Approved one"]
    assert "<html" not in results.content.decode()
    assert _titles(client.get(reverse("moderation:queue_results"))) == ["Waiting on us"]
    decided = client.get(reverse("moderation:decisions_results"))
    assert _titles(decided) == ["Approved one"]
    for name in ("queue_results", "urgent_results", "waiting_results", "decisions_results"):
        assert client_for("provider").get(reverse(f"moderation:{name}")).status_code in (
            302,
            403,
        ), name


def test_a_long_queue_comes_fifty_a_page_in_a_bounded_number_of_queries(
    client_for, cycle, organisation, provider, django_assert_max_num_queries
):
    client = client_for("moderator")
    url = reverse("moderation:queue")
    _submit_listings(organisation, provider, ["Listing 00"])
    client.get(url)  # the first request warms caches (site, settings, the user's groups)
    with django_assert_max_num_queries(40) as few:
        assert len(_titles(client.get(url))) == 1
    one_row = len(few.captured_queries)  # read now: each request empties the query log
    names = [f"Listing {number:02}" for number in range(1, 55)]
    _submit_listings(organisation, provider, names)
    client.get(url)  # saving pages cleared the site's cached root paths: warm them again
    with django_assert_max_num_queries(one_row):
        first = client.get(url)
    assert len(_titles(first)) == 50
    assert "55 submissions." in first.content.decode()
    second = client.get(url, {"p": 2, "status": SubmissionStatus.IN_REVIEW})
    assert _titles(second) == [f"Listing {number:02}" for number in range(50, 55)]
