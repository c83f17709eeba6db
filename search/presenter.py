"""The search as links: every address on the results page is built from what the form understood.

Pagination, "remove this filter", "did you mean" and the sort all lead to a search made of
the clean (name, value) pairs of `SearchLinks.params()`: nothing the form ignored or found
wrong is carried into them, so following a link never repeats a mistake, and the same
search always has the same address (good for bookmarks, sharing and caches).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import urlencode

from search.backends.base import Delivery, Sort, TimeOfDay
from search.forms import (
    ACCESS,
    AGE,
    CATEGORY,
    DEFAULT_RADIUS_MILES,
    DELIVERY,
    DIRECT_PAYMENT,
    FREE,
    MAX_PRICE_PARAM,
    NEED,
    PAGE,
    POSTCODE,
    RADIUS,
    SORT,
    TIME,
    Q,
    SearchForm,
)

DELIVERY_LABELS = {
    Delivery.IN_PERSON: "In person",
    Delivery.ONLINE: "Online",
    Delivery.HOME_VISIT: "Home visits",
}
TIME_LABELS = {
    TimeOfDay.AFTER_SCHOOL: "After school",
    TimeOfDay.WEEKENDS: "Weekends",
    TimeOfDay.HOLIDAYS: "School holidays",
}
SORT_LABELS = {
    Sort.RELEVANCE: "Best match",
    Sort.DISTANCE: "Distance",
    Sort.PRICE: "Price (lowest first)",
    Sort.REVIEWED: "Recently reviewed",
}


@dataclass(frozen=True)
class ActiveFilter:
    """One thing the family chose, with the search as it would be without it."""

    label: str
    param: str
    value: str
    params_without: tuple[tuple[str, str], ...]

    @property
    def url_without(self) -> str:
        return query_string(self.params_without)


def query_string(params: Iterable[tuple[str, str]]) -> str:
    """'?q=swim&need=autism'; '?q=' for no parameters: an empty search, which lists every
    service (the bare /services/ is the landing page, not a search)."""
    encoded = urlencode(list(params))
    return f"?{encoded}" if encoded else f"?{Q}="


def format_price_param(amount: Decimal) -> str:
    """'20' for whole pounds, '12.50' otherwise: how a family would type it."""
    if amount == amount.to_integral_value():
        return str(int(amount))
    return f"{amount:.2f}"


class SearchLinks:
    """The links of a results page for a bound, cleaned `SearchForm`."""

    def __init__(self, form: SearchForm) -> None:
        self.form = form

    def params(self) -> list[tuple[str, str]]:
        """The usable search as (name, value) pairs in a fixed order, without the page."""
        cleaned = self.form.cleaned
        pairs: list[tuple[str, str]] = []
        if cleaned(Q):
            pairs.append((Q, cleaned(Q)))
        pairs += [(CATEGORY, slug) for slug in cleaned(CATEGORY, ())]
        pairs += [(NEED, slug) for slug in cleaned(NEED, ())]
        if cleaned(AGE) is not None:
            pairs.append((AGE, str(cleaned(AGE))))
        if cleaned(POSTCODE):
            pairs.append((POSTCODE, cleaned(POSTCODE)))
            pairs.append((RADIUS, str(cleaned(RADIUS, DEFAULT_RADIUS_MILES))))
        if cleaned(FREE):
            pairs.append((FREE, "1"))
        if cleaned(MAX_PRICE_PARAM) is not None:
            pairs.append((MAX_PRICE_PARAM, format_price_param(cleaned(MAX_PRICE_PARAM))))
        if cleaned(DIRECT_PAYMENT):
            pairs.append((DIRECT_PAYMENT, "1"))
        pairs += [(DELIVERY, value.value) for value in cleaned(DELIVERY, ())]
        pairs += [(TIME, value.value) for value in cleaned(TIME, ())]
        pairs += [(ACCESS, slug) for slug in cleaned(ACCESS, ())]
        sort = cleaned(SORT, Sort.RELEVANCE)
        if sort != Sort.RELEVANCE:
            pairs.append((SORT, sort.value))
        return pairs

    def page_url(self, page: int) -> str:
        pairs = self.params()
        if page > 1:
            pairs.append((PAGE, str(page)))
        return query_string(pairs)

    def active_filters(self) -> list[ActiveFilter]:
        """What narrows the search, each with the search as it would be without it.

        The words are listed too, so "remove" can also mean "search without my words".
        A postcode is one filter with its radius; sorting is not a filter.
        """
        params = self.params()
        names = {
            CATEGORY: self.form.taxonomy.names("categories"),
            NEED: self.form.taxonomy.names("needs"),
            ACCESS: self.form.taxonomy.names("accessibility"),
            DELIVERY: {d.value: label for d, label in DELIVERY_LABELS.items()},
            TIME: {t.value: label for t, label in TIME_LABELS.items()},
        }
        prefixes = {
            CATEGORY: "Type of service",
            NEED: "Need",
            ACCESS: "Access",
            DELIVERY: "How",
            TIME: "When",
        }
        filters = []
        for name, value in params:
            if name in (SORT, RADIUS):
                continue
            drop = {(name, value)}
            if name == POSTCODE:
                drop |= {(RADIUS, v) for n, v in params if n == RADIUS}
                miles = self.form.cleaned(RADIUS, DEFAULT_RADIUS_MILES)
                label = f"Within {miles} mile{'s' if miles != 1 else ''} of {value}"
            elif name == Q:
                label = f"Words: ‘{value}’"
            elif name == AGE:
                label = f"Age: {value} year{'s' if value != '1' else ''} old"
            elif name == FREE:
                label = "Free only"
            elif name == DIRECT_PAYMENT:
                label = "Can be paid for with a direct payment"
            elif name == MAX_PRICE_PARAM:
                label = f"Up to £{value} per unit"
            else:
                label = f"{prefixes[name]}: {names[name].get(value, value)}"
            remaining = [pair for pair in params if pair not in drop]
            if name == POSTCODE:
                remaining = [pair for pair in remaining if pair != (SORT, Sort.DISTANCE.value)]
            filters.append(
                ActiveFilter(label=label, param=name, value=value, params_without=tuple(remaining))
            )
        return filters

    def sort_choices(self) -> list[tuple[str, str]]:
        """Sorts on offer: distance only when there is a place to measure from."""
        choices = []
        for sort, label in SORT_LABELS.items():
            if sort == Sort.DISTANCE and self.form.near is None:
                continue
            if sort == Sort.RELEVANCE and not self.form.cleaned(Q):
                label = "Name (A to Z)"
            choices.append((sort.value, label))
        return choices
