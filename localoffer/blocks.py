"""StreamField blocks for the statutory Local Offer pages.

Each block renders a GOV.UK Frontend component from `templates/blocks/`. Images demand alt
text and uploaded videos demand captions because WCAG 2.2 AA requires text alternatives
(1.1.1) and captions for prerecorded video (1.2.2).
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.safestring import mark_safe
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock, EmbedValue
from wagtail.embeds.models import Embed
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from localoffer.core.embeds import (
    VideoNotFound,
    fetch_embed,
    not_found_message,
    stored_embed,
    video_site_name,
)
from providers.selectors import services_in_categories

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "ol", "ul", "link", "document-link"]

link_validator = RegexValidator(
    r"^(/[^\s]*|https?://[^\s]+|mailto:[^\s]+|tel:[^\s]+)$",
    "Enter a site path starting with / or a full web address starting with https://",
)


class LinkBlock(blocks.StructBlock):
    """A link to a page on this site or to another address; exactly one must be given."""

    title = blocks.CharBlock(max_length=120)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(
        required=False, validators=[link_validator], help_text="Use only if no page is chosen."
    )

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={
                    "url": ValidationError("Choose a page or enter an address, not both.")
                }
            )
        return value

    class Meta:
        icon = "link"


def link_href(value) -> str:
    """The address a LinkBlock or CallToActionBlock value points at."""
    page = value.get("page") or value.get("link_page")
    if page:
        return page.specific.url or page.url
    return value.get("url") or value.get("link_url") or ""


class AccordionItemBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=150)
    summary = blocks.CharBlock(required=False, max_length=250)
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)


class AccordionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=150)
    items = blocks.ListBlock(AccordionItemBlock(), min_num=1)

    class Meta:
        icon = "list-ul"
        template = "blocks/accordion.html"


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=150, help_text="For example 'Help with words used here'")
    content = blocks.RichTextBlock(features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        template = "blocks/details.html"


class InsetTextBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(features=["bold", "link"])

    class Meta:
        icon = "openquote"
        template = "blocks/inset_text.html"


class WarningTextBlock(blocks.StructBlock):
    text = blocks.TextBlock(max_length=400)

    class Meta:
        icon = "warning"
        template = "blocks/warning_text.html"


class CallToActionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=120)
    text = blocks.TextBlock(required=False, max_length=400)
    link_text = blocks.CharBlock(max_length=60)
    link_page = blocks.PageChooserBlock(required=False)
    link_url = blocks.CharBlock(required=False, validators=[link_validator])

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("link_page")) == bool(value.get("link_url")):
            raise StructBlockValidationError(
                block_errors={
                    "link_url": ValidationError("Choose a page or enter an address, not both.")
                }
            )
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["href"] = link_href(value)
        return context

    class Meta:
        icon = "pick"
        template = "blocks/call_to_action.html"


class AccessibleImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        max_length=250,
        help_text="Describe what the picture shows for people who cannot see it.",
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/image.html"


class StoredEmbedValue(EmbedValue):
    """An embed whose player comes only from the stored `Embed` row, never the video site.

    Wagtail's `EmbedValue.html` asks the video site when nothing is stored, which would
    put a network call into a page render (localoffer.core.embeds).
    """

    @property
    def embed(self) -> Embed | None:
        return stored_embed(self.url, max_width=self.max_width, max_height=self.max_height)

    @property
    def html(self) -> str:
        embed = self.embed
        return embed.html if embed else ""


class VideoEmbedBlock(EmbedBlock):
    """A video site's address, whose player is fetched and stored when the editor saves."""

    def _stored(self, value):
        if isinstance(value, EmbedValue) and not isinstance(value, StoredEmbedValue):
            return StoredEmbedValue(value.url, value.max_width, value.max_height)
        return value

    def get_default(self):
        return self._stored(super().get_default())

    def to_python(self, value):
        return self._stored(super().to_python(value))

    def value_from_form(self, value):
        return self._stored(super().value_from_form(value))

    def normalize(self, value):
        return self._stored(super().normalize(value))

    def clean(self, value):
        # URLBlock's checks only: EmbedBlock.clean would render the player to validate it.
        value = blocks.URLBlock.clean(self, value)
        if isinstance(value, EmbedValue) and value.url:
            try:
                fetch_embed(value.url, max_width=value.max_width, max_height=value.max_height)
            except VideoNotFound as error:
                raise ValidationError(
                    not_found_message(value.url), code="video_not_found"
                ) from error
        return value


class VideoBlock(blocks.StructBlock):
    """A video from a video site (embed) or uploaded here with a captions file."""

    title = blocks.CharBlock(max_length=150, help_text="Says what the video is about.")
    embed = VideoEmbedBlock(required=False, help_text="A YouTube or Vimeo address.")
    video = DocumentChooserBlock(required=False, help_text="An uploaded MP4 or WebM file.")
    captions = DocumentChooserBlock(required=False, help_text="A WebVTT (.vtt) captions file.")
    transcript = blocks.TextBlock(required=False, help_text="A text version of what is said.")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if bool(value.get("embed")) == bool(value.get("video")):
            errors["video"] = ValidationError("Give a video address or upload a video, not both.")
        elif value.get("video"):
            if value["video"].file_extension not in ("mp4", "webm"):
                errors["video"] = ValidationError("Upload an MP4 or WebM video.")
            captions = value.get("captions")
            if not captions:
                errors["captions"] = ValidationError("An uploaded video needs a captions file.")
            elif captions.file_extension != "vtt":
                errors["captions"] = ValidationError("Captions must be a WebVTT (.vtt) file.")
        if errors:
            raise StructBlockValidationError(block_errors=errors)
        return value

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        embed = value.get("embed")
        stored = embed.embed if isinstance(embed, StoredEmbedValue) else None
        # The stored markup is the YouTube or Vimeo player's iframe, as Wagtail renders it
        # (WAGTAILEMBEDS_FINDERS lets no other site's markup in).
        context["embed_html"] = mark_safe(stored.html) if stored else ""  # noqa: S308
        context["video_site"] = video_site_name(embed.url if embed else None)
        return context

    class Meta:
        icon = "media"
        template = "blocks/video.html"


class ContactCardBlock(blocks.StructBlock):
    name = blocks.CharBlock(max_length=150)
    description = blocks.TextBlock(required=False, max_length=500)
    phone = blocks.CharBlock(required=False, max_length=40)
    email = blocks.EmailBlock(required=False)
    website = blocks.URLBlock(required=False)
    address = blocks.TextBlock(required=False, max_length=300)
    opening_hours = blocks.CharBlock(required=False, max_length=200)

    class Meta:
        icon = "user"
        template = "blocks/contact_card.html"


class RelatedLinksBlock(blocks.StructBlock):
    heading = blocks.CharBlock(default="Related content", max_length=120)
    links = blocks.ListBlock(LinkBlock(), min_num=1)

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["links"] = [(link["title"], link_href(link)) for link in value["links"]]
        return context

    class Meta:
        icon = "link"
        template = "blocks/related_links.html"


class ServicesInTopicBlock(blocks.StructBlock):
    """A live list of published directory services in the chosen categories."""

    heading = blocks.CharBlock(default="Services that can help", max_length=120)
    categories = blocks.ListBlock(SnippetChooserBlock("providers.Category"), min_num=1)
    limit = blocks.IntegerBlock(default=6, min_value=1, max_value=20)

    def get_context(self, value, parent_context=None):

        context = super().get_context(value, parent_context)
        categories = [category for category in value["categories"] if category]
        context["services"] = services_in_categories(categories, limit=value["limit"])
        context["categories"] = categories
        return context

    class Meta:
        icon = "list-ul"
        template = "blocks/services_in_topic.html"


class BodyBlock(blocks.StreamBlock):
    rich_text = blocks.RichTextBlock(features=RICH_TEXT_FEATURES, template="blocks/rich_text.html")
    accordion = AccordionBlock()
    details = DetailsBlock()
    inset_text = InsetTextBlock()
    warning_text = WarningTextBlock()
    call_to_action = CallToActionBlock()
    image = AccessibleImageBlock()
    video = VideoBlock()
    table = TableBlock(
        template="blocks/table.html",
        table_options={
            "contextMenu": [
                "row_above",
                "row_below",
                "col_left",
                "col_right",
                "remove_row",
                "remove_col",
                "undo",
                "redo",
            ]
        },
    )
    contact_card = ContactCardBlock()
    related_links = RelatedLinksBlock()
    services_in_topic = ServicesInTopicBlock()
