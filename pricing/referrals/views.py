"""The family's referrals under /account/referrals/: who suggests what for which child,
the family's answer (consent), the receiving organisation's answer, booking, withdrawing.

Family accounts only (`pricing.families.views.family_page`: others signed in get 403,
visitors are sent to sign in). Referrals are loaded through the family's own children,
so another family's reference answers 404, the same as one that does not exist.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.families.views import family_page
from pricing.referrals.enums import AWAITING_FAMILY, OPEN, REFERRAL_TRANSITIONS, ReferralStatus
from pricing.referrals.forms import ConsentForm
from pricing.referrals.models import Referral
from pricing.referrals.selectors import active_profile_share, booking_start, for_family
from pricing.referrals.services import (
    ReferralError,
    consent_statement,
    give_consent,
    profile_statement,
    refuse_consent,
    withdraw_referral,
)

CONSENT_ANCHORS = {"agree": "id_agree", "share_profile": "id_share_profile"}


def _referral(request: HttpRequest, reference: str) -> Referral:
    return get_object_or_404(for_family(request.user), reference=reference)


def can_withdraw(referral: Referral) -> bool:
    return ReferralStatus.WITHDRAWN in REFERRAL_TRANSITIONS[referral.status]


@family_page
def referral_list(request: HttpRequest) -> HttpResponse:
    referrals = list(for_family(request.user))
    return render(
        request,
        "pricing/referrals/list.html",
        {
            "to_answer": [r for r in referrals if r.status in AWAITING_FAMILY],
            "current": [r for r in referrals if r.status in OPEN - AWAITING_FAMILY],
            "closed": [r for r in referrals if r.status not in OPEN],
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _referral(request, reference)
    asking = referral.status == ReferralStatus.AWAITING_CONSENT
    child = referral.child.first_name
    form = ConsentForm(
        request.POST if request.method == "POST" else None,
        ask_profile=referral.ask_to_share_profile,
        child=child,
    )
    if request.method == "POST" and asking and form.is_valid():
        try:
            if form.agreed:
                give_consent(referral=referral, by=request.user, share_profile=form.share)
                text = (
                    f"You agreed. We have sent the referral to "
                    f"{referral.receiving_organisation.title}"
                )
            else:
                refuse_consent(referral=referral, by=request.user)
                text = "You said no. The referral will not be sent"
        except ReferralError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, text)
            return redirect("referrals:detail", reference=referral.reference)
    return render(
        request,
        "pricing/referrals/detail.html",
        {
            "referral": referral,
            "form": form,
            "asking": asking,
            "consent_statement": consent_statement(referral),
            "profile_statement": profile_statement(referral),
            "has_profile": hasattr(referral.child, "profile"),
            "profile_shared": active_profile_share(referral) is not None,
            "book_url": booking_start(referral)
            if referral.status == ReferralStatus.ACCEPTED
            else "",
            "can_withdraw": can_withdraw(referral),
            "errors": error_summary_items(form, anchors=CONSENT_ANCHORS) if asking else [],
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def withdraw(request: HttpRequest, reference: str) -> HttpResponse:
    referral = _referral(request, reference)
    if not can_withdraw(referral):
        messages.info(request, "This referral is closed, so it cannot be withdrawn")
        return redirect("referrals:detail", reference=referral.reference)
    if request.method == "POST":
        try:
            withdraw_referral(referral=referral, by=request.user)
        except ReferralError as error:
            messages.info(request, error.message)
        else:
            messages.success(request, "You withdrew the referral. Both providers are told")
        return redirect("referrals:detail", reference=referral.reference)
    return render(
        request,
        "pricing/referrals/withdraw.html",
        {"referral": referral, "profile_share_ends": referral.profile_share_made},
    )
