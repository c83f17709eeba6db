"""The database backend's search index: one flat row per published service.

A listing spreads over a dozen tables (page, cost options, locations, schedules, and
many-to-many choices); searching them live would join them all for every query. The
index keeps exactly what filters, sorts and facets need, rebuilt whenever a listing is
published, unpublished or deleted. Full-text matching uses a PostgreSQL `tsvector`
column or, on SQLite, an FTS5 table kept beside this one by the backend.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class ServiceIndex(models.Model):
    service = models.OneToOneField(
        "providers.ServicePage",
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="search_index",
    )
    title = models.CharField(max_length=255)
    organisation_name = models.CharField(max_length=255)
    summary = models.TextField()
    body = models.TextField(help_text="Description, needs, categories and other words to match.")
    search_vector = SearchVectorField(null=True)  # PostgreSQL only; stays null on SQLite
    # PostgreSQL only: the title (A) and summary (B) alone, GIN-indexed, so a broad search
    # finds the matches it ranks without reading every matching row's whole vector.
    lead_vector = SearchVectorField(null=True)

    min_age_months = models.PositiveSmallIntegerField()
    max_age_months = models.PositiveSmallIntegerField()
    is_free = models.BooleanField(help_text="At least one cost option is free.")
    min_price = models.DecimalField(
        max_digits=12,
        decimal_places=2,
        null=True,
        help_text="The lowest price per unit of the paid options; 0 when one is free.",
    )
    direct_payment = models.BooleanField()
    in_person = models.BooleanField()
    online = models.BooleanField()
    home_visit = models.BooleanField()
    after_school = models.BooleanField()
    weekends = models.BooleanField()
    holidays = models.BooleanField()
    last_reviewed = models.DateField(null=True)
    modified = models.DateTimeField()
    # The service's facet options as one short text ("c:3,12 n:5 a:2 f:is_free", see
    # search/backends/database/counts.py), so that a search matching thousands of
    # services counts its facets from these rows alone, without joining the link tables.
    facet_keys = models.TextField(default="")

    categories = models.ManyToManyField("providers.Category", related_name="+")
    needs = models.ManyToManyField("providers.Need", related_name="+")
    accessibility = models.ManyToManyField("providers.AccessibilityFeature", related_name="+")

    class Meta:
        indexes = [
            models.Index(fields=["min_age_months", "max_age_months"]),
            models.Index(fields=["min_price"]),
            models.Index(fields=["last_reviewed"]),
        ]

    def __str__(self) -> str:
        return self.title


class ServiceIndexLocation(models.Model):
    """A point where the service happens, for distance filters and sorting."""

    service_index = models.ForeignKey(
        ServiceIndex, on_delete=models.CASCADE, related_name="locations"
    )
    latitude = models.FloatField()
    longitude = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["latitude", "longitude"])]

    def __str__(self) -> str:
        return f"{self.latitude:.5f}, {self.longitude:.5f}"


class FacetCount(models.Model):
    """How many indexed services have each facet option, kept by the indexer.

    Browsing the directory with no words and no filters (the page most visitors open
    first) shows every facet's counts over the whole index; counting them per request
    meant aggregating every link row (a quarter of a second at 50,000 services). The
    indexer adds and subtracts each service's contribution in the transaction that
    writes or deletes its index rows (search/backends/database/counts.py).

    `facet` is "categories" (the `option` is the service's category ids, sorted and
    comma-separated, so that a parent's count can be worked out however categories are
    arranged when it is read), "needs" or "accessibility" (an id), "flags" (a field
    name of ServiceIndex: is_free, in_person...) or "total" (option "").
    """

    facet = models.CharField(max_length=20)
    option = models.CharField(max_length=200)
    services = models.IntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "option"], name="search_facetcount_unique")
        ]

    def __str__(self) -> str:
        return f"{self.facet} {self.option}: {self.services}"
