"""Problems the public reports with a listing ("Report a problem with this listing").

The listing's title and organisation are copied when the report is made: a report,
above all a safeguarding concern, must outlive the listing it was about.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.moderation.reports.enums import OPEN_STATUSES, ReportKind, ReportStatus

DETAILS_MAX_LENGTH = 2000


class ListingReportQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def for_providers(self):
        """What a listing's provider may read: never safeguarding concerns, which may be
        about the provider's own staff and go to the council alone."""
        return self.exclude(kind=ReportKind.SAFEGUARDING)


class ListingReport(models.Model):
    page = models.ForeignKey(
        "providers.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problem_reports",
    )
    organisation = models.ForeignKey(
        "providers.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="problem_reports",
    )
    page_title = models.CharField("listing", max_length=255)
    kind = models.CharField("what is wrong", max_length=20, choices=ReportKind.choices)
    details = models.TextField(max_length=DETAILS_MAX_LENGTH)
    name = models.CharField(max_length=100, blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW)
    created_at = models.DateTimeField("received", default=timezone.now)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolution_note = models.TextField(blank=True)

    objects = ListingReportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "reported problem"
        verbose_name_plural = "reported problems"
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReportStatus.values), name="listing_report_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ReportKind.values), name="listing_report_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.page_title}"

    @property
    def is_safeguarding(self) -> bool:
        return self.kind == ReportKind.SAFEGUARDING

    @property
    def excerpt(self) -> str:
        text = " ".join(self.details.split())
        return text if len(text) <= 80 else f"{text[:79]}…"
