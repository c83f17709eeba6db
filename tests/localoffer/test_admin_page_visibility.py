"""What the admin tells a provider about pages, pictures and files outside their reach.

Written as the requests that showed each leak: the page chooser opened at another
organisation's page, the chooser's "chosen" answer for any ids, the explorer's heading,
and the admin API's lists of images and pages.
"""

import json
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from wagtail.images.models import Image
from wagtail.models import Collection

from providers.organisations.access import grant_organisation_access, organisation_collection
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory

pytestmark = pytest.mark.django_db

PAGE_KWARGS = {"page_id", "parent_page_id", "page_to_move_id", "destination_id"}
CONVERTER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


def admin_routes_with_a_page_id() -> list[tuple[str, set[str]]]:
    """Every admin route whose URL names a page, as (route, keyword names)."""
    found = []

    def walk(patterns, prefix: str, namespaces: tuple[str, ...]) -> None:
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route, (*namespaces, pattern.namespace or ""))
            elif isinstance(pattern, URLPattern) and route.startswith("admin/"):
                names = {m["name"] for m in CONVERTER.finditer(route)}
                in_pages = "wagtailadmin_pages" in namespaces and "pk" in names
                if names & PAGE_KWARGS or in_pages:
                    found.append((route, names))

    walk(get_resolver().url_patterns, "", ())
    return found


def fill(route: str, page_id: int, other: int) -> str:
    def value(match: re.Match) -> str:
        name = match["name"]
        if name in PAGE_KWARGS or name == "pk":
            return str(page_id)
        if match["converter"] in ("str", "slug", None):
            return {"action_name": "approve", "action": "delete"}.get(name, "x")
        return str(other)

    return "/" + CONVERTER.sub(value, route)


@pytest.fixture
def two_organisation_provider(organisation, organisation_index):
    """A provider in two organisations: the explorer starts at the organisation index."""
    second = OrganisationPageFactory(parent=organisation_index, title="Second Club", verified=True)
    person = UserFactory(email="two@clubs.example.org")
    grant_organisation_access(organisation=organisation, user=person, admin=True)
    grant_organisation_access(organisation=second, user=person, admin=True)
    return person


@pytest.fixture
def hidden(organisation_index):
    """Another organisation's unpublished pages: a pending registration and a draft."""
    pending = OrganisationPageFactory(
        parent=organisation_index, title="Harbour Lane Theatre", draft=True
    )
    draft = ServicePageFactory(parent=pending, title="Drama for teenagers", draft=True)
    return [pending, draft]


def tells_nothing(response, page) -> bool:
    if response.status_code in (403, 404):
        return True
    if response.status_code == 302:
        return True
    text = response.content.decode(errors="replace")
    return page.title not in text and page.url_path not in text and f"/{page.slug}/" not in text


def test_the_admin_has_routes_with_page_ids_to_try():
    routes = {route for route, _ in admin_routes_with_a_page_id()}
    assert "admin/choose-page/<int:parent_page_id>/" in routes
    assert "admin/pages/<int:parent_page_id>/" in routes
    assert "admin/pages/<int:page_id>/edit/" in routes
    assert len(routes) > 25


def test_no_admin_view_with_a_page_id_tells_a_provider_about_others_unpublished_pages(
    client, two_organisation_provider, hidden
):
    client.force_login(two_organisation_provider)
    for page in hidden:
        for route, _names in admin_routes_with_a_page_id():
            url = fill(route, page.pk, other=1)
            for response in (client.get(url), client.post(url, {})):
                assert tells_nothing(response, page), f"{url} told about {page.title}"


def test_the_chooser_opened_at_another_organisations_draft_says_nothing(
    client_for, hidden, organisation_index
):
    client = client_for("provider")
    for page in hidden:
        assert client.get(f"/admin/choose-page/{page.pk}/").status_code == 404
    # The chooser still opens at the organisation index, listing live organisations only.
    text = client.get(f"/admin/choose-page/{organisation_index.pk}/").content.decode()
    assert "Northbridge Play Club" in text and "Harbour Lane Theatre" not in text


def test_chosen_multiple_names_no_page_the_provider_may_not_see(client_for, hidden, service):
    client = client_for("provider")
    ids = "&".join(f"id={page.pk}" for page in hidden)
    response = client.get(f"/admin/choose-page/chosen-multiple/?{ids}&id={service.pk}")
    assert response.status_code == 404
    assert "Drama for teenagers" not in response.content.decode()
    # Its own pages are still chosen as before.
    response = client.get(f"/admin/choose-page/chosen-multiple/?id={service.pk}")
    assert json.loads(response.content)["result"][0]["adminTitle"] == "Saturday sensory club"


def test_the_explorer_heading_names_no_other_organisations_draft(
    client, two_organisation_provider, hidden
):
    client.force_login(two_organisation_provider)
    for page in hidden:
        response = client.get(f"/admin/pages/{page.pk}/")
        assert tells_nothing(response, page)
    text = client.get(f"/admin/pages/{hidden[0].get_parent().pk}/").content.decode()
    assert "Harbour Lane Theatre" not in text
    assert "Second Club" in text


def test_the_admin_page_api_lists_no_other_organisations_drafts(
    client, two_organisation_provider, hidden
):
    client.force_login(two_organisation_provider)
    index = hidden[0].get_parent()
    response = client.get(f"/admin/api/main/pages/?child_of={index.pk}&fields=title")
    titles = {item["title"] for item in response.json()["items"]}
    assert "Harbour Lane Theatre" not in titles and "Second Club" in titles
    assert client.get(f"/admin/api/main/pages/{hidden[1].pk}/").status_code == 404


def test_the_image_api_lists_only_the_collections_each_person_may_use(
    client_for, users_by_role, organisation, organisation_index
):
    other = OrganisationPageFactory(parent=organisation_index, title="Other Club", verified=True)
    grant_organisation_access(organisation=other, user=UserFactory(), admin=True)
    own = Image.objects.create(
        title="Our minibus",
        file="own.png",
        width=1,
        height=1,
        collection=organisation_collection(organisation),
    )
    theirs = Image.objects.create(
        title="Their hall",
        file="theirs.png",
        width=1,
        height=1,
        collection=organisation_collection(other),
    )
    council = Image.objects.create(
        title="Council banner",
        file="banner.png",
        width=1,
        height=1,
        collection=Collection.get_first_root_node(),
    )

    def titles(role):
        response = client_for(role).get("/admin/api/main/images/")
        assert response.status_code == 200, role
        return {item["title"] for item in response.json()["items"]}

    assert titles("provider") == {own.title}
    assert titles("finance_officer") == set()
    assert {own.title, theirs.title, council.title} <= titles("content_editor")
    assert {own.title, theirs.title, council.title} <= titles("moderator")
