"""Submission cycles: planning, the suggested next cycle, opening and closing."""

import datetime as dt

import pytest
import time_machine
from dateutil.relativedelta import relativedelta
from wagtail.models import ModelLogEntry, Page, Site

from providers.moderation.enums import CycleStatus, SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import current_cycle, season_name, suggested_cycle
from providers.moderation.services import (
    ModerationError,
    change_cycle,
    close_cycle,
    open_cycle,
    schedule_cycle,
)
from tests.providers.moderation.support import (
    edit_draft,
    make_cycle,
    submit,
    today,
)

pytestmark = pytest.mark.django_db


def days(n: int) -> dt.date:
    return today() + dt.timedelta(days=n)


def test_a_moderator_plans_a_cycle_and_it_is_audited(moderator):
    cycle = schedule_cycle(
        name=" Spring 2027 ",
        opens_on=days(10),
        deadline=days(37),
        review_by=days(58),
        user=moderator,
    )
    assert (cycle.name, cycle.status, cycle.created_by) == ("Spring 2027", "scheduled", moderator)
    entry = ModelLogEntry.objects.get(object_id=str(cycle.pk), action="moderation.cycle_schedule")
    assert entry.user == moderator


@pytest.mark.parametrize("role", ["provider", "content_editor", "finance_officer", "family"])
def test_only_moderators_plan_open_and_close_cycles(users_by_role, moderator, role):
    with pytest.raises(ModerationError, match="Only the council's moderators"):
        schedule_cycle(
            name="Spring",
            opens_on=days(1),
            deadline=days(20),
            review_by=days(30),
            user=users_by_role[role],
        )
    cycle = make_cycle(moderator, status=CycleStatus.SCHEDULED)
    with pytest.raises(ModerationError):
        open_cycle(cycle=cycle, user=users_by_role[role])
    open_cycle(cycle=cycle, user=moderator)
    with pytest.raises(ModerationError):
        close_cycle(cycle=cycle, user=users_by_role[role])
    assert SubmissionCycle.objects.get().status == CycleStatus.OPEN


def test_dates_must_be_in_order_and_the_deadline_not_past(moderator):
    with pytest.raises(ModerationError, match="deadline must be on or after") as error:
        schedule_cycle(
            name="A", opens_on=days(5), deadline=days(4), review_by=days(30), user=moderator
        )
    assert error.value.field == "deadline"
    with pytest.raises(ModerationError, match="review-by date"):
        schedule_cycle(
            name="A", opens_on=days(5), deadline=days(8), review_by=days(7), user=moderator
        )
    with pytest.raises(ModerationError, match="today or in the future"):
        schedule_cycle(
            name="A", opens_on=days(-30), deadline=days(-1), review_by=days(9), user=moderator
        )
    assert not SubmissionCycle.objects.exists()


def test_cycles_may_not_overlap_from_opening_to_review_by(moderator):
    first = schedule_cycle(
        name="Spring", opens_on=days(10), deadline=days(30), review_by=days(50), user=moderator
    )
    # Starting on its review-by date overlaps; the day after does not.
    with pytest.raises(ModerationError, match="overlap “Spring”"):
        schedule_cycle(
            name="B", opens_on=days(50), deadline=days(60), review_by=days(70), user=moderator
        )
    with pytest.raises(ModerationError, match="overlap"):
        schedule_cycle(
            name="C", opens_on=days(1), deadline=days(5), review_by=days(10), user=moderator
        )
    schedule_cycle(
        name="Summer", opens_on=days(51), deadline=days(60), review_by=days(70), user=moderator
    )
    # Changing a cycle may not make it overlap either; it may keep its own dates.
    with pytest.raises(ModerationError, match="overlap “Summer”"):
        change_cycle(
            cycle=first,
            user=moderator,
            name="Spring",
            opens_on=days(10),
            deadline=days(30),
            review_by=days(55),
        )
    change_cycle(
        cycle=first,
        user=moderator,
        name="Spring 2027",
        opens_on=days(11),
        deadline=days(30),
        review_by=days(50),
    )
    first.refresh_from_db()
    assert (first.name, first.opens_on) == ("Spring 2027", days(11))


def test_only_a_scheduled_cycle_can_be_changed(moderator):
    cycle = make_cycle(moderator)
    with pytest.raises(ModerationError, match="already opened"):
        change_cycle(
            cycle=cycle,
            user=moderator,
            name="Renamed",
            opens_on=cycle.opens_on,
            deadline=cycle.deadline,
            review_by=cycle.review_by,
        )
    assert SubmissionCycle.objects.get().name != "Renamed"


def test_the_suggested_cycle_opens_three_months_after_the_last(moderator):
    # No cycle yet: from today, four weeks to submit and three more to decide.
    first = suggested_cycle(today=dt.date(2027, 1, 10))
    assert (first.opens_on, first.deadline, first.review_by) == (
        dt.date(2027, 1, 10),
        dt.date(2027, 2, 6),
        dt.date(2027, 2, 27),
    )
    assert first.name == "Winter 2026 to 2027"
    cycle = make_cycle(moderator, status=CycleStatus.SCHEDULED)
    suggestion = suggested_cycle()
    assert suggestion.opens_on == cycle.opens_on + relativedelta(months=3)
    assert suggestion.deadline == suggestion.opens_on + dt.timedelta(days=27)
    assert suggestion.review_by == suggestion.deadline + dt.timedelta(days=21)
    assert suggestion.name.startswith(season_name(suggestion.opens_on))
    # The suggestion never overlaps the last cycle: a long cycle pushes it later.
    SubmissionCycle.objects.filter(pk=cycle.pk).update(review_by=days(120))
    assert suggested_cycle().opens_on == days(121)


def test_a_suggestion_three_months_on_keeps_the_day_or_takes_the_months_last(moderator):
    with time_machine.travel(dt.date(2026, 11, 1), tick=False):
        cycle = make_cycle(moderator, status=CycleStatus.CLOSED, days_to_deadline=10)
        SubmissionCycle.objects.filter(pk=cycle.pk).update(
            opens_on=dt.date(2026, 11, 30),
            deadline=dt.date(2026, 12, 5),
            review_by=dt.date(2026, 12, 10),
        )
        assert suggested_cycle().opens_on == dt.date(2027, 2, 28)


def test_opening_collects_the_submissions_waiting_between_cycles(moderator, provider, service):
    edited, _revision = edit_draft(service, provider, summary="New summary for families")
    waiting = submit(edited, provider)
    assert (waiting.status, waiting.cycle) == (SubmissionStatus.WAITING, None)
    cycle = make_cycle(moderator, status=CycleStatus.SCHEDULED)
    opened = open_cycle(cycle=cycle, user=moderator)
    assert cycle.status == opened.status == CycleStatus.OPEN and opened.opened_at
    waiting.refresh_from_db()
    assert (waiting.status, waiting.cycle, waiting.in_review_since) == (
        SubmissionStatus.IN_REVIEW,
        opened,
        opened.opened_at,
    )
    entry = ModelLogEntry.objects.get(object_id=str(cycle.pk), action="moderation.cycle_open")
    assert entry.data == {"from_status": CycleStatus.SCHEDULED, "joined_from_waiting": 1}


def test_one_cycle_open_at_a_time_and_no_reopening(moderator):
    first = make_cycle(moderator)
    second = make_cycle(moderator, status=CycleStatus.SCHEDULED, opens_in=60)
    with pytest.raises(ModerationError, match="still open"):
        open_cycle(cycle=second, user=moderator)
    with pytest.raises(ModerationError, match="cannot be opened"):
        open_cycle(cycle=first, user=moderator)
    close_cycle(cycle=first, user=moderator)
    with pytest.raises(ModerationError, match="cannot be opened"):
        open_cycle(cycle=first, user=moderator)
    with pytest.raises(ModerationError, match="cannot be closed"):
        close_cycle(cycle=first, user=moderator)
    with pytest.raises(ModerationError, match="cannot be closed"):
        close_cycle(cycle=second, user=moderator)
    open_cycle(cycle=second)  # the daily job opens cycles with no user
    assert SubmissionCycle.objects.get(pk=second.pk).status == CycleStatus.OPEN


def test_a_cycle_whose_deadline_passed_cannot_be_opened(moderator):
    cycle = make_cycle(moderator, status=CycleStatus.SCHEDULED)
    SubmissionCycle.objects.filter(pk=cycle.pk).update(opens_on=days(-20), deadline=days(-1))
    with pytest.raises(ModerationError, match="deadline of .* has passed"):
        open_cycle(cycle=cycle, user=moderator)


def test_closing_keeps_the_queue_at_close(moderator, provider, service):
    cycle = make_cycle(moderator)
    edited, _ = edit_draft(service, provider, summary="Changed")
    submission = submit(edited, provider)
    assert submission.cycle == cycle
    closed = close_cycle(cycle=cycle, user=moderator)
    assert closed.queue_at_close == 1 and closed.closed_at
    # What was in review stays in that cycle, for a decision.
    submission.refresh_from_db()
    assert (submission.status, submission.cycle) == (SubmissionStatus.IN_REVIEW, cycle)
    assert Submission.objects.filter(cycle=cycle).count() == 1


def test_cycles_belong_to_the_directory_council_and_another_councils_open_cycle_is_its_own(
    moderator,
):
    ours = make_cycle(moderator)
    assert ours.council == Site.objects.get(is_default_site=True)
    neighbour = Site.objects.create(
        hostname="neighbour.example", root_page=Page.objects.get(depth=1), site_name="Eastmoor"
    )
    theirs = SubmissionCycle.objects.create(
        council=neighbour,
        name="Eastmoor spring",
        opens_on=days(0),
        deadline=days(20),
        review_by=days(30),
        status=CycleStatus.SCHEDULED,
    )
    # Each council may have its own cycle open; ours stays the directory's current one.
    open_cycle(cycle=theirs, user=moderator)
    assert current_cycle() == ours
    assert set(SubmissionCycle.objects.open()) == {ours, theirs}
