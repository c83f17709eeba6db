"""Read the directory search page's GET parameters into a `SearchQuery`.

Everything a family chose is in the address, so a search can be bookmarked, shared or sent
back with the browser's back button, and the page works as a plain GET form without
JavaScript. Addresses are typed, pasted, truncated and edited by hand, so nothing here may
raise or lead to an empty page:

- Unknown category, need, accessibility, delivery or time values are ignored and listed in
  `ignored` ("We could not use the filter 'xyz'"); the rest of the search runs.
- An age that is not a whole number from 0 to 25, a price that is not an amount of money
  and a postcode that is malformed or not in the gazetteer are errors on their fields
  (shown in the GOV.UK error summary); the search runs without that filter.
- A radius not offered snaps to the nearest one offered; sorting by distance without a
  usable postcode falls back to relevance; a page that is not a positive number is 1.
- The words are cut to 200 characters (longer is a paste gone wrong, not a search).

What the form understood is turned back into links (pagination, "remove this filter", the
sort) by `search.presenter.SearchLinks`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.utils.datastructures import MultiValueDict

from localoffer.core.forms import error_summary_items
from search import gazetteer
from search.backends.base import (
    MAX_PER_PAGE,
    RADIUS_CHOICES_MILES,
    Delivery,
    GeoPoint,
    SearchQuery,
    Sort,
    TimeOfDay,
)

MAX_QUERY_LENGTH = 200
MAX_AGE_YEARS = 25
DEFAULT_RADIUS_MILES = 5
PER_PAGE = 20
# Far beyond any real directory; stops a hand-made address asking for absurd offsets.
MAX_PAGE = 10_000
MAX_PRICE = Decimal("10000")
# More values than any real filter has: a guard against an address built to be huge.
MAX_VALUES_PER_FILTER = 50
MAX_SHOWN_VALUE_LENGTH = 40

# URL parameter names. Short and readable, as families may share or read them.
Q, CATEGORY, NEED, AGE, POSTCODE, RADIUS = "q", "category", "need", "age", "postcode", "radius"
FREE, MAX_PRICE_PARAM, DIRECT_PAYMENT = "free", "max_price", "direct_payment"
DELIVERY, TIME, ACCESS, SORT, PAGE = "delivery", "time", "access", "sort", "page"
SEARCH_PARAMS = (
    Q,
    CATEGORY,
    NEED,
    AGE,
    POSTCODE,
    RADIUS,
    FREE,
    MAX_PRICE_PARAM,
    DIRECT_PAYMENT,
    DELIVERY,
    TIME,
    ACCESS,
    SORT,
    PAGE,
)
TRUE_VALUES = frozenset(("1", "on", "true", "yes", "y"))


@dataclass(frozen=True)
class Term:
    slug: str
    name: str
    parent: str | None = None  # a category's parent slug


@dataclass(frozen=True)
class Taxonomy:
    """The filter vocabularies: categories (top level, each followed by its children),
    needs and accessibility features. Read by search.selectors.search_taxonomy()."""

    categories: tuple[Term, ...]
    needs: tuple[Term, ...]
    accessibility: tuple[Term, ...]

    def names(self, kind: str) -> dict[str, str]:
        return {term.slug: term.name for term in getattr(self, kind)}


def snap_radius(value: float) -> int:
    """The offered radius nearest to `value`; the larger of two equally near."""
    return min(RADIUS_CHOICES_MILES, key=lambda choice: (abs(choice - value), -choice))


def _collapse(text: str) -> str:
    return " ".join(text.split())


def shown_value(value: str) -> str:
    """A value from the address, cut short for display (the template escapes it)."""
    value = _collapse(value)
    if len(value) > MAX_SHOWN_VALUE_LENGTH:
        return value[: MAX_SHOWN_VALUE_LENGTH - 1] + "…"
    return value


class TextField(forms.CharField):
    """A CharField that drops NUL characters instead of rejecting the whole value: they
    only come from hand-made addresses, and PostgreSQL cannot store or search them."""

    def to_python(self, value):
        return super().to_python(value).replace("\x00", "")


class ValuesField(forms.Field):
    """Every value of a repeated parameter (?need=a&need=b), stripped, deduplicated.

    Deliberately not a MultipleChoiceField: an unknown value must be ignored with a note,
    not turn the whole filter into an error.
    """

    widget = forms.MultipleHiddenInput

    def to_python(self, value) -> list[str]:
        if not value:
            return []
        if isinstance(value, str):
            value = [value]
        seen: dict[str, None] = {}
        for item in value:
            item = str(item).replace("\x00", "").strip()
            if item and len(seen) < MAX_VALUES_PER_FILTER:
                seen.setdefault(item, None)
        return list(seen)


class SearchForm(forms.Form):
    """The search as asked for in the address. Bind it to request.GET and call is_valid().

    Call `to_query()` whatever is_valid() says: fields with errors are left out of the
    query, so the family still sees results while they fix them.
    """

    q = TextField(required=False, strip=True)
    category = ValuesField(required=False)
    need = ValuesField(required=False)
    age = TextField(required=False, strip=True)
    postcode = TextField(required=False, strip=True)
    radius = TextField(required=False, strip=True)
    free = TextField(required=False)
    max_price = TextField(required=False, strip=True)
    direct_payment = TextField(required=False)
    delivery = ValuesField(required=False)
    time = ValuesField(required=False)
    access = ValuesField(required=False)
    sort = TextField(required=False)
    page = TextField(required=False)

    # The order fields are listed in the error summary: the order they appear on the page.
    ERROR_ORDER = (POSTCODE, AGE, MAX_PRICE_PARAM)
    ERROR_ANCHORS = {POSTCODE: "postcode", AGE: "age", MAX_PRICE_PARAM: "max-price"}

    def __init__(self, data: Mapping | None = None, *, taxonomy: Taxonomy, **kwargs) -> None:
        super().__init__(data if data is not None else MultiValueDict(), **kwargs)
        self.taxonomy = taxonomy
        self.ignored: list[str] = []  # values we could not use, as typed (for the notice)
        self.near: GeoPoint | None = None
        self.postcode_shown = ""  # the normalised postcode the distances are measured from
        self.query_was_trimmed = False

    @property
    def is_search(self) -> bool:
        """True once any search parameter is in the address (even empty, as a submitted
        form sends them); the bare /services/ is the directory's landing page."""
        return any(name in self.data for name in SEARCH_PARAMS)

    # --- fields --------------------------------------------------------------------------

    def clean_q(self) -> str:
        text = _collapse(self.cleaned_data.get("q") or "")
        if len(text) > MAX_QUERY_LENGTH:
            self.query_was_trimmed = True
            text = text[:MAX_QUERY_LENGTH].rstrip()
        return text

    def _known(self, name: str, allowed: Iterable[str]) -> tuple[str, ...]:
        allowed = set(allowed)
        kept = []
        for value in self.cleaned_data.get(name) or []:
            if value in allowed:
                kept.append(value)
            else:
                self.ignored.append(shown_value(value))
        return tuple(kept)

    def clean_category(self) -> tuple[str, ...]:
        return self._known(CATEGORY, (term.slug for term in self.taxonomy.categories))

    def clean_need(self) -> tuple[str, ...]:
        return self._known(NEED, (term.slug for term in self.taxonomy.needs))

    def clean_access(self) -> tuple[str, ...]:
        return self._known(ACCESS, (term.slug for term in self.taxonomy.accessibility))

    def clean_delivery(self) -> tuple[Delivery, ...]:
        return tuple(Delivery(v) for v in self._known(DELIVERY, (d.value for d in Delivery)))

    def clean_time(self) -> tuple[TimeOfDay, ...]:
        return tuple(TimeOfDay(v) for v in self._known(TIME, (t.value for t in TimeOfDay)))

    def clean_age(self) -> int | None:
        value = self.cleaned_data.get("age") or ""
        if not value:
            return None
        if not re.fullmatch(r"[+-]?[0-9]{1,6}", value):
            raise forms.ValidationError(
                "Enter the child’s age in years as a number, like 7", code="invalid"
            )
        age = int(value)
        if not 0 <= age <= MAX_AGE_YEARS:
            raise forms.ValidationError(
                f"Enter an age from 0 to {MAX_AGE_YEARS} years", code="out_of_range"
            )
        return age

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode") or ""
        if not value:
            return ""
        try:
            self.near = gazetteer.locate(value)
        except gazetteer.PostcodeError as error:
            raise forms.ValidationError(str(error), code="postcode") from None
        self.postcode_shown = gazetteer.normalise(value)
        return self.postcode_shown

    def clean_radius(self) -> int:
        value = (self.cleaned_data.get("radius") or "").lower().removesuffix("miles").strip()
        try:
            miles = float(value)
        except ValueError:
            return DEFAULT_RADIUS_MILES
        if miles != miles:  # NaN
            return DEFAULT_RADIUS_MILES
        return snap_radius(miles)

    def clean_free(self) -> bool:
        return (self.cleaned_data.get("free") or "").strip().lower() in TRUE_VALUES

    def clean_direct_payment(self) -> bool:
        return (self.cleaned_data.get("direct_payment") or "").strip().lower() in TRUE_VALUES

    def clean_max_price(self) -> Decimal | None:
        value = (self.cleaned_data.get("max_price") or "").replace(",", "").removeprefix("£")
        value = value.strip()
        if not value:
            return None
        try:
            amount = Decimal(value) if len(value) <= 20 else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise forms.ValidationError(
                "Enter the most you will pay as an amount in pounds, like 20 or 12.50",
                code="invalid",
            )
        if amount < 0:
            raise forms.ValidationError("The most you will pay must be £0 or more", code="negative")
        if amount > MAX_PRICE:
            raise forms.ValidationError(
                "The most you will pay must be £10,000 or less", code="too_large"
            )
        if amount != amount.quantize(Decimal("0.01")):
            raise forms.ValidationError(
                "The most you will pay must be in pounds and pence, like 12.50", code="pence"
            )
        return amount.quantize(Decimal("0.01"))

    def clean_sort(self) -> Sort:
        try:
            return Sort((self.cleaned_data.get("sort") or "").strip())
        except ValueError:
            return Sort.RELEVANCE

    def clean_page(self) -> int:
        value = (self.cleaned_data.get("page") or "").strip()
        if not re.fullmatch(r"[0-9]+", value):
            return 1
        if len(value) > len(str(MAX_PAGE)):  # also keeps int() away from huge strings
            return MAX_PAGE
        return min(max(1, int(value)), MAX_PAGE)

    def clean(self) -> dict:
        super().clean()
        cleaned = self.cleaned_data
        # Distance needs a place: without a usable postcode it is not offered.
        if cleaned.get("sort") == Sort.DISTANCE and self.near is None:
            cleaned["sort"] = Sort.RELEVANCE
        return cleaned

    # --- results ---------------------------------------------------------------------------

    def cleaned(self, name: str, default: Any = None) -> Any:
        """The cleaned value of a field (cleaning the form first if need be), or `default`
        when the field had an error."""
        if not hasattr(self, "cleaned_data"):
            self.is_valid()
        return self.cleaned_data.get(name, default)

    def to_query(self, *, page: int | None = None, per_page: int = PER_PAGE) -> SearchQuery:
        """The SearchQuery for what is usable; fields with errors are left out."""
        near = self.near if self.cleaned(POSTCODE) else None
        price = self.cleaned(MAX_PRICE_PARAM)
        return SearchQuery(
            text=self.cleaned(Q, ""),
            categories=self.cleaned(CATEGORY, ()),
            needs=self.cleaned(NEED, ()),
            age_years=self.cleaned(AGE),
            near=near,
            radius_miles=float(self.cleaned(RADIUS, DEFAULT_RADIUS_MILES)) if near else None,
            free_only=self.cleaned(FREE, False),
            max_price=price,
            direct_payment=self.cleaned(DIRECT_PAYMENT, False),
            delivery=self.cleaned(DELIVERY, ()),
            times=self.cleaned(TIME, ()),
            accessibility=self.cleaned(ACCESS, ()),
            sort=self.cleaned(SORT, Sort.RELEVANCE),
            page=page if page is not None else self.cleaned(PAGE, 1),
            per_page=min(per_page, MAX_PER_PAGE),
        )

    def error_list(self) -> list[dict[str, str]]:
        """The errors in page order, each linking to its field (GOV.UK error summary)."""
        return error_summary_items(self, fields=self.ERROR_ORDER, anchors=self.ERROR_ANCHORS)


class ShortlistEmailForm(forms.Form):
    """Where to send the shortlist. The address is used once and never stored."""

    email = forms.EmailField(
        label="Email address",
        max_length=254,
        error_messages={
            "required": "Enter an email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
            "max_length": "Enter an email address in the correct format, like name@example.com",
        },
    )

    def error_list(self) -> list[dict[str, str]]:
        return error_summary_items(self, anchors={"email": "email"})
