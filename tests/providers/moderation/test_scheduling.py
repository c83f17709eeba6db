"""The daily job's rules (`plan_day`) and their running (`run_day`), tested on fixed days
(time-machine) without the command; and planning cycles one at a time."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from providers.models import ServicePage
from providers.moderation.enums import CycleStatus
from providers.moderation.freshness.enums import ConfirmationMethod
from providers.moderation.freshness.models import ListingConfirmation
from providers.moderation.freshness.services import FreshnessError, confirm_listing
from providers.moderation.models import SubmissionCycle
from providers.moderation.selectors.scheduling import plan_day
from providers.moderation.services import ModerationError, run_day, schedule_cycle

pytestmark = pytest.mark.django_db

DAY = dt.date(2027, 3, 10)


def cycle(name: str, opens_on: dt.date, *, days: int = 27, **fields) -> SubmissionCycle:
    deadline = opens_on + dt.timedelta(days=days)
    return SubmissionCycle.objects.create(
        name=name,
        opens_on=opens_on,
        deadline=deadline,
        review_by=deadline + dt.timedelta(days=21),
        **fields,
    )


def test_a_cycle_accepts_submissions_while_open_up_to_its_deadline():
    spring = cycle("Spring", DAY, status=CycleStatus.OPEN)
    assert spring.accepts_submissions_on(spring.deadline)
    assert not spring.accepts_submissions_on(spring.deadline + dt.timedelta(days=1))
    assert list(SubmissionCycle.objects.accepting(spring.deadline)) == [spring]
    assert not SubmissionCycle.objects.accepting(spring.deadline + dt.timedelta(days=1)).exists()
    summer = cycle("Summer", DAY + dt.timedelta(days=90))
    assert not summer.accepts_submissions_on(summer.opens_on)


def test_the_plan_closes_past_deadlines_then_opens_the_earliest_due_cycle():
    winter = cycle("Winter", DAY - dt.timedelta(days=40), status=CycleStatus.OPEN)
    forgotten = cycle("Forgotten", DAY - dt.timedelta(days=20), days=5)
    spring = cycle("Spring", DAY)
    cycle("Summer", DAY + dt.timedelta(days=90))

    plan = plan_day(DAY)

    assert plan.to_close == [winter]
    assert plan.to_open == spring
    passed = f"its deadline ({forgotten.deadline:%-d %B %Y}) has passed."
    assert plan.not_opening == [(forgotten, f"{passed} Change its dates in the admin.")]
    assert plan.remind_in is None
    assert plan.describe()[0] == f"Closing Winter (deadline {winter.deadline:%-d %B %Y})"


def test_the_plan_does_not_open_a_cycle_while_another_takes_submissions():
    cycle("Spring", DAY - dt.timedelta(days=3), status=CycleStatus.OPEN)
    early = cycle("Early summer", DAY - dt.timedelta(days=1))

    plan = plan_day(DAY)

    assert plan.to_open is None
    assert plan.not_opening == [(early, "Spring is still open.")]


def test_reminders_are_planned_in_the_open_cycles_last_week_only():
    spring = cycle("Spring", DAY, status=CycleStatus.OPEN)
    assert plan_day(spring.deadline - dt.timedelta(days=8)).is_empty
    assert plan_day(spring.deadline - dt.timedelta(days=7)).remind_in == spring
    assert plan_day(spring.deadline).remind_in == spring


def test_run_day_acts_as_on_the_plans_day_not_the_clock(
    service, django_capture_on_commit_callbacks
):
    # The clock says the deadline has passed; the plan is for the day before it, so the
    # opening must not be refused for a past deadline.
    spring = cycle("Spring", DAY, days=5)
    with (
        time_machine.travel(DAY + dt.timedelta(days=30), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        run_day(plan_day(spring.deadline))
    spring.refresh_from_db()
    assert spring.status == CycleStatus.OPEN


def test_nothing_is_planned_on_a_quiet_day():
    cycle("Summer", DAY + dt.timedelta(days=90))
    plan = plan_day(DAY)
    assert plan.is_empty and plan.describe() == []


# --- who may confirm -------------------------------------------------------------------------


def test_only_a_member_of_the_listings_organisation_may_confirm_it(service, users_by_role):
    spring = cycle("Spring", DAY, status=CycleStatus.OPEN)
    page = ServicePage.objects.get(pk=service.pk)
    for role in ("moderator", "family", "content_editor"):
        with pytest.raises(FreshnessError, match="Only a member"):
            confirm_listing(
                page=page, cycle=spring, user=users_by_role[role], method=ConfirmationMethod.ADMIN
            )
    assert not ListingConfirmation.objects.exists()
    result = confirm_listing(
        page=page, cycle=spring, user=users_by_role["provider"], method=ConfirmationMethod.ADMIN
    )
    assert result.created


# --- planning at the same time ---------------------------------------------------------------


def test_an_overlapping_cycle_is_refused_by_the_service(users_by_role):
    moderator = users_by_role["moderator"]
    opens_on = dt.date.today() + dt.timedelta(days=30)
    dates = {
        "opens_on": opens_on,
        "deadline": opens_on + dt.timedelta(days=27),
        "review_by": opens_on + dt.timedelta(days=48),
    }
    schedule_cycle(name="Spring", user=moderator, **dates)
    with pytest.raises(ModerationError, match="overlap “Spring”"):
        schedule_cycle(name="Spring again", user=moderator, **dates)
