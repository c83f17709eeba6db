"""Purge cached pages when what they show changes (localoffer.pagecache.purge says which).

Signals rather than calls in each service: the changes come from Wagtail's own actions
(publish, unpublish, move, delete), from lower layers (moderation decisions and freshness
flags in providers, which may not import the site), and from admin edit views.
"""

from typing import Any

from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Page, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from localoffer.feedback.enums import FeedbackStatus
from localoffer.feedback.models import Feedback, YouSaidWeDidPage
from localoffer.pagecache import purge
from pricing.offers.models import BookableOffer
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


def everything_changed(sender: Any, **kwargs: Any) -> None:
    """Site settings, sites and categories show on (or shape) every page."""
    purge.purge_all_on_commit()


def register() -> None:
    page_published.connect(page_changed, dispatch_uid="pagecache-published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache-unpublished")
    pre_delete.connect(page_deleted, sender=Page, dispatch_uid="pagecache-page-deleted")
    post_page_move.connect(page_moved, dispatch_uid="pagecache-moved")
    post_save.connect(
        organisation_saved, sender=OrganisationPage, dispatch_uid="pagecache-organisation"
    )
    post_save.connect(submission_saved, sender=Submission, dispatch_uid="pagecache-decision")
    post_save.connect(freshness_saved, sender=ListingFreshness, dispatch_uid="pagecache-fresh")
    post_save.connect(feedback_changed, sender=Feedback, dispatch_uid="pagecache-feedback")
    post_delete.connect(feedback_changed, sender=Feedback, dispatch_uid="pagecache-feedback-del")
    post_save.connect(offer_changed, sender=BookableOffer, dispatch_uid="pagecache-offer")
    post_delete.connect(offer_changed, sender=BookableOffer, dispatch_uid="pagecache-offer-del")
    for model in [Site, Category, *BaseSiteSetting.__subclasses__()]:
        for signal in (post_save, post_delete):
            signal.connect(everything_changed, sender=model, dispatch_uid=f"pagecache-{model}")
