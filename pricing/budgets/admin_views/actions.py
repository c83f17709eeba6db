"""What an officer does to a budget, one form page each: invite the family again, adjust,
reverse a mistaken entry, recover money (and record a repayment), record a head
teacher's consent, a payee exception or a review, and change the approval limit.

Each POST calls one service, which locks the budget, checks, writes and audits; nothing
changes on GET. The entry or clawback of the address must belong to the budget of the
address, which must be in the officer's caseload (404 otherwise).
"""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from django.utils import timezone

from localoffer.core.money import format_pounds
from pricing.budgets import admin_forms
from pricing.budgets.admin_views.base import BudgetActionView
from pricing.budgets.enums import ClawbackMethod, InvitationRole
from pricing.budgets.models import Clawback, LedgerEntry
from pricing.budgets.services import (
    adjust,
    invite,
    record_clawback,
    record_consent,
    record_exception,
    record_repayment,
    record_review,
    reverse_entry,
    set_approval_limit,
)
from pricing.budgets.services.clawbacks import cover_left, outstanding, payments_to_come


class InviteView(BudgetActionView):
    page_title = "Invite the family"
    form_class = admin_forms.InviteForm
    submit_label = "Send the invitation"

    def intro(self) -> str:
        return (
            "We email a link to see the budget to the parent, or to the young person aged "
            "16 to 25. Any earlier invitation not yet accepted stops working."
        )

    def get_initial(self) -> dict[str, Any]:
        last = (
            self.budget.invitations.filter(role=InvitationRole.FAMILY)
            .order_by("-sent_at", "-pk")
            .first()
        )
        return {"email": last.email} if last else {}

    def act(self, form: Any) -> str:
        invitation = invite(
            budget=self.budget, email=form.cleaned_data["email"], by=self.request.user
        )
        return f"We have emailed {invitation.email} a link to see the budget."


class AdjustView(BudgetActionView):
    page_title = "Adjust the budget"
    form_class = admin_forms.AdjustForm
    submit_label = "Make the adjustment"

    def intro(self) -> str:
        return "A top-up or a correction, with its reason. It is kept in the ledger."

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs["lines"] = list(self.budget.current_version.lines.all())
        return kwargs

    def act(self, form: Any) -> str:
        stream, held_as = form.stream_and_pot()
        entry = adjust(
            budget=self.budget,
            amount=form.signed_amount(),
            stream=stream,
            held_as=held_as,
            reason=form.cleaned_data["reason"],
            by=self.request.user,
            occurred_on=form.cleaned_data["occurred_on"],
        )
        way = "added to" if entry.amount > 0 else "taken from"
        return f"{format_pounds(abs(entry.amount))} {way} the budget."


class ReverseView(BudgetActionView):
    page_title = "Reverse an entry"
    form_class = admin_forms.ReasonForm
    submit_label = "Reverse the entry"
    danger = True

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.entry = get_object_or_404(
            LedgerEntry.objects.select_related("recorded_by"),
            budget=self.budget,
            pk=kwargs["entry"],
        )

    def intro(self) -> str:
        entry = self.entry
        what = entry.description or entry.get_kind_display()
        return (
            f"{entry.get_kind_display()} of {format_pounds(entry.amount)} on "
            f"{entry.occurred_on:%-d %B %Y}: {what}. An entry of the opposite amount is added "
            "today; the mistaken entry stays in the ledger, marked as reversed."
        )

    def act(self, form: Any) -> str:
        reverse_entry(entry=self.entry, reason=form.cleaned_data["reason"], by=self.request.user)
        return "The entry is reversed."


class ClawbackView(BudgetActionView):
    page_title = "Recover money"
    form_class = admin_forms.ClawbackForm
    submit_label = "Record the clawback"
    danger = True

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.to_come = payments_to_come(self.budget)
        self.cover = cover_left(self.budget)

    def intro(self) -> str:
        if self.to_come.count and self.to_come.last_on is not None:
            left = (
                f"The direct payments left in the budget's period add up to "
                f"{format_pounds(self.to_come.total)} ({self.to_come.count} payments, the "
                f"last on {self.to_come.last_on:%-d %B %Y}); "
                f"{format_pounds(self.cover)} of that is not already being recovered."
            )
        else:
            left = "No direct payments are left in the budget's period."
        return (
            "Money unspent beyond what is allowed, or spent on what the budget cannot buy, "
            "is recovered from the next direct payments or by asking the family to repay it. "
            f"{left} Only what the payments left can cover can be taken from them. "
            "The family is emailed the amount and the reason."
        )

    def get_initial(self) -> dict[str, Any]:
        if self.cover == 0:
            return {"method": ClawbackMethod.REPAYMENT}
        return {"method": ClawbackMethod.NEXT_PAYMENTS}

    def act(self, form: Any) -> str:
        data = form.cleaned_data
        clawback = record_clawback(
            budget=self.budget,
            amount=data["amount"],
            reason=data["reason"],
            method=data["method"],
            by=self.request.user,
        )
        how = clawback.get_method_display().lower()
        return f"Clawback of {format_pounds(clawback.amount)} recorded: {how}."


class RepaymentView(BudgetActionView):
    page_title = "Record a repayment"
    form_class = admin_forms.RepaymentForm
    submit_label = "Record the repayment"

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.clawback = get_object_or_404(Clawback, budget=self.budget, pk=kwargs["clawback"])
        self.owed = outstanding(self.clawback)

    def intro(self) -> str:
        return (
            f"Clawback of {format_pounds(self.clawback.amount)}: {self.clawback.reason}. "
            f"{format_pounds(self.owed)} is still owed."
        )

    def get_initial(self) -> dict[str, Any]:
        return {"amount": self.owed or None, "received_on": timezone.localdate()}

    def act(self, form: Any) -> str:
        entry = record_repayment(
            clawback=self.clawback,
            amount=form.cleaned_data["amount"],
            received_on=form.cleaned_data["received_on"],
            by=self.request.user,
        )
        return f"Repayment of {format_pounds(entry.amount)} recorded."


class ConsentView(BudgetActionView):
    page_title = "Record a head teacher's consent"
    form_class = admin_forms.ConsentForm
    submit_label = "Record the consent"

    def intro(self) -> str:
        return (
            "Support delivered in a school or college can be paid from the budget only with "
            "the head teacher's or principal's consent."
        )

    def act(self, form: Any) -> str:
        data = form.cleaned_data
        consent = record_consent(budget=self.budget, by=self.request.user, **data)
        return f"Consent from {consent.setting_name} recorded."


class ExceptionView(BudgetActionView):
    page_title = "Allow paying a family member"
    form_class = admin_forms.ExceptionForm
    submit_label = "Record the exception"

    def intro(self) -> str:
        return (
            "As a rule a budget cannot pay a family member who lives with the child. Record "
            "an exception only where the council has agreed one, with its reason."
        )

    def act(self, form: Any) -> str:
        exception = record_exception(budget=self.budget, by=self.request.user, **form.cleaned_data)
        return f"The budget may now pay {exception.payee}."


class ReviewView(BudgetActionView):
    page_title = "Record a review"
    form_class = admin_forms.ReviewForm
    submit_label = "Record the review"

    def intro(self) -> str:
        return (
            "The first review is held within 3 months of the first payment, then once a "
            "year. If the review changed the budget, make a new version afterwards."
        )

    def get_initial(self) -> dict[str, Any]:
        return {"held_on": timezone.localdate()}

    def act(self, form: Any) -> str:
        review = record_review(budget=self.budget, by=self.request.user, **form.cleaned_data)
        return f"{review.get_kind_display().split(' (')[0]} recorded."


class ApprovalLimitView(BudgetActionView):
    page_title = "Change the approval limit"
    form_class = admin_forms.ApprovalLimitForm
    submit_label = "Save the limit"

    def get_initial(self) -> dict[str, Any]:
        return {"approval_limit": self.budget.approval_limit}

    def act(self, form: Any) -> str:
        budget = set_approval_limit(
            budget=self.budget, limit=form.cleaned_data["approval_limit"], by=self.request.user
        )
        return f"Bookings up to {format_pounds(budget.approval_limit)} are now approved at once."
