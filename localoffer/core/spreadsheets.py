"""CSV files people open in a spreadsheet: cells that cannot run as formulas, streamed.

A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` as a formula (and a tab or
carriage return can hide one), so text that came from somebody else (a family's name, a
line's description) could run `=HYPERLINK(...)` or worse on the accountant's computer:
"CSV injection" (OWASP). Every text cell is passed through `safe_cell`, which puts a
single quote in front of such a cell, as OWASP advises: the spreadsheet then shows the
text as it was typed. Numbers are given as numbers (a credit note's `Decimal("-24.00")`),
not text, and are written as they are, so they still add up.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The cell as a spreadsheet will show it, never run it: text starting like a formula
    gets a single quote in front. Numbers and dates pass through unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class _Echo:
    """A file that gives back what is written to it, so csv.writer can make one line at a
    time for a streamed response (Django's documented pattern)."""

    def write(self, value: str) -> str:
        return value


def csv_lines(rows: Iterable[Sequence[Any]]) -> Iterator[str]:
    """Each row as one line of CSV, text cells made safe (`safe_cell`)."""
    writer = csv.writer(_Echo())
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row])
