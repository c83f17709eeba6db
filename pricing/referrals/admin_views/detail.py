"""One referral in the workspace: what was sent, the answer, and what each side can do.

The receiving organisation accepts (with an optional message) or declines (with a
reason); the referring one can cancel before it is accepted. The child's one-page profile
opens only while the family shares it for the referral (`profile_for_provider` logs each
opening, and the family sees it).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.families.selectors import profile_for_provider
from pricing.referrals.admin_views.base import ReferralPageMixin
from pricing.referrals.enums import REFERRAL_TRANSITIONS, ReferralStatus
from pricing.referrals.forms import AcceptForm, DeclineForm
from pricing.referrals.models import Referral
from pricing.referrals.selectors import active_profile_share, profile_readable
from pricing.referrals.services import (
    ReferralError,
    accept_referral,
    cancel_referral,
    decline_referral,
)

ACCEPT, DECLINE = "accept", "decline"


def can_cancel(referral: Referral) -> bool:
    return ReferralStatus.CANCELLED in REFERRAL_TRANSITIONS[referral.status]


class DetailView(ReferralPageMixin, TemplateView):
    template_name = "pricing/admin/referrals/detail.html"
    page_title = "Referral"
    http_method_names = ["get"]

    def trail(self) -> list[dict[str, Any]]:
        return []

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        referral = self.referral
        can_move = REFERRAL_TRANSITIONS[referral.status]
        context.update(
            {
                "referral": referral,
                "child": referral.child,
                "needs": list(referral.child.needs.all()),
                "is_receiver": self.is_receiver,
                "is_referrer": self.is_referrer,
                "can_answer": self.is_receiver and ReferralStatus.ACCEPTED in can_move,
                "can_cancel": self.is_referrer and can_cancel(referral),
                "profile_readable": self.is_receiver and profile_readable(referral),
                "profile_shared": active_profile_share(referral) is not None,
            }
        )
        return context


class AnswerView(ReferralPageMixin, TemplateView):
    """One page, two forms: accept (an optional message) or decline (a reason)."""

    template_name = "pricing/admin/referrals/answer.html"
    page_title = "Answer the referral"
    http_method_names = ["get", "post"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        if not self.is_receiver:
            raise Http404("Not found")

    def forms(self, data: Any = None, answer: str = "") -> dict[str, Any]:
        return {
            "accept_form": AcceptForm(data if answer == ACCEPT else None, prefix="accept"),
            "decline_form": DeclineForm(data if answer == DECLINE else None, prefix="decline"),
        }

    def render(self, forms: dict[str, Any]) -> HttpResponse:
        context = self.get_context_data()
        context.update(
            {
                **forms,
                "referral": self.referral,
                "child": self.referral.child,
                "needs": list(self.referral.child.needs.all()),
                "waiting": self.referral.status == ReferralStatus.SENT,
                "errors": error_summary_items(forms["accept_form"])
                + error_summary_items(forms["decline_form"]),
            }
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        answer = request.POST.get("answer", "")
        forms = self.forms(request.POST, answer)
        form = forms["accept_form"] if answer == ACCEPT else forms["decline_form"]
        if answer not in (ACCEPT, DECLINE) or not form.is_valid():
            return self.render(forms)
        try:
            if answer == ACCEPT:
                accept_referral(
                    referral=self.referral,
                    by=request.user,
                    message=form.cleaned_data["message"],
                )
                text = "You accepted the referral."
            else:
                decline_referral(
                    referral=self.referral, by=request.user, reason=form.cleaned_data["reason"]
                )
                text = "You declined the referral."
        except ReferralError as error:
            add_domain_error(form, error)
            return self.render(forms)
        messages.success(request, f"{text} The family and the referring organisation are told.")
        return redirect(self.referral_url())


class CancelView(ReferralPageMixin, TemplateView):
    """The referring organisation calls the referral off, after a confirmation."""

    template_name = "pricing/admin/referrals/cancel.html"
    page_title = "Cancel the referral"
    http_method_names = ["get", "post"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        if not self.is_referrer:
            raise Http404("Not found")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "referral": self.referral,
                "can_cancel": can_cancel(self.referral),
                "errors": kwargs.get("errors", []),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            cancel_referral(referral=self.referral, by=request.user)
        except ReferralError as error:
            return self.render_to_response(
                self.get_context_data(errors=[{"href": "#cancel", "text": error.message}])
            )
        messages.success(request, "You cancelled the referral. The family is told.")
        return redirect(self.referral_url())


class ProfileView(ReferralPageMixin, TemplateView):
    """The child's one-page profile for the receiving organisation, while the family shares
    it for the referral and the referral is waiting for an answer or accepted."""

    template_name = "pricing/admin/referrals/profile.html"
    page_title = "One-page profile"
    http_method_names = ["get"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        if not self.is_receiver:
            raise Http404("Not found")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        referral = self.referral
        context.update(
            {
                "referral": referral,
                "readable": profile_readable(referral),
                "profile": profile_for_provider(
                    child=referral.child,
                    organisation=referral.receiving_organisation,
                    viewer=self.request.user,
                    # The consent was given for this referral: it counts while the
                    # referral is being decided or accepted, and the share is active.
                    has_current_booking=lambda: profile_readable(referral),
                ),
            }
        )
        return context
