"""The players of the demo's videos, stored as if an editor had saved each page.

Pages read video players only from Wagtail's `Embed` table (localoffer.core.embeds), so the
demo stores the answer the video site gave, committed with each page's front matter, and
`make run` never calls out.
"""

from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from localoffer.demo.pages import SiteContent


def ensure_embeds(content: SiteContent) -> int:
    """An `Embed` row for every video the demo's pages show; returns how many were created."""
    created = 0
    for page in content.all_pages():
        video = getattr(page.meta, "video", None)
        if video is None:
            continue
        # The video block has no maximum size, so its rows are looked up without one.
        _, was_created = Embed.objects.update_or_create(
            hash=get_embed_hash(video.url),
            defaults={
                "url": video.url,
                "max_width": None,
                "type": "video",
                **video.player.model_dump(),
            },
        )
        created += was_created
    return created
