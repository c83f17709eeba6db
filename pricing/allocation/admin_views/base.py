"""What every page of the coordinator's area shares: who may open it, the assessment of
the address, the breadcrumb and money in words.

Only assessment coordinators and site administrators reach the area; anyone else who
reached the admin (a finance officer, a panel member, a provider) is refused with 403. A
coordinator sees only their own caseload: another coordinator's assessment is simply not
found (404), because a 403 would confirm it exists.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from wagtail.models import Site

from localoffer.core.admin_views import AreaPageMixin
from localoffer.core.money import format_pounds
from pricing.allocation.models import Assessment
from pricing.allocation.selectors import assessments_for, is_coordinator

ICON = "clipboard-list"


def money(amount: Decimal) -> str:
    """'£1,250', '£12.50', or '−£12.50' (a true minus sign, read as "minus")."""
    return f"−{format_pounds(-amount)}" if amount < 0 else format_pounds(amount)


def person(user: Any) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.email


def council_of(request: HttpRequest) -> Site:
    return Site.find_for_request(request) or Site.objects.get(is_default_site=True)


class CoordinatorPageMixin(AreaPageMixin):
    """Refuse anyone but coordinators (403); give the area's breadcrumb."""

    header_icon = ICON
    area_label = "Assessments"
    area_url_name = "assessment_admin:index"

    def allowed(self, user: Any) -> bool:
        return is_coordinator(user)


class AssessmentPageMixin(CoordinatorPageMixin):
    """A page about one assessment of the person's caseload (404 for any other)."""

    assessment: Assessment

    def load(self, **kwargs: Any) -> None:
        self.assessment = get_object_or_404(
            assessments_for(self.request.user).select_related("child", "version", "coordinator"),
            reference=kwargs["reference"],
        )

    def get_page_subtitle(self) -> str:
        return f"{self.assessment.child.first_name}, {self.assessment.reference}"

    def assessment_url(self) -> str:
        return reverse("assessment_admin:detail", args=[self.assessment.reference])

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": self.assessment_url(), "label": self.assessment.reference}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update({"assessment": self.assessment, "back_url": self.assessment_url()})
        return context
