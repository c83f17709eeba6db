"""Every content change that shows on a page purges it: the next request renders afresh.

Each test caches the pages first (and checks they are served from the cache), makes the
change through the same code the admin uses, and runs the commit hooks, where purges run.
"""

import pytest
from django.test import Client
from django.utils import timezone
from wagtail.contrib.frontend_cache.backends.base import BaseBackend
from wagtail.models import Page, Site

from localoffer.feedback.models import Feedback
from localoffer.feedback.services import publish_feedback
from localoffer.models.site_settings import SiteSettings
from localoffer.pagecache.middleware import CACHE_HEADER
from pricing.offers.models import BookableOffer
from providers.moderation.freshness.models import FLAG_AFTER_MISSED, ListingFreshness
from providers.moderation.services import approve_submission
from tests.factories import InformationPageFactory, SectionPageFactory
from tests.pricing.factories import BookableOfferFactory
from tests.providers.moderation.support import edit_draft, make_cycle, submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change's on-commit hooks, as the end of its transaction would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def cached(*paths: str) -> None:
    """Fill the cache with these pages and check that it now answers them."""
    for path in paths:
        Client().get(path)
        assert Client().get(path)[CACHE_HEADER] == "hit", path


def text(path: str) -> str:
    return Client().get(path).content.decode()


def test_publishing_purges_the_page_its_ancestors_and_the_directory(public_pages, service, commit):
    paths = [public_pages[name] for name in ("listing", "organisation", "category", "home")]
    cached(*paths)
    draft = Page.objects.get(pk=service.pk).specific
    draft.title = "Sunday sensory club"
    with commit():
        draft.save_revision().publish()
    for path in paths[:3]:
        assert "Sunday sensory club" in text(path), path
    assert Client().get(public_pages["home"])[CACHE_HEADER] == "miss"


@pytest.mark.wagtail_indexes
def test_publishing_purges_pages_whose_blocks_list_the_category(home, service, commit):
    category = service.categories.first()
    page = InformationPageFactory(
        parent=home,
        slug="help",
        body=[("services_in_topic", {"heading": "Help", "categories": [category], "limit": 6})],
    )
    cached(page.url)
    draft = Page.objects.get(pk=service.pk).specific
    draft.title = "Sunday sensory club"
    with commit():
        draft.save_revision().publish()
    assert "Sunday sensory club" in text(page.url)


def test_unpublishing_purges(public_pages, service, commit):
    cached(public_pages["listing"], public_pages["organisation"])
    with commit():
        Page.objects.get(pk=service.pk).unpublish()
    assert Client().get(public_pages["listing"]).status_code == 404
    assert service.title not in text(public_pages["organisation"])


def test_deleting_purges(public_pages, information_page, commit):
    cached(public_pages["information page"], public_pages["section"])
    with commit():
        Page.objects.get(pk=information_page.pk).delete()
    assert Client().get(public_pages["information page"]).status_code == 404
    assert "Early years" not in text(public_pages["section"])


def test_moving_purges_the_old_and_new_places(public_pages, home, information_page, commit):
    health = SectionPageFactory(parent=home, title="Health", slug="health")
    cached(public_pages["information page"], public_pages["section"], health.url)
    with commit():
        Page.objects.get(pk=information_page.pk).move(health, pos="last-child")
    # Wagtail's redirects send the old address on to the new one, instead of the old page.
    moved = Client().get(public_pages["information page"])
    assert (moved.status_code, moved["Location"]) == (301, "/health/early-years/")
    assert "Early years" not in text(public_pages["section"])
    assert "Early years" in text(health.url)
    assert Client().get("/health/early-years/").status_code == 200


def test_a_moderation_decision_purges_the_listing(public_pages, service, users_by_role, commit):
    moderator, provider = users_by_role["moderator"], users_by_role["provider"]
    make_cycle(moderator)
    page, _ = edit_draft(service, provider, summary="Now on Sundays too.")
    submission = submit(page, provider, note="Sundays.")
    cached(public_pages["listing"])
    with commit():
        approve_submission(submission=submission, user=moderator)
    assert "Now on Sundays too." in text(public_pages["listing"])


def test_a_listing_flagged_out_of_date_is_purged(public_pages, service, commit):
    cached(public_pages["listing"])
    assert 'id="may-be-out-of-date"' not in text(public_pages["listing"])
    record, _ = ListingFreshness.objects.get_or_create(page_id=service.pk)
    # What providers.moderation.freshness.services.flag_stale_listings writes.
    record.missed_cycles = FLAG_AFTER_MISSED
    record.flagged_at = timezone.now()
    with commit():
        record.save(update_fields=["missed_cycles", "flagged_at"])
    assert 'id="may-be-out-of-date"' in text(public_pages["listing"])


def test_site_settings_purge_every_page(public_pages, commit):
    cached(*public_pages.values())
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.phase = "Alpha"
    with commit():
        settings.save()
    for name, path in public_pages.items():
        assert ">Alpha<" in text(path), name


def test_a_new_menu_section_purges_every_page(public_pages, home, commit):
    cached(*public_pages.values())
    with commit():
        SectionPageFactory(parent=home, title="Travel", slug="travel", show_in_menus=True)
    for name, path in public_pages.items():
        assert 'href="/travel/"' in text(path), name


def test_a_you_said_we_did_reply_purges_its_page(public_pages, users_by_role, commit):
    cached(public_pages["you said, we did"])
    feedback = Feedback.objects.create(topic="education", comment="More on transport, please.")
    assert Client().get(public_pages["you said, we did"])[CACHE_HEADER] == "hit"
    with commit():
        publish_feedback(
            feedback=feedback,
            user=users_by_role["content_editor"],
            published_comment="More about school transport, please.",
            response="We added a page on school transport.",
            action="",
        )
    assert "We added a page on school transport." in text(public_pages["you said, we did"])


def test_a_purge_reaches_the_cdn_with_full_urls(settings, public_pages, service, commit):
    sent: list[str] = []

    class Recorder(BaseBackend):
        """A CDN backend that writes down what it is asked to purge."""

        def purge(self, url) -> None:
            sent.append(url)

        def purge_batch(self, urls) -> None:
            sent.extend(urls)

    settings.WAGTAILFRONTENDCACHE = {"default": {"BACKEND": f"{__name__}.Recorder"}}
    globals()["Recorder"] = Recorder
    draft = Page.objects.get(pk=service.pk).specific
    with commit():
        draft.save_revision().publish()
    assert f"http://localhost{public_pages['listing']}" in sent
    assert f"http://localhost{public_pages['category']}" in sent


def test_making_a_listing_bookable_or_not_purges_it(public_pages, service, commit):
    listing = public_pages["listing"]
    cached(listing)
    assert 'id="book-link"' not in text(listing)
    with commit():
        offer = BookableOfferFactory(service=service)
    assert Client().get(listing)[CACHE_HEADER] == "miss"
    assert "Book a place" in text(listing)
    assert f"/book/{service.pk}/" in text(listing)
    with commit():
        offer.is_active = False
        offer.save(update_fields=["is_active"])
    assert 'id="book-link"' not in text(listing)
    cached(listing)
    with commit():
        offer.kind, offer.is_active = "hours", True
        offer.save(update_fields=["kind", "is_active"])
    assert f"/account/bookings/ask/{service.pk}/" in text(listing)
    with commit():
        BookableOffer.objects.get(pk=offer.pk).delete()
    assert 'id="book-link"' not in text(listing)
