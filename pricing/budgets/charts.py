"""Charts of a budget's money, drawn on the server as SVG, as the moderation dashboard's are
(providers/moderation/charts.py).

No JavaScript is needed and nothing is fetched. Each chart is one `<svg role="img">` named
by its `<title>` and described by its `<desc>` (which lists every figure); the table beside
it holds the same figures and is the accessible equivalent (WCAG 1.1.1). Every bar carries
its value as text, so colour is never the only way to tell figures apart (WCAG 1.4.1), and
the colours are GOV.UK's, with at least 3:1 contrast against white (WCAG 1.4.11). Amounts
below zero (more refunded than spent) draw no bar but keep their value.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString

from localoffer.core import svg_charts
from localoffer.core.money import format_pounds

LABEL_WIDTH = 190
BAR_AREA = 330
VALUE_GAP = 8
RIGHT_MARGIN = 100
ROW_HEIGHT = 36
BAR_HEIGHT = 22
TOP = 40  # below the legend
PLAIN_TOP = 8  # a chart without a legend
LABEL_CHARS = 26
INK = svg_charts.INK
BLUE, GREEN = "#1d70b8", "#00703c"


def _svg(title: str, description: str, height: int, body: list[str]) -> SafeString:
    return svg_charts.svg(
        css_class="budget-chart",
        title=title,
        description=description,
        width=LABEL_WIDTH + BAR_AREA + RIGHT_MARGIN,
        height=height,
        body=body,
    )


def _short(text: str) -> str:
    return svg_charts.shortened(text, LABEL_CHARS)


def _row_label(y: int, text: str) -> str:
    return svg_charts.text(LABEL_WIDTH - 10, y + BAR_HEIGHT // 2 + 5, _short(text), anchor="end")


def _scale(value: Decimal, largest: Decimal) -> int:
    return svg_charts.scale(value, largest, BAR_AREA)


def _legend(items: Sequence[tuple[str, str]]) -> list[str]:
    return svg_charts.legend(items, left=LABEL_WIDTH)


def bar_chart(title: str, rows: Sequence[tuple[str, Decimal]], *, empty: str) -> SafeString:
    """One bar per row, its amount written after it."""
    largest = max((value for _label, value in rows), default=Decimal(0))
    body = []
    for index, (label, value) in enumerate(rows):
        y = PLAIN_TOP + index * ROW_HEIGHT
        body.append(_row_label(y, label))
        width = _scale(value, largest)
        if width:
            body.append(
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{width}" height="{BAR_HEIGHT}" '
                f'fill="{BLUE}"/>'
            )
        body.append(
            f'<text x="{LABEL_WIDTH + width + VALUE_GAP}" y="{y + BAR_HEIGHT // 2 + 5}" '
            f'fill="{INK}">{escape(format_pounds(value))}</text>'
        )
    height = PLAIN_TOP + max(len(rows), 1) * ROW_HEIGHT
    summary = "; ".join(f"{label}: {format_pounds(value)}" for label, value in rows)
    return _svg(
        title,
        f"Bar chart. {summary or empty}. The table gives the same figures.",
        height,
        body,
    )


def paired_chart(
    title: str,
    rows: Sequence[tuple[str, Decimal, Decimal]],
    *,
    names: tuple[str, str],
    empty: str,
) -> SafeString:
    """Two bars per row (such as paid in and spent in a month), each with its amount."""
    largest = max((max(a, b) for _label, a, b in rows), default=Decimal(0))
    body = _legend([(names[0], GREEN), (names[1], BLUE)])
    half = BAR_HEIGHT // 2 + 2
    step = ROW_HEIGHT + 10
    for index, (label, first, second) in enumerate(rows):
        y = TOP + index * step
        body.append(_row_label(y + 2, label))
        for offset, value, colour in ((0, first, GREEN), (half, second, BLUE)):
            width = _scale(value, largest)
            if width:
                body.append(
                    f'<rect x="{LABEL_WIDTH}" y="{y + offset}" width="{width}" '
                    f'height="{half - 2}" fill="{colour}"/>'
                )
            body.append(
                f'<text x="{LABEL_WIDTH + width + VALUE_GAP}" y="{y + offset + half - 4}" '
                f'fill="{INK}" style="font-size: 12px">{escape(format_pounds(value))}</text>'
            )
    height = TOP + max(len(rows), 1) * step
    summary = "; ".join(
        f"{label}: {names[0].lower()} {format_pounds(a)}, {names[1].lower()} {format_pounds(b)}"
        for label, a, b in rows
    )
    return _svg(
        title,
        f"Paired bars. {summary or empty}. The table gives the same figures.",
        height,
        body,
    )
