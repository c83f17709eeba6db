"""The child's one-page profile on one booking: whether the provider can read it, and
sharing it with them from the booking (stopping is the sharing page's own
`pricing.families.views.withdraw_share`).

A provider reads a shared profile only for a current booking
(`pricing.families.selectors.profile_for_provider`), so sharing is offered only while the
booking is active and still to come: consent for a booking that is over or cancelled
would let nobody read anything.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from pricing.bookings.enums import ACTIVE
from pricing.bookings.models import Booking
from pricing.bookings.views.common import booking_of, describe, family_page
from pricing.families.models import OnePageProfile, ProfileShare
from pricing.families.selectors import active_share, written_profile
from pricing.families.services import FamilyError, share_profile


@dataclass(frozen=True)
class ProfileSharing:
    """The child's profile as it stands with the booking's provider."""

    profile: OnePageProfile | None
    share: ProfileShare | None
    booking_to_come: bool

    @property
    def can_share(self) -> bool:
        return self.profile is not None and self.share is None and self.booking_to_come


def _to_come(booking: Booking, now: dt.datetime) -> bool:
    if booking.status not in ACTIVE:
        return False
    if booking.session is not None:
        return booking.session.ends_at > now
    ends = [appointment.ends_at for appointment in booking.appointments.all()]
    return not ends or max(ends) > now  # hours of support with no dates yet are to come


def profile_sharing(booking: Booking, now: dt.datetime) -> ProfileSharing:
    return ProfileSharing(
        profile=written_profile(booking.child),
        share=active_share(booking.child, booking.offer.organisation),
        booking_to_come=_to_come(booking, now),
    )


@family_page
@require_http_methods(["GET", "POST"])
def share(request: HttpRequest, reference: str) -> HttpResponse:
    """Ask "Share the profile with them?"; the POST records the consent."""
    booking = booking_of(request, reference)
    now = timezone.now()
    sharing = profile_sharing(booking, now)
    child, organisation = booking.child, booking.offer.organisation
    if not sharing.can_share:
        if sharing.share is not None:
            text = f"{organisation.title} can already read {child.first_name}'s profile"
        elif sharing.profile is None:
            text = f"Write {child.first_name}'s one-page profile before you share it"
        else:
            text = "This booking is over or cancelled, so there is nothing to share it for"
        messages.info(request, text)
        return redirect("bookings:detail", reference=booking.reference)
    if request.method == "POST":
        try:
            share_profile(
                child=child,
                organisation=organisation,
                by=request.user,
                purpose=booking.sharing_purpose,
            )
        except FamilyError as error:
            messages.info(request, error.message)
        else:
            messages.success(
                request, f"{organisation.title} can now read {child.first_name}'s one-page profile"
            )
        return redirect("bookings:detail", reference=booking.reference)
    return render(
        request,
        "pricing/bookings/share_profile.html",
        {"view": describe(booking, now), "booking": booking, "profile": sharing.profile},
    )
