"""Purge cached pages when what they show changes (localoffer.pagecache.purge says which).

Signals rather than calls in each service: the changes come from Wagtail's own actions
(publish, unpublish, move, delete), from lower layers (moderation decisions and freshness
flags in providers, which may not import the site), and from admin edit views.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from django.urls import reverse
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from localoffer.feedback.enums import FeedbackStatus
from localoffer.feedback.models import Feedback, YouSaidWeDidPage
from localoffer.pagecache import purge, store
from pricing.offers.models import BookableOffer
from pricing.provision.signals import map_changed
from providers.models import Category, OrganisationPage
from providers.moderation.enums import SubmissionStatus
from providers.moderation.freshness.models import ListingFreshness
from providers.moderation.models import Submission

DECIDED = frozenset(
    {SubmissionStatus.APPROVED, SubmissionStatus.CHANGES_REQUESTED, SubmissionStatus.REJECTED}
)


def page_changed(sender: Any, instance: Page, **kwargs: Any) -> None:
    """Published or unpublished (Wagtail unpublishes a live page before deleting it)."""
    if purge.changes_navigation(instance):
        purge.purge_all_on_commit()
    else:
        purge.purge_on_commit(purge.page_targets(instance))


def page_deleted(sender: Any, instance: Page, **kwargs: Any) -> None:
    # Before the rows go: afterwards the page has no URL to purge.
    if instance.depth > 1 and instance.live:
        page_changed(sender, instance)


def page_moved(
    sender: Any,
    instance: Page,
    parent_page_before: Page,
    parent_page_after: Page,
    url_path_before: str,
    url_path_after: str,
    **kwargs: Any,
) -> None:
    roots = purge._site_root_ids()
    if instance.show_in_menus and {parent_page_before.pk, parent_page_after.pk} & roots:
        purge.purge_all_on_commit()
        return
    purge.purge_on_commit(
        purge.moved_targets(
            instance, url_path_before=url_path_before, url_path_after=url_path_after
        )
    )


def organisation_saved(sender: Any, instance: OrganisationPage, **kwargs: Any) -> None:
    """A verification decision changes whether its listings are in the directory."""
    fields = kwargs.get("update_fields")
    if fields and set(fields) & set(OrganisationPage.DECISION_FIELDS) and instance.live:
        purge.purge_on_commit(purge.page_targets(instance))


def submission_saved(sender: Any, instance: Submission, **kwargs: Any) -> None:
    """A moderator's decision on a listing (an approval also publishes it)."""
    if instance.status in DECIDED and instance.page_id:
        purge.purge_on_commit(purge.listing_targets(instance.page_id))


def freshness_saved(sender: Any, instance: ListingFreshness, **kwargs: Any) -> None:
    """A listing flagged as maybe out of date (or cleared) says so on its page."""
    purge.purge_on_commit(purge.listing_targets(instance.page_id))


def feedback_changed(sender: Any, instance: Feedback, **kwargs: Any) -> None:
    """A "You said, we did" reply published, corrected or withdrawn (a new comment is
    not on any page until then)."""
    if instance.status != FeedbackStatus.NEW or kwargs.get("signal") is post_delete:
        purge.purge_pages_on_commit(YouSaidWeDidPage.objects.live())


def offer_changed(sender: Any, instance: BookableOffer, **kwargs: Any) -> None:
    """A listing made bookable, changed or no longer bookable shows (or drops) its
    "Book a place" link (pricing.templatetags.booking_tags)."""
    page = Page.objects.filter(pk=instance.service_id).first()
    if page is not None:
        targets = purge.Targets()
        targets.add_page(page)
        purge.purge_on_commit(targets)


def provision_map_changed(sender: Any, **kwargs: Any) -> None:
    """The public "What support costs" page shows the provision map's figures."""
    targets = purge.Targets()
    targets.add(reverse("provision:map"))
    purge.purge_on_commit(targets)


def everything_changed(sender: Any, **kwargs: Any) -> None:
    """Site settings, sites and categories show on (or shape) every page."""
    purge.purge_all_on_commit()


def when_pages_are_kept(handler: Callable[..., None]) -> Callable[..., None]:
    """Work out what to purge only when something keeps pages: with the page cache and its
    fragments off (PAGE_CACHE_SECONDS = PAGE_FRAGMENT_SECONDS = 0, as without a shared
    cache) and no CDN there is nothing to purge, and finding the targets would cost queries
    on every publish for nothing."""

    @functools.wraps(handler)
    def handle(sender: Any, **kwargs: Any) -> None:
        if store.seconds() > 0 or store.fragment_seconds() > 0 or store.cdn_configured():
            handler(sender, **kwargs)

    return handle


def register() -> None:
    def connect(signal: Any, handler: Callable[..., None], uid: str, **kwargs: Any) -> None:
        # weak=False: the wrapper would otherwise be collected as soon as this returns.
        signal.connect(when_pages_are_kept(handler), weak=False, dispatch_uid=uid, **kwargs)

    connect(page_published, page_changed, "pagecache-published")
    connect(page_unpublished, page_changed, "pagecache-unpublished")
    connect(pre_delete, page_deleted, "pagecache-page-deleted", sender=Page)
    connect(post_page_move, page_moved, "pagecache-moved")
    connect(post_save, organisation_saved, "pagecache-organisation", sender=OrganisationPage)
    connect(post_save, submission_saved, "pagecache-decision", sender=Submission)
    connect(post_save, freshness_saved, "pagecache-fresh", sender=ListingFreshness)
    connect(post_save, feedback_changed, "pagecache-feedback", sender=Feedback)
    connect(post_delete, feedback_changed, "pagecache-feedback-del", sender=Feedback)
    connect(post_save, offer_changed, "pagecache-offer", sender=BookableOffer)
    connect(post_delete, offer_changed, "pagecache-offer-del", sender=BookableOffer)
    connect(map_changed, provision_map_changed, "pagecache-provision-map")
    for model in [Site, Category, *BaseSiteSetting.__subclasses__()]:
        for signal in (post_save, post_delete):
            connect(signal, everything_changed, f"pagecache-{model}", sender=model)
