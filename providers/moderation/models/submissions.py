"""Submission cycles and the submissions reviewed in them.

A provider's edit is a Wagtail revision; a `Submission` asks the council to publish one
revision. The published version stays live until a moderator approves, and the revision
approved is the one submitted, not whatever the provider typed afterwards.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from wagtail.models import Site

from providers.moderation.enums import (
    DECIDED_STATUSES,
    PENDING_STATUSES,
    CycleStatus,
    SubmissionStatus,
    UrgentReason,
)


def directory_council_id() -> int | None:
    """The council whose cycles the directory is reviewed in: the default Wagtail site's.

    One install may one day serve neighbouring councils, a Wagtail site each, sharing one
    directory; every cycle already says which council runs it, so a second council gets its
    own cycles without rewriting the first one's history.
    """
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.order_by("pk").first()
    return site.pk if site else None


class SubmissionCycleQuerySet(models.QuerySet):
    def for_council(self, council_id: int | None = None):
        """The cycles of one council (by default the directory's: the default site's).

        The default is a join rather than a look-up first, so it costs no extra query.
        """
        if council_id is None:
            return self.filter(council__is_default_site=True)
        return self.filter(council_id=council_id)

    def open(self):
        return self.filter(status=CycleStatus.OPEN)

    def scheduled(self):
        return self.filter(status=CycleStatus.SCHEDULED)

    def closed(self):
        return self.filter(status=CycleStatus.CLOSED)

    def accepting(self, day):
        """The cycle (at most one) that a submission made on `day` is reviewed in."""
        return self.open().filter(deadline__gte=day)


class SubmissionCycle(models.Model):
    """A review round: providers submit until the deadline, moderators decide by review-by."""

    council = models.ForeignKey(
        "wagtailcore.Site",
        on_delete=models.PROTECT,
        related_name="+",
        default=directory_council_id,
        help_text="The council (its Wagtail site) that runs this review round.",
    )
    name = models.CharField(max_length=80, help_text="For example “Spring 2027”.")
    opens_on = models.DateField("opening date")
    deadline = models.DateField(help_text="The last day providers can submit in this cycle.")
    review_by = models.DateField(
        "review-by date", help_text="Moderators decide on every submission by this day."
    )
    status = models.CharField(
        max_length=10, choices=CycleStatus.choices, default=CycleStatus.SCHEDULED
    )
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    # How many submissions were still waiting for a decision when the cycle closed: a
    # snapshot, because decisions made after closing would otherwise rewrite history.
    queue_at_close = models.PositiveIntegerField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    objects = SubmissionCycleQuerySet.as_manager()

    class Meta:
        ordering = ["opens_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=CycleStatus.values), name="cycle_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(opens_on__lte=F("deadline")) & Q(deadline__lte=F("review_by")),
                name="cycle_dates_in_order",
                violation_error_message=(
                    "The opening date, the deadline and the review-by date must be in that order."
                ),
            ),
            # One cycle at a time per council, so "the current cycle" is never ambiguous.
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(status=CycleStatus.OPEN),
                name="one_open_cycle_per_council",
                violation_error_message="Another cycle is open. Close it first.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def accepts_submissions_on(self, day) -> bool:
        """Whether a submission made on `day` is reviewed in this cycle.

        Only while it is open, up to and including its deadline; a later submission waits
        for the next cycle, even if nobody has closed this one yet.
        """
        return self.status == CycleStatus.OPEN and day <= self.deadline


class SubmissionQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(status__in=PENDING_STATUSES)

    def in_review(self):
        return self.filter(status=SubmissionStatus.IN_REVIEW)

    def waiting(self):
        return self.filter(status=SubmissionStatus.WAITING)

    def decided(self):
        return self.filter(status__in=DECIDED_STATUSES)


class Submission(models.Model):
    """A provider asks for one revision of a directory page to be published."""

    # Deleting a page (a provider withdrawing a draft that was never published) keeps its
    # submissions: they are the record of what was asked and decided. SET_NULL rather than
    # PROTECT, so the withdrawal still works; the titles are kept as they were
    # (models.record.keep_titles_of_deleted_pages) so the record still says what it was.
    page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    page_title = models.CharField("listing", max_length=255, blank=True)
    organisation = models.ForeignKey(
        "providers.OrganisationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="submissions",
    )
    organisation_title = models.CharField("organisation", max_length=255, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    cycle = models.ForeignKey(
        SubmissionCycle,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submissions",
        help_text="Empty while the submission waits for the next cycle.",
    )
    status = models.CharField(max_length=20, choices=SubmissionStatus.choices)
    note = models.TextField(blank=True, help_text="What the provider changed, in their words.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(default=timezone.now)
    # When moderators could first review it: the submission itself during an open cycle,
    # the cycle's opening for one that waited, or the moment it was marked urgent. Time to
    # decision is measured from here, so a change sent between cycles does not count
    # against the moderators for weeks nobody could look at it.
    in_review_since = models.DateTimeField(null=True, blank=True)

    urgent = models.BooleanField(default=False)
    urgent_reason = models.CharField(max_length=20, choices=UrgentReason.choices, blank=True)
    marked_urgent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_urgent_at = models.DateTimeField(null=True, blank=True)

    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(
        blank=True, help_text="The moderator's comments, which the provider sees."
    )

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=SubmissionStatus.values), name="submission_status_valid"
            ),
            models.UniqueConstraint(
                fields=["page"],
                condition=Q(status__in=PENDING_STATUSES),
                name="one_pending_submission_per_page",
            ),
        ]
        indexes = [
            models.Index(fields=["cycle", "status"]),
            models.Index(fields=["organisation", "status"]),
        ]

    def __str__(self) -> str:
        return f"Submission {self.pk} of page {self.page_id} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status in PENDING_STATUSES
