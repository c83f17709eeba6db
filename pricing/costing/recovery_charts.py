"""Charts of recovery so far, drawn on the server as SVG in the style of the budget charts
(pricing/budgets/charts.py).

No JavaScript is needed and nothing is fetched. Each chart is one `<svg role="img">` named
by its `<title>` and described by its `<desc>`, which lists every figure; the table beside
it holds the same figures and is the accessible equivalent (WCAG 1.1.1). Figures are
written as text beside the bars and the 100% line is labelled in words, so colour is never
the only way to read a chart (WCAG 1.4.1); the colours are GOV.UK's, with at least 3:1
contrast against white (WCAG 1.4.11).
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.safestring import SafeString

from localoffer.core import svg_charts

LABEL_WIDTH = 190
BAR_AREA = 330
RIGHT_MARGIN = 110
ROW_HEIGHT = 36
BAR_HEIGHT = 22
TOP = 40  # below the legend or the marker's label
LABEL_CHARS = 26
INK = svg_charts.INK
GREY = "#505a5f"
BLUE, GREEN = "#1d70b8", "#00703c"
HUNDRED = Decimal(100)


def _svg(title: str, description: str, width: int, height: int, body: list[str]) -> SafeString:
    return svg_charts.svg(
        css_class="recovery-chart",
        title=title,
        description=description,
        width=width,
        height=height,
        body=body,
    )


def _short(text: str) -> str:
    return svg_charts.shortened(text, LABEL_CHARS)


def _text(x: int, y: int, words: str, *, anchor: str = "start", size: int = 14) -> str:
    return svg_charts.text(x, y, words, anchor=anchor, size=size)


def _scale(value: Decimal, largest: Decimal) -> int:
    return svg_charts.scale(value, largest, BAR_AREA)


def percent_words(value: Decimal | None) -> str:
    return "no figure" if value is None else f"{value:,.2f}%"


def _legend(items: Sequence[tuple[str, str]]) -> list[str]:
    return svg_charts.legend(items, left=LABEL_WIDTH, spacing=44)


def _percent_bars(
    title: str,
    rows: Sequence[tuple[str, Sequence[Decimal | None]]],
    series: Sequence[tuple[str, str]],
    marker_words: str,
) -> SafeString:
    """Bars of percentages, one per series for each row, each with its figure written
    after it, and a labelled line at 100%."""
    values = [v for _name, row in rows for v in row if v is not None]
    largest = max([HUNDRED, *values])
    marker = LABEL_WIDTH + _scale(HUNDRED, largest)
    legend = len(series) > 1
    top = TOP + (24 if legend else 0)
    bar = BAR_HEIGHT if not legend else BAR_HEIGHT // 2 + 2
    step = ROW_HEIGHT if not legend else ROW_HEIGHT + 10
    height = top + max(len(rows), 1) * step
    body = _legend(series) if legend else []
    body.append(_text(marker, top - 20, marker_words, anchor="middle", size=12))
    for index, (name, row) in enumerate(rows):
        y = top + index * step
        body.append(
            _text(LABEL_WIDTH - 10, y + bar * len(series) // 2 + 5, _short(name), anchor="end")
        )
        for number, (value, (_label, colour)) in enumerate(zip(row, series, strict=True)):
            offset = y + number * bar
            width = _scale(value or Decimal(0), largest)
            if width:
                body.append(
                    f'<rect x="{LABEL_WIDTH}" y="{offset}" width="{width}" '
                    f'height="{bar - 2}" fill="{colour}"/>'
                )
            size = 14 if not legend else 12
            body.append(
                _text(
                    LABEL_WIDTH + width + 8, offset + bar // 2 + 4, percent_words(value), size=size
                )
            )
    body.append(
        f'<line x1="{marker}" y1="{top - 12}" x2="{marker}" y2="{height - 4}" '
        f'stroke="{INK}" stroke-width="2" stroke-dasharray="6 4"/>'
    )
    summary = "; ".join(
        f"{name}: "
        + ", ".join(
            f"{label.lower()} {percent_words(value)}"
            for value, (label, _c) in zip(row, series, strict=True)
        )
        for name, row in rows
    )
    return _svg(
        title,
        f"Bar chart with a line at 100%. {summary or 'No services'}. "
        "The table gives the same figures.",
        LABEL_WIDTH + BAR_AREA + RIGHT_MARGIN,
        height,
        body,
    )


def recovery_chart(rows: Sequence[tuple[str, Decimal | None]]) -> SafeString:
    """One bar per service: its income as a percentage of its cost so far; at the line,
    100%, the cost so far is recovered."""
    return _percent_bars(
        "Income as a share of the cost so far, for each service",
        [(name, [value]) for name, value in rows],
        [("Recovery so far", BLUE)],
        "100%: cost recovered",
    )


def plan_chart(rows: Sequence[tuple[str, Decimal | None, Decimal | None]]) -> SafeString:
    """Two bars per service: units booked and units delivered, each as a percentage of
    the units planned to date (percentages, so places and hours can share the chart)."""
    return _percent_bars(
        "Units booked and delivered against the plan to date, for each service",
        [(name, [booked, delivered]) for name, booked, delivered in rows],
        [("Booked", GREEN), ("Delivered", BLUE)],
        "100%: the plan",
    )


def occupancy_chart(
    name: str, sessions: Sequence[tuple[str, Decimal]], average: Decimal | None
) -> SafeString:
    """One column per session held so far: the share of its places taken, with the
    100% line and the average written on the chart."""
    left, chart_height, top = 48, 160, 16
    columns = max(len(sessions), 1)
    column = min(40, max(8, 600 // columns))  # narrower columns for more sessions
    width = left + columns * column + 150  # room for the average's words on the right
    base = top + chart_height
    body = []
    for level in (0, 50, 100):
        y = base - level * chart_height // 100
        body.append(
            f'<line x1="{left}" y1="{y}" x2="{width - 150}" y2="{y}" stroke="{GREY}" '
            f'stroke-width="1"/>'
        )
        body.append(_text(left - 6, y + 5, f"{level}%", anchor="end", size=12))
    for index, (_label, value) in enumerate(sessions):
        bar = int(min(value, HUNDRED) * chart_height / HUNDRED)
        if bar:
            body.append(
                f'<rect x="{left + index * column + 1}" y="{base - bar}" '
                f'width="{max(column - 2, 1)}" height="{bar}" fill="{BLUE}"/>'
            )
    if average is not None:
        y = base - int(min(average, HUNDRED) * chart_height / HUNDRED)
        body.append(
            f'<line x1="{left}" y1="{y}" x2="{width - 150}" y2="{y}" stroke="{INK}" '
            f'stroke-width="2" stroke-dasharray="6 4"/>'
        )
        body.append(_text(width - 144, y + 5, f"Average {percent_words(average)}", size=12))
    summary = "; ".join(f"{label}: {percent_words(value)}" for label, value in sessions)
    return _svg(
        f"Places taken at each session of {name} so far",
        f"Column chart, one column per session, with lines at 0, 50 and 100%. "
        f"{summary or 'No sessions so far'}. Average {percent_words(average)}. "
        "The table gives the same figures.",
        width,
        base + 8,
        body,
    )
