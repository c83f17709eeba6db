"""The officer's steps about a budget's third party: invite it (recording its name and
email), send the invitation again, and remove its access. Each POST calls one service in
`pricing.budgets.services.third_party`, which locks the budget and audits the step; the
budget's page shows whether the invitation was accepted and by which account."""

from __future__ import annotations

from typing import Any

from pricing.budgets.admin_forms.third_party import (
    RemoveThirdPartyForm,
    SendAgainForm,
    ThirdPartyForm,
)
from pricing.budgets.admin_views.base import BudgetActionView
from pricing.budgets.enums import InvitationRole
from pricing.budgets.models import BudgetInvitation, PersonalBudget
from pricing.budgets.services.third_party import (
    invite_third_party,
    remove_third_party,
    resend_third_party_invitation,
    waiting_invitation,
)


def third_party_status(budget: PersonalBudget) -> dict[str, Any]:
    """What the budget's page says about its third party: its name, the account that
    accepted (if any) and the invitation still waiting (if any)."""
    accepted = (
        BudgetInvitation.objects.filter(
            budget=budget, role=InvitationRole.THIRD_PARTY, accepted_by=budget.third_party_id
        )
        .order_by("-accepted_at", "-pk")
        .first()
        if budget.third_party_id
        else None
    )
    return {
        "name": budget.third_party_name,
        "account": budget.third_party,
        "accepted_at": accepted.accepted_at if accepted else None,
        "waiting": waiting_invitation(budget),
    }


class ThirdPartyInviteView(BudgetActionView):
    page_title = "Invite the third party"
    form_class = ThirdPartyForm
    submit_label = "Send the invitation"

    def intro(self) -> str:
        return (
            "We email a link to the third party holding part of this budget. Whoever accepts "
            "it, signed in with their own account, sees the figures of that part, approves "
            "or refuses bookings paid from it above the approval limit, and is emailed the "
            "providers' invoices for them. They see nothing else of the budget. You can "
            "still decide everything. An earlier invitation not yet accepted stops working."
        )

    def get_initial(self) -> dict[str, Any]:
        last = (
            self.budget.invitations.filter(role=InvitationRole.THIRD_PARTY)
            .order_by("-sent_at", "-pk")
            .first()
        )
        initial = {"third_party_name": self.budget.third_party_name}
        return {**initial, "email": last.email} if last else initial

    def act(self, form: Any) -> str:
        invitation = invite_third_party(
            budget=self.budget,
            name=form.cleaned_data["third_party_name"],
            email=form.cleaned_data["email"],
            by=self.request.user,
        )
        return f"We have emailed {invitation.email} a link to accept."


class ThirdPartyResendView(BudgetActionView):
    page_title = "Send the third party's invitation again"
    form_class = SendAgainForm
    submit_label = "Send it again"

    def intro(self) -> str:
        waiting = waiting_invitation(self.budget)
        if waiting is None:
            return "No invitation is waiting to be accepted. Invite the third party instead."
        return (
            f"We email {waiting.email} a new link to accept, sent on "
            f"{waiting.sent_at:%-d %B %Y}. The earlier link stops working."
        )

    def act(self, form: Any) -> str:
        invitation = resend_third_party_invitation(budget=self.budget, by=self.request.user)
        return f"We have emailed {invitation.email} a new link to accept."


class ThirdPartyRemoveView(BudgetActionView):
    page_title = "Remove the third party's access"
    form_class = RemoveThirdPartyForm
    submit_label = "Remove access"
    danger = True

    def intro(self) -> str:
        who = self.budget.third_party_name or "The third party"
        account = self.budget.third_party
        if account is not None:
            who = f"{who} ({account.email})"
        return (
            f"{who} will no longer see this budget or decide on its bookings, and a link not "
            "yet accepted stops working. Bookings waiting for a decision are yours alone, "
            "and providers' invoices are emailed to you. No money moves."
        )

    def act(self, form: Any) -> str:
        remove_third_party(
            budget=self.budget, reason=form.cleaned_data["reason"], by=self.request.user
        )
        return "The third party's access has been removed."
