"""Learning from decisions: indicative against final amounts by band, stream and need, as
charts with the same figures in a table beside each (`pricing.allocation.decision_figures`)."""

from __future__ import annotations

from typing import Any

from django.views.generic import TemplateView

from localoffer.core.money import format_pounds
from pricing.allocation.decision_figures import Group, by_band, by_need, by_stream, decided_rows
from pricing.allocation.panel_admin_views.base import PanelPageMixin
from pricing.budgets.charts import paired_chart


def signed(amount: Any) -> str:
    """'+£250', '−£250' (a true minus sign) or '£0'."""
    if amount > 0:
        return f"+{format_pounds(amount)}"
    if amount < 0:
        return f"−{format_pounds(-amount)}"
    return format_pounds(amount)


def _percent(group: Group) -> str:
    change = group.percent_difference
    if change is None:
        return "No indicative amount"
    return f"+{change}%" if change > 0 else (f"−{-change}%" if change < 0 else "0%")


def section(key: str, title: str, heading: str, groups: list[Group]) -> dict[str, Any]:
    chart = paired_chart(
        f"Average indicative and final amounts by {title}",
        [(g.label, g.average_indicative, g.average_final) for g in groups],
        names=("Indicative", "Final"),
        empty="No decisions yet",
    )
    return {
        "key": key,
        "title": title,
        "heading": heading,
        "chart": chart,
        "rows": [
            {
                "label": g.label,
                "count": g.count,
                "indicative": format_pounds(g.average_indicative),
                "final": format_pounds(g.average_final),
                "difference": signed(g.average_difference),
                "percent": _percent(g),
            }
            for g in groups
        ],
    }


class FiguresView(PanelPageMixin, TemplateView):
    page_title = "Learning from decisions"
    template_name = "pricing/allocation/panel/figures.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        rows = decided_rows()
        context.update(
            {
                "count": len(rows),
                "sections": [
                    section("band", "band", "Band", by_band(rows)),
                    section("stream", "funding stream", "Funding stream", by_stream(rows)),
                    section("need", "level of need", "Highest need level", by_need(rows)),
                ],
            }
        )
        return context
