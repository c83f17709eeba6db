"""Script typed into a listing stays text wherever the listing is shown.

Providers write listings in the Wagtail admin; families read them on the public site,
in search results and on the organisation's page; other directories read them through
the Open Referral UK API; moderators read them in the admin. A provider's account may be
taken over, so each field is tried with markup a browser would run, typed the way the
admin editor sends it: plain text fields as typed, rich text as Draftail's content state.
Plain text must come out escaped (shown as typed, never run); rich text keeps only its
allowed formatting, with text escaped and script links dropped.
"""

import json

import pytest
from allauth.mfa.models import Authenticator
from bs4 import BeautifulSoup
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from providers.models import ServicePage
from tests.admin_forms import content_state, form_data
from tests.factories import (
    ServiceContactFactory,
    ServiceLocationFactory,
    ServiceScheduleFactory,
)

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(2)>"
PAYLOAD = f"{SCRIPT}{IMG}"
JAVASCRIPT_URL = "javascript:alert(3)"

# Plain text fields of the listing and its rows, as the admin form names them.
PLAIN_TEXT = {
    "title": f"Sensory club {PAYLOAD}",
    "summary": f"Messy play {PAYLOAD}",
    "eligibility": f"Anyone {PAYLOAD}",
    "languages": f"Polish {PAYLOAD}",
    "send_adjustments": f"Quiet room {PAYLOAD}",
    "seo_title": f"Club {PAYLOAD}",
    "search_description": f"Club for all {PAYLOAD}",
    "cost_options-0-label": f"Session {PAYLOAD}",
    "locations-0-name": f"Hall {PAYLOAD}",
    "locations-0-address_line_2": f"Back door {PAYLOAD}",
    "locations-0-accessibility_notes": f"Ramp {PAYLOAD}",
    "schedules-0-notes": f"Bring a snack {PAYLOAD}",
    "contacts-0-name": f"Sam {PAYLOAD}",
    "contacts-0-role": f"Leader {PAYLOAD}",
}
# What families see of each field on the listing (the SEO title and search description
# are in the page's head, checked separately).
SHOWN_ON_THE_LISTING = [
    value for name, value in PLAIN_TEXT.items() if name not in ("seo_title", "search_description")
]


RICH_TEXT = {
    "description": content_state(f"Click here {PAYLOAD}", link_url=JAVASCRIPT_URL),
    "how_to_access": content_state(
        f"Phone us {PAYLOAD}", link_url='https://example.org/" onmouseover="alert(4)'
    ),
}


def executable_markup(html: str) -> list[str]:
    """Markup from the payloads that a browser would run: should always be empty."""
    soup = BeautifulSoup(html, "html.parser")
    found = []
    for element in soup.find_all(True):
        if element.name == "script" and "alert(" in (element.string or ""):
            found.append(str(element))
        if element.name == "img" and element.get("src") == "x":
            found.append(str(element))
        for attribute, value in element.attrs.items():
            text = " ".join(value) if isinstance(value, list) else value
            if attribute.startswith("on") and "alert(" in text:
                found.append(str(element)[:200])
            if attribute in ("href", "src", "action", "formaction") and "".join(
                text.split()
            ).lower().startswith("javascript:"):
                found.append(str(element)[:200])
    return found


def visible_text(html: str) -> str:
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup.find_all(["script", "style", "template"]):
        hidden.decompose()
    return soup.get_text()


@pytest.fixture
def listing(service, users_by_role, django_capture_on_commit_callbacks):
    """The published service with one of each row, edited by its provider in the admin
    with script in every text field, and published as a moderator's approval does."""
    ServiceLocationFactory(service=service)
    ServiceScheduleFactory(service=service)
    ServiceContactFactory(service=service)
    service.save_revision().publish()

    provider = Client()
    provider.force_login(users_by_role["provider"])
    edit_url = reverse("wagtailadmin_pages:edit", args=[service.pk])
    data = form_data(provider.get(edit_url).content.decode())
    for name, value in {**PLAIN_TEXT, **RICH_TEXT}.items():
        assert name in data, f"the edit form has no field {name}"
        data[name] = [value]
    response = provider.post(edit_url, data)
    assert response.status_code == 302, response.context and response.context["form"].errors

    page = Page.objects.get(pk=service.pk).specific
    # As providers.moderation.services does on approval (moderators have no Wagtail publish
    # permission); the search index is brought up to date once the publishing commits.
    with django_capture_on_commit_callbacks(execute=True):
        page.get_latest_revision().publish(
            user=users_by_role["moderator"], skip_permission_checks=True
        )
    return ServicePage.objects.get(pk=service.pk)


def test_the_provider_saved_exactly_what_was_typed(listing):
    assert listing.title == PLAIN_TEXT["title"]
    assert listing.contacts.get().name == PLAIN_TEXT["contacts-0-name"]
    # Rich text keeps the words as text and drops the link to script entirely.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in listing.description
    assert "<script" not in listing.description
    # The link to script lost its address; the other kept its (escaped) address only.
    links = BeautifulSoup(listing.description, "html.parser").find_all("a")
    assert [link.attrs for link in links] == [{}]
    links = BeautifulSoup(listing.how_to_access, "html.parser").find_all("a")
    assert [list(link.attrs) for link in links] == [["href"]]


def test_the_public_listing_shows_script_as_text(client, listing):
    response = client.get(listing.url)
    assert response.status_code == 200
    html = response.content.decode()

    assert executable_markup(html) == []
    text = visible_text(html)
    for value in SHOWN_ON_THE_LISTING:
        assert value in text, f"{value!r} is not shown as typed"
    assert f"Click here {PAYLOAD}" in text  # the rich text's words, as words
    soup = BeautifulSoup(html, "html.parser")
    assert soup.title.string.startswith(PLAIN_TEXT["seo_title"])
    description = soup.find("meta", attrs={"name": "description"})
    assert description["content"] == PLAIN_TEXT["search_description"]


def test_search_results_show_script_as_text(client, listing):
    response = client.get(reverse("search:services"), {"q": "sensory"})
    html = response.content.decode()

    assert executable_markup(html) == []
    text = visible_text(html)
    assert PLAIN_TEXT["title"] in text
    assert PLAIN_TEXT["summary"] in text


def test_the_organisation_page_shows_script_as_text(client, listing, organisation):
    html = client.get(organisation.url).content.decode()

    assert executable_markup(html) == []
    text = visible_text(html)
    assert PLAIN_TEXT["title"] in text
    assert PLAIN_TEXT["summary"] in text


def test_the_open_referral_api_gives_script_as_plain_data(client, listing):
    response = client.get("/api/oruk/services", {"full": "true"})

    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"  # never sniffed as a page
    (service,) = response.json()["contents"]
    assert service["name"] == PLAIN_TEXT["title"]
    # Rich text becomes plain text: its markup stripped, the words as the provider typed.
    assert f"Click here {PAYLOAD}" in service["description"]
    assert "<p" not in service["description"] and "<a" not in service["description"]
    assert "javascript:" not in json.dumps(service)
    assert PLAIN_TEXT["contacts-0-name"] in json.dumps(service, ensure_ascii=False)


def test_moderators_see_script_as_text_in_the_admin(listing, organisation, users_by_role):
    moderator = users_by_role["moderator"]
    # Council staff use the admin with an authenticator app (localoffer.accounts).
    Authenticator.objects.get_or_create(
        user=moderator, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
    )
    client = Client()
    client.force_login(moderator)
    for url in (
        reverse("wagtailadmin_explore", args=[organisation.pk]),
        reverse("wagtailadmin_pages:edit", args=[listing.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert executable_markup(html) == [], url
        assert PLAIN_TEXT["title"] in visible_text(html), url
