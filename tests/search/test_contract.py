"""The search contract, once, for every backend (search/backends/base.py).

Runs against the database backend always (SQLite, or PostgreSQL when DATABASE_URL is
set) and against Elasticsearch: the server at ELASTICSEARCH_URL when that is set, else
an osmem-server the suite starts itself (tests/search/conftest.py), on which the tests
marked `needs_real_elasticsearch` are skipped with the reason. Services are real
published Wagtail pages with their rows, indexed through the backend's own
`index_services()`; the publishing tests go through Wagtail's signals and the
django-tasks tasks instead. Nothing here knows which backend runs.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone
from django.utils.module_loading import import_string
from wagtail.models import Page

from providers.enums import SchedulePeriod, Weekday
from providers.models import ServicePage
from search.backends import get_backend
from search.backends.base import (
    COST_DIRECT_PAYMENT,
    COST_FREE,
    FACET_ACCESSIBILITY,
    FACET_CATEGORIES,
    FACET_COST,
    FACET_DELIVERY,
    FACET_NEEDS,
    FACET_RADIUS,
    FACET_TIMES,
    MAX_PER_PAGE,
    SearchQuery,
    Sort,
)
from search.synonyms import install_default_synonyms
from tests.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    NeedFactory,
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    site_tree,
)
from tests.search.conftest import (
    ORIGIN,
    ServiceSpec,
    backend_params,
    backend_settings,
    create_service,
    delete_indices,
    miles_north,
    one_off,
    weekly,
)

pytestmark = pytest.mark.django_db

# What osmem-server, the in-memory server the Elasticsearch leg runs on without
# ELASTICSEARCH_URL, does not model. Tests whose answer depends on it are skipped there
# (tests/search/conftest.py) and run against a real Elasticsearch; on osmem-server they
# would fail, or pass only because every word matches every document.
needs_text_analysis = pytest.mark.needs_real_elasticsearch(
    reason="mis-analyses text with the possessive_english stemmer: any word matches all"
)
needs_synonyms = pytest.mark.needs_real_elasticsearch(reason="ignores synonym filters")


class Directory:
    """A small directory whose every answer is known: see `directory` below."""

    def __init__(self, **services):
        self.__dict__.update(services)
        self.published = {
            name: page
            for name, page in services.items()
            if isinstance(page, ServicePage) and page.live
        }

    def ids(self, *names: str) -> set[int]:
        return {self.published[name].pk for name in names}

    @property
    def all_ids(self) -> set[int]:
        return {page.pk for page in self.published.values()}


@pytest.fixture(scope="module", params=backend_params())
def directory(request, django_db_setup, django_db_blocker):
    """The directory, built once per backend for the whole module and rolled back after.

    Making a Wagtail page and publishing it takes most of a second, so building this for
    every test would take minutes. Each test still runs in its own transaction inside
    this one (pytest-django's `db`), so what a test changes in the database is undone;
    tests that change an index that is not in the database (Elasticsearch) undo it too.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(**backend_settings(request, request.param)):
            get_backend.cache_clear()
            install_default_synonyms()
            backend = import_string(request.param)()
            try:
                yield build_directory(backend)
            finally:
                delete_indices(backend)
                get_backend.cache_clear()
        transaction.set_rollback(True)


def build_directory(search_backend) -> Directory:
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()), title="Northbridge Play Club"
    )

    def make_service(**kwargs):
        return create_service(organisation, ServiceSpec(**kwargs))

    leisure = CategoryFactory(name="Leisure", slug="t-leisure")
    sport = CategoryFactory(name="Sport", slug="t-sport", parent=leisure)
    CategoryFactory(name="Arts", slug="t-arts", parent=leisure)
    therapies = CategoryFactory(name="Therapies", slug="t-therapies")
    family = CategoryFactory(name="Family", slug="t-family")
    sensory = NeedFactory(name="Sensory processing", slug="t-sensory")
    communication = NeedFactory(name="Communication", slug="t-communication")
    physical = NeedFactory(name="Physical", slug="t-physical")
    step_free = AccessibilityFeatureFactory(name="Step-free access", slug="t-step-free")
    quiet = AccessibilityFeatureFactory(name="Quiet room", slug="t-quiet-room")

    swim = make_service(
        title="Splash swim club",
        summary="Swim sessions in a warm pool.",
        description="<p>Small groups with patient coaches.</p>",
        categories=[sport],
        needs=[sensory],
        min_age_months=5 * 12,
        max_age_months=11 * 12,
        prices=[(Decimal("10.00"), True)],
        locations=[(*miles_north(0.5), [step_free, quiet])],
        schedules=[weekly(Weekday.SATURDAY, "10:00", "12:00", SchedulePeriod.ALL_YEAR)],
        last_reviewed=dt.date(2025, 3, 1),
    )
    family_support = make_service(
        title="Family support group",
        summary="Meet other parents.",
        description="<p>For families of children with autism.</p>",
        categories=[family],
        prices=[(None, False)],
        locations=[(*miles_north(2), [step_free])],
        schedules=[weekly(Weekday.MONDAY, "16:00", "17:30")],
        online=True,
        last_reviewed=dt.date(2025, 6, 1),
    )
    speech = make_service(
        title="Speech and language therapy clinic",
        summary="Assessment and therapy sessions.",
        description="<p>Our therapists help with communication.</p>",
        categories=[therapies],
        needs=[communication],
        min_age_months=8 * 12,
        max_age_months=16 * 12,
        prices=[(Decimal("45.00"), False)],
        locations=[(*miles_north(4), [])],
        schedules=[weekly(Weekday.WEDNESDAY, "09:00", "12:00", SchedulePeriod.HOLIDAYS)],
        in_person=False,
        home_visit=True,
        last_reviewed=dt.date(2024, 1, 10),
    )
    trampoline = make_service(
        title="Trampoline club",
        summary="Bounce with friends.",
        categories=[sport],
        min_age_months=8 * 12,
        max_age_months=18 * 12,
        prices=[(Decimal("6.00"), False)],
        locations=[(*miles_north(8), [quiet])],
        schedules=[one_off(dt.date(2025, 7, 27), "10:00", "12:00")],  # a Sunday
    )
    gym = make_service(
        title="Sensory gym",
        summary="Soft play and climbing.",
        description="<p>We also have a trampoline for older children.</p>",
        categories=[leisure],
        min_age_months=0,
        max_age_months=8 * 12,
        prices=[(Decimal("12.00"), True), (None, False)],
        locations=[(*miles_north(20), [step_free])],
        # Ends at 3pm exactly: not after school.
        schedules=[weekly(Weekday.FRIDAY, "14:00", "15:00", SchedulePeriod.ALL_YEAR)],
    )
    course = make_service(
        title="Online parenting course",
        summary="Evening sessions on video.",
        categories=[family],
        prices=[(None, False)],
        schedules=[weekly(Weekday.TUESDAY, "19:00", "20:30")],
        in_person=False,
        online=True,
    )
    riding = make_service(
        title="Riding for the disabled",
        summary="Horse riding lessons.",
        categories=[sport],
        needs=[physical],
        min_age_months=4 * 12,
        max_age_months=18 * 12,
        prices=[(Decimal("30.00"), True)],
        locations=[(*miles_north(40), [step_free])],
    )
    music = make_service(title="Music group", summary="Sing and play instruments together.")
    # A draft edit of a live service stays out of search until it is published.
    music.title = "Xylophone workshop"
    music.summary = "Only in the draft."
    music.save_revision()
    draft = make_service(
        title="Secret swim draft", summary="Never published swim sessions.", live=False
    )
    directory = Directory(
        swim=swim,
        family_support=family_support,
        speech=speech,
        trampoline=trampoline,
        gym=gym,
        course=course,
        riding=riding,
        music=music,
        draft=draft,
        backend=search_backend,
        organisation=organisation,
    )
    # A full rebuild, not an update: an Elasticsearch index outlives the test run, and
    # documents left by an earlier run must not count.
    search_backend.rebuild()
    return directory


def ids(results) -> list[int]:
    return [hit.service_id for hit in results.hits]


def found(backend, **kwargs) -> set[int]:
    results = backend.search(SearchQuery(per_page=MAX_PER_PAGE, **kwargs))
    assert results.total == len(results.hits)
    return set(ids(results))


# --- everything, drafts and unpublished ---------------------------------------------------


def test_without_words_or_filters_every_published_service_is_found(directory):
    assert found(directory.backend) == directory.all_ids


@needs_text_analysis
def test_a_draft_never_appears(directory):
    assert found(directory.backend, text="secret") == set()
    assert directory.draft.pk not in found(directory.backend, text="swim")


@needs_text_analysis
def test_unpublished_changes_of_a_live_service_are_not_searched(directory):
    assert found(directory.backend, text="xylophone") == set()
    assert found(directory.backend, text="music") == directory.ids("music")


@pytest.fixture
def own_service(directory):
    """A service of this test alone, indexed; removed from the index afterwards (the
    database rolls back by itself, an Elasticsearch index does not)."""
    made = []

    def make(**kwargs):
        service = create_service(directory.organisation, ServiceSpec(**kwargs))
        directory.backend.index_services([service.pk])
        made.append(service.pk)
        return service

    yield make
    directory.backend.remove_services(made)


@needs_text_analysis
def test_unpublished_changes_stay_out_until_published(
    directory, own_service, django_capture_on_commit_callbacks
):
    backend = directory.backend
    kayak = own_service(title="Kayak club", summary="Paddle on the lake.")
    kayak.title = "Xylophone workshop"
    kayak.summary = "Only in the draft."
    kayak.save_revision()
    backend.index_services([kayak.pk])
    assert found(backend, text="xylophone") == set()
    assert found(backend, text="kayak") == {kayak.pk}

    with django_capture_on_commit_callbacks(execute=True):
        kayak.get_latest_revision().publish()

    assert found(backend, text="xylophone") == {kayak.pk}
    assert found(backend, text="kayak") == set()


# Found without words, so that these run wherever the index runs, text analysis or not.
def test_unpublishing_removes_a_service(directory, own_service, django_capture_on_commit_callbacks):
    backend = directory.backend
    kayak = own_service(title="Kayak club", summary="Paddle on the lake.")
    assert found(backend) == directory.all_ids | {kayak.pk}

    with django_capture_on_commit_callbacks(execute=True):
        kayak.unpublish()

    assert found(backend) == directory.all_ids


def test_deleting_removes_a_service(directory, own_service, django_capture_on_commit_callbacks):
    backend = directory.backend
    kayak = own_service(title="Kayak club", summary="Paddle on the lake.")
    assert found(backend) == directory.all_ids | {kayak.pk}
    with django_capture_on_commit_callbacks(execute=True):
        Page.objects.get(pk=kayak.pk).delete()

    assert found(backend) == directory.all_ids


@needs_text_analysis
def test_publishing_a_new_service_indexes_it(directory, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        new = create_service(
            directory.organisation,
            ServiceSpec(title="Climbing wall", summary="Indoor climbing for beginners."),
        )
    try:
        assert found(directory.backend, text="climbing wall") == {new.pk}
    finally:
        directory.backend.remove_services([new.pk])


def test_asking_to_index_a_draft_does_not_index_it(directory):
    directory.backend.index_services([directory.draft.pk])
    assert found(directory.backend) == directory.all_ids


# --- words --------------------------------------------------------------------------------


@needs_text_analysis
def test_stemming_swimming_finds_swim(directory):
    assert directory.swim.pk in found(directory.backend, text="swimming")


@needs_text_analysis
def test_a_plural_finds_the_singular(directory):
    assert directory.trampoline.pk in found(directory.backend, text="trampolines")


@needs_text_analysis
def test_every_word_must_match(directory):
    assert found(directory.backend, text="trampoline bounce") == directory.ids("trampoline")


@needs_text_analysis
def test_a_match_in_the_name_ranks_above_one_in_the_description(directory):
    results = directory.backend.search(SearchQuery(text="trampoline"))
    assert ids(results) == [directory.trampoline.pk, directory.gym.pk]
    assert results.hits[0].score > results.hits[1].score


@needs_synonyms
@pytest.mark.parametrize("text", ["ASD", "asc", "autistic", "autism"])
def test_autism_synonyms_find_a_service_that_says_autism(directory, text):
    assert directory.family_support.pk in found(directory.backend, text=text)


@needs_synonyms
@pytest.mark.parametrize("text", ["SALT", "slt", "speech therapy"])
def test_speech_and_language_therapy_synonyms(directory, text):
    assert directory.speech.pk in found(directory.backend, text=text)


@needs_text_analysis
def test_a_small_typo_still_finds_the_service(directory):
    assert directory.trampoline.pk in found(directory.backend, text="trampolne")


@needs_text_analysis
def test_words_that_match_nothing_find_nothing(directory):
    results = directory.backend.search(SearchQuery(text="qwertyuiop zxcvbnm"))
    assert results.total == 0
    assert results.hits == []


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        '"',
        '"swim',
        "swim*",
        "*",
        "NEAR",
        "swim NEAR club",
        "NEAR(swim club)",
        "AND",
        "swim AND",
        "OR swim",
        "-swim",
        "swim -club",
        "title:swim",
        "'; DROP TABLE search_serviceindex; --",
        "swim' OR '1'='1",
        "^swim",
        "swim & club | !x <-> y",
        "(((",
        "\x00swim",
        "ünïcödé ✨ 游泳",
        "a" * 2000,
        " ".join(["swim"] * 200),
    ],
)
def test_hostile_text_never_errors(directory, text):
    results = directory.backend.search(SearchQuery(text=text))
    assert results.total >= len(results.hits)
    assert all(hit.service_id in directory.all_ids for hit in results.hits)


@needs_text_analysis
@pytest.mark.parametrize("text", ['"swim', "swim*", "(swim)", "swim AND", "SWIM!"])
def test_punctuation_around_a_word_still_finds_it(directory, text):
    assert directory.swim.pk in found(directory.backend, text=text)


# --- filters alone ------------------------------------------------------------------------


def test_a_top_level_category_includes_its_sub_categories(directory):
    assert found(directory.backend, categories=("t-leisure",)) == directory.ids(
        "swim", "trampoline", "gym", "riding"
    )


def test_a_sub_category_does_not_include_its_parent(directory):
    assert found(directory.backend, categories=("t-sport",)) == directory.ids(
        "swim", "trampoline", "riding"
    )


def test_categories_combine_with_or(directory):
    assert found(directory.backend, categories=("t-sport", "t-family")) == directory.ids(
        "swim", "trampoline", "riding", "family_support", "course"
    )


def test_an_unknown_category_finds_nothing(directory):
    assert found(directory.backend, categories=("no-such-category",)) == set()


def test_needs(directory):
    assert found(directory.backend, needs=("t-sensory",)) == directory.ids("swim")
    assert found(directory.backend, needs=("t-sensory", "t-physical")) == directory.ids(
        "swim", "riding"
    )


@pytest.mark.parametrize(
    ("age", "expected"),
    [
        (16, True),  # "8 to 16 years" is for a child until their 17th birthday
        (17, False),
        (8, True),
        (7, False),
    ],
)
def test_age_overlap(directory, age, expected):
    assert (directory.speech.pk in found(directory.backend, age_years=age)) is expected


def test_a_newborn_matches_services_from_birth(directory):
    assert found(directory.backend, age_years=0) == directory.ids(
        "family_support", "gym", "course", "music"
    )


def test_oruk_age_range_overlap(directory):
    assert directory.speech.pk not in found(directory.backend, minimum_age=17)
    assert directory.speech.pk in found(directory.backend, minimum_age=16)
    assert directory.speech.pk not in found(directory.backend, maximum_age=7)
    assert directory.speech.pk in found(directory.backend, maximum_age=8)
    assert directory.speech.pk in found(directory.backend, minimum_age=10, maximum_age=12)


def test_delivery(directory):
    assert found(directory.backend, delivery=("online",)) == directory.ids(
        "family_support", "course"
    )
    assert found(directory.backend, delivery=("home_visit",)) == directory.ids("speech")
    assert found(directory.backend, delivery=("online", "home_visit")) == directory.ids(
        "family_support", "course", "speech"
    )


def test_after_school_weekends_and_holidays(directory):
    backend = directory.backend
    assert found(backend, times=("after_school",)) == directory.ids("family_support", "course")
    assert found(backend, times=("weekends",)) == directory.ids("swim", "trampoline")
    assert found(backend, times=("holidays",)) == directory.ids("swim", "speech", "gym")


@pytest.mark.parametrize(
    ("radius", "names"),
    [
        (1, ("swim",)),
        (3, ("swim", "family_support")),
        (5, ("swim", "family_support", "speech")),
        (10, ("swim", "family_support", "speech", "trampoline")),
        (25, ("swim", "family_support", "speech", "trampoline", "gym")),
    ],
)
def test_radius_uses_the_nearest_location(directory, radius, names):
    assert found(directory.backend, near=ORIGIN, radius_miles=radius) == directory.ids(*names)


def test_a_huge_radius_finds_every_located_service(directory):
    everything_located = directory.all_ids - directory.ids("course", "music")
    assert found(directory.backend, near=ORIGIN, radius_miles=100_000) == everything_located


def test_free_only(directory):
    assert found(directory.backend, free_only=True) == directory.ids(
        "family_support", "gym", "course"
    )


def test_max_price_includes_free_options_and_the_exact_price(directory):
    assert found(directory.backend, max_price=Decimal("10.00")) == directory.ids(
        "swim", "family_support", "trampoline", "gym", "course"
    )
    assert found(directory.backend, max_price=Decimal("9.99")) == directory.ids(
        "family_support", "trampoline", "gym", "course"
    )


def test_direct_payment(directory):
    assert found(directory.backend, direct_payment=True) == directory.ids("swim", "gym", "riding")


def test_accessibility_features_must_all_be_met(directory):
    assert found(directory.backend, accessibility=("t-step-free",)) == directory.ids(
        "swim", "family_support", "gym", "riding"
    )
    assert found(directory.backend, accessibility=("t-step-free", "t-quiet-room")) == directory.ids(
        "swim"
    )


def test_modified_on_or_after(directory):
    backend = directory.backend
    published_at = Page.objects.get(pk=directory.swim.pk).last_published_at
    assert directory.swim.pk in found(backend, modified_after=published_at)
    assert found(backend, modified_after=timezone.now() + dt.timedelta(days=1)) == set()
    assert found(backend, modified_after=published_at - dt.timedelta(days=1)) == (directory.all_ids)


# --- filters combined ---------------------------------------------------------------------


def test_keyword_category_age_and_distance_sorted_by_distance(directory):
    results = directory.backend.search(
        SearchQuery(
            text="club",
            categories=("t-sport",),
            age_years=9,
            near=ORIGIN,
            radius_miles=10,
            sort=Sort.DISTANCE,
        )
    )
    assert ids(results) == [directory.swim.pk, directory.trampoline.pk]


@needs_text_analysis
def test_filters_of_different_facets_combine_with_and(directory):
    assert found(
        directory.backend,
        categories=("t-leisure",),
        free_only=True,
        times=("holidays",),
        accessibility=("t-step-free",),
    ) == directory.ids("gym")
    assert found(
        directory.backend,
        delivery=("online",),
        times=("after_school",),
        near=ORIGIN,
        radius_miles=3,
    ) == directory.ids("family_support")
    assert found(directory.backend, text="swim", direct_payment=True, age_years=16) == set()


# --- facets -------------------------------------------------------------------------------

FACET_QUERIES = [
    SearchQuery(),
    SearchQuery(near=ORIGIN),
    SearchQuery(text="club"),
    SearchQuery(categories=("t-sport",), delivery=("in_person",), near=ORIGIN, radius_miles=25),
    SearchQuery(
        categories=("t-leisure", "t-family"),
        needs=("t-sensory", "t-physical"),
        times=("holidays", "weekends"),
        accessibility=("t-step-free",),
    ),
    SearchQuery(free_only=True, direct_payment=True),
    SearchQuery(age_years=9, near=ORIGIN, radius_miles=5, times=("after_school",)),
    SearchQuery(text="sessions", max_price=Decimal("20"), delivery=("online", "home_visit")),
]


def with_option(query: SearchQuery, facet: str, value: str) -> SearchQuery:
    """The query a family gets by choosing this option as well (search/backends/base.py)."""
    if facet == FACET_CATEGORIES:
        return replace(query, categories=(value,))
    if facet == FACET_NEEDS:
        return replace(query, needs=(value,))
    if facet == FACET_DELIVERY:
        return replace(query, delivery=(value,))
    if facet == FACET_TIMES:
        return replace(query, times=(value,))
    if facet == FACET_ACCESSIBILITY:
        return replace(query, accessibility=tuple(sorted({*query.accessibility, value})))
    if facet == FACET_RADIUS:
        return replace(query, radius_miles=float(value))
    if facet == FACET_COST and value == COST_FREE:
        return replace(query, free_only=True)
    if facet == FACET_COST and value == COST_DIRECT_PAYMENT:
        return replace(query, direct_payment=True)
    raise AssertionError(f"unknown facet option {facet}={value}")


@pytest.mark.parametrize("query", FACET_QUERIES, ids=lambda q: repr(q)[12:70])
def test_each_facet_count_is_what_choosing_the_option_gives(directory, query):
    backend = directory.backend
    results = backend.search(query)
    expected_facets = {
        FACET_CATEGORIES,
        FACET_NEEDS,
        FACET_DELIVERY,
        FACET_TIMES,
        FACET_ACCESSIBILITY,
        FACET_COST,
    }
    if query.near is not None:
        expected_facets.add(FACET_RADIUS)
    assert set(results.facets) == expected_facets
    checked = 0
    for facet, options in results.facets.items():
        for option in options:
            chosen = backend.search(replace(with_option(query, facet, option.value), per_page=1))
            assert option.count == chosen.total, (facet, option.value)
            checked += 1
    assert checked >= 15


def test_facet_options_show_what_is_chosen(directory):
    results = directory.backend.search(
        SearchQuery(
            categories=("t-sport",),
            delivery=("online",),
            free_only=True,
            near=ORIGIN,
            radius_miles=5,
        )
    )
    chosen = {
        (facet, option.value)
        for facet, options in results.facets.items()
        for option in options
        if option.selected
    }
    assert chosen == {
        (FACET_CATEGORIES, "t-sport"),
        (FACET_DELIVERY, "online"),
        (FACET_COST, COST_FREE),
        (FACET_RADIUS, "5"),
    }


def test_a_parent_category_count_includes_its_children(directory):
    counts = {
        option.value: option.count
        for option in directory.backend.search(SearchQuery()).facets[FACET_CATEGORIES]
    }
    assert counts["t-sport"] == 3
    assert counts["t-arts"] == 0
    assert counts["t-leisure"] == 4  # sport's three and the one filed under leisure itself


@pytest.mark.parametrize("query", FACET_QUERIES, ids=lambda q: repr(q)[12:70])
@pytest.mark.parametrize("sort", list(Sort))
def test_results_are_the_same_with_or_without_facets(directory, query, sort):
    query = replace(query, sort=sort, per_page=MAX_PER_PAGE)
    with_facets = directory.backend.search(query)
    without = directory.backend.search(replace(query, with_facets=False))
    assert without.facets == {}
    assert without.total == with_facets.total
    assert ids(without) == ids(with_facets)


# --- sorting and pages --------------------------------------------------------------------


def test_sort_by_distance_puts_services_without_a_location_last(directory):
    results = directory.backend.search(SearchQuery(near=ORIGIN, sort=Sort.DISTANCE))
    assert ids(results) == [
        directory.swim.pk,
        directory.family_support.pk,
        directory.speech.pk,
        directory.trampoline.pk,
        directory.gym.pk,
        directory.riding.pk,
        directory.music.pk,  # no location: last, by title
        directory.course.pk,
    ]
    distances = [hit.distance_miles for hit in results.hits]
    assert distances[0] == pytest.approx(0.5, abs=0.02)
    assert distances[4] == pytest.approx(20, abs=0.1)
    assert distances[-2:] == [None, None]


def test_sort_by_price_puts_free_first_then_cheapest(directory):
    results = directory.backend.search(SearchQuery(sort=Sort.PRICE))
    assert ids(results) == [
        directory.family_support.pk,  # free, then by title
        directory.course.pk,
        directory.gym.pk,
        directory.trampoline.pk,  # £6
        directory.swim.pk,  # £10
        directory.music.pk,  # £24
        directory.riding.pk,  # £30
        directory.speech.pk,  # £45
    ]


def test_sort_by_recently_reviewed(directory):
    results = directory.backend.search(SearchQuery(sort=Sort.REVIEWED))
    assert ids(results)[:3] == [
        directory.family_support.pk,
        directory.swim.pk,
        directory.speech.pk,
    ]


def test_pages_do_not_overlap_and_cover_every_result(directory):
    backend = directory.backend
    seen: list[int] = []
    for page in (1, 2, 3):
        results = backend.search(SearchQuery(page=page, per_page=3))
        assert results.total == 8
        assert results.pages == 3
        seen.extend(ids(results))
    assert len(seen) == len(set(seen)) == 8
    assert set(seen) == directory.all_ids


@pytest.mark.parametrize("with_facets", [True, False])
def test_a_page_beyond_the_end_is_empty_with_the_right_total(directory, with_facets):
    results = directory.backend.search(SearchQuery(page=9999, with_facets=with_facets))
    assert results.hits == []
    assert results.total == 8
    assert results.page == 9999


def test_per_page_is_capped(directory):
    results = directory.backend.search(SearchQuery(per_page=MAX_PER_PAGE * 10))
    assert results.per_page == MAX_PER_PAGE
