"""What the database backend does beyond the contract: typo correction, staff synonyms at
once, the FTS5 / tsvector text kept in step, rebuilds, a bounded number of queries, and the
query text never reaching the database as syntax."""

from __future__ import annotations

from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from providers.models import ServicePage
from search.backends.base import GeoPoint, SearchQuery, Sort
from search.backends.database import DatabaseBackend
from search.backends.database.engines import FTS_TABLE
from search.backends.database.text import Clause, fts5_match, parse
from search.backends.database.vocabulary import closest, edit_distance
from search.models import ServiceIndex, Synonym
from tests.factories import UserFactory
from tests.search.conftest import ORIGIN, miles_north

pytestmark = pytest.mark.django_db


@pytest.fixture
def backend():
    return DatabaseBackend()


@pytest.fixture
def services(make_service, backend):
    made = {
        "trampoline": make_service(
            title="Trampoline club",
            summary="Bounce with friends.",
            locations=[(*miles_north(2), [])],
        ),
        "swim": make_service(
            title="Splash swim club",
            summary="Swim sessions in a warm pool.",
            locations=[(*miles_north(6), [])],
        ),
        "speech": make_service(
            title="Speech and language therapy clinic",
            summary="Assessment and therapy sessions.",
            prices=[(Decimal("45.00"), False)],
        ),
    }
    backend.index_services([service.pk for service in made.values()])
    return made


def found(backend, **kwargs) -> list[int]:
    return [hit.service_id for hit in backend.search(SearchQuery(**kwargs)).hits]


# --- typos --------------------------------------------------------------------------------


def test_a_misspelt_word_is_corrected_and_the_page_is_told(backend, services):
    results = backend.search(SearchQuery(text="trampolne clubb"))
    assert [hit.service_id for hit in results.hits] == [services["trampoline"].pk]
    assert results.corrected_text == "trampoline club"


def test_no_correction_when_the_words_find_something(backend, services):
    results = backend.search(SearchQuery(text="trampoline"))
    assert results.total == 1
    assert results.corrected_text is None


def test_no_correction_when_nothing_is_close(backend, services):
    results = backend.search(SearchQuery(text="xqzvw"))
    assert results.total == 0
    assert results.corrected_text is None


def test_edit_distance_counts_a_swap_as_one_edit():
    assert edit_distance("therapy", "therapy", 2) == 0
    assert edit_distance("theraphy", "therapy", 2) == 1
    assert edit_distance("thearpy", "therapy", 2) == 1
    assert edit_distance("tehrapyy", "therapy", 2) == 2
    assert edit_distance("xyz", "therapy", 2) == 3


def test_short_words_allow_one_edit_and_longer_two(backend, services):
    assert closest("clb") == "club"
    assert closest("swm") == "swim"
    assert closest("trmpolne") == "trampoline"
    assert closest("cxxb") is None  # two edits in a four-letter word
    assert closest("ot") is None  # too short to guess at


# --- synonyms -----------------------------------------------------------------------------


def test_a_synonym_staff_add_works_at_once(backend, services):
    assert found(backend, text="rebound therapy") == []
    Synonym.objects.create(terms="rebound therapy, trampoline, trampolining")
    assert found(backend, text="rebound therapy") == [services["trampoline"].pk]


def test_editing_a_synonym_group_takes_effect_at_once(backend, services):
    group = Synonym.objects.create(terms="zorbing, trampoline")
    assert found(backend, text="zorbing") == [services["trampoline"].pk]
    group.terms = "zorbing, swim"
    group.save()
    assert found(backend, text="zorbing") == [services["swim"].pk]
    group.delete()
    assert found(backend, text="zorbing") == []


def test_default_synonyms_are_installed():
    terms = " | ".join(Synonym.objects.values_list("terms", flat=True)).lower()
    for term in ("asd", "salt", "semh", "personal assistant", "physio", "short breaks", "camhs"):
        assert term in terms


# --- the query text -----------------------------------------------------------------------


def test_synonym_phrases_are_found_longest_first():
    groups = [("speech and language therapy", "salt"), ("therapy", "treatment")]
    clauses = parse("speech and language therapy for my son", groups)
    assert clauses == [
        Clause(
            ("speech", "and", "language", "therapy"),
            (("speech", "and", "language", "therapy"), ("salt",)),
        ),
        Clause(("son",), (("son",),)),
    ]


def test_plurals_match_synonym_terms():
    [clause] = parse("short break", [("short breaks", "respite")])
    assert ("respite",) in clause.alternatives


def test_stop_words_and_punctuation_are_not_searched():
    assert parse('the "AND" OR * - NEAR', []) == [Clause(("near",), (("near",),))]
    assert parse("and or not", []) == []


def test_the_fts5_expression_quotes_every_word():
    clauses = parse('swim" OR title:NEAR(x*', [("swim", "swimming pool")])
    assert fts5_match(clauses) == (
        '("swim" OR ("swimming" AND "pool")) AND "title" AND "near" AND "x"'
    )


def test_only_stop_words_or_punctuation_find_nothing(backend, services):
    for text in ("the", "***", "AND OR"):
        results = backend.search(SearchQuery(text=text))
        assert results.total == 0
        assert results.facets  # the page can still show the filters


# --- the index stays in step --------------------------------------------------------------


def text_rows() -> int:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM {FTS_TABLE}")  # noqa: S608
            return cursor.fetchone()[0]
    return ServiceIndex.objects.filter(search_vector__isnull=False).count()


def test_the_searchable_text_follows_the_index_rows(backend, services):
    assert text_rows() == ServiceIndex.objects.count() == 3
    backend.remove_services([services["swim"].pk])
    assert text_rows() == ServiceIndex.objects.count() == 2
    backend.index_services([services["swim"].pk, services["swim"].pk])
    assert text_rows() == ServiceIndex.objects.count() == 3


def test_reindexing_replaces_the_old_text(backend, services):
    page = ServicePage.objects.get(pk=services["swim"].pk)
    page.title = "Paddle club"
    page.save_revision().publish()
    backend.index_services([page.pk])
    assert found(backend, text="paddle") == [page.pk]
    assert found(backend, text="splash") == []


def test_rebuild_drops_services_unpublished_without_signals(backend, services):
    # Bulk changes (generate_listings, SQL fixes) send no signals: rebuild catches up.
    ServicePage.objects.filter(pk=services["swim"].pk).update(live=False)
    assert backend.rebuild() == 2
    assert found(backend, text="swim") == []
    assert text_rows() == 2


def test_rebuild_command_reports_the_count(services):
    out = StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=StringIO())
    assert "Indexed 3 published services." in out.getvalue()


def test_indexing_many_services_costs_a_bounded_number_of_queries(backend, make_service):
    ids = [make_service(title=f"Club {n}", locations=[(*miles_north(n), [])]).pk for n in range(8)]
    with CaptureQueriesContext(connection) as two:
        backend.index_services(ids[:2])
    with CaptureQueriesContext(connection) as eight:
        backend.index_services(ids)
    assert len(eight.captured_queries) == len(two.captured_queries)


# --- queries per search -------------------------------------------------------------------


@pytest.mark.parametrize("with_facets", [True, False])
def test_a_search_with_every_filter_and_facets_is_a_handful_of_queries(
    backend, services, with_facets
):
    query = SearchQuery(
        text="club",
        age_years=9,
        near=ORIGIN,
        radius_miles=5,
        needs=("autism",),
        times=("after_school",),
        sort=Sort.DISTANCE,
        with_facets=with_facets,
    )
    backend.search(query)  # synonyms into the cache
    with CaptureQueriesContext(connection) as context:
        backend.search(query)
    # 3 taxonomy reads, the candidates, the radius counts (with facets), the FTS5 scores
    # (SQLite)
    assert len(context.captured_queries) <= 6


def test_a_far_away_place_finds_nothing_near_it(backend, services):
    far = GeoPoint(latitude=57.5, longitude=-4.2)  # the Highlands
    results = backend.search(SearchQuery(near=far, radius_miles=25))
    assert results.total == 0
    radius = {option.value: option.count for option in results.facets["radius"]}
    assert radius == {"1": 0, "3": 0, "5": 0, "10": 0, "25": 0}


# --- the synonym list in the admin --------------------------------------------------------


def staff_with(*codenames):
    group = Group.objects.create(name="Search staff " + "-".join(codenames))
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for codename in codenames:
        group.permissions.add(Permission.objects.get(codename=codename))
    return UserFactory(groups=[group])


def test_staff_with_permission_edit_synonyms_in_the_admin(client):
    client.force_login(staff_with("view_synonym", "add_synonym", "change_synonym"))
    listing = client.get("/admin/snippets/search/synonym/")
    assert listing.status_code == 200
    response = client.post(
        "/admin/snippets/search/synonym/add/", {"terms": "trampolining, rebound therapy"}
    )
    assert response.status_code == 302
    assert Synonym.objects.filter(terms="trampolining, rebound therapy").exists()


def test_staff_without_permission_cannot_see_synonyms(client):
    client.force_login(staff_with())
    response = client.get("/admin/snippets/search/synonym/")
    assert response.status_code in (302, 403)
    assert not Synonym.objects.filter(terms__contains="rebound").exists()


# --- the index follows the organisation ---------------------------------------------------


def test_renaming_an_organisation_reindexes_its_services(
    services, organisation, django_capture_on_commit_callbacks
):
    backend = DatabaseBackend()
    assert found(backend, text="riverside") == []
    with django_capture_on_commit_callbacks(execute=True):
        organisation.title = "Riverside Sports Trust"
        organisation.save_revision().publish()
    assert set(found(backend, text="riverside")) == {service.pk for service in services.values()}
    assert set(ServiceIndex.objects.values_list("organisation_name", flat=True).distinct()) == {
        "Riverside Sports Trust"
    }
