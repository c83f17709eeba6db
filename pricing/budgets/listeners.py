"""How the layers above budgets learn that a booking's funding was decided: approved or
refused by the officer (or the third party) paying from the council-managed or
third-party part of a budget.

The same small registry as `pricing.bookings.listeners`, registered in
`PricingConfig.ready()`. Listeners are given the funding's id once the decision has
committed, each to run in a transaction of its own: a listener may then lock its own
rows first (a shared booking's row, before its session and the budget), where running
inside the decision, which holds the budget's lock, would take them in the opposite
order. A listener that fails is logged and does not undo the decision.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.db import transaction

DecisionListener = Callable[[int], None]  # listener(funding_id)

_listeners: list[DecisionListener] = []


def register_decision_listener(listener: DecisionListener) -> None:
    if listener not in _listeners:
        _listeners.append(listener)


def funding_decided(funding_id: int) -> None:
    """Tell the listeners, once the current transaction commits."""
    for listener in _listeners:
        transaction.on_commit(partial(listener, funding_id), robust=True)
