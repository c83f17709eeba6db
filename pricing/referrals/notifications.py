"""Emails about referrals, in plain English, sent once the change behind them commits.

Each person is written to on their own (`send_email` sends one message per address).
Emails carry as little about the child as will do: a first name to the family and to
the organisation that already knows the child, and to the receiving organisation no
more than "a family has been referred"; the details are behind the sign-in.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from localoffer.core.mail import send_email, site_url
from pricing.referrals.models import Referral
from providers.models import OrganisationPage
from providers.selectors import organisation_members

TEMPLATES = "referrals/email/"


def team_emails(organisation: OrganisationPage) -> list[str]:
    """Everyone in the organisation's team who can sign in."""
    return list(organisation_members(organisation).values_list("email", flat=True))


def family_link(referral: Referral) -> str:
    return site_url() + reverse("referrals:detail", args=[referral.reference])


def provider_link(referral: Referral) -> str:
    return site_url() + reverse("provider_referrals:detail", args=[referral.pk])


def _about(referral: Referral) -> dict[str, Any]:
    return {
        "reference": referral.reference,
        "child": referral.child.first_name,
        "listing": referral.service_title,
        "referrer": referral.referring_organisation.title,
        "receiver": referral.receiving_organisation.title,
        "answer": referral.answer,
    }


def _send(template: str, to: Iterable[str], referral: Referral, **extra: Any) -> None:
    send_email(to=list(to), template=TEMPLATES + template, context={**_about(referral), **extra})


def _family(referral: Referral) -> list[str]:
    return [referral.child.family.email]


def _referrer(referral: Referral) -> list[str]:
    return team_emails(referral.referring_organisation)


def _receiver(referral: Referral) -> list[str]:
    return team_emails(referral.receiving_organisation)


def tell_consent_asked(referral: Referral) -> None:
    _send("consent_asked", _family(referral), referral, link=family_link(referral))


def tell_family_said_no(referral: Referral) -> None:
    _send("family_said_no", _referrer(referral), referral, link=provider_link(referral))


def tell_received(referral: Referral) -> None:
    """The receiving team, once the family agreed: where to read it, nothing more."""
    _send("received", _receiver(referral), referral, link=provider_link(referral))
    _send("sent", _referrer(referral), referral, link=provider_link(referral))


def tell_accepted(referral: Referral) -> None:
    _send("accepted_family", _family(referral), referral, link=family_link(referral))
    _send("accepted_referrer", _referrer(referral), referral, link=provider_link(referral))


def tell_declined(referral: Referral) -> None:
    _send("declined_family", _family(referral), referral, link=family_link(referral))
    _send("declined_referrer", _referrer(referral), referral, link=provider_link(referral))


def tell_withdrawn(referral: Referral, *, receiver_had_it: bool) -> None:
    """Both providers: the referring one always, the receiving one if it ever saw it."""
    to = _referrer(referral) + (_receiver(referral) if receiver_had_it else [])
    _send("withdrawn", to, referral, link=provider_link(referral))


def tell_cancelled(referral: Referral, *, receiver_had_it: bool) -> None:
    _send("cancelled_family", _family(referral), referral, link=family_link(referral))
    if receiver_had_it:
        _send("cancelled_receiver", _receiver(referral), referral, link=provider_link(referral))


def tell_booked(referral: Referral) -> None:
    _send("booked", _referrer(referral), referral, link=provider_link(referral))
