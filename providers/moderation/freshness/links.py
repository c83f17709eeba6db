"""Signed "confirm this listing" links, sent by email when a cycle opens.

The link is the credential: whoever holds it can confirm one listing, in one cycle, as
the one person it was sent to, without signing in. So it is signed with its own salt
(a token made for anything else never verifies here), names the page, the cycle and the
recipient, and stops working:

- when a later cycle has opened (the request it answered is over);
- a week after its cycle's deadline (the grace lets a provider who opens the email late
  still answer; the expiry comes from the cycle's dates, not from when it was signed);
- when the recipient is no longer an active member of the organisation;
- when the listing is no longer published.

Opening the link changes nothing: it shows the listing and one button (POST), because
email security scanners open every link in a message and would otherwise confirm
listings nobody looked at.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import site_url
from providers.models import OrganisationPage, ServicePage
from providers.moderation.freshness.enums import LinkProblem
from providers.moderation.freshness.selectors import (
    is_member,
    latest_opened_cycle,
    organisation_of_pages,
)
from providers.moderation.models import SubmissionCycle

SALT = "moderation.freshness.confirm-listing"
GRACE_DAYS = 7


def make_token(*, page_id: int, cycle_id: int, user_id: int) -> str:
    return signing.dumps({"p": page_id, "c": cycle_id, "u": user_id}, salt=SALT)


def confirmation_url(*, page_id: int, cycle_id: int, user_id: int) -> str:
    token = make_token(page_id=page_id, cycle_id=cycle_id, user_id=user_id)
    return site_url() + reverse("freshness:confirm", args=[token])


def expires_on(cycle: SubmissionCycle) -> dt.date:
    """The last day a link of this cycle works."""
    return cycle.deadline + dt.timedelta(days=GRACE_DAYS)


@dataclass
class CheckedLink:
    problem: LinkProblem | None
    page: ServicePage | None = None
    organisation: OrganisationPage | None = None
    cycle: SubmissionCycle | None = None
    user: Any = None


def _payload(token: str) -> tuple[int, int, int] | None:
    try:
        data = signing.loads(token, salt=SALT)
        return int(data["p"]), int(data["c"]), int(data["u"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None


def check_link(token: str, *, today: dt.date | None = None) -> CheckedLink:
    """What the link is for, or the first reason it cannot be used."""
    payload = _payload(token)
    if payload is None:
        return CheckedLink(LinkProblem.TAMPERED)
    page_id, cycle_id, user_id = payload
    today = today or timezone.localdate()

    cycle = SubmissionCycle.objects.filter(pk=cycle_id).first()
    latest = latest_opened_cycle()
    if cycle is None or latest is None or cycle.pk != latest.pk:
        return CheckedLink(LinkProblem.WRONG_CYCLE, cycle=cycle)
    if today > expires_on(cycle):
        return CheckedLink(LinkProblem.EXPIRED, cycle=cycle)

    page = ServicePage.objects.filter(pk=page_id).first()
    if page is None:
        return CheckedLink(LinkProblem.NOT_PUBLISHED, cycle=cycle)
    organisation = organisation_of_pages([page])[page.pk]
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is None or organisation is None or not is_member(user, organisation):
        return CheckedLink(LinkProblem.NO_ACCESS, cycle=cycle)
    if not page.live:
        return CheckedLink(
            LinkProblem.NOT_PUBLISHED, page=page, organisation=organisation, cycle=cycle
        )
    return CheckedLink(None, page=page, organisation=organisation, cycle=cycle, user=user)
