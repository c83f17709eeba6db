"""Same-site paths: where a comment came from, and where the thank-you page links back to."""

from localoffer.core import paths as core_paths
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

    The thank-you page links back to it, so anything else would be an open redirect
    (localoffer.core.paths says what is refused).
    """
    path = core_paths.safe_local_path(value, max_length=MAX_PATH_LENGTH)
    for prefix in PATHS_WITH_SECRETS:
        if path.startswith(prefix):
            return prefix
    return path


def topic_for_path(path: str) -> str:
    """The feedback topic a page belongs to, from its section's slug.

    Section pages' slugs are the topics' values (/education/, /health/ ...), the directory
    lives at /services/ and /providers/; anything else is about the website itself.
    """
    segment = path.strip("/").split("/", 1)[0]
    if segment in FeedbackTopic.values:
        return segment
    return SEGMENT_TOPICS.get(segment, FeedbackTopic.WEBSITE)
