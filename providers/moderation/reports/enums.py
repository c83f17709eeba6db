"""What people report about a listing, and the report's state machine."""

from django.db import models


class ReportKind(models.TextChoices):
    WRONG_DETAILS = "wrong_details", "Some details are wrong"
    CLOSED = "closed", "The service has closed"
    SAFEGUARDING = "safeguarding", "I am worried about a child's safety"
    OTHER = "other", "Something else"


class ReportStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    RESOLVED = "resolved", "Resolved"


# A resolved report can be reopened (the problem came back, or was resolved by mistake).
REPORT_TRANSITIONS: dict[str, frozenset[str]] = {
    ReportStatus.NEW: frozenset({ReportStatus.IN_PROGRESS, ReportStatus.RESOLVED}),
    ReportStatus.IN_PROGRESS: frozenset({ReportStatus.RESOLVED}),
    ReportStatus.RESOLVED: frozenset({ReportStatus.IN_PROGRESS}),
}

OPEN_STATUSES = (ReportStatus.NEW, ReportStatus.IN_PROGRESS)
