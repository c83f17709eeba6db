"""The bookings area's front page, the requests waiting for an answer, and an offer's
bookings."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django.views.generic import TemplateView

from pricing.bookings.admin_views.base import OfferPageMixin, bookings_of
from pricing.bookings.enums import AWAITING_PROVIDER, BookingStatus
from pricing.bookings.models import Booking
from pricing.offers.admin_views import ProviderPageMixin, member_organisations
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer
from pricing.payments.selectors import card_payments_ready
from providers.models import OrganisationPage, ServicePage


@dataclass
class ListingRow:
    service: ServicePage
    offer: BookableOffer | None


@dataclass
class OrganisationBlock:
    organisation: OrganisationPage
    card_ready: bool
    requests_waiting: int
    listings: list[ListingRow]


def awaiting_answer(user: Any) -> Any:
    """Requests for hours waiting for the provider, oldest first (first asked, first answered)."""
    return (
        bookings_of(user)
        .filter(status__in=AWAITING_PROVIDER)
        .select_related("offer__service", "child", "hours_request")
        .order_by("created_at", "pk")
    )


class BookingsIndexView(ProviderPageMixin, TemplateView):
    """Each organisation's listings with how they are booked, and requests to answer."""

    template_name = "pricing/admin/bookings_index.html"
    page_title = "Bookings"
    http_method_names = ["get"]

    bookings_crumb = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        blocks = []
        for organisation in member_organisations(self.request.user):
            offers = {
                offer.service_id: offer
                for offer in BookableOffer.objects.filter(organisation=organisation)
            }
            listings = ServicePage.objects.child_of(organisation).order_by("title")
            blocks.append(
                OrganisationBlock(
                    organisation=organisation,
                    card_ready=card_payments_ready(organisation),
                    requests_waiting=Booking.objects.for_organisation(organisation)
                    .awaiting_provider()
                    .count(),
                    listings=[ListingRow(service=s, offer=offers.get(s.pk)) for s in listings],
                )
            )
        context["blocks"] = blocks
        context["sessions_kind"] = OfferKind.SESSIONS
        return context


class RequestsView(ProviderPageMixin, TemplateView):
    """Requests for hours of support waiting for an answer."""

    template_name = "pricing/admin/requests.html"
    page_title = "Requests to answer"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["requests"] = awaiting_answer(self.request.user)
        return context


class OfferBookingsView(OfferPageMixin, TemplateView):
    """Every booking of one offer: what is coming up first, then the rest."""

    template_name = "pricing/admin/offer_bookings.html"
    page_title = "Bookings"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        bookings = (
            Booking.objects.filter(offer=self.offer)
            .exclude(status__in=[BookingStatus.EXPIRED])
            .select_related("child", "session", "payment")
            .annotate(
                upcoming_appointments=Count("appointments", filter=Q(appointments__ends_at__gt=now))
            )
            .order_by("-created_at", "-pk")
        )
        context.update(
            {
                "offer": self.offer,
                "bookings": bookings[:200],
                "is_sessions": self.offer.kind == OfferKind.SESSIONS,
            }
        )
        return context
