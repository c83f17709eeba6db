"""The `<id:...>` path converter: a database id in an address, or no match (404).

Django's `int` converter takes any run of digits, so `/listings/99999999999999999999/report/`
reached the view and the database refused the number (SQLite: "Python int too large to
convert to SQLite INTEGER"; PostgreSQL: out of range for bigint), a server error for an
address anyone can type. Every id column of ours is at most a bigint (BigAutoField), so a
number above its range names nothing: the converter refuses it and the address answers
404 like any other that matches no page.

Registered once, when this module is first imported; every urls.py (and admin URL hook)
of ours that takes an id imports it. (Django no longer lets a project replace `int`.)
"""

from django.urls import register_converter

# The largest value of a signed 64-bit integer: PostgreSQL's bigint and SQLite's INTEGER.
MAX_DATABASE_ID = 2**63 - 1


class DatabaseIdConverter:
    """Digits naming a row that could exist: 0 up to the database's largest integer."""

    # At most 19 digits (the maximum has 19), so a longer run never reaches int().
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_DATABASE_ID:
            # A ValueError tells the resolver the pattern does not match.
            raise ValueError(f"{value} is above the largest database id")
        return number

    def to_url(self, value: int | str) -> str:
        return str(int(value))


register_converter(DatabaseIdConverter, "id")
