"""The moderation record outlives the pages it is about.

Submissions and confirmations point at pages with SET_NULL, so that deleting a page (a
provider withdrawing a draft listing) keeps them. Before the link is cleared, the page's
title is copied onto each row, so the record still names what was submitted or
confirmed. Reports already copy the title when they are made.
"""

from typing import Any

from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page

from providers.moderation.freshness.models import ListingConfirmation
from providers.moderation.models.submissions import Submission


@receiver(pre_delete, sender=Page, dispatch_uid="moderation_keep_titles_of_deleted_pages")
def keep_titles_of_deleted_pages(sender: Any, instance: Page, **kwargs: Any) -> None:
    # pre_delete runs before Django clears the foreign keys, so the rows are still found.
    Submission.objects.filter(page_id=instance.pk).update(page_title=instance.title)
    Submission.objects.filter(organisation_id=instance.pk).update(organisation_title=instance.title)
    ListingConfirmation.objects.filter(page_id=instance.pk).update(page_title=instance.title)
