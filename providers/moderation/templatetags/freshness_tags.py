"""Template access to a listing's freshness, for the public service page.

The service page's context comes from `providers` (ServicePage.get_context); this tag lets
its template ask about freshness without the directory depending on moderation. One
query, on a page that shows one listing. Lists of listings use
`providers.moderation.freshness.selectors.out_of_date_page_ids` instead (one query for the list).
"""

from django import template

from providers.moderation.freshness.models import ListingFreshness
from providers.moderation.freshness.selectors import freshness_of

register = template.Library()


@register.simple_tag
def listing_freshness(page) -> ListingFreshness | None:
    if page is None or not getattr(page, "pk", None):
        return None
    return freshness_of(page.pk)
