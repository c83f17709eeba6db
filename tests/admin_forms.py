"""Posting the Wagtail admin's forms back the way a browser would, in tests."""

import json

from bs4 import BeautifulSoup
from django.http import HttpResponse


def form_data(page: HttpResponse | str, form_id: str = "page-edit-form") -> dict[str, list[str]]:
    """What a browser would submit from the form: each field's current value."""
    html = page if isinstance(page, str) else page.content.decode()
    form = BeautifulSoup(html, "html.parser").find("form", id=form_id)
    assert form is not None, f"no form #{form_id}"
    for hidden in form.find_all(["template", "script"]):
        hidden.decompose()  # InlinePanel's blank rows and scripts are not submitted
    data: dict[str, list[str]] = {}
    for element in form.find_all(["input", "select", "textarea"]):
        name = element.get("name")
        if not name or element.has_attr("disabled"):
            continue
        if element.name == "input":
            kind = element.get("type", "text")
            if kind in ("submit", "button", "file", "image", "reset"):
                continue
            if kind in ("checkbox", "radio") and not element.has_attr("checked"):
                continue
            default = "on" if kind in ("checkbox", "radio") else ""
            data.setdefault(name, []).append(element.get("value", default))
        elif element.name == "textarea":
            data.setdefault(name, []).append(element.text.removeprefix("\n"))
        else:
            options = element.find_all("option")
            chosen = [option for option in options if option.has_attr("selected")]
            if not chosen and not element.has_attr("multiple") and options:
                chosen = options[:1]
            data.setdefault(name, []).extend(option.get("value", option.text) for option in chosen)
    return data


def content_state(text: str, *, link_url: str | None = None) -> str:
    """A paragraph as Draftail sends it: JSON, with the first word linked if asked."""
    entity_ranges, entity_map = [], {}
    if link_url is not None:
        entity_ranges = [{"offset": 0, "length": text.index(" "), "key": 0}]
        entity_map = {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": link_url}}}
    block = {
        "key": "a1b2c",
        "type": "unstyled",
        "depth": 0,
        "text": text,
        "inlineStyleRanges": [],
        "entityRanges": entity_ranges,
    }
    return json.dumps({"blocks": [block], "entityMap": entity_map})
