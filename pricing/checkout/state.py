"""The answers of one booking journey, kept in the signed-in session per listing.

Nothing is written to the database until the family presses "Confirm" on the last page:
a journey left half way leaves no row behind, and the place is held only from then on.
The answers are ids, numbers and yes/no answers, never a price: every page reads the
session, child and price again from the database, so an answer that stopped being valid
(a session filled, a child removed) is caught on the next page. The token is the final
form's idempotency key (`hold_places(idempotency_key=...)`): pressing "Confirm" twice
makes one booking.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.http import HttpRequest

SESSION_KEY = "checkout"
STEPS = ("session", "child", "profile", "places", "budget", "outcome", "method")


class Answers:
    """The journey's answers for one listing: read and written through the session."""

    def __init__(self, request: HttpRequest, service_id: int) -> None:
        self._request = request
        self._key = str(service_id)
        journeys = request.session.get(SESSION_KEY) or {}
        self.data: dict[str, Any] = dict(journeys.get(self._key) or {})

    def get(self, name: str) -> Any:
        return self.data.get(name)

    def set(self, **values: Any) -> None:
        self.data.update(values)
        self._save()

    def drop(self, *names: str) -> None:
        for name in names:
            self.data.pop(name, None)
        self._save()

    def token(self) -> str:
        """The final form's one-time key, made when first asked for."""
        if not self.data.get("token"):
            self.set(token=secrets.token_urlsafe(24))
        return str(self.data["token"])

    def clear(self) -> None:
        self.data = {}
        journeys = dict(self._request.session.get(SESSION_KEY) or {})
        journeys.pop(self._key, None)
        self._request.session[SESSION_KEY] = journeys

    def _save(self) -> None:
        journeys = dict(self._request.session.get(SESSION_KEY) or {})
        journeys[self._key] = self.data
        self._request.session[SESSION_KEY] = journeys
