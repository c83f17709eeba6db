"""Wagtail's database search backend, made safe for whatever people type into a search box.

Every Wagtail search on the site (the information pages' search, the admin's page, picture,
document, snippet and user searches, the choosers) goes through the backend named in
WAGTAILSEARCH_BACKENDS. The database backend it ships (the `modelsearch` package) passes
the text to the database's parser unescaped, so on SQLite a double quote or a NUL typed
into any search box was a server error ("unterminated string" from FTS5), and PostgreSQL
refuses a NUL in any text parameter. This backend is the same one with two repairs, made
once where every search goes through rather than in each view:

- the query is cleaned for every database: NUL bytes are removed, and a query (or a part
  of one) with no letters or digits left asks for nothing, so it finds nothing instead
  of reaching the parser as an empty phrase;
- on SQLite each word is written as an FTS5 string with its double quotes doubled (FTS5's
  own escape), and words that hold no letter or digit are dropped: FTS5's tokenizer would
  make them an empty phrase, which matches nothing and so empties an AND of the other
  words ("club \"" would find nothing). `*`, `(`, `-`, `NEAR`, `AND` and column filters
  inside a string are plain text to FTS5.

The directory's own search (search/backends/database) builds its FTS5 and PostgreSQL
queries from cleaned words and does not use this backend.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from django.db import connection
from modelsearch.backends.database import SearchBackend as database_search_backend
from modelsearch.query import (
    And,
    Boost,
    Fuzzy,
    MatchAll,
    Not,
    Or,
    Phrase,
    PlainText,
    SearchQuery,
)

# A letter or a digit: what a database tokenizer keeps as (part of) a word.
_WORD_CHARACTER = re.compile(r"[^\W_]")


def has_words(text: str) -> bool:
    """Whether the text holds anything a full-text index could match."""
    return bool(_WORD_CHARACTER.search(text))


def _clean_text(text: str) -> str:
    return text.replace("\x00", "")


def clean_query(query: str | SearchQuery | None) -> str | SearchQuery | None:
    """The query without NUL bytes and without parts that ask for nothing.

    A string comes back as a string ("" when nothing is left, which the backend answers
    with no results); a query object comes back rebuilt, or None when nothing is left.
    """
    if query is None or isinstance(query, MatchAll):
        return query
    if isinstance(query, str):
        text = _clean_text(query)
        return text if has_words(text) else ""
    if isinstance(query, PlainText):
        text = _clean_text(query.query_string)
        if not has_words(text):
            return None
        return PlainText(text, operator=query.operator, boost=query.boost)
    if isinstance(query, Phrase):
        text = _clean_text(query.query_string)
        return Phrase(text) if has_words(text) else None
    if isinstance(query, Fuzzy):
        text = _clean_text(query.query_string)
        if not has_words(text):
            return None
        return Fuzzy(text, operator=query.operator, unaccent=query.unaccent)
    if isinstance(query, Boost):
        inner = clean_query(query.subquery)
        return Boost(inner, query.boost) if isinstance(inner, SearchQuery) else None
    if isinstance(query, And | Or):
        kept = [q for q in map(clean_query, query.subqueries) if isinstance(q, SearchQuery)]
        return type(query)(kept) if kept else None
    if isinstance(query, Not):
        inner = clean_query(query.subquery)
        return Not(inner) if isinstance(inner, SearchQuery) else None
    return query


class CleanQueryMixin:
    """Cleans every search's and autocomplete's query before the backend compiles it."""

    def _search(self, query_compiler_class: Any, query: Any, model_or_queryset: Any, **kwargs):
        cleaned = clean_query(query)
        # The backend answers an empty string with no results (a query that asks for
        # nothing finds nothing), without compiling it.
        return super()._search(  # type: ignore[misc]
            query_compiler_class, "" if cleaned is None else cleaned, model_or_queryset, **kwargs
        )


@cache
def _sqlite_backend_class(base: type) -> type:
    """The SQLite FTS5 backend with its words written as properly escaped FTS5 strings.

    Imported here, not at the top: the SQLite module reads its index model when imported,
    and only a site on SQLite needs it.
    """
    from modelsearch.backends.database.sqlite.query import Lexeme, SearchQueryExpression
    from modelsearch.backends.database.sqlite.sqlite import (
        SQLiteAutocompleteQueryCompiler,
        SQLiteSearchQueryCompiler,
    )

    class FTS5String(Lexeme):
        """One word as an FTS5 string: double quotes doubled, nothing else changed.

        (modelsearch's own Lexeme escapes single quotes and backslashes as if for SQL,
        which FTS5 strings do not need, and leaves double quotes, which end the string.)
        """

        def as_sql(self, compiler, connection):
            escaped = _clean_text(self.value).replace('"', '""')
            return ('"%s"*' if self.prefix else '"%s"'), [escaped]

    class EscapingCompilerMixin:
        def build_search_query_content(self, query, config=None):
            if isinstance(query, PlainText):
                terms = [term for term in query.query_string.split() if has_words(term)]
                if not terms:
                    return None
                last = terms.pop()
                combined = FTS5String(last, prefix=self.LAST_TERM_IS_PREFIX)
                for term in terms:
                    if query.operator.upper() == "AND":
                        combined &= FTS5String(term)
                    else:
                        combined |= FTS5String(term)
                return SearchQueryExpression(combined, config=config)
            if isinstance(query, Phrase):
                return SearchQueryExpression(FTS5String(query.query_string), config=config)
            return super().build_search_query_content(query, config=config)

    class CompilerClass(EscapingCompilerMixin, SQLiteSearchQueryCompiler):
        pass

    class AutocompleteCompilerClass(EscapingCompilerMixin, SQLiteAutocompleteQueryCompiler):
        pass

    return type(
        "SafeSQLiteSearchBackend",
        (CleanQueryMixin, base),
        {
            "query_compiler_class": CompilerClass,
            "autocomplete_query_compiler_class": AutocompleteCompilerClass,
        },
    )


@cache
def _cleaning_backend_class(base: type) -> type:
    return type(f"Clean{base.__name__}", (CleanQueryMixin, base), {})


def SearchBackend(params: dict[str, Any]):  # noqa: N802 (the name Wagtail looks up)
    """The database backend for the default database, with cleaned and escaped queries.

    modelsearch chooses the backend for the database (PostgreSQL, SQLite with or without
    FTS5, or its plain fallback); the same class with the repairs is made once and kept.
    """
    base: type = type(database_search_backend(params))
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if issubclass(base, SQLiteSearchBackend):
            return _sqlite_backend_class(base)(params)
    return _cleaning_backend_class(base)(params)
