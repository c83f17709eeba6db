"""Local paths from the request: where to go back to after a form, or where a page came from."""

from __future__ import annotations

from django.utils.http import url_has_allowed_host_and_scheme

DEFAULT_MAX_LENGTH = 2000


def safe_local_path(value: str | None, *, max_length: int = DEFAULT_MAX_LENGTH) -> str:
    """The value if it is a path on this site, otherwise "".

    Links and redirects are built from it, so anything else would be an open redirect:
    "//evil.example" and "/\\evil.example" are read by browsers as other hosts, a scheme
    ("https:", "javascript:") never starts with "/", and a control character could split
    a header. A query string and fragment are kept.
    """
    if not value or len(value) > max_length:
        return ""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return ""
    return value
