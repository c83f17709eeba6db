"""An id too large for the database in one of our addresses answers 404, not 500.

Found by trying the site from outside: `/listings/99999999999999999999/report/`,
`/for-providers/register/<n>/done/` and `/admin/your-organisation/99999999999999999999/`
answered 500, because `<int:...>` took the number and the database refused it. Our
addresses take ids through `<id:...>` (localoffer/core/converters.py), which matches no
number above the largest bigint. The URL patterns are walked, so an address added later
with `<int:...>` fails here until it uses `<id:...>`.
"""

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from localoffer.core.converters import MAX_DATABASE_ID, DatabaseIdConverter

ROOT = Path(__file__).resolve().parents[2]
OUR_PACKAGES = ("localoffer", "providers", "search", "pricing")
TOO_LARGE = [str(MAX_DATABASE_ID + 1), "99999999999999999999"]
PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def _patterns(resolvers, prefix: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in resolvers:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry.url_patterns, route)
        else:
            yield route, entry


def our_routes() -> list[tuple[str, URLPattern]]:
    """(route, pattern) of every address served by a view of ours."""
    return [
        (route, pattern)
        for route, pattern in _patterns(get_resolver().url_patterns)
        if pattern.lookup_str.startswith(OUR_PACKAGES) and "<" in route
    ]


def test_our_addresses_take_ids_with_the_database_id_converter():
    """No route of ours is declared with `<int:...>` (urls.py files and admin URL hooks).

    (Wagtail's model viewsets declare their own `<int:pk>` routes for our models; Wagtail
    looks the row up through the ORM, which answers a number out of range with no row,
    and the walk below checks that they answer 404 too.)
    """
    declared_with_int = [
        str(path.relative_to(ROOT))
        for package in OUR_PACKAGES
        for path in (ROOT / package).rglob("*.py")
        if "migrations" not in path.parts and "<int:" in path.read_text()
    ]
    assert declared_with_int == []


@pytest.mark.django_db
@pytest.mark.parametrize("number", TOO_LARGE)
def test_every_address_of_ours_answers_404_for_an_id_too_large(number, client_for):
    superuser = client_for("superuser")
    answers = {}
    for route, _ in our_routes():
        if "<id:" not in route:
            continue
        address = "/" + PARAMETER.sub(
            lambda m: number if m["converter"] == "id" else "x", route
        ).lstrip("^")
        answers[address] = superuser.get(address).status_code
    assert f"/listings/{number}/report/" in answers
    assert {address: code for address, code in answers.items() if code != 404} == {}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "address",
    [
        "/listings/99999999999999999999/report/",
        "/for-providers/register/99999999999999999999/done/",
        "/admin/your-organisation/99999999999999999999/",
    ],
)
def test_the_addresses_that_showed_it_answer_404(address, client_for):
    assert client_for("superuser").get(address).status_code == 404


def test_the_largest_id_is_still_an_id():
    converter = DatabaseIdConverter()
    assert converter.to_python(str(MAX_DATABASE_ID)) == MAX_DATABASE_ID
    assert re.fullmatch(converter.regex, str(MAX_DATABASE_ID))
    with pytest.raises(ValueError):
        converter.to_python(str(MAX_DATABASE_ID + 1))
