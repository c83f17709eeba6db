"""The pages that show the questionnaire: the list of versions and a version whole."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from pricing.allocation.models import (
    FundingBand,
    QuestionnaireVersion,
)
from pricing.allocation.questionnaire_admin_views.base import (
    AREA,
    ConfigurePageMixin,
    VersionPageMixin,
)
from pricing.allocation.services.questionnaire import (
    problems_of,
)
from pricing.budgets.admin_views.base import money, person
from pricing.budgets.enums import Stream


class IndexView(ConfigurePageMixin, TemplateView):
    template_name = "pricing/allocation/questionnaire/index.html"
    page_title = AREA

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*WagtailAdminTemplateMixin.get_breadcrumbs_items(self), {"url": "", "label": AREA}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        versions = (
            QuestionnaireVersion.objects.filter(council=self.council)
            .select_related("published_by")
            .annotate(assessment_count=Count("assessments"))
            .order_by("-number")
        )
        context["rows"] = [{"version": v, "by": person(v.published_by)} for v in versions]
        context["has_draft"] = any(not v.is_published for v in versions)
        return context


def points_text(points: Decimal) -> str:
    """'5' for 5.00 points, '7.5' for 7.50."""
    text = f"{points:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def band_rows(bands: list[FundingBand]) -> list[dict[str, Any]]:
    """Per stream, its bands with the points each runs to (the next band's start)."""
    tables = []
    for stream in Stream:
        own = [band for band in bands if band.stream == stream]
        if not own:
            continue
        rows = []
        for band, following in zip(own, [*own[1:], None], strict=True):
            start = points_text(band.from_points)
            upto = f"to under {points_text(following.from_points)}" if following else "and above"
            rows.append({"band": band, "points": f"{start} {upto}", "amount": money(band.amount)})
        tables.append({"stream": stream, "label": stream.label, "rows": rows})
    return tables


class VersionView(VersionPageMixin, TemplateView):
    template_name = "pricing/allocation/questionnaire/version.html"
    draft_only = False

    def get_page_title(self) -> str:
        return f"Budget questionnaire, version {self.version.number}"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        version = self.version
        domains = list(version.domains.prefetch_related("questions__descriptors"))
        context.update(
            {
                "version": version,
                "editable": not version.is_published,
                "published_by": person(version.published_by),
                "domains": [
                    {
                        "domain": domain,
                        "shares": [
                            (Stream(stream).label, share)
                            for stream, share in domain.shares().items()
                            if share
                        ],
                    }
                    for domain in domains
                ],
                "ages": list(version.age_adjustments.all()),
                "streams": band_rows(list(version.bands.all())),
                "problems": [] if version.is_published else problems_of(version),
            }
        )
        return context
