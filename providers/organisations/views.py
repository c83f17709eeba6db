"""Public (GOV.UK) pages for providers: register an organisation, the listing terms, and
the page behind an invitation link.

These are for people who have no admin access yet. Everything after that (the team, the
listings) happens in the Wagtail admin, the provider's workspace.
"""

from typing import Any
from urllib.parse import urlencode

from allauth.account.utils import has_verified_email
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render, resolve_url
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from localoffer.core.forms import add_domain_error
from providers.organisations import policy
from providers.organisations.forms import RegistrationForm
from providers.organisations.services import (
    InvitationError,
    InvitationProblem,
    RegistrationDetails,
    RegistrationError,
    accept_invitation,
    check_invitation_account,
    invitation_for_token,
    register_organisation,
)
from providers.selectors import organisations_of_user

# An invitation problem's page and HTTP status: a link that never existed is "not found";
# one that existed but is spent is "gone"; the right link in the wrong account is refused.
PROBLEM_PAGES = {
    InvitationProblem.INVALID: ("providers/organisations/invitation_invalid.html", 404),
    InvitationProblem.EXPIRED: ("providers/organisations/invitation_expired.html", 410),
    InvitationProblem.USED: ("providers/organisations/invitation_used.html", 410),
    InvitationProblem.CANCELLED: ("providers/organisations/invitation_cancelled.html", 410),
    InvitationProblem.WRONG_ACCOUNT: ("providers/organisations/invitation_wrong_account.html", 403),
}


def _account_links(request: HttpRequest) -> dict[str, Any]:
    """Sign-in, sign-up and sign-out addresses that bring the person back here afterwards."""
    next_query = urlencode({"next": request.path})
    return {
        "login_url": f"{resolve_url(settings.LOGIN_URL)}?{next_query}",
        "signup_url": f"{reverse('account_signup')}?{next_query}",
        "logout_url": reverse("account_logout"),
        "email_url": reverse("account_email"),
        "next_path": request.path,
    }


def _confirm_email_page(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "providers/organisations/confirm_email.html",
        {**_account_links(request), "hide_feedback_form": True},
        status=403,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest) -> HttpResponse:
    """The registration form; a correct one creates the organisation (post/redirect/get)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_verified_email(request.user, request.user.email):
        return _confirm_email_page(request)
    if request.method == "POST":
        form = RegistrationForm(request.POST)
        if form.is_valid():
            try:
                organisation = register_organisation(
                    user=request.user, details=RegistrationDetails.from_form(form.cleaned_data)
                )
            except RegistrationError as error:
                add_domain_error(form, error)
            else:
                return redirect("organisations:registered", pk=organisation.pk)
    else:
        form = RegistrationForm()
    return render(
        request,
        "providers/organisations/register.html",
        {
            "form": form,
            "errors": form.error_list() if form.is_bound else [],
            "terms_url": reverse("organisations:terms"),
            "working_days": policy.VERIFICATION_WORKING_DAYS,
            "hide_feedback_form": True,
        },
    )


@never_cache
@require_GET
def registered(request: HttpRequest, pk: int) -> HttpResponse:
    """The confirmation, for the organisation's own people only (it names a private page)."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    organisation = get_object_or_404(organisations_of_user(request.user), pk=pk)
    return render(
        request,
        "providers/organisations/registered.html",
        {
            "organisation": organisation,
            "working_days": policy.VERIFICATION_WORKING_DAYS,
            "admin_url": reverse("wagtailadmin_home"),
            "hide_feedback_form": True,
        },
    )


@require_GET
def terms(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "providers/organisations/terms.html",
        {"version": policy.LISTING_TERMS_VERSION, "updated": policy.LISTING_TERMS_UPDATED},
    )


def _problem_page(request: HttpRequest, error: InvitationError) -> HttpResponse:
    template, status = PROBLEM_PAGES[error.problem]
    return render(
        request,
        template,
        {
            "invitation": error.invitation,
            "organisation": error.invitation.organisation if error.invitation else None,
            "message": error.message,
            "lifetime_days": policy.INVITATION_LIFETIME.days,
            "hide_feedback_form": True,
            **_account_links(request),
        },
        status=status,
    )


@never_cache
@require_http_methods(["GET", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    """The page an invitation email links to. GET shows it; only POST accepts.

    Every problem (unknown or altered link, expired, used, cancelled, wrong account) gets
    its own page saying what to do, and changes nothing.
    """
    try:
        found = invitation_for_token(token)
    except InvitationError as error:
        return _problem_page(request, error)
    context = {
        "invitation": found,
        "organisation": found.organisation,
        "hide_feedback_form": True,
        **_account_links(request),
    }
    if not request.user.is_authenticated:
        return render(request, "providers/organisations/invitation_sign_in.html", context)
    if not has_verified_email(request.user, request.user.email):
        return _confirm_email_page(request)
    try:
        check_invitation_account(found, request.user)
    except InvitationError as error:
        return _problem_page(request, error)
    if request.method == "GET":
        return render(request, "providers/organisations/invitation.html", context)
    try:
        accepted = accept_invitation(token=token, user=request.user)
    except InvitationError as error:
        return _problem_page(request, error)
    messages.success(
        request,
        f"You have joined {accepted.organisation.title}. You can now work on its listings here.",
    )
    return redirect("wagtailadmin_home")
