"""The Elasticsearch backend's builders, as pure functions: no server, no connection.

Elasticsearch cannot run on these machines, so what the backend sends is checked here as
the request bodies it builds (index settings and mappings, search bodies, alias actions),
and what it reads as a recorded response parsed into `SearchResults`. The shared contract
suite (tests/search/test_contract.py) runs the same backend against a real server when
ELASTICSEARCH_URL is set.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest

from search.backends.base import (
    Delivery,
    FacetOption,
    GeoPoint,
    SearchHit,
    SearchQuery,
    Sort,
    TimeOfDay,
)
from search.backends.elasticsearch.backend import (
    ElasticsearchBackend,
    alias_name,
    bulk_delete_actions,
    bulk_index_actions,
    new_index_name,
    swap_alias_actions,
    synonym_groups,
)
from search.backends.elasticsearch.documents import es_document, load_documents
from search.backends.elasticsearch.mapping import index_body, synonym_rules
from search.backends.elasticsearch.queries import (
    build_search_body,
    page_window,
    parse_response,
    sort_clauses,
)
from search.indexing import ServiceDocument

W5 = GeoPoint(latitude=51.5136, longitude=-0.3015)
W5_POINT = {"lat": 51.5136, "lon": -0.3015}

TEXT_QUERY = {
    "multi_match": {
        "query": "speech therapy",
        "fields": ["title^3", "summary^2", "body", "organisation_name", "all_text"],
        "type": "best_fields",
        "operator": "and",
        "fuzziness": "AUTO",
        "tie_breaker": 0.3,
        "auto_generate_synonyms_phrase_query": False,
    }
}
FREE_FILTER = {
    "nested": {"path": "cost_options", "query": {"term": {"cost_options.is_free": True}}}
}
DIRECT_PAYMENT_FILTER = {
    "nested": {"path": "cost_options", "query": {"term": {"cost_options.direct_payment": True}}}
}


def query_filters(body: dict) -> list[dict]:
    return body["query"]["bool"]["filter"]


def global_facet_filters(body: dict, facet: str) -> list[dict]:
    return body["aggs"]["global_facets"]["aggs"][facet]["filter"]["bool"].get("filter", [])


# --- the index: analysis and mapping ------------------------------------------------------


def test_index_has_an_english_analyser_for_indexing_and_searching():
    analysis = index_body()["settings"]["analysis"]

    assert analysis["analyzer"]["english_index"] == {
        "type": "custom",
        "tokenizer": "standard",
        "filter": ["lowercase", "english_possessive_stemmer", "english_stop", "english_stemmer"],
    }
    assert analysis["filter"]["english_possessive_stemmer"] == {
        "type": "stemmer",
        "language": "possessive_english",
    }
    assert analysis["filter"]["english_stop"] == {"type": "stop", "stopwords": "_english_"}
    assert analysis["filter"]["english_stemmer"] == {"type": "stemmer", "language": "english"}


@pytest.mark.django_db
def test_synonym_filter_holds_the_staff_edited_synonym_rows():
    from search.models import Synonym
    from search.synonyms import clear_synonym_cache

    Synonym.objects.create(terms="Forest school, outdoor learning, bushcraft")
    Synonym.objects.create(terms="SALT, speech and language therapy")
    clear_synonym_cache()

    analysis = index_body(synonym_groups())["settings"]["analysis"]

    synonyms = analysis["filter"]["send_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert "forest school, outdoor learning, bushcraft" in synonyms["synonyms"]
    # Stop words come out of multi-word terms (the rule parser would reject the gap).
    assert "salt, speech language therapy" in synonyms["synonyms"]
    # Applied when searching only, after stemming so the rules are stemmed the same way.
    assert analysis["analyzer"]["english_search"]["filter"] == [
        "lowercase",
        "english_possessive_stemmer",
        "english_stop",
        "english_stemmer",
        "send_synonyms",
    ]
    clear_synonym_cache()


def test_without_synonyms_the_search_analyser_has_no_synonym_filter():
    analysis = index_body([])["settings"]["analysis"]

    assert "send_synonyms" not in analysis["filter"]
    assert "send_synonyms" not in analysis["analyzer"]["english_search"]["filter"]


def test_synonym_rules_are_cleaned_of_solr_syntax_and_empty_groups():
    rules = synonym_rules(
        [
            ["ASD", "autism", "autism"],  # repeated term
            ["ot => physio", "occupational therapy"],  # "=>" would make a one-way rule
            ["the", "a"],  # only stop words: says nothing
            ["respite"],  # one term: says nothing
        ]
    )

    assert rules == ["asd, autism", "ot physio, occupational therapy"]


def test_text_fields_are_analysed_in_english_and_searchable_together():
    properties = index_body()["mappings"]["properties"]

    for name in ("title", "summary", "body", "organisation_name"):
        assert properties[name]["type"] == "text"
        assert properties[name]["analyzer"] == "english_index"
        assert properties[name]["search_analyzer"] == "english_search"
        assert properties[name]["copy_to"] == "all_text"
    assert properties["all_text"]["search_analyzer"] == "english_search"


def test_mapping_has_geo_points_nested_cost_options_and_keyword_filters():
    body = index_body()
    mappings = body["mappings"]
    properties = mappings["properties"]

    assert mappings["dynamic"] == "strict"
    assert properties["locations"] == {"type": "geo_point"}
    assert properties["cost_options"] == {
        "type": "nested",
        "properties": {
            "amount": {"type": "double"},
            "is_free": {"type": "boolean"},
            "unit": {"type": "keyword"},
            "direct_payment": {"type": "boolean"},
        },
    }
    assert properties["min_price"] == {"type": "double"}
    for name in ("categories", "needs", "accessibility", "delivery", "times"):
        assert properties[name] == {"type": "keyword"}
    assert properties["min_age_months"] == {"type": "integer"}
    assert properties["max_age_months"] == {"type": "integer"}
    assert properties["last_reviewed"] == {"type": "date", "format": "strict_date"}
    assert properties["modified"] == {"type": "date_nanos"}
    assert properties["title"]["fields"]["sort"]["type"] == "keyword"
    # One shard: exact facet counts and relevance statistics.
    assert body["settings"]["number_of_shards"] == 1


# --- documents ------------------------------------------------------------------------------


def make_document(**overrides) -> ServiceDocument:
    values = dict(
        service_id=42,
        title="Chatterbox speech therapy",
        organisation_id=7,
        organisation_name="Northbridge Talking Together",
        url_path="/home/providers/talking-together/chatterbox/",
        summary="Speech and language therapy for children who find talking hard.",
        body="Small groups. Autism",
        min_age_months=48,
        max_age_months=155,
        is_free=True,
        min_price=Decimal("0.00"),
        direct_payment=True,
        in_person=True,
        online=False,
        home_visit=True,
        after_school=True,
        weekends=False,
        holidays=True,
        last_reviewed=dt.date(2025, 3, 1),
        modified=dt.datetime(2025, 3, 2, 9, 30, tzinfo=dt.UTC),
        category_slugs=["speech-therapy", "health"],
        need_slugs=["autism", "speech-language-communication"],
        accessibility_slugs=["step-free-access"],
        locations=[(51.5136, -0.3015), (51.52, -0.29)],
        cost_options=[
            (None, True, "session", False),
            (Decimal("35.50"), False, "hour", True),
        ],
    )
    values.update(overrides)
    return ServiceDocument(**values)


def test_document_lays_out_every_field_the_mapping_expects():
    document = es_document(make_document())

    assert document == {
        "service_id": 42,
        "title": "Chatterbox speech therapy",
        "summary": "Speech and language therapy for children who find talking hard.",
        "body": "Small groups. Autism",
        "organisation_name": "Northbridge Talking Together",
        "organisation_id": 7,
        "url_path": "/home/providers/talking-together/chatterbox/",
        "categories": ["health", "speech-therapy"],
        "needs": ["autism", "speech-language-communication"],
        "accessibility": ["step-free-access"],
        "delivery": ["in_person", "home_visit"],
        "times": ["after_school", "holidays"],
        "min_age_months": 48,
        "max_age_months": 155,
        "locations": [{"lat": 51.5136, "lon": -0.3015}, {"lat": 51.52, "lon": -0.29}],
        "cost_options": [
            {"amount": None, "is_free": True, "unit": "session", "direct_payment": False},
            {"amount": 35.5, "is_free": False, "unit": "hour", "direct_payment": True},
        ],
        "min_price": 0.0,
        "last_reviewed": "2025-03-01",
        "modified": "2025-03-02T09:30:00+00:00",
    }
    properties = index_body()["mappings"]["properties"]
    # dynamic: strict refuses any field the mapping does not name.
    assert set(document) <= set(properties)
    json.dumps(document)


def test_document_without_costs_or_review_has_no_price_or_date():
    document = es_document(make_document(cost_options=[], min_price=None, last_reviewed=None))

    assert document["min_price"] is None
    assert document["cost_options"] == []
    assert document["last_reviewed"] is None


@pytest.mark.django_db
def test_only_live_services_become_documents(organisation):
    from tests.factories import ServicePageFactory

    live = ServicePageFactory(parent=organisation, title="Splash swimming")
    draft = ServicePageFactory(parent=organisation, title="Secret draft", draft=True)

    documents, gone = load_documents([live.pk, draft.pk])

    assert [document["service_id"] for document in documents] == [live.pk]
    assert documents[0]["title"] == "Splash swimming"
    assert documents[0]["organisation_name"] == organisation.title
    assert documents[0]["min_price"] == 24.0
    assert gone == {draft.pk}


def test_bulk_actions_index_by_service_id_and_delete_by_id():
    document = es_document(make_document())

    assert list(bulk_index_actions("localoffer-services-1", [document])) == [
        {
            "_op_type": "index",
            "_index": "localoffer-services-1",
            "_id": "42",
            "_source": document,
        }
    ]
    assert list(bulk_delete_actions("localoffer-services-1", [5])) == [
        {"_op_type": "delete", "_index": "localoffer-services-1", "_id": "5"}
    ]


# --- the query: one clause per SearchQuery field -----------------------------------------


def test_empty_query_matches_everything_sorted_by_title():
    body = build_search_body(SearchQuery(with_facets=False))

    assert body["query"] == {"match_all": {}}
    assert body["sort"] == [
        {"_score": {"order": "desc"}},
        {"title.sort": {"order": "asc"}},
        {"service_id": {"order": "asc"}},
    ]
    assert body["from"] == 0
    assert body["size"] == 20
    assert body["track_total_hits"] is True
    assert "aggs" not in body


def test_text_is_a_typo_tolerant_multi_match_that_needs_every_word():
    body = build_search_body(SearchQuery(text="  speech   therapy "))

    assert body["query"]["bool"]["must"] == [TEXT_QUERY]


def test_a_pasted_essay_is_cut_to_a_reasonable_query():
    body = build_search_body(SearchQuery(text="swim " * 500, with_facets=False))

    assert len(body["query"]["bool"]["must"][0]["multi_match"]["query"]) <= 300


def test_category_and_need_filters_accept_any_chosen_option():
    filters = query_filters(
        build_search_body(SearchQuery(categories=("health",), needs=("autism", "adhd")))
    )

    assert {"terms": {"categories": ["health"]}} in filters
    assert {"terms": {"needs": ["autism", "adhd"]}} in filters


def test_age_in_years_overlaps_the_services_age_range_in_months():
    # A 7 year old is 84 to 95 months old.
    filters = query_filters(build_search_body(SearchQuery(age_years=7)))

    assert filters == [
        {"range": {"min_age_months": {"lte": 95}}},
        {"range": {"max_age_months": {"gte": 84}}},
    ]


def test_oruk_minimum_and_maximum_age_overlap_the_range():
    both = query_filters(build_search_body(SearchQuery(minimum_age=5, maximum_age=10)))
    only_minimum = query_filters(build_search_body(SearchQuery(minimum_age=5)))

    assert both == [
        {"range": {"min_age_months": {"lte": 131}}},
        {"range": {"max_age_months": {"gte": 60}}},
    ]
    assert only_minimum == [{"range": {"max_age_months": {"gte": 60}}}]


def test_distance_filter_is_in_miles_from_the_postcode():
    filters = query_filters(build_search_body(SearchQuery(near=W5, radius_miles=5)))

    assert filters == [
        {"geo_distance": {"distance": "5mi", "distance_type": "arc", "locations": W5_POINT}}
    ]


def test_a_radius_larger_than_the_earth_is_asked_as_half_its_circumference():
    filters = query_filters(build_search_body(SearchQuery(near=W5, radius_miles=100_000)))

    assert filters[0]["geo_distance"]["distance"] == "12500mi"


def test_a_place_without_a_radius_does_not_filter():
    body = build_search_body(SearchQuery(near=W5))

    assert body["query"] == {"match_all": {}}


def test_cost_filters_are_nested_queries_on_cost_options():
    free = query_filters(build_search_body(SearchQuery(free_only=True)))
    direct = query_filters(build_search_body(SearchQuery(direct_payment=True)))
    budget = query_filters(build_search_body(SearchQuery(max_price=Decimal("12.50"))))

    assert free == [FREE_FILTER]
    assert direct == [DIRECT_PAYMENT_FILTER]
    # A free option is within any budget.
    assert budget == [
        {
            "nested": {
                "path": "cost_options",
                "query": {
                    "bool": {
                        "should": [
                            {"term": {"cost_options.is_free": True}},
                            {"range": {"cost_options.amount": {"lte": 12.5}}},
                        ],
                        "minimum_should_match": 1,
                    }
                },
            }
        }
    ]


def test_delivery_and_times_accept_any_chosen_option():
    filters = query_filters(
        build_search_body(
            SearchQuery(
                delivery=(Delivery.ONLINE, Delivery.HOME_VISIT),
                times=(TimeOfDay.AFTER_SCHOOL, TimeOfDay.WEEKENDS),
            )
        )
    )

    assert filters == [
        {"terms": {"delivery": ["online", "home_visit"]}},
        {"terms": {"times": ["after_school", "weekends"]}},
    ]


def test_every_accessibility_feature_chosen_must_be_met():
    filters = query_filters(
        build_search_body(SearchQuery(accessibility=("step-free-access", "quiet-room")))
    )

    assert filters == [
        {"term": {"accessibility": "step-free-access"}},
        {"term": {"accessibility": "quiet-room"}},
    ]


def test_modified_after_filters_on_the_modified_date():
    when = dt.datetime(2025, 1, 31, 12, 0, tzinfo=dt.UTC)

    filters = query_filters(build_search_body(SearchQuery(modified_after=when)))

    assert filters == [{"range": {"modified": {"gte": "2025-01-31T12:00:00+00:00"}}}]


def test_the_whole_body_is_json():
    query = SearchQuery(
        text="salt",
        categories=("health",),
        needs=("autism",),
        age_years=7,
        near=W5,
        radius_miles=3,
        max_price=Decimal("30.00"),
        free_only=True,
        direct_payment=True,
        delivery=(Delivery.IN_PERSON,),
        times=(TimeOfDay.HOLIDAYS,),
        accessibility=("quiet-room",),
        modified_after=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        sort=Sort.DISTANCE,
    )

    body = build_search_body(query)

    assert json.loads(json.dumps(body)) == body


# --- sorting and pages --------------------------------------------------------------------


def test_sort_by_distance_is_a_geo_distance_sort_in_miles():
    sort = sort_clauses(SearchQuery(near=W5, radius_miles=10, sort=Sort.DISTANCE))

    assert sort[0] == {
        "_geo_distance": {
            "locations": W5_POINT,
            "order": "asc",
            "unit": "mi",
            "mode": "min",
            "distance_type": "arc",
            "ignore_unmapped": True,
        }
    }
    assert sort[1:] == [{"title.sort": {"order": "asc"}}, {"service_id": {"order": "asc"}}]


def test_sort_by_price_puts_free_first_and_unpriced_last():
    sort = sort_clauses(SearchQuery(sort=Sort.PRICE))

    assert sort[0] == {"min_price": {"order": "asc", "missing": "_last"}}


def test_sort_by_reviewed_is_most_recent_first():
    sort = sort_clauses(SearchQuery(sort=Sort.REVIEWED))

    assert sort[0] == {"last_reviewed": {"order": "desc", "missing": "_last"}}


def test_with_a_place_every_sort_carries_the_distance_last():
    sort = sort_clauses(SearchQuery(text="swimming", near=W5, sort=Sort.RELEVANCE))

    assert sort[0] == {"_score": {"order": "desc"}}
    assert "_geo_distance" in sort[-1]


def test_pages_are_from_and_size():
    assert page_window(SearchQuery(page=3, per_page=20)) == (40, 20)
    assert page_window(SearchQuery(page=500, per_page=20)) == (9980, 20)


def test_pages_past_the_result_window_ask_for_no_hits_but_keep_the_total():
    body = build_search_body(SearchQuery(page=501, per_page=20))

    assert (body["from"], body["size"]) == (0, 0)
    assert body["track_total_hits"] is True
    assert page_window(SearchQuery(page=9999)) == (0, 0)


# --- facets -------------------------------------------------------------------------------


def test_each_or_facet_counts_with_every_other_filter_but_not_its_own():
    query = SearchQuery(
        text="speech therapy",
        categories=("health",),
        needs=("autism",),
        age_years=7,
        delivery=(Delivery.ONLINE,),
    )
    body = build_search_body(query)
    facets = body["aggs"]["global_facets"]

    assert facets["global"] == {}
    categories = facets["aggs"]["categories"]
    assert categories["filter"]["bool"]["must"] == [TEXT_QUERY]
    assert categories["filter"]["bool"]["filter"] == [
        {"range": {"min_age_months": {"lte": 95}}},
        {"range": {"max_age_months": {"gte": 84}}},
        {"terms": {"needs": ["autism"]}},
        {"terms": {"delivery": ["online"]}},
    ]
    assert categories["aggs"]["options"] == {"terms": {"field": "categories", "size": 500}}
    needs = global_facet_filters(body, "needs")
    assert {"terms": {"categories": ["health"]}} in needs
    assert {"terms": {"needs": ["autism"]}} not in needs
    delivery = global_facet_filters(body, "delivery")
    assert {"terms": {"delivery": ["online"]}} not in delivery
    assert {"terms": {"needs": ["autism"]}} in delivery


def test_accessibility_and_cost_options_are_counted_over_the_results():
    body = build_search_body(SearchQuery(accessibility=("quiet-room",), free_only=True))

    # Choosing another feature (or "free") narrows the results, so the counts are
    # taken from the results, which already apply every filter.
    assert body["aggs"]["accessibility"] == {"terms": {"field": "accessibility", "size": 500}}
    assert body["aggs"]["cost"] == {
        "filters": {"filters": {"free": FREE_FILTER, "direct_payment": DIRECT_PAYMENT_FILTER}}
    }
    assert "accessibility" not in body["aggs"]["global_facets"]["aggs"]


def test_radius_facet_counts_each_radius_without_the_distance_filter():
    body = build_search_body(SearchQuery(near=W5, radius_miles=3, needs=("autism",)))
    radius = body["aggs"]["global_facets"]["aggs"]["radius"]

    assert radius["filter"]["bool"]["filter"] == [{"terms": {"needs": ["autism"]}}]
    assert radius["aggs"]["options"] == {
        "geo_distance": {
            "field": "locations",
            "origin": W5_POINT,
            "unit": "mi",
            "distance_type": "arc",
            "keyed": True,
            "ranges": [
                {"key": "1", "to": 1},
                {"key": "3", "to": 3},
                {"key": "5", "to": 5},
                {"key": "10", "to": 10},
                {"key": "25", "to": 25},
            ],
        }
    }


def test_no_radius_facet_without_a_place():
    body = build_search_body(SearchQuery())

    assert "radius" not in body["aggs"]["global_facets"]["aggs"]


# --- the response -------------------------------------------------------------------------

# What Elasticsearch 8 answers for the query below (recorded shape, values by hand): the
# third hit has no location, so its distance sort value is Infinity.
RECORDED_RESPONSE = {
    "took": 7,
    "timed_out": False,
    "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
    "hits": {
        "total": {"value": 23, "relation": "eq"},
        "max_score": None,
        "hits": [
            {
                "_index": "localoffer-services-20250106t100000000000",
                "_id": "118",
                "_score": 7.412,
                "sort": [7.412, "chatterbox speech therapy", 118, 0.84],
            },
            {
                "_index": "localoffer-services-20250106t100000000000",
                "_id": "97",
                "_score": 5.03,
                "sort": [5.03, "talk together", 97, 2.6112],
            },
            {
                "_index": "localoffer-services-20250106t100000000000",
                "_id": "12",
                "_score": 5.03,
                "sort": [5.03, "online speech club", 12, "Infinity"],
            },
        ],
    },
    "aggregations": {
        "global_facets": {
            "doc_count": 1480,
            "categories": {
                "doc_count": 31,
                "options": {
                    "doc_count_error_upper_bound": 0,
                    "sum_other_doc_count": 0,
                    "buckets": [
                        {"key": "health", "doc_count": 23},
                        {"key": "speech-therapy", "doc_count": 19},
                        {"key": "play", "doc_count": 4},
                    ],
                },
            },
            "needs": {
                "doc_count": 40,
                "options": {
                    "doc_count_error_upper_bound": 0,
                    "sum_other_doc_count": 0,
                    "buckets": [
                        {"key": "autism", "doc_count": 23},
                        {"key": "adhd", "doc_count": 11},
                    ],
                },
            },
            "delivery": {
                "doc_count": 23,
                "options": {"buckets": [{"key": "in_person", "doc_count": 20}]},
            },
            "times": {"doc_count": 23, "options": {"buckets": []}},
            "radius": {
                "doc_count": 60,
                "options": {
                    "buckets": {
                        "1": {"to": 1.0, "doc_count": 4},
                        "3": {"to": 3.0, "doc_count": 14},
                        "5": {"to": 5.0, "doc_count": 23},
                        "10": {"to": 10.0, "doc_count": 41},
                        "25": {"to": 25.0, "doc_count": 52},
                    }
                },
            },
        },
        "accessibility": {
            "doc_count_error_upper_bound": 0,
            "sum_other_doc_count": 0,
            "buckets": [{"key": "step-free-access", "doc_count": 9}],
        },
        "cost": {"buckets": {"free": {"doc_count": 6}, "direct_payment": {"doc_count": 15}}},
    },
}

RECORDED_QUERY = SearchQuery(
    text="speech therapy",
    categories=("health",),
    needs=("autism",),
    near=W5,
    radius_miles=5,
    page=1,
    per_page=3,
)

CATALOGUE = {
    "categories": [
        ("health", "Health"),
        ("speech-therapy", "Health: Speech therapy"),
        ("play", "Play"),
    ],
    "needs": [("adhd", "ADHD"), ("autism", "Autism"), ("hearing", "Hearing impairment")],
    "accessibility": [("quiet-room", "Quiet room"), ("step-free-access", "Step-free access")],
    "delivery": [("in_person", "In person"), ("online", "Online"), ("home_visit", "Home visits")],
    "times": [("after_school", "After school"), ("weekends", "Weekends")],
}


def test_response_becomes_hits_with_scores_and_distances():
    results = parse_response(RECORDED_RESPONSE, RECORDED_QUERY, catalogue=CATALOGUE)

    assert results.total == 23
    assert results.page == 1
    assert results.per_page == 3
    assert results.pages == 8
    assert results.hits == [
        SearchHit(service_id=118, score=7.412, distance_miles=0.84),
        SearchHit(service_id=97, score=5.03, distance_miles=2.6112),
        # No location: no distance rather than infinity.
        SearchHit(service_id=12, score=5.03, distance_miles=None),
    ]


def test_response_facets_list_every_option_with_its_count():
    facets = parse_response(RECORDED_RESPONSE, RECORDED_QUERY, catalogue=CATALOGUE).facets

    assert facets["needs"] == [
        FacetOption(value="adhd", label="ADHD", count=11),
        FacetOption(value="autism", label="Autism", count=23, selected=True),
        FacetOption(value="hearing", label="Hearing impairment", count=0),
    ]
    assert facets["categories"][0] == FacetOption(
        value="health", label="Health", count=23, selected=True
    )
    assert facets["accessibility"] == [
        FacetOption(value="quiet-room", label="Quiet room", count=0),
        FacetOption(value="step-free-access", label="Step-free access", count=9),
    ]
    assert [option.count for option in facets["delivery"]] == [20, 0, 0]
    assert [option.count for option in facets["times"]] == [0, 0]
    assert facets["radius"] == [
        FacetOption(value="1", label="Within 1 mile", count=4),
        FacetOption(value="3", label="Within 3 miles", count=14),
        FacetOption(value="5", label="Within 5 miles", count=23, selected=True),
        FacetOption(value="10", label="Within 10 miles", count=41),
        FacetOption(value="25", label="Within 25 miles", count=52),
    ]
    assert facets["cost"] == [
        FacetOption(value="free", label="Free", count=6),
        FacetOption(
            value="direct_payment", label="Can be paid for with a direct payment", count=15
        ),
    ]


def test_response_past_the_result_window_keeps_the_total():
    query = SearchQuery(page=9999, with_facets=False)
    response = {"hits": {"total": {"value": 37, "relation": "eq"}, "hits": []}}

    results = parse_response(response, query)

    assert results.total == 37
    assert results.hits == []
    assert results.page == 9999
    assert results.facets == {}


@pytest.mark.django_db
def test_facet_options_are_labelled_and_ordered_like_the_database_backend():
    from search.backends.elasticsearch.backend import facet_catalogue
    from tests.factories import CategoryFactory

    leisure = CategoryFactory(name="Aaa leisure", slug="aaa-leisure", sort_order=0)
    CategoryFactory(name="Aaa sport", slug="aaa-sport", parent=leisure, sort_order=0)

    catalogue = facet_catalogue()

    slugs = [slug for slug, _ in catalogue["categories"]]
    # Each top-level category is followed by its own children.
    assert slugs[slugs.index("aaa-leisure") + 1] == "aaa-sport"
    assert ("aaa-sport", "Aaa sport") in catalogue["categories"]
    assert catalogue["delivery"] == [
        ("in_person", "In person"),
        ("online", "Online"),
        ("home_visit", "Home visits"),
    ]
    assert [value for value, _ in catalogue["times"]] == ["after_school", "weekends", "holidays"]


# --- zero-downtime rebuild ----------------------------------------------------------------


def test_alias_swap_moves_the_alias_to_the_new_index_in_one_request():
    body = swap_alias_actions(
        alias="localoffer-services",
        building_alias="localoffer-services-building",
        new_index="localoffer-services-20250301t020000000000",
        old_indices=["localoffer-services-20250101t020000000000"],
    )

    assert body == {
        "actions": [
            {
                "remove": {
                    "index": "localoffer-services-20250101t020000000000",
                    "alias": "localoffer-services",
                }
            },
            {
                "add": {
                    "index": "localoffer-services-20250301t020000000000",
                    "alias": "localoffer-services",
                }
            },
            {
                "remove": {
                    "index": "localoffer-services-20250301t020000000000",
                    "alias": "localoffer-services-building",
                }
            },
        ]
    }


def test_first_rebuild_only_adds_the_alias():
    body = swap_alias_actions(
        alias="a", building_alias="a-building", new_index="a-1", old_indices=[]
    )

    assert body["actions"][0] == {"add": {"index": "a-1", "alias": "a"}}


def test_index_names_sort_by_time_under_the_alias():
    earlier = new_index_name("localoffer", dt.datetime(2025, 1, 6, 10, 0, tzinfo=dt.UTC))
    later = new_index_name("localoffer", dt.datetime(2025, 1, 6, 10, 0, 1, tzinfo=dt.UTC))

    assert earlier == "localoffer-services-20250106t100000000000"
    assert earlier < later
    assert alias_name("localoffer") == "localoffer-services"


def test_backend_reads_settings_and_connects_only_when_used(settings):
    from search.backends import get_backend

    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_INDEX_PREFIX = "northbridge"
    get_backend.cache_clear()
    try:
        backend = get_backend()
        assert isinstance(backend, ElasticsearchBackend)
        assert backend.alias == "northbridge-services"
        assert backend._client is None  # nothing has been sent anywhere
    finally:
        get_backend.cache_clear()


def test_backend_prefix_defaults_to_localoffer(settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    if hasattr(settings, "ELASTICSEARCH_INDEX_PREFIX"):
        del settings.ELASTICSEARCH_INDEX_PREFIX

    assert ElasticsearchBackend().alias == "localoffer-services"
