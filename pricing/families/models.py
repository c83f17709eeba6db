"""A family's children: who a booking, a profile, a budget and a plan are for.

A parent or carer's account holds their children; a young person aged 16 to 25 may hold
their own account, and is then their own "child" record (`is_account_holder`). Only what
providers and the council need is kept: a first name, not a full name, because a session
register and a provider's bookings list need no more (data minimisation, UK GDPR art. 5).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone


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

    def __str__(self) -> str:
        return self.first_name

    def age_on(self, day) -> int:
        """Age in whole years on `day` (a birthday on 29 February counts from 1 March)."""
        dob = self.date_of_birth
        return day.year - dob.year - ((day.month, day.day) < (dob.month, dob.day))
