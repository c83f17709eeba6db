"""Check that an uploaded file really is what its name says.

A file's name is chosen by whoever uploads it; its first bytes are not. A script renamed
`clip.mp4` or an HTML page renamed `captions.vtt` is refused before it is stored.
"""

import puremagic
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

# The signatures puremagic may report for each extension we accept.
ACCEPTED_SIGNATURES = {
    "pdf": {".pdf"},
    "mp4": {".mp4", ".m4v", ".m4a", ".mov", ".3gp"},
    "webm": {".webm", ".mkv"},
    "docx": {".docx", ".zip"},
    "odt": {".odt", ".zip"},
}
TEXT_EXTENSIONS = {"txt", "vtt"}


def check_upload_content(upload: UploadedFile, extension: str) -> None:
    """Raise ValidationError unless the file's content matches its extension."""
    extension = extension.lower().lstrip(".")
    upload.seek(0)
    head = upload.read(4096)
    upload.seek(0)
    if not head:
        raise ValidationError("The file is empty", code="empty")
    if extension in TEXT_EXTENSIONS:
        _check_text(head, extension)
        return
    expected = ACCEPTED_SIGNATURES.get(extension)
    if expected is None:
        raise ValidationError("This type of file is not accepted", code="extension")
    try:
        found = {match.extension for match in puremagic.magic_string(head)}
    except puremagic.PureError:
        found = set()
    if not found & expected:
        raise ValidationError(
            f"The file is not a real .{extension} file. Check it and upload it again.",
            code="content_mismatch",
        )


def _check_text(head: bytes, extension: str) -> None:
    try:
        text = head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValidationError("The file must be plain text (UTF-8)", code="not_text") from error
    if "\x00" in text or "<script" in text.lower() or "<html" in text.lower():
        raise ValidationError(
            "The file must be plain text, not a web page or program", code="not_text"
        )
    if extension == "vtt" and not text.startswith("WEBVTT"):
        raise ValidationError(
            "A captions file must be WebVTT: its first line must be WEBVTT", code="not_vtt"
        )
