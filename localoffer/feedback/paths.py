"""Same-site paths: where a comment came from, and where the thank-you page links back to."""

from django.utils.http import url_has_allowed_host_and_scheme

from localoffer.feedback.enums import FeedbackTopic

MAX_PATH_LENGTH = 300

# Addresses that carry a secret (an email confirmation key, a password reset key, an
# invitation or a listing confirmation token). A comment sent from such a page keeps only
# the part before the secret, so the secret is never stored or shown to staff.
PATHS_WITH_SECRETS = ("/account/", "/for-providers/invitations/", "/listings/confirm/")

# First path segments that are not a Local Offer section but still have a topic.
SEGMENT_TOPICS = {
    "services": FeedbackTopic.DIRECTORY,
    "providers": FeedbackTopic.DIRECTORY,
}


def safe_local_path(value: str | None) -> str:
    """The value if it is a path on this site, otherwise "" (secrets cut off, see above).

    The thank-you page links back to it, so anything else would be an open redirect:
    "//evil.example" and "/\\evil.example" are read by browsers as other hosts, and a
    scheme ("https:", "javascript:") never starts with "/".
    """
    if not value or len(value) > MAX_PATH_LENGTH:
        return ""
    if not value.startswith("/") or value.startswith("//") or "\\" in value:
        return ""
    if any(ord(character) < 32 or ord(character) == 127 for character in value):
        return ""
    if not url_has_allowed_host_and_scheme(value, allowed_hosts=None):
        return ""
    for prefix in PATHS_WITH_SECRETS:
        if value.startswith(prefix):
            return prefix
    return value


def topic_for_path(path: str) -> str:
    """The feedback topic a page belongs to, from its section's slug.

    Section pages' slugs are the topics' values (/education/, /health/ ...), the directory
    lives at /services/ and /providers/; anything else is about the website itself.
    """
    segment = path.strip("/").split("/", 1)[0]
    if segment in FeedbackTopic.values:
        return segment
    return SEGMENT_TOPICS.get(segment, FeedbackTopic.WEBSITE)
