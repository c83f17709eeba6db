"""Reads of referrals, and the one rule of who may see one (`visible_to`).

A referral holds a child's first name, age and needs and a provider's note about the
family: only the referring organisation's team, the family, and (once the family agreed)
the receiving organisation's team see it. Every screen loads referrals through
`visible_to` or a narrower selector built on the same rule, so anyone else finds nothing
(404), the same as a reference that does not exist.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from pricing.bookings.models import Booking
from pricing.families.models import Child, ProfileShare
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer
from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import Referral
from providers.models import OrganisationPage, ServicePage
from providers.selectors import attach_organisations, published_services

MAX_SEARCH_RESULTS = 25
# The receiving organisation may open the profile shared for the referral while it is
# deciding and once it has accepted; a booking then has its own way to it.
PROFILE_READABLE = frozenset({ReferralStatus.SENT, ReferralStatus.ACCEPTED})


def _organisations_of(user: Any) -> QuerySet[OrganisationPage]:
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return OrganisationPage.objects.none()
    return OrganisationPage.objects.filter(memberships__user=user)


def _with_related(referrals: QuerySet[Referral]) -> QuerySet[Referral]:
    return referrals.select_related(
        "child", "referring_organisation", "receiving_organisation", "service"
    )


def _team_side(organisations: QuerySet[OrganisationPage]) -> Q:
    return Q(referring_organisation__in=organisations) | Q(
        receiving_organisation__in=organisations, consented_at__isnull=False
    )


def visible_to(user: Any) -> QuerySet[Referral]:
    """Every referral `user` may see: sent or received by one of their organisations
    (received only once the family agreed), or about one of their own children."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Referral.objects.none()
    return _with_related(
        Referral.objects.filter(_team_side(_organisations_of(user)) | Q(child__family=user))
    )


def visible_to_team(user: Any) -> QuerySet[Referral]:
    """The part of `visible_to` the provider workspace shows: its organisations' own."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return Referral.objects.none()
    return _with_related(Referral.objects.filter(_team_side(_organisations_of(user))))


def sent_by(organisation: OrganisationPage) -> QuerySet[Referral]:
    return _with_related(Referral.objects.filter(referring_organisation=organisation))


def received_by(organisation: OrganisationPage) -> QuerySet[Referral]:
    """Referrals to the organisation that the family agreed to (none before that)."""
    return _with_related(Referral.objects.consented().filter(receiving_organisation=organisation))


def for_family(user: Any) -> QuerySet[Referral]:
    if not getattr(user, "is_authenticated", False):
        return Referral.objects.none()
    return _with_related(Referral.objects.filter(child__family=user))


def children_known_to(organisation: OrganisationPage) -> QuerySet[Child]:
    """The children an organisation may refer: those with a booking at one of its
    listings, whatever became of it (a request it declined is a family it may point on).
    No other child is reachable from the referral screens."""
    return (
        Child.objects.filter(
            pk__in=Booking.objects.filter(offer__organisation=organisation).values("child_id")
        )
        .prefetch_related("needs")
        .order_by("first_name", "pk")
    )


def listings_to_refer_to(organisation: OrganisationPage, words: str) -> list[ServicePage]:
    """Live listings in the directory of any other organisation, by words in the title.

    Each has `organisation_page` (its parent) from one extra query.
    """
    words = " ".join(words.split())
    if not words:
        return []
    found = (
        published_services()
        .exclude(path__startswith=organisation.path)
        .filter(title__icontains=words)
        .order_by("title", "pk")[:MAX_SEARCH_RESULTS]
    )
    return [s for s in attach_organisations(found) if s.organisation_page is not None]


def listing_to_refer_to(organisation: OrganisationPage, pk: int) -> ServicePage | None:
    """One live listing of another organisation, or None."""
    return published_services().exclude(path__startswith=organisation.path).filter(pk=pk).first()


def active_profile_share(referral: Referral) -> ProfileShare | None:
    """The share made or used for the referral, while the family has not withdrawn it."""
    share = referral.profile_shared_with
    if share is None or not share.is_active:
        return None
    return share


def profile_readable(referral: Referral) -> bool:
    """Whether the receiving organisation may open the child's profile for the referral."""
    return referral.status in PROFILE_READABLE and active_profile_share(referral) is not None


def booking_start(referral: Referral) -> str:
    """Where the family starts booking the listing, or "" when it cannot be booked online
    (the family then contacts the provider, as the listing says)."""
    if referral.service_id is None:
        return ""
    offer = (
        BookableOffer.objects.select_related("cost_option")
        .filter(service_id=referral.service_id)
        .first()
    )
    if offer is None or not offer.is_bookable:
        return ""
    if offer.kind == OfferKind.HOURS:
        return reverse("bookings:ask", args=[referral.service_id])
    return reverse("checkout:session", kwargs={"service": referral.service_id})
