"""How fresh each published listing is: confirmations by providers and missed review rounds.

Kept beside the page, never on it: page fields are versioned, so a provider's next
publish would overwrite a count written on the page with the value in their draft.

The rule (providers.moderation.freshness.services): a listing is *checked* in a cycle when its
provider confirmed it, or a change to it was published, between the cycle's opening and
its close. At each close, every live listing not checked gets one more missed cycle; a
check at any time sets the count back to zero. Two missed cycles flag the listing ("may
be out of date" on the public page); three unpublish it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.moderation.freshness.enums import ConfirmationMethod

FLAG_AFTER_MISSED = 2
UNPUBLISH_AFTER_MISSED = 3


class ListingFreshnessQuerySet(models.QuerySet):
    def flagged(self):
        """Listings families are told may be out of date (still live)."""
        return self.filter(flagged_at__isnull=False, unpublished_at__isnull=True)

    def unpublished_as_stale(self):
        return self.filter(unpublished_at__isnull=False)

    def stale(self):
        """What moderators keep an eye on: flagged, or taken down for staleness."""
        return self.filter(Q(flagged_at__isnull=False) | Q(unpublished_at__isnull=False))


class ListingFreshness(models.Model):
    """One row per service listing: when it was last checked and how many rounds it missed."""

    page = models.OneToOneField(
        "providers.ServicePage", on_delete=models.CASCADE, related_name="freshness"
    )
    last_confirmed_at = models.DateTimeField(null=True, blank=True)
    last_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When a change to the listing was last published (an approved submission).
    last_updated_at = models.DateTimeField(null=True, blank=True)
    missed_cycles = models.PositiveSmallIntegerField(default=0)
    # The cycle whose close last counted this listing, so a close is never counted twice.
    last_counted_cycle = models.ForeignKey(
        "moderation.SubmissionCycle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    flagged_at = models.DateTimeField("flagged since", null=True, blank=True)
    warned_at = models.DateTimeField(null=True, blank=True)
    # The cycle in which the one-week reminder was sent, so it goes once per cycle.
    reminder_cycle = models.ForeignKey(
        "moderation.SubmissionCycle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reminded_at = models.DateTimeField(null=True, blank=True)
    unpublished_at = models.DateTimeField(null=True, blank=True)

    objects = ListingFreshnessQuerySet.as_manager()

    class Meta:
        verbose_name = "listing freshness"
        verbose_name_plural = "stale listings"
        constraints = [
            # A flag is the second missed cycle; a check clears both together.
            models.CheckConstraint(
                condition=Q(flagged_at__isnull=True) | Q(missed_cycles__gte=FLAG_AFTER_MISSED),
                name="freshness_flag_needs_missed_cycles",
            ),
        ]
        indexes = [models.Index(fields=["flagged_at"]), models.Index(fields=["unpublished_at"])]

    def __str__(self) -> str:
        return f"Freshness of page {self.page_id}"

    @property
    def last_checked_at(self):
        moments = [m for m in (self.last_confirmed_at, self.last_updated_at) if m is not None]
        return max(moments) if moments else None

    @property
    def is_flagged(self) -> bool:
        return self.flagged_at is not None and self.unpublished_at is None


class ListingConfirmation(models.Model):
    """A provider said a listing's published details are still right, in one cycle."""

    # A confirmation is history: it outlives the listing (SET_NULL, with the title kept by
    # providers.moderation.models.record), unlike ListingFreshness, which is the listing's
    # current count of missed rounds and means nothing once the listing is gone.
    page = models.ForeignKey(
        "providers.ServicePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="confirmations",
    )
    page_title = models.CharField("listing", max_length=255, blank=True)
    cycle = models.ForeignKey(
        "moderation.SubmissionCycle", on_delete=models.PROTECT, related_name="confirmations"
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    confirmed_at = models.DateTimeField(default=timezone.now)
    method = models.CharField(max_length=10, choices=ConfirmationMethod.choices)

    class Meta:
        ordering = ["-confirmed_at"]
        constraints = [
            # Confirming twice in a cycle changes nothing: the first one stands.
            models.UniqueConstraint(fields=["page", "cycle"], name="one_confirmation_per_cycle"),
            models.CheckConstraint(
                condition=Q(method__in=ConfirmationMethod.values),
                name="confirmation_method_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Page {self.page_id} confirmed in cycle {self.cycle_id}"
