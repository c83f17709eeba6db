"""Browsing with no words and no filters reads the facet counts the indexer keeps
(search/backends/database/counts.py): they must always equal counting the index itself,
after publishing, unpublishing, a change of category, deletion, a rebuild and a
sub-category moved under another parent.

Counting the index itself: the same search with a filter every service passes (a
minimum age of 0), which the backend counts from the rows' facet keys
(ServiceIndex.facet_keys, keyed.py), and which it counts again from the link tables in
one pass in Python (as with a radius): the kept counts, the keys and the links agree.
"""

from __future__ import annotations

import importlib
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from wagtail.models import Page

from providers.models import ServicePage
from search.backends.base import FACET_CATEGORIES, SearchQuery
from search.backends.database import DatabaseBackend
from search.backends.database.counts import FLAG_FIELDS
from search.models import FacetCount, ServiceIndex
from tests.factories import AccessibilityFeatureFactory, CategoryFactory, NeedFactory
from tests.search.conftest import miles_north

pytestmark = pytest.mark.django_db

COUNTED_FROM_THE_INDEX = SearchQuery(minimum_age=0)


def facets(results) -> dict:
    return {
        facet: {option.value: option.count for option in options}
        for facet, options in results.facets.items()
    }


class FromTheLinks(DatabaseBackend):
    counts_from_keys = False


def assert_counts_right(backend: DatabaseBackend) -> dict:
    kept = backend.search(SearchQuery())
    counted = backend.search(COUNTED_FROM_THE_INDEX)
    linked = FromTheLinks().search(COUNTED_FROM_THE_INDEX)
    assert kept.total == counted.total == linked.total
    assert facets(kept) == facets(counted) == facets(linked)
    return facets(kept)


@pytest.fixture
def backend():
    return DatabaseBackend()


@pytest.fixture
def taxonomy():
    sport = CategoryFactory(name="Sport")
    return {
        "sport": sport,
        "swimming": CategoryFactory(name="Swimming", parent=sport),
        "arts": CategoryFactory(name="Arts"),
        "autism": NeedFactory(name="Autism"),
        "ramp": AccessibilityFeatureFactory(name="Ramp"),
    }


@pytest.fixture
def publish(make_service, django_capture_on_commit_callbacks):
    """Make and publish a service as the admin does: indexed by the publishing tasks."""

    def make(**kwargs) -> ServicePage:
        with django_capture_on_commit_callbacks(execute=True):
            return make_service(**kwargs)

    return make


@pytest.fixture
def directory(publish, taxonomy):
    return [
        publish(
            title="Splash",
            categories=[taxonomy["swimming"]],
            needs=[taxonomy["autism"]],
            locations=[(*miles_north(1), [taxonomy["ramp"]])],
            prices=[(None, False)],
        ),
        publish(
            title="Paint",
            categories=[taxonomy["arts"], taxonomy["sport"]],
            online=True,
            prices=[(Decimal("5.00"), True)],
        ),
        publish(title="Kick", categories=[taxonomy["sport"], taxonomy["swimming"]]),
    ]


def test_browsing_reads_the_counts_and_they_are_right(backend, directory, taxonomy):
    counts = assert_counts_right(backend)
    assert counts[FACET_CATEGORIES][taxonomy["sport"].slug] == 3  # each service once
    assert counts[FACET_CATEGORIES][taxonomy["swimming"].slug] == 2
    assert FacetCount.objects.get(facet="total").services == 3


def test_publishing_a_new_service_adds_it(backend, directory, publish, taxonomy):
    publish(title="Clay", categories=[taxonomy["arts"]], needs=[taxonomy["autism"]])
    counts = assert_counts_right(backend)
    assert counts[FACET_CATEGORIES][taxonomy["arts"].slug] == 2


def test_unpublishing_takes_it_away(
    backend, directory, taxonomy, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        directory[0].unpublish()
    counts = assert_counts_right(backend)
    assert counts[FACET_CATEGORIES][taxonomy["swimming"].slug] == 1


def test_a_change_of_category_moves_it(
    backend, directory, taxonomy, django_capture_on_commit_callbacks
):
    service = ServicePage.objects.get(pk=directory[0].pk)
    service.categories = [taxonomy["arts"]]
    with django_capture_on_commit_callbacks(execute=True):
        service.save_revision().publish()
    counts = assert_counts_right(backend)
    assert counts[FACET_CATEGORIES][taxonomy["arts"].slug] == 2
    assert counts[FACET_CATEGORIES][taxonomy["swimming"].slug] == 1


def test_deleting_the_page_takes_it_away(
    backend, directory, taxonomy, django_capture_on_commit_callbacks
):
    # Django deletes the index row with the page (the cascade), before the removal task.
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=directory[1].pk).delete()
    counts = assert_counts_right(backend)
    assert counts[FACET_CATEGORIES][taxonomy["arts"].slug] == 0
    assert FacetCount.objects.get(facet="total").services == 2


def test_indexing_again_changes_nothing(backend, directory):
    before = assert_counts_right(backend)
    backend.index_services([service.pk for service in directory])
    assert assert_counts_right(backend) == before


def test_a_rebuild_counts_again(backend, directory):
    before = assert_counts_right(backend)
    FacetCount.objects.filter(facet="total").update(services=99)  # counts gone wrong
    backend.rebuild()
    assert assert_counts_right(backend) == before


def test_moving_a_sub_category_moves_its_count_without_indexing(backend, directory, taxonomy):
    swimming = taxonomy["swimming"]
    swimming.parent = taxonomy["arts"]
    swimming.save()
    counts = assert_counts_right(backend)
    assert counts[FACET_CATEGORIES][taxonomy["arts"].slug] == 3  # Paint, Splash, Kick
    assert counts[FACET_CATEGORIES][taxonomy["sport"].slug] == 2  # Paint, Kick


def test_browsing_an_index_without_counts_counts_it(backend, directory):
    FacetCount.objects.all().delete()  # an index written before the counts were kept
    results = backend.search(SearchQuery())
    assert results.total == 3
    assert facets(results) == facets(backend.search(COUNTED_FROM_THE_INDEX))


def test_each_index_row_keeps_its_facet_keys(directory, taxonomy):
    row = ServiceIndex.objects.get(pk=directory[0].pk)  # Splash
    flags = [name for name in FLAG_FIELDS if getattr(row, name)]
    assert row.facet_keys == ";".join(
        [str(taxonomy["swimming"].pk), str(taxonomy["autism"].pk), str(taxonomy["ramp"].pk)]
        + [",".join(flags)]
    )
    kick = ServiceIndex.objects.get(pk=directory[2].pk)
    ids = sorted([taxonomy["sport"].pk, taxonomy["swimming"].pk])
    assert kick.facet_keys.split(";")[:3] == [",".join(str(pk) for pk in ids), "", ""]


def test_the_migration_writes_the_keys_the_indexer_writes(directory):
    written = dict(ServiceIndex.objects.values_list("pk", "facet_keys"))
    ServiceIndex.objects.update(facet_keys="")  # an index from before the keys
    migration = importlib.import_module("search.migrations.0007_facet_keys")
    # What the migration uses of the schema editor: its connection.
    migration.write_the_keys(django_apps, SimpleNamespace(connection=connection))
    assert dict(ServiceIndex.objects.values_list("pk", "facet_keys")) == written


def test_the_title_sort_index_outlives_the_migrations():
    """SQLite adds a NOT NULL column by copying the table, which drops indexes the model
    does not declare: search/0007 makes search/0004's again."""
    with connection.cursor() as cursor:
        indexes = connection.introspection.get_constraints(cursor, ServiceIndex._meta.db_table)
    assert "search_serviceindex_title_lower" in indexes
