"""A listing's details are kept as fragments for the visitors the page cache never serves.

A signed-in family's every request renders the listing; what in it is the same for every
visitor comes from two fragments ({% pagefragment %}) kept under the page's purge tokens.
These tests check that the fragments are used, that the visitor's own parts are not in
them, and that each change that purges the page shows to a signed-in visitor at once.
"""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from providers.models import Category
from providers.moderation.freshness.models import FLAG_AFTER_MISSED, ListingFreshness
from providers.moderation.services import approve_submission
from tests.pricing.factories import BookableOfferFactory
from tests.providers.moderation.support import edit_draft, make_cycle, submit

pytestmark = pytest.mark.django_db

DETAIL_TABLES = ("providers_costoption", "providers_servicelocation", "providers_need")


@pytest.fixture(autouse=True)
def fragments(settings):
    settings.PAGE_FRAGMENT_SECONDS = 600


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def family(client_for):
    return client_for("family")


def _read(client, path: str) -> tuple[str, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return response.content.decode(), [query["sql"] for query in captured]


def _main(html: str) -> str:
    """The page's main content, without CSRF tokens (masked afresh for every response)."""
    main = html[html.index("<main") : html.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", main)


def _reads_details(queries: list[str]) -> bool:
    return any(table in sql for sql in queries for table in DETAIL_TABLES)


def test_a_signed_in_visitor_is_shown_the_details_from_their_fragments(family, service):
    first, first_queries = _read(family, service.url)
    again, again_queries = _read(family, service.url)

    assert _reads_details(first_queries)
    assert not _reads_details(again_queries)
    assert _main(again) == _main(first)
    assert "Saturday sensory club" in again and "Northbridge Play Club" in again


def test_without_fragments_every_render_reads_the_details(settings, family, service):
    settings.PAGE_FRAGMENT_SECONDS = 0
    _read(family, service.url)
    _, queries = _read(family, service.url)
    assert _reads_details(queries)


def test_the_shortlist_button_stays_each_visitors_own(client_for, family, service):
    other = client_for("provider")
    _read(other, service.url)  # the fragments are stored by someone else's render
    family.post(reverse("search:shortlist_add"), {"service": service.pk, "next": service.url})

    mine, _ = _read(family, service.url)
    theirs, _ = _read(other, service.url)

    assert "On your shortlist" in mine and "Remove from shortlist" in mine
    assert "On your shortlist" not in theirs and "Add to shortlist" in theirs
    # The sign-out form's CSRF token is the visitor's own too: outside the fragments.
    assert mine.count('name="csrfmiddlewaretoken"') >= 2


def test_a_preview_shows_the_draft_not_the_kept_fragments(family, service):
    _read(family, service.url)
    draft = Page.objects.get(pk=service.pk).specific
    draft.summary = "A draft summary nobody has published."
    draft.save_revision()

    preview = draft.make_preview_request()

    assert "A draft summary nobody has published." in preview.content.decode()
    assert "A draft summary nobody has published." not in _read(family, service.url)[0]


def _publish_a_new_title(service, organisation, users_by_role):
    draft = Page.objects.get(pk=service.pk).specific
    draft.title = "Sunday sensory club"
    draft.save_revision().publish()
    return "Sunday sensory club"


def _rename_the_organisation(service, organisation, users_by_role):
    draft = Page.objects.get(pk=organisation.pk).specific
    draft.title = "Northbridge Play and Learn"
    draft.save_revision().publish()
    return "Northbridge Play and Learn"


def _flag_it_out_of_date(service, organisation, users_by_role):
    record, _ = ListingFreshness.objects.get_or_create(page_id=service.pk)
    record.missed_cycles = FLAG_AFTER_MISSED
    record.flagged_at = timezone.now()
    record.save(update_fields=["missed_cycles", "flagged_at"])
    return 'id="may-be-out-of-date"'


def _rename_its_category(service, organisation, users_by_role):
    category = Category.objects.get(pk=service.categories.first().pk)
    category.name = "Clubs after school"
    category.save()
    return "Clubs after school"


def _make_it_bookable(service, organisation, users_by_role):
    BookableOfferFactory(service=service)
    return "Book a place"


CHANGES = {
    "publish": _publish_a_new_title,
    "organisation": _rename_the_organisation,
    "out of date": _flag_it_out_of_date,
    "category": _rename_its_category,
    "bookable": _make_it_bookable,
}


@pytest.mark.parametrize("page_cache_seconds", [600, 0], ids=["page cache on", "fragments only"])
@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_change_that_purges_the_listing_shows_to_a_signed_in_visitor(
    settings, family, service, organisation, users_by_role, commit, change, page_cache_seconds
):
    settings.PAGE_CACHE_SECONDS = page_cache_seconds
    _read(family, service.url)
    with commit():
        shown = change(service, organisation, users_by_role)
    page = Page.objects.get(pk=service.pk)
    assert shown in _main(_read(family, page.url)[0])


def test_a_moderation_decision_shows_to_a_signed_in_visitor(family, service, users_by_role, commit):
    moderator, provider = users_by_role["moderator"], users_by_role["provider"]
    make_cycle(moderator)
    page, _ = edit_draft(service, provider, summary="Now on Sundays too.")
    submission = submit(page, provider, note="Sundays.")
    assert "Now on Sundays too." not in _read(family, service.url)[0]
    with commit():
        approve_submission(submission=submission, user=moderator)
    assert "Now on Sundays too." in _main(_read(family, service.url)[0])


def test_the_breadcrumbs_of_any_page_are_kept_too(family, information_page):
    first, first_queries = _read(family, information_page.url)
    again, again_queries = _read(family, information_page.url)

    def breadcrumbs(html: str) -> str:
        return html[
            html.index('<nav class="govuk-breadcrumbs') : html.index(
                "</nav>", html.index('<nav class="govuk-breadcrumbs')
            )
        ]

    assert breadcrumbs(again) == breadcrumbs(first)
    assert 'href="/education/"' in breadcrumbs(again)
    assert len(again_queries) < len(first_queries)
