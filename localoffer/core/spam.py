"""Spam checks for the anonymous public forms (feedback, problem reports), without a CAPTCHA.

CAPTCHAs fail WCAG 2.2 (success criterion 3.3.8, accessible authentication, and the
puzzles themselves shut out many disabled people), so the form relies on checks a person
never notices:

- a honeypot field that people and assistive technology never reach;
- a signed timestamp: a person needs more than a few seconds to read the form and write
  a comment, and a form rendered more than a day ago is stale;
- a cap on the number of links, because link spam is what bots post;
- a rate limit per address (localoffer.core.ratelimit), held in Django's cache, high
  enough for many people behind one address: a last guard against floods, not the
  spam filter.

The functions here are pure checks; the view decides what the visitor is told.
"""

import re
import time
from enum import StrEnum

from django import forms
from django.conf import settings
from django.core import signing
from django.http import HttpRequest, QueryDict

from localoffer.core import ratelimit

RENDERED_AT_SALT = "localoffer.feedback.form-rendered"
DEFAULT_MIN_SECONDS = 3
MAX_AGE_SECONDS = 24 * 60 * 60
MAX_LINKS = 2
# Per address, feedback and problem reports together. A school, library or council office
# shares one address, so the count is set for a room of people; a bot is stopped by the
# checks above it (honeypot, signed render time, links), which drop what it sends.
DEFAULT_RATE_LIMIT = 30
DEFAULT_RATE_WINDOW_SECONDS = 10 * 60
RATE_LIMIT_KEY = "feedback:{address}"

# Anything that looks like a link to a person or a bot: a scheme, "www.", or an HTML or
# BBCode link. Counted, not parsed: a comment may mention a web address once or twice.
LINK_PATTERN = re.compile(r"(?:https?://|ftp://|www\.|<a\s|\[url)", re.IGNORECASE)


class TokenProblem(StrEnum):
    MISSING_OR_TAMPERED = "tampered"
    TOO_FAST = "too-fast"
    EXPIRED = "expired"


def min_seconds() -> float:
    """The shortest time a person could take; a setting so tests need not sleep."""
    return getattr(settings, "FEEDBACK_MIN_SECONDS", DEFAULT_MIN_SECONDS)


def make_form_token(*, rendered_at: float | None = None) -> str:
    """Sign the moment the form was rendered, so a bot cannot forge an older one."""
    moment = int(time.time() if rendered_at is None else rendered_at)
    return signing.Signer(salt=RENDERED_AT_SALT).sign(str(moment))


def token_rendered_at(token: str) -> int | None:
    """When the form holding this token was rendered, or None if it was not signed by us."""
    try:
        return int(signing.Signer(salt=RENDERED_AT_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None


def check_form_token(token: str, *, now: float | None = None) -> TokenProblem | None:
    """What is wrong with the form's timestamp, or None when a person could have sent it."""
    rendered_at = token_rendered_at(token)
    if rendered_at is None:
        return TokenProblem.MISSING_OR_TAMPERED
    elapsed = (time.time() if now is None else now) - rendered_at
    if elapsed < 0:
        # A timestamp from the future can only come from a clock we do not control.
        return TokenProblem.MISSING_OR_TAMPERED
    if elapsed < min_seconds():
        return TokenProblem.TOO_FAST
    if elapsed > MAX_AGE_SECONDS:
        return TokenProblem.EXPIRED
    return None


def count_links(text: str) -> int:
    return len(LINK_PATTERN.findall(text))


def has_too_many_links(text: str) -> bool:
    return count_links(text) > MAX_LINKS


def rate_limit() -> tuple[int, int]:
    """How many submissions one address may make, and in how many seconds."""
    return (
        getattr(settings, "FEEDBACK_RATE_LIMIT", DEFAULT_RATE_LIMIT),
        getattr(settings, "FEEDBACK_RATE_WINDOW_SECONDS", DEFAULT_RATE_WINDOW_SECONDS),
    )


def _rate_key(request: HttpRequest) -> str:
    return RATE_LIMIT_KEY.format(address=ratelimit.client_address(request))


def is_rate_limited(request: HttpRequest) -> bool:
    """True when this address has already used up its submissions for the window.

    Checked before the form is read, and counted (`record_submission`) only once a
    submission is taken, so a person correcting a mistake is not charged for it.
    """
    limit, window = rate_limit()
    return ratelimit.peek(_rate_key(request), limit=limit, window=window).used_up


def record_submission(request: HttpRequest) -> None:
    """Count one submission against the address (localoffer.core.ratelimit)."""
    limit, window = rate_limit()
    ratelimit.hit(_rate_key(request), limit=limit, window=window)


HONEYPOT_FIELD = "website"
TIMESTAMP_FIELD = "started"


class SpamCheckedForm(forms.Form):
    """A public form that drops bots quietly and never asks people to solve a puzzle.

    Besides its own fields it carries a honeypot (`website`, hidden from people) and a
    signed render time (`started`). `spam_reason` says why a submission is to be dropped;
    the view then pretends it was sent. `link_field` is the free-text field whose links
    are counted; `expired_message` is shown when the page was open for over a day, as an
    error the person can fix by sending again, so nobody loses what they wrote.
    """

    link_field = ""
    expired_message = ""

    website = forms.CharField(label="Leave this empty", required=False)
    started = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.spam_reason: str | None = None

    def clean(self) -> dict:
        cleaned = super().clean() or {}
        if self.data.get(HONEYPOT_FIELD, "").strip():
            self.spam_reason = "honeypot"
            return cleaned
        problem = check_form_token(self.data.get(TIMESTAMP_FIELD, ""))
        if problem == TokenProblem.EXPIRED:
            raise forms.ValidationError(self.expired_message, code="expired")
        if problem is not None:
            self.spam_reason = str(problem)
            return cleaned
        if has_too_many_links(self.data.get(self.link_field, "")):
            self.spam_reason = "links"
        return cleaned

    def prepare_for_redisplay(self) -> None:
        """Keep the original render time unless it is unusable, so fixing a mistake
        quickly does not look like a bot; an expired or forged token gets a fresh one."""
        token = self.data.get(TIMESTAMP_FIELD, "")
        if check_form_token(token) in (None, TokenProblem.TOO_FAST):
            return
        data = QueryDict(mutable=True)
        data.update(self.data)
        data[TIMESTAMP_FIELD] = make_form_token()
        self.data = data
