"""What a family typed, turned into a safe full-text query with SEND synonyms.

Nothing a family types reaches the database as query syntax. The text is split into words
(letters and digits only, so quotes, `*`, `-`, `NEAR`, `AND`, HTML and SQL are just words
or nothing), English stop words are dropped, and the words are matched against the synonym
groups, longest phrase first. The result is a list of clauses that must all match; a clause
is one word, or the terms of a synonym group of which any may match ("asd" becomes
"asd" OR "asc" OR "autism" OR "autistic" ...). A multi-word term needs all its words.

Each engine then gets the clauses in its own form: an FTS5 MATCH string in which every
word is a double-quoted string (so FTS5 never sees an operator), or a Django
`SearchQuery` built from `websearch` queries over words we have already cleaned (which
PostgreSQL's `websearch_to_tsquery` accepts whatever they hold).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import reduce

# PostgreSQL's English stop words (tsearch_data/english.stop). Dropped on both engines so
# that SQLite (whose FTS5 keeps every word) and PostgreSQL agree on what a query means:
# "clubs for my son" asks for clubs, and "AND" or "OR" typed by a family are not operators.
_STOP_WORDS_TEXT = """
    i me my myself we our ours ourselves you your yours yourself yourselves he him his
    himself she her hers herself it its itself they them their theirs themselves what which
    who whom this that these those am is are was were be been being have has had having do
    does did doing a an the and but if or because as until while of at by for with about
    against between into through during before after above below to from up down in out on
    off over under again further then once here there when where why how all any both each
    few more most other some such no nor not only own same so than too very s t can will
    just don should now
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())

# Enough for any real question; a pasted essay is cut rather than run as 200 clauses.
MAX_CLAUSES = 12
MAX_TEXT_LENGTH = 300

_WORD = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """Lower-case words (letters and digits); everything else separates them."""
    return _WORD.findall((text or "")[:MAX_TEXT_LENGTH].lower())


def match_key(word: str) -> str:
    """A word for comparing with synonym terms: 'breaks' and 'break' are the same term."""
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


@dataclass(frozen=True)
class Clause:
    """One thing the query asks for: any of `alternatives` (each a tuple of words) matches.

    `words` are the words the family typed for it, for typo correction and display.
    """

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def is_synonym(self) -> bool:
        return len(self.alternatives) > 1


def _group_terms(
    groups: Iterable[Sequence[str]],
) -> dict[tuple[str, ...], tuple[tuple[str, ...], ...]]:
    """{term as match keys: every term of its group as words}, for every term of every group."""
    lookup: dict[tuple[str, ...], tuple[tuple[str, ...], ...]] = {}
    for group in groups:
        terms = tuple(dict.fromkeys(tuple(words(term)) for term in group if words(term)))
        for term in terms:
            key = tuple(match_key(word) for word in term)
            # A term in two groups gets both groups' terms.
            lookup[key] = tuple(dict.fromkeys((*lookup.get(key, ()), *terms)))
    return lookup


def parse(text: str, synonym_groups: Iterable[Sequence[str]] = ()) -> list[Clause]:
    """The clauses of a query: synonym phrases (longest first), then single words.

    Synonym phrases are looked for in the words as typed, stop words included, so "speech
    and language therapy" is found as one term; stop words left outside a phrase are then
    dropped (content_words() drops those inside a multi-word term when it is matched). An
    alternative that is only a stop word (rare in a synonym group) is dropped.
    """
    lookup = _group_terms(synonym_groups)
    longest = max((len(key) for key in lookup), default=0)
    typed = words(text)
    keys = [match_key(word) for word in typed]
    clauses: list[Clause] = []
    position = 0
    while position < len(typed) and len(clauses) < MAX_CLAUSES:
        for length in range(min(longest, len(typed) - position), 0, -1):
            key = tuple(keys[position : position + length])
            alternatives = lookup.get(key)
            if alternatives:
                kept = tuple(
                    term for term in alternatives if not (len(term) == 1 and term[0] in STOP_WORDS)
                )
                if kept:
                    clauses.append(Clause(tuple(typed[position : position + length]), kept))
                position += length
                break
        else:
            word = typed[position]
            if word not in STOP_WORDS and (word,) not in {c.words for c in clauses}:
                clauses.append(Clause((word,), ((word,),)))
            position += 1
    return clauses


def clauses_text(clauses: Sequence[Clause]) -> str:
    """The words the clauses were made from, as a query a family could have typed."""
    return " ".join(" ".join(clause.words) for clause in clauses)


def content_words(alternative: Sequence[str]) -> list[str]:
    """The words of a term that are matched: all but its stop words (all, if only those)."""
    kept = [word for word in alternative if word not in STOP_WORDS]
    return kept or list(alternative)


def fts5_match(clauses: Sequence[Clause]) -> str:
    """An FTS5 MATCH expression: every clause (AND), any alternative of one (OR).

    Each word is an FTS5 string in double quotes. Words hold only letters and digits, so
    no quote can close a string early and nothing inside is read as an operator, column
    filter or prefix. A multi-word term needs all its words, not the exact phrase, as on
    PostgreSQL (and Elasticsearch): phrase checks read every candidate's positions, which
    made a synonym-expanded query several times slower for little gain in precision.
    """
    parts = []
    for clause in clauses:
        strings = []
        for alternative in clause.alternatives:
            quoted = ['"' + word + '"' for word in content_words(alternative)]
            strings.append(quoted[0] if len(quoted) == 1 else "(" + " AND ".join(quoted) + ")")
        parts.append(strings[0] if len(strings) == 1 else "(" + " OR ".join(strings) + ")")
    return " AND ".join(parts)


def postgres_query(clauses: Sequence[Clause], config: str = "english"):
    """A Django `SearchQuery`: every clause (&), any alternative of one (|).

    Each alternative is a `websearch` query of its words, which needs them all (`&`),
    not as a phrase: a phrase (`<->`) makes PostgreSQL recheck every candidate's stored
    vector, which made synonym-expanded queries several times slower (bench/README.md).
    The words are already cleaned and stop words dropped, so no websearch syntax (`-`,
    `or`, quotes) can be injected and no term becomes an empty query.
    """
    from django.contrib.postgres.search import SearchQuery

    def alternative(words_: tuple[str, ...]) -> SearchQuery:
        value = " ".join(content_words(words_))
        return SearchQuery(value, search_type="websearch", config=config)

    ors = [reduce(lambda a, b: a | b, map(alternative, c.alternatives)) for c in clauses]
    return reduce(lambda a, b: a & b, ors)
