"""The words in the index, for correcting small typos ("speach therapy", "swiming").

PostgreSQL's `pg_trgm` is not available on every install, and SQLite has nothing like it,
so the backend keeps its own list: every word of every indexed title, summary and body,
with how many services use it, in the `search_vocabulary` table (created by migration
search/0003_fulltext; plain SQL, no model, because only this module reads it). It grows
as services are indexed and is rebuilt with the index, so a word that left the directory
can linger until the next rebuild: the corrected search then simply finds nothing more.

A correction is only tried when a keyword search finds nothing, and only for words that
are neither in the vocabulary nor a synonym term. The closest word is found with
`difflib.get_close_matches` over the words of similar length, then checked by a true
edit distance: 1 for words of up to 5 letters, 2 for longer ones. Ties go to the word
more services use. The list is cached in the process for `CACHE_SECONDS` and dropped when
this process indexes.
"""

from __future__ import annotations

import difflib
import time
from collections import Counter, defaultdict
from collections.abc import Iterable

from django.db import connection

from search.backends.database.text import STOP_WORDS, words

TABLE = "search_vocabulary"
CACHE_SECONDS = 300
MIN_WORD_LENGTH = 3  # "ot", "pa" and the like are acronyms, not typos
MAX_WORD_LENGTH = 40

_cache: dict[str, object] = {"loaded_at": 0.0, "by_length": None, "counts": None}


def document_words(*texts: str) -> set[str]:
    """The distinct words of a service's text worth correcting towards."""
    return {
        word
        for text in texts
        for word in words(text)
        if MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH
        and word not in STOP_WORDS
        and not word.isdigit()
    }


def replace_all(counts: Counter[str]) -> None:
    """Replace the whole vocabulary (a rebuild)."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")  # noqa: S608 - constant table name
        cursor.executemany(
            f"INSERT INTO {TABLE} (word, documents) VALUES (%s, %s)",  # noqa: S608
            sorted(counts.items()),
        )
    clear_cache()


def add(counts: Counter[str]) -> None:
    """Add the words of newly indexed services; known words keep their count.

    Counts are exact after a rebuild and only approximate after incremental indexing
    (which would otherwise need every other service's words to decrement): they only
    break ties between equally close corrections.
    """
    if not counts:
        return
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {TABLE} (word, documents) VALUES (%s, %s) "  # noqa: S608
            "ON CONFLICT (word) DO NOTHING",
            sorted(counts.items()),
        )
    clear_cache()


def clear_cache() -> None:
    _cache["loaded_at"] = 0.0


def _load() -> tuple[dict[int, list[str]], dict[str, int]]:
    if time.monotonic() - float(_cache["loaded_at"]) > CACHE_SECONDS or _cache["counts"] is None:  # type: ignore[arg-type]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT word, documents FROM {TABLE}")  # noqa: S608
            counts = dict(cursor.fetchall())
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in counts:
            by_length[len(word)].append(word)
        _cache.update(loaded_at=time.monotonic(), by_length=by_length, counts=counts)
    return _cache["by_length"], _cache["counts"]  # type: ignore[return-value]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with transpositions counted as one edit, stopping past `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i] + [0] * len(b)
        for j, char_b in enumerate(b, start=1):
            cost = 0 if char_a == char_b else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and j > 1 and char_a == b[j - 2] and a[i - 2] == char_b:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def is_known(word: str) -> bool:
    return word in _load()[1]


def closest(word: str) -> str | None:
    """The indexed word closest to `word` within the allowed edits, or None."""
    if len(word) < MIN_WORD_LENGTH or word.isdigit() or len(word) > MAX_WORD_LENGTH:
        return None
    by_length, counts = _load()
    if word in counts:
        return None
    limit = 1 if len(word) <= 5 else 2
    pool: list[str] = []
    for length in range(len(word) - limit, len(word) + limit + 1):
        pool.extend(by_length.get(length, ()))
    candidates = difflib.get_close_matches(word, pool, n=10, cutoff=0.6)
    scored = [
        (distance, -counts.get(candidate, 0), candidate)
        for candidate in candidates
        if (distance := edit_distance(word, candidate, limit)) <= limit
    ]
    return min(scored)[2] if scored else None


def corrections(typed: Iterable[str], protected: set[str]) -> dict[str, str]:
    """{typed word: correction} for the unknown words that have a close indexed word."""
    found = {}
    for word in typed:
        if word in protected or word in STOP_WORDS:
            continue
        correction = closest(word)
        if correction:
            found[word] = correction
    return found
