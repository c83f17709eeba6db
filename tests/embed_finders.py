"""Stand-ins for the video sites' oEmbed endpoints, named in WAGTAILEMBEDS_FINDERS by tests.

The site's own code path (fetch at save, read at render) runs unchanged; only the answer
that would come over the network is replaced.
"""

from typing import Any

from wagtail.embeds import oembed_providers
from wagtail.embeds.exceptions import EmbedNotFoundException
from wagtail.embeds.finders.base import EmbedFinder

# What the production settings configure: the real oEmbed finder for YouTube and Vimeo.
# Under tests.network.network_forbidden it can only try, and be caught trying.
PRODUCTION = [
    {
        "class": "wagtail.embeds.finders.oembed",
        "providers": [oembed_providers.youtube, oembed_providers.vimeo],
    }
]


def player_html(video_id: str) -> str:
    return (
        f'<iframe width="640" height="360" src="https://www.youtube-nocookie.com/embed/{video_id}"'
        ' title="A day at college" allowfullscreen></iframe>'
    )


class UnansweringVideoSite(EmbedFinder):
    """A video site that is down, or does not know the video: every look-up fails."""

    def accept(self, url: str) -> bool:
        return True

    def find_embed(self, url: str, max_width: int | None = None, **kwargs: Any) -> dict:
        raise EmbedNotFoundException(f"No answer for {url}")


class RecordedVideoSite(EmbedFinder):
    """YouTube's oEmbed answer, as recorded, for any YouTube address."""

    def accept(self, url: str) -> bool:
        return "youtube.com/watch?v=" in url

    def find_embed(self, url: str, max_width: int | None = None, **kwargs: Any) -> dict:
        video_id = url.split("v=", 1)[1]
        return {
            "title": "A day at college",
            "author_name": "Northbridge College",
            "provider_name": "YouTube",
            "type": "video",
            "thumbnail_url": f"https://i.ytimg.com/vi/{video_id}/hqdefault.jpg",
            "width": 640,
            "height": 360,
            "html": player_html(video_id),
        }


UNANSWERING = [{"class": "tests.embed_finders.UnansweringVideoSite"}]
RECORDED = [{"class": "tests.embed_finders.RecordedVideoSite"}]
