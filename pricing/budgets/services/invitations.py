"""The officer's invitations to a budget: an email with a link that works once.

Two people are invited this way: the family (the parent, or the young person), who then
sees the whole budget, and the third party holding part of the money, who then decides on
the bookings paid from that part (`pricing.budgets.services.third_party`). Each role has
its own links and its own page to accept them, so a link sent to one can never be used
as the other.

The link carries a long random token; only its hash is kept, so a copy of the database
cannot be used to accept an invitation. A new invitation for a role withdraws any earlier
one for that role not yet accepted, so only the newest link works. Accepting takes the
invitation's row lock, so the same link accepted twice at once is accepted once.
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.urls import reverse
from django.utils import timezone

from localoffer.core.mail import send_email, site_url
from localoffer.core.transitions import lock
from pricing.budgets.enums import InvitationStatus
from pricing.budgets.models import BudgetInvitation, PersonalBudget
from pricing.budgets.services.common import BudgetError, audit, lock_budget

USED_OR_WITHDRAWN = "This invitation has been used or withdrawn. Ask your officer."


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def checked_email(email: str) -> str:
    """The address typed, trimmed and in lower case, or a refusal beside the field."""
    address = (email or "").strip().lower()
    try:
        validate_email(address)
    except ValidationError as error:
        raise BudgetError(
            "Enter an email address in the correct format, like name@example.com", field="email"
        ) from error
    return address


def send_invitation(
    *,
    budget: PersonalBudget,
    email: str,
    role: str,
    template: str,
    accept_url_name: str,
    event: str,
    by: Any,
    context: dict[str, Any] | None = None,
) -> BudgetInvitation:
    """Withdraw the role's earlier links not yet accepted, make a new one and email it.

    The caller holds the budget's lock and has checked `email` (`checked_email`). The
    email is sent once the transaction commits, so a refused step emails nobody.
    """
    BudgetInvitation.objects.filter(budget=budget, role=role, status=InvitationStatus.SENT).update(
        status=InvitationStatus.WITHDRAWN
    )
    token = secrets.token_urlsafe(32)
    invitation = BudgetInvitation.objects.create(
        budget=budget, role=role, email=email, token_hash=token_hash(token)
    )
    send_email(
        to=[invitation.email],
        template=template,
        context={
            "budget": budget,
            "link": site_url() + reverse(accept_url_name, args=[token]),
            **(context or {}),
        },
    )
    audit(budget, event, by=by, data={"email": invitation.email})
    return invitation


def open_invitation(token: str, role: str) -> BudgetInvitation | None:
    """The invitation a link is for, if it is for `role` and can still be accepted."""
    return (
        BudgetInvitation.objects.filter(
            token_hash=token_hash(token), role=role, status=InvitationStatus.SENT
        )
        .select_related("budget", "budget__officer")
        .first()
    )


def take_invitation(token: str, role: str) -> tuple[BudgetInvitation, PersonalBudget]:
    """The invitation of a link and its budget, both locked, while the invitation can
    still be accepted (in a transaction).

    The budget is locked before the invitation, the order `send_invitation`'s caller
    takes them in, so accepting a link while the officer sends a newer one never
    deadlocks: one waits for the other, and a withdrawn link is refused.
    """
    found = open_invitation(token, role)
    if found is None:
        raise BudgetError(USED_OR_WITHDRAWN)
    budget = lock_budget(found.budget_id)
    invitation = lock(found)
    if invitation.status != InvitationStatus.SENT:
        raise BudgetError(USED_OR_WITHDRAWN)
    return invitation, budget


def mark_accepted(invitation: BudgetInvitation, user: Any) -> None:
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_by = user
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["status", "accepted_by", "accepted_at"])
