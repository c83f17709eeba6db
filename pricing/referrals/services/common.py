"""What every referral write shares: its error, references, who may act, and one move."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.utils import timezone

from localoffer.core.transitions import DomainError, transition
from pricing.bookings.services.common import REFERENCE_ALPHABET
from pricing.referrals.enums import REFERRAL_TRANSITIONS
from pricing.referrals.models import Referral
from providers.organisations.access import is_organisation_member

ACTION = "pricing.referral_"  # + the event: "pricing.referral_sent", ...
REFERENCE_PREFIX = "RF"


class ReferralError(DomainError):
    """A referral step the rules refuse; the message is for the person who tried it."""


def new_reference() -> str:
    """A short reference people can read out over the phone, such as "RF-7K3P9Q"."""
    for _ in range(10):
        reference = f"{REFERENCE_PREFIX}-" + "".join(
            secrets.choice(REFERENCE_ALPHABET) for _ in range(6)
        )
        if not Referral.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find a free referral reference")


def moment(now: dt.datetime | None) -> dt.datetime:
    return now if now is not None else timezone.now()


def can_act(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def check_family(referral: Referral, by: Any) -> None:
    """Only the child's own family answers for the child."""
    if not can_act(by) or referral.child.family_id != by.pk:
        raise ReferralError("Only the child's own family can do this.")


def check_member(organisation: Any, by: Any) -> None:
    if not is_organisation_member(by, organisation):
        raise ReferralError(f"Only the team of {organisation.title} can do this.")


def move(
    referral: Referral,
    to: str,
    *,
    by: Any,
    event: str,
    changes: dict[str, Any] | None = None,
    message: str | None = None,
) -> Referral:
    """Lock, check REFERRAL_TRANSITIONS on the locked row, save and audit one move."""
    return transition(
        referral,
        table=REFERRAL_TRANSITIONS,
        to=to,
        user=by if can_act(by) else None,
        action=ACTION + event,
        changes=changes,
        data={"reference": referral.reference},
        error=ReferralError,
        message=message,
    )
