"""The directory search page at /services/: what a family asks through the address, and
what the page answers.

Services are real published Wagtail pages, indexed through the configured backend's own
`index_services()` (whichever `get_backend()` returns: the page never knows). The page is
read as a browser would: the GET form's controls are serialised to build the next address
(`submit()`), so these tests also show that the page works without JavaScript.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from providers.enums import SchedulePeriod, Weekday
from providers.models import ServicePage
from search import views
from search.backends import get_backend
from search.backends.base import SearchQuery
from search.models import Postcode
from tests.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    NeedFactory,
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    site_tree,
)
from tests.search.conftest import ORIGIN, ServiceSpec, create_service, miles_north, one_off, weekly

pytestmark = pytest.mark.django_db

SEARCH = "/services/"
BULK_WORD = "kite"  # in the summary of every bulk service
FEW_WORD = "lantern"  # in the summary of five of them
BULK_COUNT = 20
FEW_COUNT = 5


@dataclass
class Directory:
    pages: dict[str, ServicePage]

    def __getitem__(self, title: str) -> ServicePage:
        return self.pages[title]


# --- the directory ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def directory(django_db_setup, django_db_blocker):
    """A small directory whose every answer is known, built once for the module and rolled
    back after it (publishing a Wagtail page takes a good part of a second)."""
    with django_db_blocker.unblock(), transaction.atomic():
        get_backend.cache_clear()
        yield build_directory()
        get_backend.cache_clear()
        transaction.set_rollback(True)


def build_directory() -> Directory:
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()), title="Northbridge Play Club"
    )
    leisure = CategoryFactory(name="Page leisure", slug="p-leisure")
    sport = CategoryFactory(name="Page sport", slug="p-sport", parent=leisure)
    arts = CategoryFactory(name="Page arts", slug="p-arts", parent=leisure)
    therapies = CategoryFactory(name="Page therapies", slug="p-therapies")
    speech = CategoryFactory(name="Page speech therapy", slug="p-speech", parent=therapies)
    autism = NeedFactory(name="Page autism", slug="p-autism")
    sensory = NeedFactory(name="Page sensory", slug="p-sensory")
    step_free = AccessibilityFeatureFactory(name="Page step-free", slug="p-step-free")
    quiet = AccessibilityFeatureFactory(name="Page quiet room", slug="p-quiet")
    Postcode.objects.create(
        postcode="NB1", is_district=True, latitude=ORIGIN.latitude, longitude=ORIGIN.longitude
    )
    Postcode.objects.create(
        postcode="NB1 4AA", latitude=ORIGIN.latitude, longitude=ORIGIN.longitude
    )
    next_saturday = timezone.localdate() + dt.timedelta(
        days=(5 - timezone.localdate().weekday()) % 7 or 7
    )

    specs = [
        ServiceSpec(
            title="Splash swim club",
            summary="Swim sessions in a warm pool.",
            categories=[sport],
            needs=[sensory],
            min_age_months=5 * 12,
            max_age_months=11 * 12,
            prices=[(Decimal("10.00"), True)],
            locations=[(*miles_north(0.5), [step_free, quiet])],
            schedules=[weekly(Weekday.SATURDAY, "10:00", "12:00", SchedulePeriod.ALL_YEAR)],
            last_reviewed=dt.date(2025, 3, 1),
        ),
        ServiceSpec(
            title="Speech therapy sessions",
            summary="Speech and language therapy with a qualified therapist.",
            categories=[speech],
            needs=[autism],
            min_age_months=2 * 12,
            max_age_months=18 * 12,
            prices=[(Decimal("40.00"), False)],
            locations=[(*miles_north(4), [])],
            schedules=[weekly(Weekday.TUESDAY, "16:00", "17:00")],
            online=True,
            last_reviewed=dt.date(2025, 6, 1),
        ),
        ServiceSpec(
            title="Art club",
            summary="Painting and clay for young artists.",
            categories=[arts],
            needs=[autism, sensory],
            min_age_months=8 * 12,
            max_age_months=16 * 12,
            prices=[(None, False)],
            locations=[(*miles_north(2), [step_free])],
            schedules=[weekly(Weekday.MONDAY, "16:00", "17:30")],
            last_reviewed=dt.date(2024, 1, 1),
        ),
        ServiceSpec(
            title="Family drop-in",
            summary="Advice for parents at home or by phone.",
            categories=[therapies],
            prices=[(None, False)],
            schedules=[one_off(next_saturday, "10:00", "12:00")],
            in_person=False,
            home_visit=True,
        ),
        ServiceSpec(
            title="Holiday sports camp",
            summary="Games and sport in the school holidays.",
            categories=[sport],
            min_age_months=8 * 12,
            max_age_months=14 * 12,
            prices=[(Decimal("25.00"), True), (Decimal("60.00"), False)],
            locations=[(*miles_north(8), [])],
            schedules=[weekly(Weekday.WEDNESDAY, "09:00", "15:00", SchedulePeriod.HOLIDAYS)],
        ),
        ServiceSpec(
            title="Teen music group",
            summary="Bands and singing for teenagers.",
            categories=[arts],
            min_age_months=13 * 12,
            max_age_months=19 * 12,
            prices=[(Decimal("12.00"), False)],
            locations=[(*miles_north(12), [])],
        ),
        ServiceSpec(title="Draft swim lessons", summary="Swim lessons.", live=False),
    ]
    specs += [
        ServiceSpec(
            title=f"Bulk club {number:02d}",
            summary=f"A {BULK_WORD} club{f' with a {FEW_WORD}' if number < FEW_COUNT else ''}.",
            categories=[leisure],
            prices=[(Decimal(str(5 + number)), number % 2 == 0)],
            locations=[(*miles_north(1 + number / 10), [])],
            schedules=[weekly(Weekday.THURSDAY, "16:00", "17:00")],
        )
        for number in range(BULK_COUNT)
    ]
    pages = {spec.title: create_service(organisation, spec) for spec in specs}
    get_backend().index_services([page.pk for page in pages.values()])
    return Directory(pages=pages)


# --- reading the page --------------------------------------------------------------------------


def page(client, url: str, status: int = 200) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return BeautifulSoup(response.content, "html.parser")


def text(element) -> str:
    return " ".join(element.get_text(" ").split()) if element is not None else ""


def titles(soup: BeautifulSoup) -> list[str]:
    return [text(link) for link in soup.select(".app-result h3 a")]


def total(soup: BeautifulSoup) -> int:
    """The number of results the heading announces ("12 services found", "No services")."""
    heading = text(soup.find(id="results-heading"))
    if heading.startswith("No services"):
        return 0
    match = re.match(r"(\d+) services? found", heading)
    assert match, heading
    return int(match.group(1))


def form_state(soup: BeautifulSoup) -> list[tuple[str, str]]:
    """What the browser would send for the search form as it stands: every control inside
    #search-form or tied to it with form="search-form" (ticked boxes only, chosen options)."""
    form = soup.find("form", id="search-form")
    assert form is not None and form["method"].lower() == "get"
    controls = form.select("input, select") + soup.select(
        'input[form="search-form"], select[form="search-form"]'
    )
    pairs = []
    for control in controls:
        name = control.get("name")
        if not name:
            continue
        if control.name == "select":
            chosen = control.find("option", selected=True) or control.find("option")
            pairs.append((name, chosen["value"]))
        elif control.get("type") in ("checkbox", "radio"):
            if control.has_attr("checked"):
                pairs.append((name, control["value"]))
        else:
            pairs.append((name, control.get("value", "")))
    return pairs


def submit(client, soup: BeautifulSoup, *, tick=(), untick=(), fill=None) -> BeautifulSoup:
    """Submit the search form as a browser without JavaScript would, after ticking the
    (name, value) boxes in `tick`, unticking every box named in `untick` and typing `fill`
    ({name: value}) into fields."""
    fill = fill or {}
    pairs = [
        (name, fill.get(name, value)) for name, value in form_state(soup) if name not in untick
    ]
    pairs += [pair for pair in tick if pair not in pairs]
    action = soup.find("form", id="search-form")["action"]
    return page(client, f"{action}?{urlencode(pairs)}")


def options(soup: BeautifulSoup) -> list[tuple[str, str, int, bool]]:
    """Every filter checkbox: (name, value, count shown, ticked)."""
    found = []
    for box in soup.select('input[type="checkbox"][form="search-form"]'):
        label = soup.find("label", attrs={"for": box["id"]})
        count = int(label.find(class_="app-count")["data-count"])
        found.append((box["name"], box["value"], count, box.has_attr("checked")))
    return found


def search_url(**params) -> str:
    pairs = []
    for name, value in params.items():
        for item in value if isinstance(value, (list, tuple)) else [value]:
            pairs.append((name, str(item)))
    return f"{SEARCH}?{urlencode(pairs)}"


# --- the page and its URLs ---------------------------------------------------------------------


def test_directory_home_is_the_search_page(client, directory):
    assert reverse("search:services") == SEARCH
    assert reverse("search:services") == SEARCH
    assert resolve(SEARCH).func is views.services

    soup = page(client, SEARCH)

    assert text(soup.find("h1")) == "Find services"
    form = soup.find("form", id="search-form")
    assert form["method"] == "get" and form["action"] == SEARCH
    assert {control["name"] for control in form.select("input, select")} >= {"q", "age", "postcode"}
    # Browsing stays: each top-level category links to its page.
    leisure = soup.find(id="category-p-leisure")
    assert leisure.find("a")["href"] == "/services/category/p-leisure/"


def test_an_empty_search_lists_every_published_service_a_to_z(client, directory):
    soup = page(client, f"{SEARCH}?q=")

    published = [title for title, p in directory.pages.items() if p.live]
    assert total(soup) == len(published)
    assert titles(soup) == sorted(published, key=str.casefold)[:20]
    assert "Draft swim lessons" not in text(soup)


def test_a_result_shows_what_a_family_needs_to_decide(client, directory):
    soup = page(client, search_url(q="splash", postcode="NB1"))

    (result,) = soup.select(".app-result")
    swim = directory["Splash swim club"]
    assert result.find("h3").find("a")["href"] == swim.url
    facts = text(result)
    assert "Run by Northbridge Play Club" in facts
    assert "Swim sessions in a warm pool." in facts
    assert "Ages: 5 to 11 years" in facts
    assert "Cost: £10 per session" in facts
    assert "Distance: 0.5 miles away" in facts
    assert "When: Saturdays, 10am to midday" in facts
    assert result.find(class_="govuk-tag", string="Direct payment")
    shortlist = result.find("form", action="/services/shortlist/add/")
    assert shortlist["method"] == "post"
    # No per-visitor token, so the card can sit on a cached page: the add view refuses
    # cross-site posts by their Origin and Sec-Fetch-Site headers (decision 11).
    assert shortlist.find("input", attrs={"name": "csrfmiddlewaretoken"}) is None
    assert shortlist.find("input", attrs={"name": "service"})["value"] == str(swim.pk)
    assert shortlist.find("input", attrs={"name": "next"})["value"] == search_url(
        q="splash", postcode="NB1"
    )


def test_the_next_one_off_date_comes_before_weekly_times(client, directory):
    soup = page(client, search_url(q="drop-in"))

    facts = text(soup.select_one(".app-result"))
    assert re.search(r"Next session: Saturday \d+ \w+ \d{4}, 10am to midday", facts)
    assert "Free" in facts
    assert "Distance" not in facts  # no postcode given


def test_prices_are_per_unit_free_or_from_the_cheapest(client, directory):
    soup = page(client, search_url(q="holiday sports camp"))
    assert "Cost: From £25 per session" in text(soup.select_one(".app-result"))
    soup = page(client, search_url(q="art club"))
    assert "Cost: Free" in text(soup.select_one(".app-result"))


# --- every filter through the URL ---------------------------------------------------------------

NOT_BULK = {"exclude": True}


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        # A top-level category includes its sub-categories.
        (
            {"category": "p-leisure"},
            {"Splash swim club", "Art club", "Holiday sports camp", "Teen music group"},
        ),
        ({"category": "p-sport"}, {"Splash swim club", "Holiday sports camp"}),
        (
            {"category": ["p-sport", "p-speech"]},
            {"Splash swim club", "Holiday sports camp", "Speech therapy sessions"},
        ),
        ({"need": "p-autism"}, {"Speech therapy sessions", "Art club"}),
        (
            {"need": ["p-autism", "p-sensory"]},
            {"Speech therapy sessions", "Art club", "Splash swim club"},
        ),
        # A child of 15 is 180 to 191 months old: overlaps 13-19, 8-16, 2-18 and 0-25.
        (
            {"age": "15"},
            {"Speech therapy sessions", "Art club", "Family drop-in", "Teen music group"},
        ),
        ({"postcode": "NB1", "radius": "3"}, {"Splash swim club", "Art club"}),
        (
            {"postcode": "nb1 4aa", "radius": "10"},
            {"Splash swim club", "Art club", "Speech therapy sessions", "Holiday sports camp"},
        ),
        ({"free": "1"}, {"Art club", "Family drop-in"}),
        (
            {"max_price": "12"},
            {"Splash swim club", "Art club", "Family drop-in", "Teen music group"},
        ),
        ({"direct_payment": "1"}, {"Splash swim club", "Holiday sports camp"}),
        ({"delivery": "online"}, {"Speech therapy sessions"}),
        ({"delivery": "home_visit"}, {"Family drop-in"}),
        ({"time": "after_school"}, {"Speech therapy sessions", "Art club"}),
        ({"time": "weekends"}, {"Splash swim club", "Family drop-in"}),
        ({"time": "holidays"}, {"Splash swim club", "Holiday sports camp"}),
        ({"access": "p-step-free"}, {"Splash swim club", "Art club"}),
        ({"access": ["p-step-free", "p-quiet"]}, {"Splash swim club"}),
        (
            {
                "q": "club",
                "need": "p-sensory",
                "age": "9",
                "postcode": "NB1",
                "radius": "5",
                "direct_payment": "1",
            },
            {"Splash swim club"},
        ),
    ],
)
def test_every_filter_through_the_url(client, directory, params, expected):
    # Bulk clubs are in "Page leisure" near NB1: leave them out of what is compared.
    soup = page(client, search_url(**params))

    bulk = {title for title in directory.pages if title.startswith("Bulk club")}
    shown = set(titles(soup)) | set(titles_on_every_page(client, soup))
    assert shown - bulk == expected
    assert total(soup) == len(shown)


def titles_on_every_page(client, soup: BeautifulSoup) -> list[str]:
    found = []
    while (link := soup.select_one(".govuk-pagination__next a")) is not None:
        soup = page(client, SEARCH + link["href"])
        found += titles(soup)
    return found


def test_chosen_filters_stay_chosen_in_the_form(client, directory):
    soup = page(
        client,
        search_url(
            q="club",
            need="p-autism",
            age="9",
            postcode="NB1",
            radius="10",
            free="1",
            max_price="12.50",
            time="after_school",
        ),
    )

    assert soup.find("input", id="q")["value"] == "club"
    assert soup.find("input", id="filter-need-p-autism").has_attr("checked")
    assert soup.find("input", id="filter-time-after_school").has_attr("checked")
    assert soup.find("input", id="filter-free").has_attr("checked")
    assert soup.find("input", id="age")["value"] == "9"
    assert soup.find("input", id="postcode")["value"] == "NB1"
    assert soup.find("input", id="max-price")["value"] == "12.50"
    assert soup.find("select", id="radius").find("option", selected=True)["value"] == "10"
    assert [text(li).rsplit(" Remove", 1)[0] for li in soup.select(".app-active-filters li")] == [
        "Words: ‘club’",
        "Need: Page autism",
        "Age: 9 years old",
        "Within 10 miles of NB1",
        "Free only",
        "Up to £12.50 per unit",
        "When: After school",
    ]


# --- facet counts -------------------------------------------------------------------------------


OR_FACETS = ("category", "need", "delivery", "time")


@pytest.mark.parametrize(
    "url",
    [
        search_url(q=""),
        search_url(q="", need=["p-autism", "p-sensory"], delivery="in_person"),
        search_url(q="club", category="p-leisure", time="after_school"),
        search_url(q="", postcode="NB1", radius="10", access="p-step-free"),
    ],
)
def test_the_count_beside_each_option_is_the_results_it_gives(client, directory, url):
    """The facet rule (search/backends/base.py): an option's count is the results with it
    chosen as well; options of one facet combine with OR, so for those the count is with
    that option instead of the others ticked in its facet."""
    soup = page(client, url)
    checked = 0
    for name, value, count, ticked in options(soup):
        if ticked:
            continue
        untick = [name] if name in OR_FACETS else []
        chosen = submit(client, soup, tick=[(name, value)], untick=untick)
        assert total(chosen) == count, f"{name}={value} shows {count}"
        checked += 1
    assert checked >= 8


def test_the_count_beside_each_distance_is_the_results_it_gives(client, directory):
    soup = page(client, search_url(q="", postcode="NB1", radius="25"))
    radius = soup.find("select", id="radius")
    shown = {}
    for option in radius.find_all("option"):
        shown[option["value"]] = int(re.search(r"\((\d+)\)", text(option)).group(1))
    assert set(shown) == {"1", "3", "5", "10", "25"}
    for miles, count in shown.items():
        assert total(submit(client, soup, fill={"radius": miles})) == count


def test_options_without_results_are_left_out_unless_chosen(client, directory):
    soup = page(client, search_url(q="", delivery="online", need="p-sensory"))

    shown = {(name, value) for name, value, _, _ in options(soup)}
    # No online service supports sensory needs, but the chosen option stays to be unticked.
    assert ("delivery", "online") in shown
    assert ("delivery", "home_visit") not in shown
    assert total(soup) == 0


# --- sorting and pages ---------------------------------------------------------------------------


def test_sort_by_distance_is_offered_only_with_a_postcode(client, directory):
    soup = page(client, search_url(q=""))
    assert "distance" not in {o["value"] for o in soup.find(id="sort").find_all("option")}
    # Asked for anyway, it falls back to the usual order.
    assert titles(page(client, search_url(q="", sort="distance"))) == titles(soup)

    soup = page(client, search_url(q="", postcode="NB1", radius="25", sort="distance"))
    assert soup.find(id="sort").find("option", selected=True)["value"] == "distance"
    distances = [
        float(re.search(r"([\d.]+) miles? away", text(r)).group(1))
        for r in soup.select(".app-result")
    ]
    assert distances == sorted(distances) and distances[0] == 0.5


def test_sort_by_price_and_by_recently_reviewed(client, directory):
    soup = page(client, search_url(q="", sort="price", category="p-leisure"))
    assert titles(soup)[:2] == ["Art club", "Bulk club 00"]
    assert "Cost: Free" in text(soup.select_one(".app-result"))

    soup = page(client, search_url(q="", sort="reviewed", category=["p-therapies", "p-sport"]))
    assert titles(soup)[:2] == ["Speech therapy sessions", "Splash swim club"]


def test_pagination_keeps_every_other_parameter(client, directory):
    url = search_url(q="", delivery="in_person", sort="price", max_price="100")
    soup = page(client, url)
    assert total(soup) > 20

    next_link = soup.select_one(".govuk-pagination__next a")["href"]
    assert dict(parse_qsl(urlsplit(next_link).query)) == {
        "delivery": "in_person",
        "max_price": "100",
        "sort": "price",
        "page": "2",
    }
    second = page(client, SEARCH + next_link)
    assert len(titles(second)) == total(soup) - 20
    assert not set(titles(second)) & set(titles(soup))
    previous = second.select_one(".govuk-pagination__prev a")["href"]
    assert dict(parse_qsl(urlsplit(previous).query)) == {
        "delivery": "in_person",
        "max_price": "100",
        "sort": "price",
    }
    assert second.select_one(".govuk-pagination__item--current a")["aria-label"] == "Page 2"


def test_results_page_queries_do_not_grow_with_the_number_of_results(client, directory):
    def queries(url: str, expected_results: int) -> int:
        with CaptureQueriesContext(connection) as captured:
            soup = page(client, url)
        assert len(titles(soup)) == expected_results
        return len(captured.captured_queries)

    page(client, search_url(q=FEW_WORD))  # warm the caches both requests share
    few = queries(search_url(q=FEW_WORD, postcode="NB1", radius="25"), FEW_COUNT)
    many = queries(search_url(q=BULK_WORD, postcode="NB1", radius="25"), BULK_COUNT)
    assert few == many


def test_unpublished_services_never_appear_even_before_the_index_catches_up(client, directory):
    swim = directory["Splash swim club"]
    # Unpublish behind the index's back, as if the index task had not run yet.
    ServicePage.objects.filter(pk=swim.pk).update(live=False)

    soup = page(client, search_url(q="splash swim"))

    assert "Splash swim club" not in titles(soup)


# --- bad parameters ------------------------------------------------------------------------------


def test_unknown_category_and_need_are_ignored_with_a_message(client, directory):
    soup = page(client, search_url(q="", category=["p-sport", "xyz"], need="<b>nope</b>"))

    notice = text(soup.find(class_="govuk-notification-banner"))
    assert "We could not use the filter ‘xyz’" in notice
    assert "We could not use the filter ‘<b>nope</b>’" in notice
    assert "<b>nope</b>" not in soup.find(class_="govuk-notification-banner").decode_contents()
    assert set(titles(soup)) == {"Splash swim club", "Holiday sports camp"}


@pytest.mark.parametrize(
    ("age", "message"),
    [
        ("-3", "Enter an age from 0 to 25 years"),
        ("300", "Enter an age from 0 to 25 years"),
        ("99999999999", "Enter the child’s age in years as a number, like 7"),
        ("seven", "Enter the child’s age in years as a number, like 7"),
    ],
)
def test_a_bad_age_is_an_error_on_the_field_and_the_search_still_runs(
    client, directory, age, message
):
    soup = page(client, search_url(q="club", age=age))

    summary = soup.find(class_="govuk-error-summary")
    assert summary.find("a", href="#age", string=message)
    group = soup.find("input", id="age").find_parent(class_="govuk-form-group")
    assert "govuk-form-group--error" in group["class"]
    assert message in text(group.find(class_="govuk-error-message"))
    assert soup.find("input", id="age")["value"] == age  # what was typed is kept
    assert soup.title.string.startswith("Error:")
    assert total(soup) == total(page(client, search_url(q="club")))


def test_a_page_past_the_end_says_no_more_results(client, directory):
    soup = page(client, search_url(q="", page="9999", need="p-autism"))

    assert text(soup.find(id="results-heading")) == "No more results"
    links = {text(a): a["href"] for a in soup.select("#results a")}
    assert links["Go to the first page"] == "?need=p-autism"
    first = page(client, search_url(q="", need="p-autism"))
    assert total(first) == 2

    soup = page(client, search_url(q="", page="9999"))
    last = {text(a): a["href"] for a in soup.select("#results a")}["Go to the last page (page 2)"]
    assert titles(page(client, SEARCH + last))


@pytest.mark.parametrize("value", ["0", "-1", "abc", "1.5", "99999999999999999999", "²"])
def test_a_page_that_is_not_a_page_number_answers_cleanly(client, directory, value):
    soup = page(client, search_url(q="", page=value))
    assert titles(soup) or text(soup.find(id="results-heading")) == "No more results"


@pytest.mark.parametrize(
    ("radius", "snapped"),
    [("7", "5"), ("2", "3"), ("1000", "25"), ("0", "1"), ("-4", "1"), ("far", "5"), ("nan", "5")],
)
def test_a_radius_not_offered_snaps_to_the_nearest(client, directory, radius, snapped):
    soup = page(client, search_url(q="", postcode="NB1", radius=radius))

    assert soup.find(id="radius").find("option", selected=True)["value"] == snapped
    expected = page(client, search_url(q="", postcode="NB1", radius=snapped))
    assert total(soup) == total(expected)


@pytest.mark.parametrize(
    ("postcode", "message"),
    [
        ("NOT A POSTCODE", "Enter a real postcode, like NB1 4AA or NB1"),
        ("NB7 9ZZ", "We could not find NB7 9ZZ. Check it, or try the first part only, like NB7"),
        ("<script>x</script>", "Enter a real postcode, like NB1 4AA or NB1"),
    ],
)
def test_a_bad_postcode_is_an_error_and_the_search_runs_without_distance(
    client, directory, postcode, message
):
    soup = page(client, search_url(q="club", postcode=postcode, radius="1", sort="distance"))

    summary = soup.find(class_="govuk-error-summary")
    assert summary.find("a", href="#postcode", string=message)
    assert message in text(soup.find(id="postcode-error"))
    assert soup.find("input", id="postcode")["value"] == postcode
    # No distance filter, no distance sort, no distances.
    assert total(soup) == total(page(client, search_url(q="club")))
    assert "miles away" not in text(soup.find(id="results"))
    assert "distance" not in {o["value"] for o in soup.find(id="sort").find_all("option")}


def test_a_bad_price_is_an_error_on_the_field(client, directory):
    soup = page(client, search_url(q="", max_price="lots"))
    assert soup.find(class_="govuk-error-summary").find("a", href="#max-price")
    assert total(soup) == total(page(client, search_url(q="")))


def test_a_very_long_query_is_trimmed(client, directory):
    soup = page(client, search_url(q="swim " * 100))

    assert len(soup.find("input", id="q")["value"]) <= 200
    assert "we used the first 200 characters" in text(soup.find(class_="govuk-notification-banner"))


def test_script_in_the_query_is_shown_escaped(client, directory):
    response = client.get(search_url(q='<script>alert("x")</script>'))

    assert response.status_code == 200
    body = response.content.decode()
    assert '<script>alert("x")</script>' not in body
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in body


def test_unknown_sort_and_parameters_are_ignored(client, directory):
    soup = page(
        client, search_url(q="", sort="cheapest", delivery="by-owl", time="midnight", colour="red")
    )
    assert total(soup) == total(page(client, search_url(q="")))
    notice = text(soup.find(class_="govuk-notification-banner"))
    assert "‘by-owl’" in notice and "‘midnight’" in notice


# --- zero results and corrected spelling ---------------------------------------------------


def test_zero_results_say_what_to_try_and_which_filter_to_remove(client, directory):
    url = search_url(q="club", need="p-autism", free="1", age="20")
    soup = page(client, url)

    assert total(soup) == 0
    help_text = text(soup.find(id="results"))
    assert "check the spelling" in help_text
    assert "use fewer words" in help_text
    assert soup.find("a", href="/services/#browse")
    removals = soup.select(".app-relaxations li")
    assert [text(li).split(":")[0] for li in removals] == [
        "Words",
        "Need",
        "Age",
        "Free only",
    ]
    for item in removals:
        link = item.find("a")
        assert text(link).startswith("remove this filter")
        count = int(item.find(class_="app-relaxation-count")["data-count"])
        assert total(page(client, SEARCH + link["href"])) == count
    assert any(int(li.find(class_="app-relaxation-count")["data-count"]) > 0 for li in removals)


def test_a_misspelt_word_shows_the_corrected_query(client, directory):
    corrected = get_backend().search(SearchQuery(text="splahs")).corrected_text
    assert corrected, "the backend should correct small typos"

    soup = page(client, search_url(q="splahs"))

    note = " ".join(soup.find(id="results").find("p").get_text().split())
    assert note == f"We found nothing for ‘splahs’, so these are the results for ‘{corrected}’."
    assert "Splash swim club" in titles(soup)
    # The box keeps what was typed, so it can be corrected by hand too.
    assert soup.find("input", id="q")["value"] == "splahs"


# --- links into the search -----------------------------------------------------------------


def test_a_category_page_links_to_the_search_with_that_category_chosen(client, directory):
    soup = page(client, "/services/category/p-sport/")

    link = soup.find("a", href="/services/?category=p-sport")
    assert link is not None
    results = page(client, link["href"])
    assert results.find("input", id="filter-category-p-sport").has_attr("checked")
    assert set(titles(results)) == {"Splash swim club", "Holiday sports camp"}


@pytest.mark.parametrize(
    "params",
    [
        {"q": "splash\x00swim"},
        {"q": "", "postcode": "NB1\x00", "age": "7\x00", "category": "p-sport\x00"},
        {"q": "", "max_price": "9" * 500},
        {"q": "", "need": [f"n{number}" for number in range(200)]},
        {"q": "%", "category": "%", "sort": "%"},
    ],
)
def test_hand_made_addresses_answer_cleanly(client, directory, params):
    soup = page(client, search_url(**params))
    assert soup.find(id="results-heading") is not None
