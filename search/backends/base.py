"""The directory search contract every backend fulfils.

Views, the Open Referral API and benchmarks build a `SearchQuery`, call
`search.backends.get_backend().search(query)` and read a `SearchResults`. They never
know which backend runs: the database backend (SQLite FTS5 or PostgreSQL full text) by
default, Elasticsearch when `ELASTICSEARCH_URL` is set. One contract test suite
(tests/search/test_contract.py) runs against every backend.

Facet rule: the count shown beside a filter option is exactly the number of results the
search would give if that option were chosen as well (options of one facet combine with
OR, so an option's count ignores the other options already chosen in its own facet).
"""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum


class Sort(StrEnum):
    RELEVANCE = "relevance"
    DISTANCE = "distance"
    PRICE = "price"
    REVIEWED = "reviewed"


class TimeOfDay(StrEnum):
    """When families can go: after school (weekdays from 3pm), weekends, school holidays."""

    AFTER_SCHOOL = "after_school"
    WEEKENDS = "weekends"
    HOLIDAYS = "holidays"


class Delivery(StrEnum):
    IN_PERSON = "in_person"
    ONLINE = "online"
    HOME_VISIT = "home_visit"


RADIUS_CHOICES_MILES = (1, 3, 5, 10, 25)
MAX_PER_PAGE = 100

# Keys of `SearchResults.facets` and the values of their options. Options of categories,
# needs, delivery and times combine with OR (an option's count ignores the others chosen in
# its facet); accessibility features must all be met, and the cost options ("free",
# "direct_payment") are yes/no filters, so their counts are over the results themselves.
# "radius" (values "1", "3", "5", "10", "25") is there only when the query is `near` a place.
FACET_CATEGORIES = "categories"  # category slugs; a parent's count includes its children
FACET_NEEDS = "needs"  # need slugs
FACET_DELIVERY = "delivery"  # Delivery values
FACET_TIMES = "times"  # TimeOfDay values
FACET_ACCESSIBILITY = "accessibility"  # accessibility feature slugs
FACET_RADIUS = "radius"
FACET_COST = "cost"
COST_FREE = "free"
COST_DIRECT_PAYMENT = "direct_payment"


@dataclass(frozen=True)
class GeoPoint:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class SearchQuery:
    """What a family asked for. Validated before it reaches a backend (search/forms.py)."""

    text: str = ""
    categories: tuple[str, ...] = ()  # category slugs; a parent includes its children
    needs: tuple[str, ...] = ()  # need slugs
    age_years: int | None = None  # the child's age in whole years
    minimum_age: int | None = None  # ORUK: services whose range overlaps [min, max] years
    maximum_age: int | None = None
    near: GeoPoint | None = None
    radius_miles: float | None = None
    free_only: bool = False
    max_price: Decimal | None = None  # most a family will pay per unit
    direct_payment: bool = False
    delivery: tuple[Delivery, ...] = ()
    times: tuple[TimeOfDay, ...] = ()
    accessibility: tuple[str, ...] = ()  # accessibility feature slugs; all must be met
    modified_after: object | None = None  # datetime
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = 20
    with_facets: bool = True


@dataclass(frozen=True)
class SearchHit:
    service_id: int  # ServicePage primary key
    score: float = 0.0
    distance_miles: float | None = None  # from `near` to the service's nearest location


@dataclass(frozen=True)
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResults:
    total: int
    hits: list[SearchHit]
    page: int
    per_page: int
    facets: dict[str, list[FacetOption]] = field(default_factory=dict)
    # Set when nothing matched the words as typed and a corrected spelling did: the
    # results are for this text, and the page says "Showing results for ...".
    corrected_text: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


class SearchBackend(abc.ABC):
    """One way of indexing and searching published services."""

    name: str = "abstract"

    @abc.abstractmethod
    def search(self, query: SearchQuery) -> SearchResults:
        """Run a query: matching published services, ordered and paginated, with facets."""

    @abc.abstractmethod
    def index_services(self, service_ids: list[int]) -> None:
        """(Re)index these services; ones no longer published are removed."""

    @abc.abstractmethod
    def remove_services(self, service_ids: list[int]) -> None:
        """Remove these services from the index."""

    def synonyms_changed(self) -> None:
        """Staff edited the synonym list. Backends that expand synonyms when they run a
        query (the database backend) need do nothing; one that bakes them into its index
        (Elasticsearch) rebuilds it."""
        return None

    @abc.abstractmethod
    def rebuild(self, *, progress=None) -> int:
        """Rebuild the whole index from the database; returns the number indexed."""
