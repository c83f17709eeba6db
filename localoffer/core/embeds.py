"""Video players from video sites: fetched when an editor saves, read back when a page renders.

Asking a video site for its player (oEmbed) is a network call that can take seconds or fail.
Made while a page renders, it would make every visitor wait on the video host, and Wagtail
does not store a failed answer, so it would be tried again on the next render. So the
player is fetched once, when the editor saves, with an error on the field if the site does
not answer, and stored in Wagtail's `Embed` table; rendering only reads that table, and a
video whose player is not stored is shown as a plain link to it (docs/decisions/0010).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from wagtail.embeds.embeds import get_embed, get_embed_hash
from wagtail.embeds.exceptions import EmbedException
from wagtail.embeds.models import Embed

# The hosts the site's video finders and frame-src accept (localoffer.core.csp), by name.
VIDEO_SITES = {
    "youtube.com": "YouTube",
    "youtu.be": "YouTube",
    "youtube-nocookie.com": "YouTube",
    "vimeo.com": "Vimeo",
}


class VideoNotFound(Exception):
    """The video site did not give a player for the address (unknown, private or down)."""


def fetch_embed(url: str, *, max_width: int | None = None, max_height: int | None = None) -> Embed:
    """The stored player for `url`, asking the video site and storing its answer if needed.

    Only for saving, never for rendering: this may wait on the network.
    """
    try:
        embed = get_embed(url, max_width, max_height)
    except EmbedException as error:
        raise VideoNotFound(str(error) or url) from error
    if not embed.html:
        # A "link" answer has no player; rendering would have nothing to show.
        raise VideoNotFound(f"{url} has no video player")
    return embed


def stored_embed(
    url: str | None, *, max_width: int | None = None, max_height: int | None = None
) -> Embed | None:
    """The player stored for `url` at that size, or None; never asks the video site.

    An expired row (`cache_until` past) is still used: a player's markup does not go
    stale, and a stored player is better than a visitor waiting on the video host.
    """
    if not url:
        return None
    embed_hash = get_embed_hash(url, max_width, max_height)
    return Embed.objects.filter(hash=embed_hash).exclude(html="").first()


def not_found_message(url: str) -> str:
    """What the editor is told on the address field when the video site gives no player."""
    return (
        f"We could not get a video player from {video_site_name(url)} for this address. "
        "Check it is the address of a public YouTube or Vimeo video, then save again."
    )


def video_site_name(url: str | None) -> str:
    """ "YouTube" or "Vimeo" for their addresses, for link text; otherwise a plain phrase."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.").removeprefix("m.")
    return VIDEO_SITES.get(host, "the video website")
