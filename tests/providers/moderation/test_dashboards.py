"""The staff figures (per cycle) and the provider's view of their listings.

Figures are computed from known timestamps, so each number is checked exactly.
"""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from providers.moderation.enums import (
    CycleStatus,
    ListingStatus,
    NextStep,
    SubmissionStatus,
    UrgentReason,
)
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import (
    cycle_figures,
    listing_states,
    median,
    ninetieth_percentile,
)
from providers.moderation.services import (
    approve_submission,
    close_cycle,
    mark_urgent,
    reject_submission,
    request_changes,
)
from tests.factories import ServicePageFactory
from tests.providers.moderation.support import (
    edit_draft,
    make_cycle,
    move_deadline_into_the_past,
    refresh,
    submit,
)

pytestmark = pytest.mark.django_db


UTC = dt.UTC


def at(day: int, hour: int = 9) -> dt.datetime:
    return dt.datetime(2026, 6, day, hour, 0, tzinfo=UTC)


def test_percentiles_interpolate_between_the_nearest_values():
    values = [Decimal("1.5"), Decimal(2), Decimal(4), Decimal(10)]
    assert median(values) == Decimal("3.0")
    assert ninetieth_percentile(values) == Decimal("8.2")
    assert ninetieth_percentile([Decimal(7)]) == Decimal(7)
    assert median([]) is None and ninetieth_percentile([]) is None


@pytest.fixture
def history(moderator, provider, service):
    """A closed cycle "Summer 2026" opened 1 June 2026 09:00 with four decisions (review
    times 2, 1.5, 10 and 4 days) and one still in review; an urgent change decided in
    half a day; an open cycle with one submission in review."""
    cycle = make_cycle(moderator, name="Summer 2026")
    SubmissionCycle.objects.filter(pk=cycle.pk).update(opened_at=at(1))
    decided = [
        # (submitted, in review since, decided, decision)
        (dt.datetime(2026, 5, 20, 9, tzinfo=UTC), None, at(3), approve_submission),
        (at(2), at(2), at(3, 21), request_changes),
        (at(5), at(5), at(15), approve_submission),
        (at(6), at(6), at(10), reject_submission),
    ]
    page = service
    for number, (submitted, since, decided_at, decide) in enumerate(decided):
        page, _ = edit_draft(page, provider, summary=f"Version {number}")
        submission = submit(page, provider)
        decide(submission=submission, user=moderator, reason="Because.")
        # The first one waited for the cycle: its review started when the cycle opened,
        # which the selector works out when no start was recorded.
        Submission.objects.filter(pk=submission.pk).update(
            submitted_at=submitted, in_review_since=since, decided_at=decided_at
        )
    page, _ = edit_draft(page, provider, summary="Still in review")
    submit(page, provider)
    close_cycle(cycle=cycle, user=moderator)
    SubmissionCycle.objects.filter(pk=cycle.pk).update(
        opens_on=dt.date(2026, 6, 1), deadline=dt.date(2026, 6, 28), review_by=dt.date(2026, 7, 19)
    )
    # An urgent change between cycles, decided twelve hours after it was marked urgent.
    other = ServicePageFactory(parent=page.get_parent(), title="Holiday club")
    other, _ = edit_draft(other, provider, summary="Closed for good")
    urgent = submit(other, provider, urgent_reason=UrgentReason.CLOSING)
    mark_urgent(submission=urgent, user=moderator, reason=UrgentReason.CLOSING)
    approve_submission(submission=urgent, user=moderator)
    Submission.objects.filter(pk=urgent.pk).update(
        submitted_at=at(20), in_review_since=at(21), decided_at=at(21, 21)
    )
    current = make_cycle(moderator, name="Autumn 2026")
    third = ServicePageFactory(parent=page.get_parent(), title="Sibling swim", draft=True)
    submit(third, provider)
    return {"closed": cycle, "open": current}


def test_cycle_figures_from_known_data(history):
    summer, urgent, autumn = None, None, None
    for row in cycle_figures():
        if row.label == "Summer 2026":
            summer = row
        elif row.label == "Autumn 2026":
            autumn = row
        else:
            urgent = row
    assert [row.label for row in cycle_figures()] == [
        "Summer 2026",
        "Autumn 2026",
        "Urgent, outside cycles",
    ]
    assert (summer.in_review, summer.queue_at_close) == (1, 1)
    assert (summer.approved, summer.changes_requested, summer.rejected, summer.decided) == (
        2,
        1,
        1,
        4,
    )
    assert (summer.median_days, summer.p90_days) == (Decimal("3.0"), Decimal("8.2"))
    assert (autumn.in_review, autumn.queue_at_close, autumn.decided) == (1, None, 0)
    assert (autumn.median_days, autumn.p90_days) == (None, None)
    assert (urgent.approved, urgent.median_days, urgent.p90_days) == (
        1,
        Decimal("0.5"),
        Decimal("0.5"),
    )


def test_the_figures_page_draws_charts_with_a_table_beside_them(client_for, history):
    response = client_for("moderator").get(reverse("moderation:dashboard"))
    content = response.content.decode()
    assert content.count('role="img"') == 2
    assert "<title id=" in content and "<desc id=" in content
    assert "Summer 2026: 2 approved, 1 changes requested, 1 rejected" in content
    row = re.search(r"<th scope=\"row\">Summer 2026</th>(.*?)</tr>", content, re.S).group(1)
    cells = [cell.strip() for cell in re.findall(r"<td>(.*?)</td>", row, re.S)]
    assert cells == ["Closed", "1", "1", "2", "1", "1", "3.0", "8.2"]
    assert "<script" not in content.split("moderation-figures")[1].split("</table>")[0]


def test_the_moderators_home_panel_counts_what_needs_them(client_for, history):
    content = client_for("moderator").get("/admin/").content.decode()
    assert "Listings moderation" in content
    assert "In review: 2" in content  # one in each cycle
    assert "Autumn 2026 is open" in content


# --- the provider's listings ------------------------------------------------------------------


@pytest.fixture
def listings(moderator, provider, organisation, service):
    cycle = make_cycle(moderator, name="Spring 2027")
    pages = {"published": service}

    def page(title, **kwargs):
        return ServicePageFactory(parent=organisation, title=title, **kwargs)

    pages["draft"], _ = edit_draft(page("Draft club"), provider, summary="Edited")
    pages["in review"], _ = edit_draft(page("Review club"), provider, summary="Edited")
    submit(pages["in review"], provider)
    pages["changes"], _ = edit_draft(page("Changes club"), provider, summary="Edited")
    request_changes(
        submission=submit(pages["changes"], provider), user=moderator, reason="Add the times."
    )
    pages["rejected"], _ = edit_draft(page("Rejected club"), provider, summary="Edited")
    reject_submission(
        submission=submit(pages["rejected"], provider), user=moderator, reason="Not SEND."
    )
    pages["approved"], _ = edit_draft(page("Approved club"), provider, summary="Edited")
    approve_submission(
        submission=submit(pages["approved"], provider), user=moderator, reason="Lovely."
    )
    pages["fixed"], _ = edit_draft(page("Fixed club"), provider, summary="Edited")
    request_changes(
        submission=submit(pages["fixed"], provider), user=moderator, reason="Add prices."
    )
    pages["fixed"], _ = edit_draft(pages["fixed"], provider, summary="Prices added")
    pages["new"] = page("New club", draft=True)
    move_deadline_into_the_past(cycle)
    pages["waiting"], _ = edit_draft(page("Waiting club"), provider, summary="Edited")
    submit(pages["waiting"], provider)
    make_cycle(moderator, status=CycleStatus.SCHEDULED, opens_in=90, name="Summer 2027")
    return {name: refresh(page) for name, page in pages.items()}


def test_each_listing_state_with_feedback_and_the_next_step(listings):
    states = listing_states(listings.values())
    by_name = {name: states[page.pk] for name, page in listings.items()}
    assert {name: state.status for name, state in by_name.items()} == {
        "published": ListingStatus.PUBLISHED,
        "draft": ListingStatus.DRAFT,
        "in review": ListingStatus.IN_REVIEW,
        "changes": ListingStatus.CHANGES_REQUESTED,
        "rejected": ListingStatus.REJECTED,
        "approved": ListingStatus.APPROVED,
        "fixed": ListingStatus.DRAFT,
        "new": ListingStatus.DRAFT,
        "waiting": ListingStatus.WAITING,
    }
    assert by_name["changes"].feedback == "Add the times."
    assert by_name["changes"].next == NextStep.MAKE_CHANGES
    assert by_name["rejected"].feedback == "Not SEND."
    assert by_name["approved"].feedback == "Lovely."
    # Edited after changes were asked for: still shows what to fix, and offers to submit.
    assert by_name["fixed"].feedback == "Add prices."
    assert by_name["fixed"].next == by_name["draft"].next == NextStep.SUBMIT
    # The open cycle's deadline has passed: the draft waits for the next cycle.
    assert by_name["draft"].submit_by is None
    summer = SubmissionCycle.objects.get(name="Summer 2027")
    assert by_name["waiting"].next == NextStep.WAIT_FOR_NEXT_CYCLE
    assert by_name["waiting"].next_opens_on == summer.opens_on
    spring = SubmissionCycle.objects.get(name="Spring 2027")
    assert by_name["in review"].next == NextStep.WAIT_FOR_DECISION
    assert by_name["in review"].decide_by == spring.review_by
    assert by_name["published"].next == NextStep.EDIT_WHEN_CHANGED
    assert by_name["published"].feedback == ""


def test_listing_states_cost_the_same_queries_for_many_pages(listings):
    pages = list(listings.values())
    with CaptureQueriesContext(connection) as few:
        listing_states(pages[:2])
    with CaptureQueriesContext(connection) as many:
        listing_states(pages)
    assert len(few) == len(many) <= 4


def test_the_provider_home_panel_shows_their_listings_only(
    client_for, listings, organisation_index
):
    from tests.factories import OrganisationPageFactory

    other = OrganisationPageFactory(parent=organisation_index, title="Riverside Autism Support")
    ServicePageFactory(parent=other, title="Someone else's club")
    content = client_for("provider").get("/admin/").content.decode()
    assert "Your listings" in content
    assert "Northbridge Play Club" in content
    assert "Changes club" in content and "Add the times." in content
    assert "Changes requested" in content and "Waiting for the next review round" in content
    assert "Someone else's club" not in content
    assert "The next, Summer 2027, opens on" in content
    summer = SubmissionCycle.objects.get(name="Summer 2027")
    assert (
        f"It will be reviewed when the next cycle opens on {summer.opens_on:%-d %B %Y}." in content
    )
    assert "Make the changes the moderator asked for, then submit it again." in content
    submit_url = reverse("moderation:submit", args=[listings["draft"].pk])
    assert f'<a href="{submit_url}">Submit for review' in content
    for role in ("moderator", "content_editor", "finance_officer"):
        assert "Your listings" not in client_for(role).get("/admin/").content.decode(), role
    assert Submission.objects.filter(status=SubmissionStatus.WAITING).count() == 1
