"""Wagtail's `page_published` tells freshness that a change to a listing went live.

Publishing happens through moderation's services and organisation verification; either
way the listing counts as checked. Connected from
`providers.moderation.apps.ModerationConfig.ready`.
"""

from wagtail.signals import page_published

from providers.models import ServicePage
from providers.moderation.freshness import services


def listing_published(sender, instance, **kwargs) -> None:
    services.record_listing_published(page=instance)


page_published.connect(listing_published, sender=ServicePage, dispatch_uid="freshness-published")
