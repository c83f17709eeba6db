"""Turn the demo content's block dicts into raw StreamField data for `BodyBlock`.

`localoffer/demo_content` is pure data written for people (links as addresses, categories
as slugs); Wagtail stores chooser values as ids and list items with ids. This module is
the one place that knows both shapes.
"""

import uuid
from collections.abc import Iterable, Mapping
from typing import Any

from providers.models import Category


class ContentError(ValueError):
    """The demo content names something the database does not have (a category slug)."""


def _id() -> str:
    return str(uuid.uuid4())


def _list_items(values: Iterable[Any]) -> list[dict]:
    # ListBlock's current raw format: each item carries a type and an id.
    return [{"type": "item", "value": value, "id": _id()} for value in values]


def convert_block(block: Mapping[str, Any], category_ids: Mapping[str, int]) -> dict:
    """One {"type", "value"} dict of the demo content as a raw StreamField child."""
    kind, value = block["type"], block["value"]
    if kind == "table":
        converted: Any = {
            "data": [list(value["header"]), *[list(row) for row in value["rows"]]],
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "table_caption": value.get("caption", ""),
        }
    elif kind == "call_to_action":
        converted = {
            "heading": value["heading"],
            "text": value.get("text", ""),
            "link_text": value["link_text"],
            "link_page": None,
            "link_url": value["link_url"],
        }
    elif kind == "related_links":
        converted = {
            "heading": value.get("heading", "Related content"),
            "links": _list_items(
                {"title": link["title"], "page": None, "url": link["url"]}
                for link in value["links"]
            ),
        }
    elif kind == "services_in_topic":
        missing = [slug for slug in value["category_slugs"] if slug not in category_ids]
        if missing:
            raise ContentError(f"Unknown category slugs in services_in_topic: {missing}")
        converted = {
            "heading": value.get("heading", "Services that can help"),
            "categories": _list_items(category_ids[slug] for slug in value["category_slugs"]),
            "limit": value.get("limit", 6),
        }
    elif kind == "accordion":
        converted = {
            "heading": value.get("heading", ""),
            "items": _list_items(dict(item) for item in value["items"]),
        }
    else:
        # rich_text, details, inset_text, warning_text, contact_card, image, video: the
        # demo content already uses the block's own shape.
        converted = value
    return {"type": kind, "value": converted, "id": _id()}


def convert_body(
    blocks: Iterable[Mapping[str, Any]], category_ids: Mapping[str, int] | None = None
) -> list[dict]:
    if category_ids is None:
        category_ids = dict(Category.objects.values_list("slug", "pk"))
    return [convert_block(block, category_ids) for block in blocks]


def image_block(*, image_id: int, alt_text: str, caption: str = "") -> dict:
    return {"type": "image", "value": {"image": image_id, "alt_text": alt_text, "caption": caption}}


def video_embed_block(*, title: str, url: str, transcript: str = "") -> dict:
    return {
        "type": "video",
        "value": {
            "title": title,
            "embed": url,
            "video": None,
            "captions": None,
            "transcript": transcript,
        },
    }
