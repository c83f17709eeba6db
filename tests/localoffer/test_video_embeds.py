"""A video's player is fetched and stored when an editor saves, with an error if it cannot be.

The video site is replaced by the finders in tests.embed_finders (one that answers as
YouTube does, one that never answers), named in WAGTAILEMBEDS_FINDERS; everything from the
page form to the stored `Embed` row is the site's own code.
"""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.models import Embed
from wagtail.models import Revision
from wagtail.test.utils.form_data import nested_form_data, streamfield

from localoffer.blocks import VideoBlock
from localoffer.core.embeds import not_found_message, stored_embed, video_site_name
from providers.models import ServiceVideo
from tests.admin_forms import form_data
from tests.embed_finders import RECORDED, UNANSWERING
from tests.factories import InformationPageFactory, SectionPageFactory
from tests.html import get
from tests.network import network_forbidden

URL = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"


def video_value(url: str = URL, *, no_document: str | None = None) -> dict:
    """The block's value; `no_document` is what stands for "no file chosen" ("" in a form)."""
    return {
        "title": "A day at college",
        "embed": url,
        "video": no_document,
        "captions": no_document,
        "transcript": "",
    }


def clean_video(url: str = URL):
    block = VideoBlock()
    return block.clean(block.to_python(video_value(url)))


def test_saving_a_video_stores_its_player(db, settings):
    settings.WAGTAILEMBEDS_FINDERS = RECORDED

    clean_video()

    embed = stored_embed(URL)
    assert embed is not None and embed.provider_name == "YouTube"
    assert "youtube-nocookie.com/embed/aqz-KE-bpKQ" in embed.html


def test_a_video_the_site_does_not_answer_for_is_an_error_on_its_address(db, settings):
    settings.WAGTAILEMBEDS_FINDERS = UNANSWERING

    with pytest.raises(StructBlockValidationError) as excinfo:
        clean_video()

    assert excinfo.value.block_errors["embed"].messages == [not_found_message(URL)]
    assert "YouTube" in not_found_message(URL)
    assert not Embed.objects.exists()


def test_a_stored_player_is_used_without_asking_again(db, settings, monkeypatch):
    settings.WAGTAILEMBEDS_FINDERS = RECORDED
    clean_video()
    # The video site is now down and the network gone: saving again still works.
    settings.WAGTAILEMBEDS_FINDERS = UNANSWERING
    with network_forbidden(monkeypatch) as attempts:
        clean_video()
    assert attempts == []


def test_the_video_site_is_named_for_the_link():
    assert video_site_name("https://youtu.be/aqz-KE-bpKQ") == "YouTube"
    assert video_site_name("https://vimeo.com/76979871") == "Vimeo"
    assert video_site_name("https://example.org/v/1") == "the video website"
    assert video_site_name(None) == "the video website"


@pytest.fixture
def information_page(home):
    section = SectionPageFactory(parent=home, title="Education", slug="education")
    return InformationPageFactory(parent=section, title="Early years", slug="early-years")


def publish_with_video(client, page):
    """Post the page editor's form, with a video block as the body, and publish."""
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    data = form_data(client.get(url))
    body = streamfield([("video", video_value(no_document=""))])
    data.update({key: [value] for key, value in nested_form_data({"body": body}).items()})
    data["action-publish"] = ["action-publish"]
    return client.post(url, data)


@pytest.mark.django_db
def test_the_editor_is_told_when_a_video_cannot_be_found_and_nothing_is_saved(
    client_for, information_page, settings
):
    settings.WAGTAILEMBEDS_FINDERS = UNANSWERING
    revisions = Revision.objects.count()

    response = publish_with_video(client_for("content_editor"), information_page)

    assert response.status_code == 200  # the form again, with its errors
    html = response.content.decode()
    assert "The page could not be saved due to validation errors" in html
    assert not_found_message(URL) in html
    assert Revision.objects.count() == revisions
    information_page.refresh_from_db()
    assert not any(block.block_type == "video" for block in information_page.body)


@pytest.mark.django_db
def test_a_published_video_plays_from_its_stored_player(
    client, client_for, information_page, settings, monkeypatch
):
    settings.WAGTAILEMBEDS_FINDERS = RECORDED
    response = publish_with_video(client_for("content_editor"), information_page)
    assert response.status_code == 302

    with network_forbidden(monkeypatch) as attempts:
        page = get(client, "/education/early-years/")
    assert attempts == []
    iframe = page.select_one(".app-video__embed > iframe")
    assert iframe["src"] == "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ"


def test_a_listing_video_is_stored_when_saved_or_refused(service, settings):
    video = ServiceVideo(service=service, title="Our club", embed_url=URL)
    settings.WAGTAILEMBEDS_FINDERS = UNANSWERING
    with pytest.raises(ValidationError) as excinfo:
        video.full_clean()
    assert excinfo.value.message_dict["embed_url"] == [not_found_message(URL)]

    settings.WAGTAILEMBEDS_FINDERS = RECORDED
    video.full_clean()
    assert stored_embed(URL) is not None
