"""Who belongs to an organisation, and as what.

A person may belong to several organisations, each as a member (writes and updates the
organisation's listings) or an admin (also manages its team). This table is the record
of that; Wagtail's page, image and document permissions still come from Django groups,
which `providers.organisations.access` keeps in step with these rows (it is the only
code that writes either).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from providers.enums import TeamRole


class MembershipQuerySet(models.QuerySet["Membership"]):
    def active(self) -> MembershipQuerySet:
        """Memberships of people who can still sign in (a deactivated account keeps its row)."""
        return self.filter(user__is_active=True)

    def admins(self) -> MembershipQuerySet:
        return self.filter(role=TeamRole.ADMIN)


class Membership(models.Model):
    organisation = models.ForeignKey(
        "providers.OrganisationPage", on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=TeamRole.choices, default=TeamRole.MEMBER)
    created_at = models.DateTimeField(default=timezone.now)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["organisation", "user"], name="one_membership"),
            models.CheckConstraint(
                condition=Q(role__in=TeamRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} in organisation {self.organisation_id} as {self.role}"

    @property
    def is_admin(self) -> bool:
        return self.role == TeamRole.ADMIN
