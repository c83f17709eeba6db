"""The demo's working out of budgets: Northbridge's questionnaire, the provision map and
its standard unit costs, the panel's seats, and assessments at every stage."""

from __future__ import annotations

import datetime as dt


def ensure_demo_allocation(*, now: dt.datetime) -> dict[str, int]:
    """Add what is missing; returns what was made, by name, for the loader's summary."""
    made: dict[str, int] = {}
    return made
