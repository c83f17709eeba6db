"""Context for the GOV.UK pagination component (templates/includes/pagination.html)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.paginator import Paginator

# Page numbers shown either side of the current one, and at each end, before an ellipsis,
# as in the GOV.UK pagination component's guidance: "1 … 4 5 6 … 20".
ON_EACH_SIDE = 1
ON_ENDS = 1


def page_numbers(paginator: Paginator, current: int) -> list[int | None]:
    """The page numbers to show, None where an ellipsis goes: [1, None, 4, 5, 6, None, 20]."""
    return [
        None if number == paginator.ELLIPSIS else int(number)
        for number in paginator.get_elided_page_range(
            current, on_each_side=ON_EACH_SIDE, on_ends=ON_ENDS
        )
    ]


def pagination_context(
    paginator: Paginator, current: int, href: Callable[[int], str]
) -> dict[str, Any]:
    """The include's context: each page's link from `href(number)`; nothing for one page
    or for a page number beyond the last (that page says so itself)."""
    last = paginator.num_pages
    if last <= 1 or not 1 <= current <= last:
        return {"show": False}
    return {
        "show": True,
        "items": [
            {
                "number": number,
                "href": href(number) if number else "",
                "current": number == current,
                "ellipsis": number is None,
            }
            for number in page_numbers(paginator, current)
        ],
        "previous_href": href(current - 1) if current > 1 else "",
        "next_href": href(current + 1) if current < last else "",
    }
