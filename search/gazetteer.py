"""Turn what a family types into a point on the map, using the Postcode table.

A full postcode is looked up first and falls back to its district ("W5 1AA" → "W5"), so a
council that loads only the district file still gets sensible distances. Every failure is
a `PostcodeError` with a message written for the family, never an exception page.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from search.backends.base import GeoPoint
from search.models import Postcode

OUTWARD_RE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
FULL_RE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})$")
EARTH_RADIUS_MILES = 3958.8

# Column names that hold the postcode and coordinates in the files we accept:
# the ONS Postcode Directory / NSPL (pcds, lat, long) and district centroid files
# (outcode, latitude, longitude).
POSTCODE_COLUMNS = ("pcds", "pcd2", "pcd", "postcode", "outcode", "district")
LATITUDE_COLUMNS = ("lat", "latitude")
LONGITUDE_COLUMNS = ("long", "longitude", "lng", "lon")


class PostcodeError(ValueError):
    """A postcode that is malformed or not in the gazetteer; the message is for families."""


def normalise(value: str) -> str:
    """'w51aa' → 'W5 1AA'; 'w5' → 'W5'. Does not validate."""
    compact = re.sub(r"\s+", "", value or "").upper()
    if len(compact) >= 5 and compact[-3].isdigit() and compact[-2:].isalpha():
        return f"{compact[:-3]} {compact[-3:]}"
    return compact


def parse(value: str) -> tuple[str, str | None]:
    """Split a postcode into (outward, full or None), raising PostcodeError if malformed."""
    text = normalise(value)
    if not text:
        raise PostcodeError("Enter a postcode, like NB1 4AA or NB1")
    if len(text) > 8:
        raise PostcodeError("Enter a real postcode, like NB1 4AA or NB1")
    match = FULL_RE.match(text)
    if match:
        return match.group(1), text
    if OUTWARD_RE.match(text):
        return text, None
    raise PostcodeError("Enter a real postcode, like NB1 4AA or NB1")


def locate(value: str) -> GeoPoint:
    """The coordinates of a postcode (or of its district), or PostcodeError."""
    outward, full = parse(value)
    candidates = [full, outward] if full else [outward]
    rows = {
        row.postcode: row
        for row in Postcode.objects.filter(postcode__in=[c for c in candidates if c])
    }
    for candidate in candidates:
        row = rows.get(candidate)
        if row is not None:
            return GeoPoint(row.latitude, row.longitude)
    shown = full or outward
    raise PostcodeError(
        f"We could not find {shown}. Check it, or try the first part only, like {outward}"
    )


def distance_miles(a: GeoPoint, b: GeoPoint) -> float:
    """Great-circle distance by the haversine formula (accurate to well under 1% here)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


@dataclass(frozen=True)
class ImportSummary:
    created: int
    updated: int
    skipped: int


def read_rows(path: Path) -> Iterator[tuple[str, float, float]]:
    """Yield (postcode, latitude, longitude) from an ONS-layout CSV, skipping rows without
    coordinates (the ONS marks those with latitude 99.999999)."""
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        fields = {name.lower().strip(): name for name in reader.fieldnames or []}

        def pick(options: tuple[str, ...]) -> str:
            for option in options:
                if option in fields:
                    return fields[option]
            raise PostcodeError(
                f"{path.name} has no column for {options[0]}; found {', '.join(fields) or 'none'}"
            )

        postcode_col = pick(POSTCODE_COLUMNS)
        lat_col, lon_col = pick(LATITUDE_COLUMNS), pick(LONGITUDE_COLUMNS)
        for row in reader:
            try:
                latitude, longitude = float(row[lat_col]), float(row[lon_col])
            except (TypeError, ValueError):
                continue
            if not (49 <= latitude <= 61 and -9 <= longitude <= 2.5):
                continue
            postcode = normalise(row[postcode_col])
            if FULL_RE.match(postcode) or OUTWARD_RE.match(postcode):
                yield postcode, latitude, longitude


def import_rows(
    rows: Iterable[tuple[str, float, float]], *, source: str, batch_size: int = 2000, progress=None
) -> ImportSummary:
    """Insert or update postcodes in batches; re-importing the same file changes nothing."""
    created = updated = skipped = 0
    batch: list[tuple[str, float, float]] = []

    def flush() -> None:
        nonlocal created, updated, skipped
        existing = {
            row.postcode: row
            for row in Postcode.objects.filter(postcode__in=[code for code, _, _ in batch])
        }
        new, changed = [], []
        for code, latitude, longitude in batch:
            row = existing.get(code)
            if row is None:
                new.append(
                    Postcode(
                        postcode=code,
                        is_district=" " not in code,
                        latitude=latitude,
                        longitude=longitude,
                        source=source,
                    )
                )
            elif (row.latitude, row.longitude) != (latitude, longitude):
                row.latitude, row.longitude, row.source = latitude, longitude, source
                changed.append(row)
            else:
                skipped += 1
        with transaction.atomic():
            Postcode.objects.bulk_create(new, ignore_conflicts=True)
            Postcode.objects.bulk_update(changed, ["latitude", "longitude", "source"])
        created += len(new)
        updated += len(changed)
        if progress:
            progress(len(batch))
        batch.clear()

    seen: set[str] = set()
    for code, latitude, longitude in rows:
        if code in seen:  # a file may repeat a postcode; the first row wins
            continue
        seen.add(code)
        batch.append((code, latitude, longitude))
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    return ImportSummary(created=created, updated=updated, skipped=skipped)
