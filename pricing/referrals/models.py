"""A referral: one provider suggests another provider's listing to a family, for one child.

Who sees it is decided in one place (`pricing.referrals.selectors.visible_to`): the
referring organisation's team, the family, and the receiving organisation's team once
the family has agreed (`consented_at`). Until then nothing about the child has left the
organisation that already knew the family.

The family's consent is recorded on the row with who gave it, when, and the exact words
they were shown (UK GDPR art. 7(1): the controller must be able to show consent was
given). A one-page profile shared for the referral is a `ProfileShare` like any other,
kept on the row so withdrawing the referral can withdraw that share too.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone

from pricing.referrals.enums import (
    AWAITING_FAMILY,
    AWAITING_RECEIVER,
    CLOSED,
    CONSENTED,
    OPEN,
    ReferralStatus,
)

NOTE_MAX_LENGTH = 2000
ANSWER_MAX_LENGTH = 1000


class ReferralQuerySet(models.QuerySet["Referral"]):
    def open(self) -> ReferralQuerySet:
        return self.filter(status__in=OPEN)

    def closed(self) -> ReferralQuerySet:
        return self.filter(status__in=CLOSED)

    def awaiting_family(self) -> ReferralQuerySet:
        return self.filter(status__in=AWAITING_FAMILY)

    def awaiting_receiver(self) -> ReferralQuerySet:
        return self.filter(status__in=AWAITING_RECEIVER)

    def consented(self) -> ReferralQuerySet:
        """Referrals the family agreed to, whatever happened next."""
        return self.filter(consented_at__isnull=False)


class Referral(models.Model):
    reference = models.CharField(max_length=12, unique=True)
    child = models.ForeignKey("pricing.Child", on_delete=models.CASCADE, related_name="referrals")
    referring_organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="+"
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The listing's organisation when the referral was made (a listing's parent page).
    receiving_organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="+"
    )
    # Kept with its title: a listing taken down later still says what was suggested.
    service = models.ForeignKey(
        "providers.ServicePage", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    service_title = models.CharField(max_length=255)
    note = models.TextField("why, and what the family needs", max_length=NOTE_MAX_LENGTH)
    ask_to_share_profile = models.BooleanField(default=False)
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.AWAITING_CONSENT
    )
    created_at = models.DateTimeField(default=timezone.now)

    consented_at = models.DateTimeField(null=True, blank=True)
    consented_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    consent_words = models.TextField(blank=True)
    profile_shared_with = models.ForeignKey(
        "pricing.ProfileShare",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # True when the family's answer made that share (False when it already existed, say
    # for a booking): only a share made for the referral ends with the referral.
    profile_share_made = models.BooleanField(default=False)

    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # The receiving organisation's message when accepting, or its reason for declining.
    answer = models.TextField(max_length=ANSWER_MAX_LENGTH, blank=True)

    booking = models.ForeignKey(
        "pricing.Booking", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(null=True, blank=True)
    # When and by whom it was closed without a booking (refused, withdrawn, cancelled).
    ended_at = models.DateTimeField(null=True, blank=True)
    ended_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ReferralStatus.values), name="referral_status_valid"
            ),
            models.CheckConstraint(
                condition=~Q(referring_organisation=F("receiving_organisation")),
                name="referral_to_another_organisation",
            ),
            # Sent on, answered or booked only with the family's recorded consent.
            models.CheckConstraint(
                condition=~Q(status__in=CONSENTED)
                | (Q(consented_at__isnull=False) & ~Q(consent_words="")),
                name="referral_consent_recorded",
            ),
            models.CheckConstraint(
                condition=~Q(status=ReferralStatus.DECLINED) | ~Q(answer=""),
                name="referral_declined_with_reason",
            ),
            # One open referral of a child to a listing at a time.
            models.UniqueConstraint(
                fields=["child", "service"],
                condition=Q(status__in=OPEN),
                name="one_open_referral_per_child_and_listing",
            ),
        ]

    def __str__(self) -> str:
        # Audit entries keep this label: no child's name in it.
        return self.reference

    @property
    def is_open(self) -> bool:
        return self.status in OPEN
