"""The referrals area's front page: referrals received and sent, as two tabs."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.views.generic import TemplateView

from pricing.offers.admin_views import member_organisations
from pricing.referrals.admin_views.base import ReferralsPageMixin
from pricing.referrals.models import Referral
from pricing.referrals.selectors import received_by, sent_by

RECEIVED, SENT = "received", "sent"


class IndexView(ReferralsPageMixin, TemplateView):
    template_name = "pricing/admin/referrals/index.html"
    page_title = "Referrals"
    referrals_crumb = False
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        organisations = list(member_organisations(self.request.user))
        tab = SENT if self.request.GET.get("tab") == SENT else RECEIVED
        received = Referral.objects.none()
        sent = Referral.objects.none()
        for organisation in organisations:
            received = received | received_by(organisation)
            sent = sent | sent_by(organisation)
        waiting = received.awaiting_receiver().count()
        base = reverse("provider_referrals:index")
        context.update(
            {
                "tab": tab,
                "tabs": [
                    {
                        "label": "Received"
                        + (f" ({waiting} waiting for your answer)" if waiting else ""),
                        "url": base,
                        "current": tab == RECEIVED,
                    },
                    {"label": "Sent", "url": f"{base}?tab={SENT}", "current": tab == SENT},
                ],
                "referrals": list(received if tab == RECEIVED else sent),
                "several_organisations": len(organisations) > 1,
            }
        )
        return context
