"""No page render opens a network connection, even with the real oEmbed finder configured.

Every public page type is rendered under `tests.network.network_forbidden` with the
production finder settings (the real YouTube and Vimeo oEmbed finder), so a template that
asked a video site while rendering would be caught trying. Videos whose player was stored
when they were saved show that player; the others show a link to the video, at once.
"""

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.format import embed_to_frontend_html
from wagtail.embeds.models import Embed

from localoffer.models import YouSaidWeDidPage
from tests.embed_finders import PRODUCTION, player_html
from tests.factories import (
    CategoryFactory,
    DocumentFactory,
    ImageFactory,
    InformationPageFactory,
    SectionPageFactory,
    ServicePageFactory,
    ServiceVideoFactory,
)
from tests.html import get, text_of
from tests.localoffer.test_frame import every_block_body
from tests.network import network_forbidden

STORED_URL = "https://www.youtube.com/watch?v=StoredVideo"
MISSING_URL = "https://www.youtube.com/watch?v=NeverStored"


def store_player(url: str, video_id: str) -> Embed:
    """The row saving a page with this video leaves (localoffer.core.embeds.fetch_embed)."""
    return Embed.objects.create(
        url=url,
        hash=get_embed_hash(url),
        type="video",
        html=player_html(video_id),
        title="A day at college",
        provider_name="YouTube",
        width=640,
        height=360,
    )


def video(title: str, url: str) -> tuple[str, dict]:
    value = {"title": title, "embed": url, "video": None, "captions": None, "transcript": ""}
    return ("video", value)


@pytest.fixture
def site(home, organisation_index, organisation, settings):
    """One page of every public type, with stored and missing video players."""
    settings.WAGTAILEMBEDS_FINDERS = PRODUCTION
    store_player(STORED_URL, "StoredVideo")
    category = CategoryFactory(name="Weekend respite", slug="weekend-respite")
    service = ServicePageFactory(parent=organisation, title="Saturday club", categories=[category])
    ServiceVideoFactory(service=service, title="Inside the club", embed_url=STORED_URL)
    ServiceVideoFactory(service=service, title="Meet the staff", embed_url=MISSING_URL)
    section = SectionPageFactory(parent=home, title="Education", slug="education")
    body = every_block_body(
        image=ImageFactory(file__width=1200, file__height=800),
        video=DocumentFactory(video=True),
        captions=DocumentFactory(captions=True),
        category=category,
    )
    information = InformationPageFactory(
        parent=section,
        title="Early years",
        slug="early-years",
        body=[
            *body,
            video("How the club works", STORED_URL),
            video("Meeting the team", MISSING_URL),
        ],
    )
    said = YouSaidWeDidPage(title="You said, we did", slug="you-said-we-did", intro="We listen.")
    home.add_child(instance=said)
    said.save_revision().publish()
    return {"information": information, "service": service, "category": category}


def test_the_guard_catches_wagtails_own_embed_tag_trying_the_network(db, settings, monkeypatch):
    # The guard is only worth something if it sees what the fix prevents: Wagtail's
    # `{% embed %}` (embed_to_frontend_html) asks the video site when nothing is stored.
    settings.WAGTAILEMBEDS_FINDERS = PRODUCTION
    with network_forbidden(monkeypatch) as attempts:
        assert embed_to_frontend_html(MISSING_URL) == ""
    assert attempts and "youtube.com" in attempts[0]


@pytest.mark.django_db
def test_no_public_page_render_opens_a_network_connection(client, site, monkeypatch):
    urls = [
        "/",
        "/education/",
        site["information"].url,
        "/providers/",
        site["service"].get_parent().url,
        site["service"].url,
        "/services/",
        "/services/?q=club",
        f"/services/category/{site['category'].slug}/",
        "/you-said-we-did/",
        "/search/?q=early",
    ]
    with network_forbidden(monkeypatch) as attempts:
        pages = {url: get(client, url) for url in urls}
        get(client, "/no-such-page/", status=404)
    assert attempts == []

    # Stored players are shown; a missing one is a plain link to the video, not a wait.
    for url, stored_title, missing_title in [
        (site["information"].url, "How the club works", "Meeting the team"),
        (site["service"].url, "Inside the club", "Meet the staff"),
    ]:
        page = pages[url]
        stored = page.find(string=stored_title).find_parent(class_="app-video")
        iframe = stored.select_one(".app-video__embed > iframe")
        assert iframe["src"] == "https://www.youtube-nocookie.com/embed/StoredVideo"
        missing = page.find(string=missing_title).find_parent(class_="app-video")
        assert not missing.find("iframe")
        link = missing.find("a", class_="govuk-link", href=MISSING_URL)
        assert text_of(link) == f"Watch ‘{missing_title}’ on YouTube"
