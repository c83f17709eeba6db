"""A shortlist of services, kept in the visitor's session: no account needed.

Families compare a few services before they phone anyone, often on a phone and often
for a child whose needs they would rather not register with a website. So the shortlist
is only a list of ServicePage ids in the session (at most 50), nothing in the database.

A service unpublished since it was shortlisted is dropped the next time the list is read,
and the page says so. The list can be printed or emailed; the email address is used to
send that one message and never stored: not in the session, the database, a task queue
or the logs. That is also why the email is sent in the request rather than by a background
task: a task would have to keep the address in its queue until it ran.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.mail import EmailMultiAlternatives
from django.http import HttpRequest
from django.template.loader import render_to_string

from localoffer.core import ratelimit
from providers.models import ServicePage
from search import selectors

# The session key; templates/search/includes/shortlist_button.html reads it too.
SESSION_KEY = "search_shortlist"
MAX_SERVICES = 50
DEFAULT_EMAIL_LIMIT = 5
DEFAULT_EMAIL_WINDOW_SECONDS = 60 * 60
EMAIL_RATE_KEY = "shortlist-email:{kind}:{value}"


class ShortlistFull(Exception):
    """The shortlist already holds MAX_SERVICES services."""


def ids(session: SessionBase) -> list[int]:
    """The shortlisted service ids, oldest first. Tolerates a session edited or corrupted
    by hand: anything that is not a list of positive integers is ignored."""
    stored = session.get(SESSION_KEY, [])
    if not isinstance(stored, list):
        return []
    return [pk for pk in stored if isinstance(pk, int) and not isinstance(pk, bool) and pk > 0][
        :MAX_SERVICES
    ]


def _save(session: SessionBase, service_ids: Sequence[int]) -> None:
    if service_ids:
        session[SESSION_KEY] = list(service_ids)
    else:
        session.pop(SESSION_KEY, None)


def add(session: SessionBase, service_id: int) -> bool:
    """Add a service; False if it was already there. Raises ShortlistFull."""
    current = ids(session)
    if service_id in current:
        return False
    if len(current) >= MAX_SERVICES:
        raise ShortlistFull
    _save(session, [*current, service_id])
    return True


def remove(session: SessionBase, service_id: int) -> bool:
    """Take a service off; False if it was not there."""
    current = ids(session)
    if service_id not in current:
        return False
    _save(session, [pk for pk in current if pk != service_id])
    return True


def clear(session: SessionBase) -> None:
    _save(session, [])


@dataclass
class Loaded:
    services: list[ServicePage]  # still published, oldest first
    dropped: list[str]  # titles of the services taken off because they are no longer listed


def load(session: SessionBase) -> Loaded:
    """The shortlisted services still published; the others are removed from the session
    and named in `dropped`, so the page can tell the family why they went."""
    current = ids(session)
    services = selectors.shortlist_services(current) if current else []
    kept = [service.pk for service in services]
    gone = [pk for pk in current if pk not in set(kept)]
    if gone or kept != session.get(SESSION_KEY, []):
        _save(session, kept)
    return Loaded(services=services, dropped=selectors.service_titles(gone))


# --- email -----------------------------------------------------------------------------------


def email_rate_limit() -> tuple[int, int]:
    """How many shortlist emails one session or address may send, and in how many seconds.

    Low, because the form sends mail to any address typed into it: without a limit it
    would be a way to send our council's email to strangers.
    """
    return (
        getattr(settings, "SHORTLIST_EMAIL_LIMIT", DEFAULT_EMAIL_LIMIT),
        getattr(settings, "SHORTLIST_EMAIL_WINDOW_SECONDS", DEFAULT_EMAIL_WINDOW_SECONDS),
    )


def _rate_keys(request: HttpRequest) -> list[str]:
    keys = [EMAIL_RATE_KEY.format(kind="ip", value=ratelimit.client_address(request))]
    if request.session.session_key:
        keys.append(EMAIL_RATE_KEY.format(kind="session", value=request.session.session_key))
    return keys


def email_rate_limited(request: HttpRequest) -> bool:
    """True when this session or this address has used up its emails for the window.

    Both, because a new session is one cookie away, and an address may be a school or
    library that many families share.
    """
    limit, window = email_rate_limit()
    return any(
        ratelimit.peek(key, limit=limit, window=window).used_up for key in _rate_keys(request)
    )


def record_email_sent(request: HttpRequest) -> None:
    """Count one email against the session and the address (localoffer.core.ratelimit)."""
    limit, window = email_rate_limit()
    for key in _rate_keys(request):
        ratelimit.hit(key, limit=limit, window=window)


def send_shortlist_email(
    *, to: str, services: Sequence[ServicePage], site_url: str, service_name: str
) -> None:
    """Email the shortlist as plain text with an HTML alternative.

    Links are absolute (`site_url` is the site's configured address, not the request's
    Host header, so a forged Host cannot put someone else's links in our email).
    """
    context = {
        "services": services,
        "site_url": site_url.rstrip("/"),
        "service_name": service_name,
    }
    subject = render_to_string("search/email/shortlist_subject.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=render_to_string("search/email/shortlist.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )
    message.attach_alternative(
        render_to_string("search/email/shortlist.html", context), "text/html"
    )
    message.send()
