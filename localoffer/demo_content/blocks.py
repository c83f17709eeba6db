"""Small helpers that build the StreamField block dicts used by the demo content.

Pure data: no Django or Wagtail imports. Every helper returns plain dicts in the
shape ``{"type": <block name>, "value": <value>}``. Text is written in
triple-quoted strings for readability; ``clean`` collapses the line breaks and
indentation into single spaces, and removes spaces between HTML tags.
"""

import re

_SPACES = re.compile(r"\s+")
_BLOCK_TAG = r"</?(?:p|ul|ol|li|h2|h3)>"
_AROUND_BLOCK_TAGS = re.compile(rf"\s*({_BLOCK_TAG})\s*")
_AFTER_INLINE_OPEN = re.compile(r"(<(?:a|strong)\b[^>]*>)\s+")
_BEFORE_INLINE_CLOSE = re.compile(r"\s+(</(?:a|strong)>)")


def clean(text):
    """Collapse whitespace in a plain-text or HTML string.

    Runs of whitespace become one space. Whitespace next to block tags (p, lists,
    headings) is removed, and so is whitespace just inside <a> and <strong>.
    """
    text = _SPACES.sub(" ", text).strip()
    text = _AROUND_BLOCK_TAGS.sub(r"\1", text)
    text = _AFTER_INLINE_OPEN.sub(r"\1", text)
    return _BEFORE_INLINE_CLOSE.sub(r"\1", text)


def page(slug, title, summary, body):
    return {"slug": slug, "title": clean(title), "summary": clean(summary), "body": body}


def rich_text(html):
    return {"type": "rich_text", "value": clean(html)}


def accordion(heading, items):
    """items: a list of (heading, summary, content_html) tuples."""
    return {
        "type": "accordion",
        "value": {
            "heading": clean(heading),
            "items": [
                {"heading": clean(h), "summary": clean(s), "content": clean(c)} for h, s, c in items
            ],
        },
    }


def details(summary, content):
    return {"type": "details", "value": {"summary": clean(summary), "content": clean(content)}}


def inset_text(html):
    return {"type": "inset_text", "value": {"text": clean(html)}}


def warning_text(text):
    return {"type": "warning_text", "value": {"text": clean(text)}}


def call_to_action(heading, text, link_text, link_url):
    return {
        "type": "call_to_action",
        "value": {
            "heading": clean(heading),
            "text": clean(text),
            "link_text": clean(link_text),
            "link_url": link_url,
        },
    }


def table(caption, header, rows):
    return {
        "type": "table",
        "value": {
            "caption": clean(caption),
            "header": [clean(h) for h in header],
            "rows": [[clean(cell) for cell in row] for row in rows],
        },
    }


def contact_card(
    name,
    description="",
    phone="",
    email="",
    website="",
    address="",
    opening_hours="",
):
    return {
        "type": "contact_card",
        "value": {
            "name": clean(name),
            "description": clean(description),
            "phone": phone,
            "email": email,
            "website": website,
            "address": clean(address),
            "opening_hours": clean(opening_hours),
        },
    }


def related_links(heading, links):
    """links: a list of (title, url) tuples."""
    return {
        "type": "related_links",
        "value": {
            "heading": clean(heading),
            "links": [{"title": clean(t), "url": u} for t, u in links],
        },
    }


def services_in_topic(heading, category_slugs, limit=6):
    return {
        "type": "services_in_topic",
        "value": {
            "heading": clean(heading),
            "category_slugs": list(category_slugs),
            "limit": limit,
        },
    }
