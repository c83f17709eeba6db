"""One cell of an uploaded costing read as text or as an exact number, or a problem.

Numbers become `Decimal` from the cell's text, never through binary floating point: a
workbook stores numbers as doubles, so they are read at the 15 significant digits a
spreadsheet shows (`0.1 + 0.2` is shown, and read, as 0.3). A number with more than two
decimal places is refused rather than rounded, as rounding money quietly would change
what the provider typed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal, InvalidOperation

from localoffer.core.spreadsheets import FORMULA_STARTS
from localoffer.core.transitions import DomainError

PENNY = Decimal("0.01")
HUNDRED = Decimal(100)
_THOUSANDS = re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")
# Problems listed at most: enough to fix a file in one go without a page of hundreds.
MAX_PROBLEMS = 50


class SpreadsheetRefused(DomainError):
    """The upload was not saved; `problems` says everything found wrong with it."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        first = self.problems[0] if self.problems else "The file could not be read."
        super().__init__(first, field="file", code="spreadsheet")


class Problems:
    """The problems found so far; the file is refused at the end if there are any."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, text: str) -> None:
        if len(self.items) <= MAX_PROBLEMS:
            self.items.append(text)

    def __bool__(self) -> bool:
        return bool(self.items)

    def refuse(self) -> None:
        if not self.items:
            return
        items = self.items[:MAX_PROBLEMS]
        if len(self.items) > MAX_PROBLEMS:
            items.append(f"There are more problems than these {MAX_PROBLEMS}: fix these first.")
        raise SpreadsheetRefused(items)


@dataclass(frozen=True)
class Cell:
    """A cell as found: its column letter, its value (text from a CSV file; text, a number,
    a date or a boolean from a workbook), the formula when the workbook holds a formula
    but no value worked out for it, and whether it is formatted as a percentage."""

    column: str
    value: object = None
    formula: str | None = None
    percent_format: bool = False

    @property
    def blank(self) -> bool:
        if self.formula is not None:
            return False
        return self.value is None or (isinstance(self.value, str) and not self.value.strip())


class CellError(ValueError):
    """A cell's value cannot be used; the message completes "<where>: ..."."""


def formula_problem(cell: Cell) -> CellError:
    return CellError(
        f"the cell holds a formula ({cell.formula}) with no value saved for it. Open the "
        "file in your spreadsheet program and save it again, so the value is saved with "
        "the formula, or type the figure in"
    )


def cell_text(cell: Cell) -> str:
    """The cell as text, without the quote that protects text from running as a formula
    (`localoffer.core.spreadsheets.safe_cell` adds it to CSV files)."""
    if cell.formula is not None:
        raise formula_problem(cell)
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    text = " ".join(str(value).split())
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_STARTS:
        text = text[1:]
    return text


def cell_number(
    cell: Cell, *, whole_digits: int, money: bool = False, percent: bool = False
) -> Decimal:
    """The cell as an amount of at most two decimal places, zero or more.

    Text may carry a pound sign and thousands commas (£1,250.50) and, for a percentage,
    a per cent sign (75%). A workbook cell formatted as a percentage holds a fraction
    (0.75 for 75%), so it is read as the percentage it shows.
    """
    if cell.formula is not None:
        raise formula_problem(cell)
    value = cell.value
    if isinstance(value, bool | dt.datetime | dt.date | dt.time):
        raise CellError("enter a number, not a date or TRUE or FALSE")
    if isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise CellError("enter a number")
        number = Decimal(format(value, ".15g"))
    elif isinstance(value, Decimal):
        number = value
    else:
        number = _parse(str(value), money=money, percent=percent)
    if percent and cell.percent_format and not isinstance(value, str):
        number = number * HUNDRED
    if not number.is_finite():
        raise CellError("enter a number")
    if number < 0:
        raise CellError("the figure must not be negative")
    if percent and number > HUNDRED:
        raise CellError("a percentage must be 100 or less")
    if number >= Decimal(10) ** whole_digits:
        raise CellError(f"{_show(number)} is too large")
    if number != number.quantize(PENNY, rounding=ROUND_DOWN):
        what = "pounds and pence" if money else "a number with at most 2 decimal places"
        raise CellError(f"{_show(number)} has more than 2 decimal places: enter {what}")
    return number.quantize(PENNY)


def _parse(text: str, *, money: bool, percent: bool) -> Decimal:
    raw = "".join(text.split())
    if money and raw.startswith("£"):
        raw = raw[1:]
    if percent and raw.endswith("%"):
        raw = raw[:-1]
    if _THOUSANDS.match(raw):
        raw = raw.replace(",", "")
    example = "like 406.40" if money else "like 75" if percent else "like 40"
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)", raw):
        raise CellError(f"“{text.strip()[:40]}” is not a number: enter a number {example}")
    try:
        return Decimal(raw)
    except InvalidOperation as error:  # pragma: no cover - the pattern above admits none
        raise CellError(f"enter a number {example}") from error


def _show(number: Decimal) -> str:
    return format(number.normalize(), "f")[:30]


def cell_whole_number(cell: Cell) -> int:
    """A positive whole number (an id), from a number or its text."""
    text = cell_text(cell)
    if not re.fullmatch(r"\d{1,10}", text):
        raise CellError(f"“{text[:40]}” is not a whole number")
    return int(text)
