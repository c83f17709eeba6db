"""Fixtures for the page cache: a site with a page of each public type, cache turned on."""

import pytest
from django.urls import reverse

from localoffer.feedback.models import YouSaidWeDidPage
from tests.factories import InformationPageFactory, SectionPageFactory


@pytest.fixture(autouse=True)
def page_cache(settings):
    """The test settings turn the page cache off; these tests are about it."""
    settings.PAGE_CACHE_SECONDS = 600
    settings.FEEDBACK_MIN_SECONDS = 0


@pytest.fixture
def section(home):
    return SectionPageFactory(parent=home, title="Education", slug="education", show_in_menus=True)


@pytest.fixture
def information_page(section):
    return InformationPageFactory(parent=section, title="Early years", slug="early-years")


@pytest.fixture
def you_said_we_did(home):
    page = YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did", intro="Replies.")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def public_pages(home, section, information_page, organisation, service, you_said_we_did):
    """The path of a page of each public type."""
    category = service.categories.first()
    return {
        "home": home.url,
        "section": section.url,
        "information page": information_page.url,
        "organisations": organisation.get_parent().url,
        "organisation": organisation.url,
        "listing": service.url,
        "category": reverse("providers:category", args=[category.slug]),
        "you said, we did": you_said_we_did.url,
    }
