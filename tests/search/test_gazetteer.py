"""The postcode gazetteer: importing ONS-layout files and turning postcodes into points.

search/gazetteer.py and `manage.py import_postcodes FILE`. Files are written to pytest's
tmp_path; the Great Britain district file in ../shared/data/postcodes/ is imported
whole when it is there (that test alone is skipped otherwise).
"""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from search.backends.base import GeoPoint
from search.gazetteer import PostcodeError, distance_miles, import_rows, locate, read_rows
from search.models import Postcode

pytestmark = pytest.mark.django_db

GB_DISTRICTS = (
    Path(settings.BASE_DIR).parent
    / "shared"
    / "data"
    / "postcodes"
    / "gb_outcode_centroids_nspl_2025-05_excl_BT.csv"
)

# ONS Postcode Directory / NSPL layout (a few of its many columns), with a row ONS marks
# as having no coordinates, a postcode typed without its space and in lower case.
NSPL_CSV = """pcd,pcd2,pcds,dointr,doterm,lat,long,oseast1m
NB1 4AA,NB1  4AA,NB1 4AA,198001,,52.601000,-1.451000,441000
NB14AB,NB1  4AB,nb14ab,198001,,52.602000,-1.452000,441100
NB9 9ZZ,NB9  9ZZ,NB9 9ZZ,198001,,99.999999,0.000000,
NB3 5TR,NB3  5TR,NB3 5TR,198001,,52.640000,-1.410000,443000
"""

# District centroid layout (as the Great Britain file in ../shared/data/postcodes/).
DISTRICT_CSV = """outcode,area,latitude,longitude,median_latitude,median_longitude,postcode_count
NB1,NB,52.60000,-1.45000,52.60010,-1.45010,120
NB3,NB,52.64000,-1.41000,52.64000,-1.41000,80
NB9,NB,99.999999,0.000000,99.999999,0.000000,0
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def rows() -> list[tuple]:
    return list(
        Postcode.objects.order_by("postcode").values_list(
            "postcode", "is_district", "latitude", "longitude", "source"
        )
    )


def import_file(path: Path) -> str:
    out = StringIO()
    call_command("import_postcodes", str(path), stdout=out, verbosity=0)
    return out.getvalue()


def test_imports_full_postcodes_from_the_ons_postcode_directory_layout(tmp_path):
    path = write(tmp_path, "nspl_sample.csv", NSPL_CSV)
    output = import_file(path)
    assert "3 added, 0 updated, 0 unchanged from nspl_sample.csv" in output
    assert rows() == [
        ("NB1 4AA", False, 52.601, -1.451, "nspl_sample.csv"),
        ("NB1 4AB", False, 52.602, -1.452, "nspl_sample.csv"),  # normalised
        ("NB3 5TR", False, 52.64, -1.41, "nspl_sample.csv"),
    ]


def test_imports_districts_from_the_centroid_layout(tmp_path):
    path = write(tmp_path, "districts.csv", DISTRICT_CSV)
    assert "2 added" in import_file(path)
    assert rows() == [
        ("NB1", True, 52.6, -1.45, "districts.csv"),
        ("NB3", True, 52.64, -1.41, "districts.csv"),
    ]


def test_rows_ons_marks_as_without_coordinates_are_skipped(tmp_path):
    nspl = list(read_rows(write(tmp_path, "nspl.csv", NSPL_CSV)))
    districts = list(read_rows(write(tmp_path, "districts.csv", DISTRICT_CSV)))
    assert "NB9 9ZZ" not in {code for code, _, _ in nspl}
    assert "NB9" not in {code for code, _, _ in districts}
    import_file(tmp_path / "nspl.csv")
    assert not Postcode.objects.filter(postcode__startswith="NB9").exists()


def test_importing_the_same_file_again_changes_nothing(tmp_path):
    path = write(tmp_path, "nspl.csv", NSPL_CSV)
    import_file(path)
    before = rows()
    assert "0 added, 0 updated, 3 unchanged" in import_file(path)
    assert rows() == before


def test_a_corrected_file_updates_the_coordinates_it_changes(tmp_path):
    import_file(write(tmp_path, "districts.csv", DISTRICT_CSV))
    corrected = DISTRICT_CSV.replace("NB3,NB,52.64000,-1.41000", "NB3,NB,52.65000,-1.40000")
    summary = import_rows(read_rows(write(tmp_path, "fixed.csv", corrected)), source="fixed.csv")
    assert (summary.created, summary.updated, summary.skipped) == (0, 1, 1)
    assert Postcode.objects.get(postcode="NB3").latitude == 52.65
    assert Postcode.objects.get(postcode="NB1").source == "districts.csv"


def test_the_command_refuses_a_missing_file_or_one_without_the_columns(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        import_file(tmp_path / "missing.csv")
    wrong = write(tmp_path, "wrong.csv", "name,x,y\nNB1,1,2\n")
    with pytest.raises(CommandError, match="wrong.csv has no column for pcds"):
        import_file(wrong)
    assert Postcode.objects.count() == 0


@pytest.mark.skipif(
    not GB_DISTRICTS.is_file(), reason=f"The Great Britain district file is not at {GB_DISTRICTS}"
)
def test_the_great_britain_district_file_imports_every_usable_row():
    output = import_file(GB_DISTRICTS)
    # 2,996 districts, less "NPT" (a non-geographic code that is not an outward code).
    assert "2995 added, 0 updated, 0 unchanged" in output
    assert Postcode.objects.count() == 2995
    assert Postcode.objects.filter(is_district=False).count() == 0
    assert not Postcode.objects.filter(postcode="NPT").exists()
    ealing = Postcode.objects.get(postcode="W5")
    assert ealing.latitude == pytest.approx(51.51, abs=0.03)
    assert ealing.longitude == pytest.approx(-0.30, abs=0.03)
    # A full postcode falls back to its district when only districts are loaded.
    assert locate("w5 1aa") == GeoPoint(ealing.latitude, ealing.longitude)
    assert "0 added, 0 updated, 2995 unchanged" in import_file(GB_DISTRICTS)


@pytest.fixture
def gazetteer():
    Postcode.objects.bulk_create(
        [
            Postcode(postcode="NB1", is_district=True, latitude=52.60, longitude=-1.45),
            Postcode(postcode="NB1 4AA", latitude=52.601, longitude=-1.451),
        ]
    )


def test_locate_finds_a_full_postcode_however_it_is_typed(gazetteer):
    for typed in ("NB1 4AA", "nb14aa", "  Nb1   4aA "):
        assert locate(typed) == GeoPoint(52.601, -1.451)


def test_locate_falls_back_to_the_district(gazetteer):
    assert locate("NB1 9ZZ") == GeoPoint(52.60, -1.45)
    assert locate("nb1") == GeoPoint(52.60, -1.45)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Enter a postcode, like NB1 4AA or NB1"),
        ("   ", "Enter a postcode, like NB1 4AA or NB1"),
        ("123", "Enter a real postcode, like NB1 4AA or NB1"),
        ("NB1 4AAA", "Enter a real postcode, like NB1 4AA or NB1"),
        ("<script>", "Enter a real postcode, like NB1 4AA or NB1"),
        ("NORTHBRIDGE", "Enter a real postcode, like NB1 4AA or NB1"),
        ("ZZ9 9ZZ", "We could not find ZZ9 9ZZ. Check it, or try the first part only, like ZZ9"),
        ("zz99zz", "We could not find ZZ9 9ZZ. Check it, or try the first part only, like ZZ9"),
        ("ZZ9", "We could not find ZZ9. Check it, or try the first part only, like ZZ9"),
    ],
)
def test_malformed_and_unknown_postcodes_get_a_message_for_families(gazetteer, typed, message):
    with pytest.raises(PostcodeError) as raised:
        locate(typed)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("a", "b", "miles"),
    [
        # London (Charing Cross) to Manchester (St Peter's Square): 163 miles as the crow flies.
        (GeoPoint(51.5073, -0.1277), GeoPoint(53.4781, -2.2433), 163.0),
        # One degree of latitude along a meridian is 69 miles.
        (GeoPoint(52.0, -1.45), GeoPoint(53.0, -1.45), 69.05),
        # Land's End to John o' Groats: 603 miles in a straight line.
        (GeoPoint(50.0664, -5.7147), GeoPoint(58.6373, -3.0689), 603.0),
    ],
)
def test_distance_miles_between_known_points_is_within_one_percent(a, b, miles):
    assert distance_miles(a, b) == pytest.approx(miles, rel=0.01)
    assert distance_miles(b, a) == pytest.approx(distance_miles(a, b))
    assert distance_miles(a, a) == 0
