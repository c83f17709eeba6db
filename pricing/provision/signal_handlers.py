"""Follow publishing, as search does (search/signal_handlers.py): every change to what the
directory shows reaches the provision map.

- A listing is published (by its provider, a moderator, a scheduled publish): its rows
  are replaced from its live version.
- A listing is unpublished (or expires, or is unpublished for being out of date): its rows
  go. A listing only flagged "may be out of date" is still shown, so it still counts.
- A listing is moved to another organisation: its provider changed.
- A listing is deleted: its rows go with it (on_delete=CASCADE), so the types they were in
  are noted before the delete and worked out again after it.

The work is done by background tasks enqueued when the transaction commits (tasks.py).
Connected in PricingConfig.ready().
"""

from __future__ import annotations

from django.db.models.signals import pre_delete
from wagtail.signals import page_published, page_unpublished, post_page_move

from pricing.provision.models import ProvisionPrice
from pricing.provision.tasks import enqueue_refresh, enqueue_types
from providers.models import ServicePage


def listing_changed(sender, instance, **kwargs) -> None:
    enqueue_refresh([instance.pk])


def listing_deleted(sender, instance, **kwargs) -> None:
    pairs = ProvisionPrice.objects.filter(service_id=instance.pk).values_list("category_id", "unit")
    enqueue_types(set(pairs))


def connect() -> None:
    page_published.connect(listing_changed, sender=ServicePage, dispatch_uid="provision-pub")
    page_unpublished.connect(listing_changed, sender=ServicePage, dispatch_uid="provision-unpub")
    post_page_move.connect(listing_changed, sender=ServicePage, dispatch_uid="provision-move")
    pre_delete.connect(listing_deleted, sender=ServicePage, dispatch_uid="provision-del")
