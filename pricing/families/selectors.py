"""Reads about children, profiles and consent, and the one read by a provider.

`profile_for_provider` is the only way a provider's person reaches a one-page profile,
and it writes a `ProfileView` in the same call: a read that is handed over is a read that
is recorded, with no second step a view could forget.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Max, QuerySet

from pricing.families.models import Child, OnePageProfile, ProfileShare, ProfileView
from providers.organisations.access import is_organisation_member

# "Does this organisation have a current booking for this child?", answered by the caller:
# a queryset (true when it has any row) or a function of no arguments returning a bool.
CurrentBookingCheck = QuerySet[Any] | Callable[[], bool]


def children_of(user: Any) -> QuerySet[Child]:
    """A family's children; every family page loads children through this, never by id
    alone, so another family's child is simply not found (404)."""
    if not getattr(user, "is_authenticated", False):
        return Child.objects.none()
    return Child.objects.filter(family=user).select_related("profile")


def shares_of(user: Any) -> QuerySet[ProfileShare]:
    """Every consent a family has given, with how often and when it was last used."""
    return (
        ProfileShare.objects.filter(child__in=children_of(user))
        .select_related("child", "organisation")
        .annotate(view_count=Count("views"), last_viewed_at=Max("views__viewed_at"))
        # Active consents first on every database (PostgreSQL sorts NULLs last by default).
        .order_by(
            "child__first_name",
            "child_id",
            F("withdrawn_at").asc(nulls_first=True),
            "-granted_at",
        )
    )


def written_profile(child: Child) -> OnePageProfile | None:
    """The child's one-page profile if the family has written something in it: an empty
    one is not offered for sharing (a provider would be shown nothing)."""
    profile = getattr(child, "profile", None)  # None when there is none (AttributeError)
    return None if profile is None or profile.is_empty else profile


def active_share(child: Child, organisation: Any) -> ProfileShare | None:
    """The family's consent for `organisation` to read the child's profile, if given and
    not withdrawn."""
    return ProfileShare.objects.active().filter(child=child, organisation=organisation).first()


def _has_current_booking(check: CurrentBookingCheck) -> bool:
    if isinstance(check, QuerySet):
        return check.exists()
    return bool(check())


def profile_for_provider(
    *,
    child: Child,
    organisation: Any,
    viewer: Any,
    has_current_booking: CurrentBookingCheck,
) -> OnePageProfile | None:
    """The child's one-page profile for a person of `organisation`, or None; logs the view.

    All of these must hold, or nothing is returned and nothing is logged:
    - `viewer` is in the organisation's team (and can sign in);
    - the family's consent for the organisation is active (shared, not withdrawn);
    - `has_current_booking` says the organisation has a current booking for the child.
      The bookings feature passes it, for example
      `Booking.objects.current().filter(child=child, organisation=organisation)` or a
      function returning a bool; there is no default, so no caller can skip the check
      (consent was given for a booking, not for ever: UK GDPR art. 5(1)(b));
    - the family has written a profile.
    """
    if not is_organisation_member(viewer, organisation):
        return None
    share = ProfileShare.objects.active().filter(child=child, organisation=organisation).first()
    if share is None or not _has_current_booking(has_current_booking):
        return None
    profile = OnePageProfile.objects.filter(child=child).first()
    if profile is None:
        return None
    with transaction.atomic():
        ProfileView.objects.create(
            child=child, share=share, organisation=organisation, viewer=viewer
        )
    return profile
