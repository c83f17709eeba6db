"""Template tags for video players that read only what was stored when the video was saved.

Wagtail's `{% embed %}` asks the video site when nothing is stored, a network call in the
middle of a page render (localoffer.core.embeds); these never do.
"""

from django import template
from django.utils.safestring import SafeString, mark_safe

from localoffer.core.embeds import stored_embed, video_site_name

register = template.Library()


@register.simple_tag
def stored_video_player(url: str | None) -> SafeString:
    """The stored player's markup for `url`, or "" when none is stored (show a link)."""
    embed = stored_embed(url)
    # Only the YouTube and Vimeo finders (WAGTAILEMBEDS_FINDERS) or the demo store players.
    return mark_safe(embed.html) if embed else SafeString("")  # noqa: S308


@register.simple_tag
def video_site(url: str | None) -> str:
    """ "YouTube" or "Vimeo", for a link's text."""
    return video_site_name(url)
