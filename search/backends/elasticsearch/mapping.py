"""The Elasticsearch index for published services: analysers, synonyms and field mapping.

One document per published service. Text is analysed in English (standard tokenizer,
lower case, possessive and Porter stemming, English stop words) so "clubs" finds "club"
and "children's" finds "children". SEND synonyms (ASD, ASC and autism; SALT and speech and
language therapy) come from the staff-edited `Synonym` table and are applied only when
searching, by a `synonym_graph` filter, so multi-word synonyms match correctly and the
indexed text never needs rewriting to pick up a new synonym.

Synonyms are passed inline in the index settings. Changing them needs a new index, which
`rebuild()` builds beside the live one and swaps in through the alias with no downtime
(docs/search-elasticsearch.md explains why we chose this over updateable synonym files).

Everything here is a pure function of its arguments so it can be unit-tested without a
server: `index_body(synonym_groups)` is exactly what `indices.create` receives.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from elasticsearch.dsl import Index, Mapping, analyzer, normalizer, token_filter
from elasticsearch.dsl.field import (
    Boolean,
    Date,
    DateNanos,
    Double,
    GeoPoint,
    Integer,
    Keyword,
    Nested,
    Text,
)

INDEX_ANALYZER = "english_index"
SEARCH_ANALYZER = "english_search"
SYNONYM_FILTER = "send_synonyms"

# Lucene's English stop words, the set Elasticsearch's `_english_` stands for. Synonym
# terms are stripped of these words before they reach the synonym filter: the filter
# parses its rules with the analysers before it, and a stop word removed from inside a
# rule leaves a position gap that Lucene rejects ("speech and language therapy" would
# make the whole index fail to create).
ENGLISH_STOP_WORDS = frozenset(
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into",
        "is", "it", "no", "not", "of", "on", "or", "such", "that", "the", "their", "then",
        "there", "these", "they", "this", "to", "was", "will", "with",
    }
)  # fmt: skip

_NOT_A_WORD = re.compile(r"[^\w\s'-]+")


def synonym_rules(synonym_groups: Iterable[Sequence[str]]) -> list[str]:
    """Solr-format synonym rules ("autism, asd, asc") from staff-edited groups of terms.

    Each group is `Synonym.term_list`. Terms lose punctuation that means something in
    the Solr format ("=>", "#", commas) and their stop words; a group left with fewer
    than two distinct terms says nothing and is dropped. Equivalent groups (no "=>") are
    expanded both ways, so "SALT" finds "speech and language therapy" and back.
    """
    rules: list[str] = []
    for group in synonym_groups:
        terms: list[str] = []
        for term in group:
            words = _NOT_A_WORD.sub(" ", term.lower()).split()
            cleaned = " ".join(word for word in words if word not in ENGLISH_STOP_WORDS)
            if cleaned and cleaned not in terms:
                terms.append(cleaned)
        if len(terms) >= 2:
            rules.append(", ".join(terms))
    return sorted(set(rules))


def english_analyzers(synonym_groups: Iterable[Sequence[str]]) -> tuple[Any, Any]:
    """The index-time analyser and the search-time analyser (the same plus synonyms).

    Search-time chain: standard tokenizer, lowercase, possessive stemmer, stop words,
    stemmer, then synonyms. The stemmer runs before the synonym filter so the rules are
    stemmed as well ("short breaks" and "short break" both match one rule) and the
    synonyms it emits are already in the stemmed form the index holds. Stop words are
    removed before the synonym filter because a stop filter after a `synonym_graph`
    breaks its token graph (elastic/elasticsearch#28838).
    """
    possessive = token_filter(
        "english_possessive_stemmer", type="stemmer", language="possessive_english"
    )
    stop = token_filter("english_stop", type="stop", stopwords="_english_")
    stemmer = token_filter("english_stemmer", type="stemmer", language="english")
    base_filters = ["lowercase", possessive, stop, stemmer]
    index_analyzer = analyzer(
        INDEX_ANALYZER, type="custom", tokenizer="standard", filter=base_filters
    )
    rules = synonym_rules(synonym_groups)
    search_filters = list(base_filters)
    # An empty synonym_graph filter is not a valid filter on every version: leave it out.
    if rules:
        search_filters.append(
            token_filter(SYNONYM_FILTER, type="synonym_graph", synonyms=rules, lenient=True)
        )
    search_analyzer = analyzer(
        SEARCH_ANALYZER, type="custom", tokenizer="standard", filter=search_filters
    )
    return index_analyzer, search_analyzer


def service_mapping(synonym_groups: Iterable[Sequence[str]] = ()) -> Mapping:
    """The field mapping of a service document (search/backends/elasticsearch/documents.py)."""
    index_analyzer, search_analyzer = english_analyzers(synonym_groups)
    sortable = normalizer("lowercase_sort", filter=["lowercase"])

    def text(**kwargs) -> Text:
        return Text(analyzer=index_analyzer, search_analyzer=search_analyzer, **kwargs)

    mapping = Mapping()
    # Unknown fields are a bug in the document builder: refuse them rather than guess.
    mapping.meta("dynamic", "strict")
    mapping.field("service_id", Integer())
    # Matched across every text field at once, so a query's words may come from the
    # title, summary and description together; the separate fields carry the weights.
    mapping.field("all_text", text())
    mapping.field(
        "title",
        text(copy_to="all_text", fields={"sort": Keyword(normalizer=sortable)}),
    )
    mapping.field("summary", text(copy_to="all_text"))
    mapping.field("body", text(copy_to="all_text"))
    mapping.field(
        "organisation_name",
        text(copy_to="all_text", fields={"raw": Keyword()}),
    )
    mapping.field("organisation_id", Integer())
    mapping.field("url_path", Keyword(index=False))
    # Slugs. A service's categories include each category's parent, so a filter on a
    # top-level category finds services filed under its children.
    mapping.field("categories", Keyword())
    mapping.field("needs", Keyword())
    mapping.field("accessibility", Keyword())
    mapping.field("delivery", Keyword())  # search.backends.base.Delivery values
    mapping.field("times", Keyword())  # search.backends.base.TimeOfDay values
    mapping.field("min_age_months", Integer())
    mapping.field("max_age_months", Integer())
    mapping.field("locations", GeoPoint())  # an array: one point per located venue
    mapping.field(
        "cost_options",
        Nested(
            properties={
                "amount": Double(),
                "is_free": Boolean(),
                "unit": Keyword(),
                "direct_payment": Boolean(),
            }
        ),
    )
    # Flattened for sorting by price: 0 when an option is free, so free services sort first.
    mapping.field("min_price", Double())
    mapping.field("last_reviewed", Date(format="strict_date"))
    # Nanoseconds, not milliseconds: ORUK's modified_after is "on or after" a moment
    # that Wagtail records to the microsecond, so a service published at that very
    # moment must compare equal, not a fraction of a millisecond apart.
    mapping.field("modified", DateNanos())
    return mapping


def index_body(
    synonym_groups: Iterable[Sequence[str]] = (),
    *,
    shards: int = 1,
    replicas: int = 1,
    name: str = "services",
) -> dict:
    """The `indices.create` body: settings (with analysis) and mappings.

    One primary shard: a council's directory is thousands of documents, not millions,
    and on one shard relevance statistics and terms-aggregation facet counts are exact
    (counts from several shards can be approximate), which the facet rule needs.
    """
    index = Index(name)
    index.settings(number_of_shards=shards, number_of_replicas=replicas)
    index.mapping(service_mapping(synonym_groups))
    return index.to_dict()
