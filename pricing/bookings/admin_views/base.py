"""What every page of the provider's bookings area shares: loading its records among the
person's own organisations' (another organisation's offer, session or booking is simply
not found, 404), and the error summary of a formset. Who may open a page at all is
`pricing.offers.admin_views.ProviderPageMixin`'s rule.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from localoffer.core.forms import error_summary_items
from pricing.bookings.models import Appointment, Booking
from pricing.families.models import OnePageProfile, ProfileShare
from pricing.offers.admin_views import ProviderPageMixin, member_organisations
from pricing.offers.models import BookableOffer, Session


def offers_of(user: Any) -> QuerySet[BookableOffer]:
    return BookableOffer.objects.filter(organisation__in=member_organisations(user))


def sessions_of(user: Any) -> QuerySet[Session]:
    return Session.objects.filter(offer__in=offers_of(user))


def bookings_of(user: Any) -> QuerySet[Booking]:
    return Booking.objects.filter(offer__in=offers_of(user))


def formset_error_items(formset: Any, *, prefix_label: str) -> list[dict[str, str]]:
    """The errors of every row of a formset for the error summary, row by row."""
    items: list[dict[str, str]] = []
    if not formset.is_bound:
        return items
    for error in formset.non_form_errors():
        items.append({"href": f"#{formset.forms[0]['date'].id_for_label}", "text": str(error)})
    for number, form in enumerate(formset.forms, start=1):
        for item in error_summary_items(form):
            items.append({"href": item["href"], "text": f"{prefix_label} {number}: {item['text']}"})
    return items


class OfferPageMixin(ProviderPageMixin):
    def load(self, **kwargs: Any) -> None:
        self.offer = get_object_or_404(
            offers_of(self.request.user).select_related("service", "cost_option"),
            pk=kwargs["offer"],
        )

    def get_page_subtitle(self) -> str:
        return self.offer.service.title


class SessionPageMixin(ProviderPageMixin):
    def load(self, **kwargs: Any) -> None:
        self.session = get_object_or_404(
            sessions_of(self.request.user).select_related("offer__service", "location"),
            pk=kwargs["session"],
        )
        self.offer = self.session.offer

    def get_page_subtitle(self) -> str:
        return str(self.session)

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("provider_bookings:sessions", args=[self.offer.pk]),
                "label": self.offer.service.title,
            }
        ]


class BookingPageMixin(ProviderPageMixin):
    def load(self, **kwargs: Any) -> None:
        self.booking = get_object_or_404(
            bookings_of(self.request.user).select_related(
                "offer__service", "offer__organisation", "session__location", "child", "payment"
            ),
            pk=kwargs["booking"],
        )
        self.offer = self.booking.offer

    def get_page_subtitle(self) -> str:
        return f"{self.booking.reference}, {self.booking.child.first_name}"

    def booking_url(self) -> str:
        return reverse("provider_bookings:booking", args=[self.booking.pk])

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("provider_bookings:offer_bookings", args=[self.offer.pk]),
                "label": self.offer.service.title,
            }
        ]


def appointment_of(booking: Booking, pk: Any) -> Appointment | None:
    """One of the booking's own appointments (a changed id in the form finds nothing)."""
    try:
        return booking.appointments.get(pk=int(pk))
    except (TypeError, ValueError, Appointment.DoesNotExist):
        return None


def profile_shared_for(child_ids: list[int], organisation: Any) -> set[int]:
    """Of these children, those whose family shares a written one-page profile with the
    organisation now. Only whether to offer the link: the profile itself is read (and the
    read logged) by `profile_for_provider` on its own page, when someone opens it."""
    shared = ProfileShare.objects.active().filter(child_id__in=child_ids, organisation=organisation)
    written = OnePageProfile.objects.filter(child_id__in=child_ids)
    return set(shared.values_list("child_id", flat=True)) & set(
        written.values_list("child_id", flat=True)
    )
