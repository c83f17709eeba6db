"""Receivers of the cycle signals for listing confirmations and stale listings.

`cycle_opened` and `cycle_closed` are sent by `providers.moderation.services` inside the
transaction that changes the cycle, so what these write commits or rolls back with the
cycle, and their emails go only once it commits. Wagtail's `page_published` tells us a
change to a listing went live (publishing happens only through moderation's services).
Connected from `providers.moderation.apps.ModerationConfig.ready`.
"""

from wagtail.signals import page_published

from providers.models import ServicePage
from providers.moderation.freshness import services
from providers.moderation.signals import cycle_closed, cycle_opened


def ask_providers_to_confirm(sender, cycle, **kwargs) -> None:
    services.request_confirmations(cycle=cycle)


def count_missed_cycles(sender, cycle, **kwargs) -> None:
    services.count_missed_cycles(cycle=cycle)


def listing_published(sender, instance, **kwargs) -> None:
    services.record_listing_published(page=instance)


cycle_opened.connect(ask_providers_to_confirm, dispatch_uid="freshness-cycle-opened")
cycle_closed.connect(count_missed_cycles, dispatch_uid="freshness-cycle-closed")
page_published.connect(listing_published, sender=ServicePage, dispatch_uid="freshness-published")
