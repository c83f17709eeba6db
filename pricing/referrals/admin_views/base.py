"""What every page of the provider's referrals area shares: who may open it (people in
an organisation's team; anyone else 403, `ProviderPageMixin`), the "Referrals" crumb, and
loading a referral among those the person's organisations sent or received (another's is
simply not found, 404)."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.urls import reverse

from pricing.offers.admin_views import ProviderPageMixin, member_organisations
from pricing.referrals.models import Referral
from pricing.referrals.selectors import visible_to_team


class ReferralsPageMixin(ProviderPageMixin):
    header_icon = "mail"
    bookings_crumb = False
    # The area's own front page has no "Referrals" crumb above itself.
    referrals_crumb = True

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        area = [{"url": reverse("provider_referrals:index"), "label": "Referrals"}]
        return [*(area if self.referrals_crumb else []), *self.trail()]

    def trail(self) -> list[dict[str, Any]]:
        """Crumbs between "Referrals" and the page itself."""
        return []


class ReferralPageMixin(ReferralsPageMixin):
    """A page about one referral, on the side (sent or received) the person is on."""

    referral: Referral

    def load(self, **kwargs: Any) -> None:
        self.referral = get_object_or_404(visible_to_team(self.request.user), pk=kwargs["pk"])
        organisations = member_organisations(self.request.user)
        self.is_receiver = organisations.filter(pk=self.referral.receiving_organisation_id).exists()
        self.is_referrer = organisations.filter(pk=self.referral.referring_organisation_id).exists()

    def get_page_subtitle(self) -> str:
        return f"{self.referral.reference}, {self.referral.child.first_name}"

    def referral_url(self) -> str:
        return reverse("provider_referrals:detail", args=[self.referral.pk])

    def trail(self) -> list[dict[str, Any]]:
        return [{"url": self.referral_url(), "label": self.referral.reference}]
