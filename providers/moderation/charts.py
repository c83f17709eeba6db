"""Charts for the moderation dashboard, drawn on the server as SVG.

No JavaScript is needed and nothing is fetched. Each chart is one `<svg role="img">`
named by its `<title>` and described by its `<desc>`; the table beside it holds the same
figures and is the accessible equivalent (WCAG 1.1.1). Every bar carries its value as
text, so colour is never the only way to tell the figures apart (WCAG 1.4.1), and the
colours are GOV.UK's, with at least 3:1 contrast against white (WCAG 1.4.11).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.safestring import SafeString

from localoffer.core import svg_charts
from providers.moderation.selectors import CycleFigures

LABEL_WIDTH = 190
BAR_AREA = 360
VALUE_GAP = 8
RIGHT_MARGIN = 70
ROW_HEIGHT = 40
BAR_HEIGHT = 22
TOP = 44

GREEN, BLUE, RED, DARK_BLUE = "#00703c", "#1d70b8", "#d4351c", "#003078"


def _svg(title: str, description: str, height: int, body: list[str]) -> SafeString:
    return svg_charts.svg(
        css_class="moderation-chart",
        title=title,
        description=description,
        width=LABEL_WIDTH + BAR_AREA + RIGHT_MARGIN,
        height=height,
        body=body,
    )


def _legend(items: Sequence[tuple[str, str]]) -> list[str]:
    return svg_charts.legend(items, left=LABEL_WIDTH)


def _row_label(y: int, text: str) -> str:
    return svg_charts.text(LABEL_WIDTH - 10, y + BAR_HEIGHT // 2 + 5, text, anchor="end")


def _scale(value: Decimal | int, largest: Decimal | int) -> int:
    return svg_charts.scale(value, largest, BAR_AREA)


def decisions_chart(figures: Sequence[CycleFigures]) -> SafeString:
    """Stacked bars: approved, changes requested and rejected, one bar per cycle."""
    kinds = (
        ("Approved", "approved", GREEN),
        ("Changes requested", "changes_requested", BLUE),
        ("Rejected", "rejected", RED),
    )
    largest = max((row.decided for row in figures), default=0)
    body = _legend([(label, colour) for label, _, colour in kinds])
    for index, row in enumerate(figures):
        y = TOP + index * ROW_HEIGHT
        body.append(_row_label(y, row.label))
        x = LABEL_WIDTH
        for _label, attribute, colour in kinds:
            value = getattr(row, attribute)
            width = _scale(value, largest)
            if width:
                body.append(
                    f'<rect x="{x}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                    f'fill="{colour}" stroke="#ffffff" stroke-width="1"/>'
                )
                if width >= 24:
                    body.append(
                        f'<text x="{x + width / 2:.0f}" y="{y + BAR_HEIGHT // 2 + 5}" '
                        f'text-anchor="middle" fill="#ffffff">{value}</text>'
                    )
            x += width
        body.append(
            f'<text x="{x + VALUE_GAP}" y="{y + BAR_HEIGHT // 2 + 5}" fill="#0b0c0c">'
            f"{row.decided} in all</text>"
        )
    height = TOP + max(len(figures), 1) * ROW_HEIGHT
    summary = "; ".join(
        f"{row.label}: {row.approved} approved, {row.changes_requested} changes requested, "
        f"{row.rejected} rejected"
        for row in figures
    )
    return _svg(
        "Decisions by kind in each cycle",
        f"Stacked bars. {summary or 'No decisions yet'}. The table gives the same figures.",
        height,
        body,
    )


def time_to_decision_chart(figures: Sequence[CycleFigures]) -> SafeString:
    """Two bars per cycle: the median and the 90th percentile of days to a decision."""
    largest = max(
        (value for row in figures for value in (row.median_days, row.p90_days) if value),
        default=Decimal(0),
    )
    body = _legend([("Median", BLUE), ("90th percentile", DARK_BLUE)])
    half = BAR_HEIGHT // 2 + 2
    for index, row in enumerate(figures):
        y = TOP + index * (ROW_HEIGHT + 8)
        body.append(_row_label(y + 2, row.label))
        for offset, value, colour in ((0, row.median_days, BLUE), (half, row.p90_days, DARK_BLUE)):
            width = _scale(value or 0, largest)
            if width:
                body.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y + offset}" width="{width}" '
                    f'height="{half - 2}" fill="{colour}"/>'
                )
            text = f"{value} days" if value is not None else "no decisions"
            body.append(
                f'<text x="{LABEL_WIDTH + width + VALUE_GAP}" y="{y + offset + half - 4}" '
                f'fill="#0b0c0c" style="font-size: 12px">{text}</text>'
            )
    height = TOP + max(len(figures), 1) * (ROW_HEIGHT + 8)
    summary = "; ".join(
        f"{row.label}: median {row.median_days if row.median_days is not None else 'none'}, "
        f"90th percentile {row.p90_days if row.p90_days is not None else 'none'} days"
        for row in figures
    )
    return _svg(
        "Days from review starting to a decision, in each cycle",
        f"Paired bars. {summary or 'No decisions yet'}. The table gives the same figures.",
        height,
        body,
    )
