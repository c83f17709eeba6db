"""What every page of the costing area shares: the organisation or costing of the
address, found among the person's own organisations' (another organisation's is simply
not found, 404, as in the bookings and invoices areas), and the "Costing" breadcrumbs.

Who may open a page at all is `pricing.offers.admin_views.ProviderPageMixin`'s rule:
people in an organisation's team; someone in no team (council staff, a family that
reached the admin) is refused with 403.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import reverse

from pricing.costing.models import CostedService, Costing, CostLine
from pricing.offers.admin_views import ProviderPageMixin, member_organisations
from providers.models import OrganisationPage


def organisation_of(user: Any, pk: int) -> OrganisationPage:
    """One of the person's organisations, or 404."""
    return get_object_or_404(member_organisations(user), pk=pk)


def costings_of_user(user: Any) -> QuerySet[Costing]:
    """Every costing of the person's organisations (and of no other)."""
    return Costing.objects.filter(organisation__in=member_organisations(user))


class CostingAreaMixin(ProviderPageMixin):
    """A page of the costing area: "Costing" crumbs in place of "Bookings"."""

    header_icon = "table"
    bookings_crumb = False
    organisation: OrganisationPage

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("provider_costing:list", args=[self.organisation.pk]),
                "label": "Costing",
            },
            *self.more_breadcrumbs(),
        ]

    def more_breadcrumbs(self) -> list[dict[str, Any]]:
        return []


class OrganisationCostingMixin(CostingAreaMixin):
    def load(self, **kwargs: Any) -> None:
        self.organisation = organisation_of(self.request.user, kwargs["organisation"])

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        # The organisation's list is this page itself (or the page above a start).
        return self.more_breadcrumbs()

    def get_page_subtitle(self) -> str:
        return self.organisation.title


class CostingMixin(CostingAreaMixin):
    """A page about one costing of the person's organisations (404 for any other)."""

    costing: Costing

    def load(self, **kwargs: Any) -> None:
        self.costing = get_object_or_404(
            costings_of_user(self.request.user).select_related(
                "organisation", "finalised_by", "created_by"
            ),
            pk=kwargs["costing"],
        )
        self.organisation = self.costing.organisation

    def get_page_subtitle(self) -> str:
        return self.organisation.title

    def costing_crumb(self) -> dict[str, Any]:
        return {
            "url": reverse("provider_costing:costing", args=[self.costing.pk]),
            "label": f"Costing {self.costing.label}",
        }

    def more_breadcrumbs(self) -> list[dict[str, Any]]:
        return [self.costing_crumb()]

    def service_of(self, pk: int) -> CostedService:
        return get_object_or_404(CostedService, pk=pk, costing=self.costing)

    def line_of(self, pk: int) -> CostLine:
        return get_object_or_404(
            CostLine.objects.select_related("service"), pk=pk, costing=self.costing
        )

    def costing_url(self, anchor: str = "") -> str:
        url = reverse("provider_costing:costing", args=[self.costing.pk])
        return f"{url}#{anchor}" if anchor else url

    def results_url(self) -> str:
        return reverse("provider_costing:results", args=[self.costing.pk])
