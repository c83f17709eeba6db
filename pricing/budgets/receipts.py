"""A receipt is a photo or a PDF: checked by what its bytes are, not by its name."""

from __future__ import annotations

import io
import threading

import puremagic
from django.core.files.uploadedfile import UploadedFile
from PIL import Image, ImageFile, UnidentifiedImageError

from localoffer.core.transitions import DomainError

MAX_RECEIPT_BYTES = 10 * 1024 * 1024
# What the bytes say -> the type the file is stored and served as.
ACCEPTED = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}
IMAGE_FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}


class ReceiptRefused(DomainError):
    pass


def check_receipt(upload: UploadedFile) -> str:
    """The receipt's content type, or ReceiptRefused saying what is wrong with it."""
    if upload.size is None or upload.size == 0:
        raise ReceiptRefused("The selected file is empty", field="receipt")
    if upload.size > MAX_RECEIPT_BYTES:
        raise ReceiptRefused("The selected file must be smaller than 10MB", field="receipt")
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    try:
        found = [match.extension for match in puremagic.magic_string(head)]
    except puremagic.PureError:
        found = []
    kind = next((ACCEPTED[ext] for ext in found if ext in ACCEPTED), None)
    if kind is None:
        raise ReceiptRefused(
            "The selected file must be a photo (JPG or PNG) or a PDF", field="receipt"
        )
    if kind != "application/pdf":
        kind = _checked_image(upload)
    return kind


# Pillow's only switch for cut-off images is a global, and WeasyPrint (invoice PDFs) turns
# it on when imported, so a cut photo would decode quietly with a grey bottom. The check
# turns it off while it decodes, one check at a time.
_STRICT_LOADING = threading.Lock()


def _load_whole(image: Image.Image) -> None:
    with _STRICT_LOADING:
        tolerant = ImageFile.LOAD_TRUNCATED_IMAGES
        ImageFile.LOAD_TRUNCATED_IMAGES = False
        try:
            image.load()
        finally:
            ImageFile.LOAD_TRUNCATED_IMAGES = tolerant


def _checked_image(upload: UploadedFile) -> str:
    """An image must open as the format it claims (a renamed script does not) and decode
    to the end: `verify()` checks a PNG's chunks but reads nothing of a JPEG's picture,
    so a photo cut off while uploading would pass it. Decoding it finds the cut."""
    upload.seek(0)
    data = upload.read()
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            kind = IMAGE_FORMATS.get(image.format or "")
        with Image.open(io.BytesIO(data)) as image:  # verify() leaves it unusable
            _load_whole(image)
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        SyntaxError,
        ValueError,
    ) as error:
        raise ReceiptRefused(
            "The selected photo cannot be opened. Take it again or upload a PDF", field="receipt"
        ) from error
    finally:
        upload.seek(0)
    if kind is None:
        raise ReceiptRefused(
            "The selected file must be a photo (JPG or PNG) or a PDF", field="receipt"
        )
    return kind
