"""The columns of the moderators' queues and of the decisions list.

Every value is read from the row itself or the rows joined to it by the selectors
(page, organisation, people, cycle, submitted revision), so a page of fifty costs no
more queries than a page of one.
"""

from __future__ import annotations

from django.template.defaultfilters import date as format_date
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from wagtail.admin.ui.tables import Column, TitleColumn

from providers.moderation.models import Submission
from providers.moderation.selectors import days_waiting, submitted_ages

DATE_TIME = "j M Y, H:i"
NOTHING = "–"


def review_url(submission: Submission) -> str:
    return reverse("moderation:review", args=[submission.pk])


def _waiting(submission: Submission) -> str:
    days = days_waiting(submission)
    return f"{days} day{'' if days == 1 else 's'}"


def _decided_by(submission: Submission) -> str:
    user = submission.decided_by
    if user is None:
        return "Someone who has left"
    return user.get_full_name() or user.email


def _decided_at(submission: Submission) -> str:
    if submission.decided_at is None:
        return NOTHING
    return format_date(timezone.localtime(submission.decided_at), DATE_TIME)


def _reason(submission: Submission) -> str:
    return Truncator(submission.decision_reason).words(40, truncate=" …") or NOTHING


def _cycle(submission: Submission) -> str:
    if submission.cycle is not None:
        return submission.cycle.name
    return "Urgent" if submission.urgent else NOTHING


class OrDashColumn(Column):
    """An empty cell says so with a dash, rather than staying blank."""

    empty_value_display = NOTHING


class SubmissionTitleColumn(TitleColumn):
    """The listing's title, linking to its review, tagged when the change is urgent."""

    cell_template_name = "moderation/admin/tables/submission_title_cell.html"


class SubmittedColumn(Column):
    """When the provider submitted, and who."""

    cell_template_name = "moderation/admin/tables/submitted_cell.html"


class UrgencyColumn(Column):
    """On the waiting queue: what the provider says, and the way to mark it urgent."""

    cell_template_name = "moderation/admin/tables/urgency_cell.html"


def queue_columns(*, waiting: bool) -> list[Column]:
    columns: list[Column] = [
        SubmissionTitleColumn(
            "listing",
            label="Listing",
            accessor="page.get_admin_display_title",
            get_url=review_url,
        ),
        Column("organisation", label="Organisation", accessor="organisation.title"),
        SubmittedColumn("submitted", label="Submitted"),
        Column("waiting", label="Waiting", accessor=_waiting),
        OrDashColumn("ages", label="Ages", accessor=submitted_ages),
        Column("state", label="State", accessor="get_status_display"),
    ]
    if waiting:
        columns.append(UrgencyColumn("urgency", label="Urgent?"))
    return columns


def decision_columns() -> list[Column]:
    return [
        TitleColumn(
            "listing",
            label="Listing",
            accessor="page.get_admin_display_title",
            get_url=review_url,
        ),
        Column("organisation", label="Organisation", accessor="organisation.title"),
        Column("decision", label="Decision", accessor="get_status_display"),
        Column("reason", label="Why", accessor=_reason),
        Column("decided_by", label="Who", accessor=_decided_by),
        Column("decided_at", label="When", accessor=_decided_at),
        Column("cycle", label="Cycle", accessor=_cycle),
    ]
