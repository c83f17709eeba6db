"""What every chart drawn on the server as SVG shares: the moderation dashboard's
(providers/moderation/charts.py), a budget's (pricing/budgets/charts.py) and a provider's
recovery (pricing/costing/recovery_charts.py).

A chart is one `<svg role="img">` named by its `<title>` and described by its `<desc>`;
every text written into it is escaped here, which is what makes `mark_safe` safe.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from itertools import count

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

FONT = "font-family: system-ui, -apple-system, 'Segoe UI', Arial, sans-serif; font-size: 14px"
INK = "#0b0c0c"  # GOV.UK's text colour
_ids = count(1)  # ids unique in a page, whichever charts it shows


def svg(
    *, css_class: str, title: str, description: str, width: int, height: int, body: list[str]
) -> SafeString:
    """The chart's `<svg>`, named and described for assistive technology, as wide as its
    container up to `width`."""
    chart_id = f"{css_class}-{next(_ids)}"
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="{css_class}" '
        f'viewBox="0 0 {width} {height}" width="100%" style="max-width: {width}px; {FONT}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # noqa: S308 - every text in `body` is escaped too


def text(x: int, y: int, words: str, *, anchor: str = "start", size: int = 14) -> str:
    """A line of text, escaped."""
    style = "" if size == 14 else f' style="font-size: {size}px"'
    return (
        f'<text x="{x}" y="{y}" text-anchor="{anchor}" fill="{INK}"{style}>{escape(words)}</text>'
    )


def shortened(words: str, limit: int) -> str:
    """`words`, cut to `limit` characters with an ellipsis (the full text is in the table)."""
    return words if len(words) <= limit else words[: limit - 1].rstrip() + "…"


def legend(items: Sequence[tuple[str, str]], *, left: int, spacing: int = 28) -> list[str]:
    """A key along the top: a square of each colour and its label."""
    body, x = [], left
    for label, colour in items:
        body.append(f'<rect x="{x}" y="8" width="14" height="14" fill="{colour}"/>')
        body.append(text(x + 20, 20, label))
        x += spacing + 8 * len(label)
    return body


def scale(value: Decimal | int, largest: Decimal | int, area: int) -> int:
    """A bar's length in `area` pixels; nothing for zero, below zero or an empty chart."""
    if largest <= 0 or value <= 0:
        return 0
    return int(value * area / largest)
