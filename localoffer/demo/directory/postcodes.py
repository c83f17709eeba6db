"""Fictional postcodes of the fictional borough of Northbridge, with coordinates.

"NB" is not a real postcode area, so nothing here can be mistaken for a real address. The
points are scattered within about 8 miles of a town centre at 52.60, -1.45 (in the English
Midlands) so that distance searches give sensible answers. The demo builder uses them for
service locations, and the postcode gazetteer import loads them so that a family can type
"NB3 5TR" and get distances: keep this module plain data (no Django imports).
"""

import csv
from dataclasses import dataclass
from pathlib import Path

CENTRE_LATITUDE = 52.60
CENTRE_LONGITUDE = -1.45


@dataclass(frozen=True)
class DemoPostcode:
    postcode: str
    locality: str
    latitude: float
    longitude: float

    @property
    def district(self) -> str:
        """The outward code, for example "NB3" for "NB3 5TR"."""
        return self.postcode.split(" ")[0]


# Neighbourhoods of Northbridge by postcode district, as families would name them.
DISTRICT_LOCALITIES: dict[str, str] = {
    "NB1": "Northbridge town centre",
    "NB2": "Riverside",
    "NB3": "Eastfield",
    "NB4": "Ashby Green",
    "NB5": "Hollins Cross",
    "NB6": "Kingsmead",
    "NB7": "Marston Vale",
    "NB8": "Upper Wyke",
    "NB9": "Fenby",
}

DEMO_POSTCODES: list[DemoPostcode] = [
    # NB1: town centre (the civic centre is at NB1 1NB).
    DemoPostcode("NB1 1AA", "Northbridge town centre", 52.6003, -1.4497),
    DemoPostcode("NB1 1NB", "Northbridge town centre", 52.5991, -1.4521),
    DemoPostcode("NB1 2DF", "Northbridge town centre", 52.6032, -1.4448),
    DemoPostcode("NB1 3HS", "Northbridge town centre", 52.5968, -1.4576),
    DemoPostcode("NB1 4AA", "Northbridge town centre", 52.6051, -1.4553),
    # NB2: Riverside, north-west of the centre (SENDIASS is at NB2 3LQ).
    DemoPostcode("NB2 1QT", "Riverside", 52.6218, -1.4771),
    DemoPostcode("NB2 3LQ", "Riverside", 52.6262, -1.4842),
    DemoPostcode("NB2 5EW", "Riverside", 52.6305, -1.4726),
    DemoPostcode("NB2 7BN", "Riverside", 52.6187, -1.4903),
    # NB3: Eastfield (the child development centre is at NB3 5TR).
    DemoPostcode("NB3 2JP", "Eastfield", 52.6071, -1.3989),
    DemoPostcode("NB3 5TR", "Eastfield", 52.6034, -1.3912),
    DemoPostcode("NB3 6UY", "Eastfield", 52.6110, -1.4054),
    DemoPostcode("NB3 8GH", "Eastfield", 52.5986, -1.3835),
    # NB4: Ashby Green, south of the centre.
    DemoPostcode("NB4 1RD", "Ashby Green", 52.5672, -1.4561),
    DemoPostcode("NB4 3WX", "Ashby Green", 52.5617, -1.4478),
    DemoPostcode("NB4 6PL", "Ashby Green", 52.5705, -1.4632),
    # NB5: Hollins Cross, north-east.
    DemoPostcode("NB5 2AB", "Hollins Cross", 52.6402, -1.4113),
    DemoPostcode("NB5 4NE", "Hollins Cross", 52.6451, -1.4037),
    DemoPostcode("NB5 7SZ", "Hollins Cross", 52.6366, -1.4189),
    # NB6: Kingsmead, west.
    DemoPostcode("NB6 1HJ", "Kingsmead", 52.5953, -1.5302),
    DemoPostcode("NB6 4TF", "Kingsmead", 52.5912, -1.5388),
    DemoPostcode("NB6 8DQ", "Kingsmead", 52.6004, -1.5241),
    # NB7: Marston Vale, rural south-west.
    DemoPostcode("NB7 2LB", "Marston Vale", 52.5406, -1.5198),
    DemoPostcode("NB7 5YG", "Marston Vale", 52.5351, -1.5276),
    # NB8: Upper Wyke, rural north.
    DemoPostcode("NB8 3QR", "Upper Wyke", 52.6849, -1.4553),
    DemoPostcode("NB8 6BT", "Upper Wyke", 52.6797, -1.4468),
    # NB9: Fenby, south-east.
    DemoPostcode("NB9 1EZ", "Fenby", 52.5452, -1.3604),
    DemoPostcode("NB9 4HU", "Fenby", 52.5498, -1.3671),
    DemoPostcode("NB9 7JN", "Fenby", 52.5415, -1.3542),
    DemoPostcode("NB9 9WA", "Fenby", 52.5536, -1.3718),
]

# Street names used to make addresses; real-sounding, attached to no real place.
STREETS: list[str] = [
    "Market Square",
    "Church Lane",
    "Elm Road",
    "Station Road",
    "Victoria Street",
    "Mill Lane",
    "Brook Street",
    "Orchard Way",
    "Chapel Street",
    "Meadow View",
    "Park Road",
    "Canal Side",
    "Queens Road",
    "Beech Avenue",
    "The Green",
    "High Street",
    "Willow Close",
    "Castle Hill",
    "Forge Lane",
    "Northgate",
]


def district_centroids() -> dict[str, tuple[float, float]]:
    """The mean position of each demo district, as a gazetteer of districts would hold it."""
    sums: dict[str, list[float]] = {}
    for item in DEMO_POSTCODES:
        total = sums.setdefault(item.district, [0.0, 0.0, 0.0])
        total[0] += item.latitude
        total[1] += item.longitude
        total[2] += 1
    return {
        district: (round(lat / count, 5), round(lon / count, 5))
        for district, (lat, lon, count) in sums.items()
    }


def by_postcode() -> dict[str, DemoPostcode]:
    return {item.postcode: item for item in DEMO_POSTCODES}


# The Great Britain postcode district centroids kept beside the project (ONS data under the
# Open Government Licence; see that folder's README). Never committed into the project.
SHARED_DISTRICTS_CSV = (
    Path(__file__).resolve().parents[3]
    / "shared"
    / "data"
    / "postcodes"
    / "gb_outcode_centroids_nspl_2025-05_excl_BT.csv"
)


def read_districts(
    path: Path = SHARED_DISTRICTS_CSV, *, min_postcodes: int = 50
) -> list[DemoPostcode]:
    """Real GB postcode districts with their centroids, for spreading generated listings.

    Districts with few postcodes are left out: they are mostly PO-box or retired
    districts where no service would be. Returns [] if the file is not there.
    """
    if not path.exists():
        return []
    districts = []
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if int(row.get("postcode_count") or 0) < min_postcodes:
                continue
            districts.append(
                DemoPostcode(
                    postcode=row["outcode"],
                    locality=f"{row['area']} district",
                    latitude=float(row["latitude"]),
                    longitude=float(row["longitude"]),
                )
            )
    return districts
