"""What people type into a search box never becomes a server error.

Found by trying the site from outside: `/search/?q=%22`, `/search/?q=a%00b` and the page
chooser's search answered 500 on SQLite, because Wagtail's database backend passed the
text to FTS5 unescaped (a double quote opened a string that never closed; a NUL ended the
text in the middle of one). Every search box is tried here with quote, NUL, FTS5 syntax
and an unbalanced quote, on whichever database the suite runs on, as the person who can
see the most (a superuser), with something in each index for the query to reach.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.snippets.models import get_snippet_models

from search.backends import get_backend
from tests.factories import DocumentFactory, ImageFactory, InformationPageFactory, UserFactory

# Every search here reads Wagtail's search index.
pytestmark = [pytest.mark.django_db, pytest.mark.wagtail_indexes]

HOSTILE = ['"', "a\x00b", "*", "(", "NEAR", "-", '"sensory club']


@pytest.fixture
def content(home, service):
    """Something in every index a search box reads, with "sensory" in it."""
    InformationPageFactory(parent=home, title="Sensory play guide")
    ImageFactory(title="Sensory room")
    DocumentFactory(title="Sensory leaflet")
    UserFactory(email="sensory@example.org", first_name="Sensory")
    get_backend().index_services([service.pk])
    return service


def search_boxes(home) -> list[str]:
    """Every search box of the site and its admin, as the address its form sends to."""
    boxes = [
        "/search/",
        "/services/",
        "/admin/pages/search/",
        f"/admin/pages/{home.pk}/",
        "/admin/choose-page/",
        "/admin/choose-page/search/",
        "/admin/images/",
        "/admin/images/chooser/",
        "/admin/documents/",
        "/admin/documents/chooser/",
        "/admin/users/",
    ]
    for model in get_snippet_models():
        boxes.append(reverse(model.snippet_viewset.get_url_name("list")))
    return boxes


def test_every_search_box_answers_whatever_is_typed(content, home, client_for):
    superuser = client_for("superuser")
    failed = [
        (address, text, response.status_code)
        for address in search_boxes(home)
        for text in HOSTILE
        if (response := superuser.get(address, {"q": text})).status_code != 200
    ]
    assert failed == []


@pytest.mark.parametrize("text", ['"sensory', 'sensory"', "sensory\x00", "sensory *", "(sensory"])
def test_the_words_around_the_punctuation_are_still_found(content, text):
    """A stray quote or symbol is ignored: the words typed with it are still searched for."""
    response = Client().get("/search/", {"q": text})
    assert response.status_code == 200
    assert "Sensory play guide" in response.content.decode()


def test_a_quote_in_the_page_chooser_finds_the_page(content, client_for):
    response = client_for("superuser").get("/admin/choose-page/search/", {"q": '"saturday'})
    assert response.status_code == 200
    assert "Saturday sensory club" in response.content.decode()


def test_a_picture_is_found_by_the_word_after_a_quote(content, client_for):
    response = client_for("superuser").get("/admin/images/", {"q": '"sensory'})
    assert response.status_code == 200
    assert "Sensory room" in response.content.decode()


def test_only_punctuation_finds_nothing(content):
    response = Client().get("/search/", {"q": '"'})
    assert response.status_code == 200
    assert "Sensory play guide" not in response.content.decode()


def test_the_directory_search_finds_the_service_after_a_quote(content):
    response = Client().get("/services/", {"q": '"sensory'})
    assert response.status_code == 200
    assert "Saturday sensory club" in response.content.decode()
