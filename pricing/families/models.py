"""A family's children, their one-page profiles, and the family's consent to share them.

A parent or carer's account holds their children; a young person aged 16 to 25 may hold
their own account, and is then their own "child" record (`is_account_holder`). Only what
providers and the council need is kept: a first name, not a full name, because a session
register and a provider's bookings list need no more (data minimisation, UK GDPR art. 5).

A one-page profile (the family guide's three sections) is the family's own words about
the child. Providers see it only where the family has shared it with them (a
`ProfileShare` that has not been withdrawn) and only for a current booking; every time a
provider opens it a `ProfileView` row is written, so the family can see who has read it.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

# The Local Offer covers children and young people from birth to 25 (Children and
# Families Act 2014, s. 30); a young person of 16 or more may act for themselves.
YOUNG_PERSON_MIN_AGE = 16
YOUNG_PERSON_MAX_AGE = 25

PROFILE_SECTION_MAX_LENGTH = 1500


def age_on(date_of_birth: dt.date, day: dt.date) -> int:
    """Age in whole years on `day` (a birthday on 29 February counts from 1 March)."""
    dob = date_of_birth
    return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))


class Child(models.Model):
    """A child or young person with special educational needs or a disability."""

    family = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="children"
    )
    first_name = models.CharField(max_length=60)
    date_of_birth = models.DateField()
    needs = models.ManyToManyField("providers.Need", blank=True, related_name="+")
    needs_notes = models.CharField(
        "anything else about their needs",
        max_length=500,
        blank=True,
        help_text="What a provider should know to keep them safe and included.",
    )
    has_ehc_plan = models.BooleanField(
        "has an education, health and care (EHC) plan", default=False
    )
    # A young person (16 to 25) who holds their own account is their own child record.
    is_account_holder = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["first_name", "pk"]
        verbose_name_plural = "children"
        constraints = [
            # An account belongs to one young person at most: "This is me" once.
            models.UniqueConstraint(
                fields=["family"],
                condition=Q(is_account_holder=True),
                name="one_account_holder_per_family",
            ),
        ]

    def __str__(self) -> str:
        return self.first_name

    def age_on(self, day: dt.date) -> int:
        """Age in whole years on `day` (a birthday on 29 February counts from 1 March)."""
        return age_on(self.date_of_birth, day)

    @property
    def age(self) -> int:
        return self.age_on(timezone.localdate())


class OnePageProfile(models.Model):
    """What people need to know about a child on one page, in the family's own words.

    The three sections are the family guide's: what people like and admire about me, what
    is important to me, how best to support me. Not versioned: a provider always sees
    what the family wrote last, and `updated_at` says when that was.
    """

    child = models.OneToOneField(Child, on_delete=models.CASCADE, related_name="profile")
    like_and_admire = models.TextField(
        "What people like and admire about me",
        max_length=PROFILE_SECTION_MAX_LENGTH,
        blank=True,
    )
    important_to_me = models.TextField(
        "What is important to me", max_length=PROFILE_SECTION_MAX_LENGTH, blank=True
    )
    how_to_support = models.TextField(
        "How best to support me", max_length=PROFILE_SECTION_MAX_LENGTH, blank=True
    )
    updated_at = models.DateTimeField(default=timezone.now)

    SECTIONS = ("like_and_admire", "important_to_me", "how_to_support")

    def __str__(self) -> str:
        return f"One-page profile {self.pk}"

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, name).strip() for name in self.SECTIONS)


class ProfileShareQuerySet(models.QuerySet["ProfileShare"]):
    def active(self) -> ProfileShareQuerySet:
        """Shares the family has not withdrawn: the only ones that let a provider read."""
        return self.filter(withdrawn_at__isnull=True)


class ProfileShare(models.Model):
    """A family's consent for one organisation to read one child's one-page profile.

    Consent is recorded with who gave it, when and what for, and is withdrawn, never
    deleted, so the record of what was agreed survives the withdrawal (UK GDPR art. 7(1):
    the controller must be able to show consent was given). Only one share per child and
    organisation is active at a time.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="profile_shares")
    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="+"
    )
    purpose = models.CharField(
        "what it is shared for",
        max_length=200,
        blank=True,
        help_text="For example, the booking it was shared for.",
    )
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    granted_at = models.DateTimeField(default=timezone.now)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    objects = ProfileShareQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "organisation"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_active_profile_share",
            ),
            models.CheckConstraint(
                condition=Q(withdrawn_at__isnull=True)
                | Q(withdrawn_at__gte=models.F("granted_at")),
                name="profile_share_withdrawn_after_granted",
            ),
        ]

    def __str__(self) -> str:
        # Audit entries keep this label after the child is removed: no name in it.
        return f"Profile share {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_at is None


class ProfileView(models.Model):
    """One time a provider's person opened a child's one-page profile.

    Written in the same call that hands the profile over
    (`pricing.families.selectors.profile_for_provider`), so no read goes unrecorded. The
    family sees these beside each share.
    """

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="profile_views")
    share = models.ForeignKey(
        ProfileShare, on_delete=models.SET_NULL, null=True, related_name="views"
    )
    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="+"
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    viewed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-viewed_at", "-pk"]

    def __str__(self) -> str:
        return f"Profile view {self.pk}"
