"""Reading pages back as a person would: the parsed HTML and the words shown."""

from __future__ import annotations

from bs4 import BeautifulSoup


def soup_of(response) -> BeautifulSoup:
    return BeautifulSoup(response.content.decode(), "html.parser")


def get(client, url: str, status: int = 200) -> BeautifulSoup:
    """The page at `url`, parsed, after checking it answered with `status`."""
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return soup_of(response)


def text_of(element) -> str:
    """An element's text as read aloud: whitespace collapsed; "" for a missing element."""
    return " ".join(element.get_text(" ").split()) if element is not None else ""
