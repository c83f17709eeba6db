"""The third party holding part of a personal budget, with an account of its own.

A budget may be held, in part, by a named third party (a broker, a trust, sometimes a
provider): its funding lines held `HeldAs.THIRD_PARTY`. The officer whose caseload the
budget is in records the third party's name and email and invites it; the link works
once, as the family's does (`services.invitations`). Whoever accepts it, signed in with
their own account, becomes the budget's `third_party`: from then on that account decides
on the bookings paid from the part it holds (`services.approvals`), and the provider's
invoices for them are emailed to it. Council staff cannot accept (officers decide in the
admin, as officers), nor can the budget's own family, whose bookings it decides on.

The officer sees whether the invitation was accepted, can send the link again, invite
someone else (their account replaces the earlier one when they accept) or remove the
third party's access; each step is audited. Removing access moves no money and cancels
nothing: bookings waiting for a decision are the officer's alone again, and invoices are
emailed to the officer, as before the third party had an account.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import transaction
from django.urls import reverse

from localoffer.core.mail import send_email, site_url
from localoffer.core.money import format_pounds
from localoffer.core.roles import is_council_staff
from pricing.budgets.enums import ApprovalStatus, HeldAs, InvitationRole, InvitationStatus
from pricing.budgets.models import BookingFunding, BudgetInvitation, FundingLine, PersonalBudget
from pricing.budgets.services.common import BudgetError, audit, lock_budget
from pricing.budgets.services.invitations import (
    checked_email,
    mark_accepted,
    open_invitation,
    send_invitation,
    take_invitation,
)

NAME_MAX_LENGTH = 200  # PersonalBudget.third_party_name
REASON_MAX_LENGTH = 1000
SITE_SETTINGS_MODEL = "localoffer.SiteSettings"
THIRD_PARTY = InvitationRole.THIRD_PARTY


def council_name(budget: PersonalBudget) -> str:
    """The name of the council the budget belongs to (its site's settings)."""
    return apps.get_model(SITE_SETTINGS_MODEL).for_site(budget.council).council_name


def child_first_name(budget: PersonalBudget) -> str:
    """The child's first name: all a third party is told about who the child is."""
    if budget.child is not None:
        return budget.child.first_name
    return (budget.child_name.split() or [""])[0]


def holds_money(budget: PersonalBudget) -> bool:
    """Whether any version of the budget has a part held by a third party."""
    return FundingLine.objects.filter(version__budget=budget, held_as=HeldAs.THIRD_PARTY).exists()


def is_third_party_of(budget: PersonalBudget, user: Any) -> bool:
    """Whether `user` is the budget's third party (its account, active, accepted)."""
    return (
        budget.third_party_id is not None
        and budget.third_party_id == getattr(user, "pk", None)
        and bool(getattr(user, "is_active", False))
    )


def waiting_invitation(budget: PersonalBudget) -> BudgetInvitation | None:
    """The third party's newest invitation not yet accepted, if any."""
    return (
        BudgetInvitation.objects.filter(
            budget=budget, role=THIRD_PARTY, status=InvitationStatus.SENT
        )
        .order_by("-sent_at", "-pk")
        .first()
    )


def _send(budget: PersonalBudget, email: str, *, event: str, by: Any) -> BudgetInvitation:
    return send_invitation(
        budget=budget,
        email=email,
        role=THIRD_PARTY,
        template="budgets/email/third_party_invitation",
        accept_url_name="third_party:accept",
        event=event,
        by=by,
        context={
            "child_name": child_first_name(budget),
            "council_name": council_name(budget),
            "third_party_name": budget.third_party_name,
        },
    )


@transaction.atomic
def invite_third_party(
    *, budget: PersonalBudget, name: str, email: str, by: Any
) -> BudgetInvitation:
    """Record the third party's name and email and send it a link to accept.

    An earlier link not yet accepted stops working. A third party that already accepted
    keeps its access until the person now invited accepts, and then loses it.
    """
    name = (name or "").strip()
    if not name:
        raise BudgetError(
            "Enter the name of the third party holding the money", field="third_party_name"
        )
    if len(name) > NAME_MAX_LENGTH:
        raise BudgetError(
            f"The name must be {NAME_MAX_LENGTH} characters or fewer", field="third_party_name"
        )
    address = checked_email(email)
    budget = lock_budget(budget)
    if not holds_money(budget):
        raise BudgetError(
            "No part of this budget is held by a third party. Change the budget after a "
            "review first"
        )
    if name != budget.third_party_name:
        before = budget.third_party_name
        budget.third_party_name = name
        budget.save(update_fields=["third_party_name"])
        audit(budget, "third_party_named", by=by, data={"from": before, "to": name})
    return _send(budget, address, event="third_party_invited", by=by)


@transaction.atomic
def resend_third_party_invitation(*, budget: PersonalBudget, by: Any) -> BudgetInvitation:
    """Send the waiting invitation again, with a new link (the old one stops working:
    only a hash of each link is kept, so the same link cannot be sent twice)."""
    budget = lock_budget(budget)
    waiting = waiting_invitation(budget)
    if waiting is None:
        raise BudgetError("No invitation is waiting to be accepted. Invite the third party again")
    return _send(budget, waiting.email, event="third_party_invitation_resent", by=by)


def third_party_invitation_for(token: str) -> BudgetInvitation | None:
    """The third party's invitation a link is for, if it can still be accepted."""
    return open_invitation(token, THIRD_PARTY)


@transaction.atomic
def accept_third_party_invitation(*, token: str, user: Any) -> PersonalBudget:
    """Make the signed-in account the budget's third party.

    As with the family's link, any signed-in account may accept: the link was emailed to
    the address the officer chose, and it is long and works once.
    """
    invitation, budget = take_invitation(token, THIRD_PARTY)
    if is_council_staff(user):
        raise BudgetError(
            "This is a council account. Sign in with the third party's own account to accept"
        )
    if budget.child is not None and budget.child.family_id == user.pk:
        raise BudgetError(
            "This is the family's account. The third party needs an account of its own"
        )
    replaced = budget.third_party_id
    BudgetInvitation.objects.filter(
        budget=budget, role=THIRD_PARTY, status=InvitationStatus.ACCEPTED
    ).update(status=InvitationStatus.REMOVED)
    budget.third_party = user
    budget.save(update_fields=["third_party"])
    mark_accepted(invitation, user)
    audit(
        budget,
        "third_party_accepted",
        by=user,
        data={"email": user.email, "replaced": replaced if replaced != user.pk else None},
    )
    return budget


@transaction.atomic
def remove_third_party(*, budget: PersonalBudget, reason: str, by: Any) -> PersonalBudget:
    """Take the third party's access away (and withdraw a link not yet accepted)."""
    reason = (reason or "").strip()
    if not reason:
        raise BudgetError("Say why the third party's access is removed", field="reason")
    if len(reason) > REASON_MAX_LENGTH:
        raise BudgetError(
            f"The reason must be {REASON_MAX_LENGTH} characters or fewer", field="reason"
        )
    budget = lock_budget(budget)
    invitations = BudgetInvitation.objects.filter(budget=budget, role=THIRD_PARTY)
    waiting = invitations.filter(status=InvitationStatus.SENT)
    if budget.third_party_id is None and not waiting.exists():
        raise BudgetError("The third party has no access to remove")
    email = budget.third_party.email if budget.third_party is not None else ""
    waiting.update(status=InvitationStatus.WITHDRAWN)
    invitations.filter(status=InvitationStatus.ACCEPTED).update(status=InvitationStatus.REMOVED)
    budget.third_party = None
    budget.save(update_fields=["third_party"])
    audit(budget, "third_party_removed", by=by, data={"email": email, "reason": reason})
    return budget


def tell_third_party_of_waiting(funding: BookingFunding) -> None:
    """A booking paid from the part the third party holds waits for its decision: email
    its account (once the booking's transaction commits). Nothing when it has none."""
    budget = funding.budget
    holder = budget.third_party
    if (
        funding.held_as != HeldAs.THIRD_PARTY
        or funding.approval != ApprovalStatus.PENDING
        or holder is None
        or not holder.is_active
    ):
        return
    booking = funding.booking
    send_email(
        to=[holder.email],
        template="budgets/email/third_party_waiting",
        context={
            "child_name": booking.child.first_name,
            "service": booking.offer.service.title,
            "organisation": booking.offer.organisation.title,
            "reference": booking.reference,
            "amount": format_pounds(booking.total),
            "budget_reference": budget.reference,
            "link": site_url() + reverse("third_party:decide", args=[budget.reference, funding.pk]),
        },
    )
