"""Stable UUIDs for the integer keys of our tables, as Open Referral UK wants.

Every ORUK object has a UUID `id`. Ours are derived, not stored: `uuid5(NAMESPACE,
"<model label>:<primary key>")`. That needs no migration or new column on any table,
gives the same id in every export and on every server that shares the database (a
consumer's copy never sees ids change), and objects that are not rows of their own (an
address, a phone, a service area) get ids from their owner's key in the same way.

uuid5 cannot be reversed, so a request for `/services/{uuid}` is answered from a
process-wide map of the ids this process has minted, filled by scanning the keys of the
candidate rows the first time an id is unknown (one `values_list` query; later requests
for known ids cost nothing). The caller still checks the row is published.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterable

from django.db.models import QuerySet

# Fixed forever: changing it would change every id we have ever published.
NAMESPACE = uuid.UUID("70aa2f39-9b26-477e-a2d0-f780b6759155")

# Labels of objects that are not rows of a table of their own.
LOCATION = "oruk.location"  # ServiceLocation as a location (its service_at_location is the row)
ADDRESS = "oruk.address"
ACCESSIBILITY = "oruk.accessibility"
LANGUAGE = "oruk.language"
PHONE = "oruk.phone"
ATTRIBUTE = "oruk.attribute"
SERVICE_AREA = "oruk.service_area"
ORGANIZATION_IDENTIFIER = "oruk.organization_identifier"
TAXONOMY = "oruk.taxonomy"


def oruk_id(label: str, *parts: object) -> str:
    """The UUID string for an object: `oruk_id("providers.servicepage", 12)`."""
    return str(uuid.uuid5(NAMESPACE, ":".join([label, *(str(part) for part in parts)])))


def model_id(instance) -> str:
    """The UUID string for a model instance, from its model label and primary key."""
    return oruk_id(instance._meta.label_lower, instance.pk)


def canonical(value: str) -> str | None:
    """A UUID in its canonical lower-case form, or None if `value` is not a UUID."""
    try:
        return str(uuid.UUID(str(value).strip()))
    except (ValueError, AttributeError, TypeError):
        return None


class IdMap:
    """Finds the primary key behind a UUID minted for one model."""

    def __init__(self, label: str) -> None:
        self.label = label
        self._pks: dict[str, int] = {}
        self._known: set[int] = set()
        self._lock = threading.Lock()

    def _remember(self, pks: Iterable[int]) -> None:
        with self._lock:
            for pk in pks:
                if pk not in self._known:
                    self._pks[oruk_id(self.label, pk)] = pk
                    self._known.add(pk)

    def resolve(self, value: str, candidates: QuerySet) -> int | None:
        """The key of the row among `candidates` whose id is `value`, or None."""
        key = canonical(value)
        if key is None:
            return None
        if key not in self._pks:
            self._remember(candidates.values_list("pk", flat=True).iterator())
        return self._pks.get(key)


_maps: dict[str, IdMap] = {}


def id_map(label: str) -> IdMap:
    """The process-wide map for a model label (created on first use)."""
    found = _maps.get(label)
    if found is None:
        found = _maps.setdefault(label, IdMap(label))
    return found
