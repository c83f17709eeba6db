"""The pages of someone's own account that allauth does not provide.

"Your account" is where signing in lands (LOGIN_REDIRECT_URL): who you are, how you sign
in, and where to go next. Providers reach their organisations' listings in the provider
workspace (the Wagtail admin, limited to their own organisations); council staff reach
the admin. Families reach their children, one-page profiles and calendar; a third party
holding part of a child's personal budget reaches the budgets it holds money for.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from localoffer.accounts.selectors import has_authenticator_app
from localoffer.roles import is_council_staff
from pricing.budgets.third_party_selectors import budgets_held_by
from pricing.families.access import is_family_account
from providers.selectors import organisations_of_user

# Built by the organisations engineer (providers/organisations/urls.py); linked by path so
# this page does not depend on its URL names.
REGISTER_ORGANISATION_PATH = "/for-providers/register/"


@never_cache
@login_required
def account_home(request: HttpRequest) -> HttpResponse:
    user = request.user
    staff = is_council_staff(user)
    return render(
        request,
        "account/home.html",
        {
            "is_council_staff": staff,
            "is_family": is_family_account(user),
            # A broker, trust or provider holding part of a child's personal budget.
            "holds_budgets": not staff and budgets_held_by(user).exists(),
            "has_authenticator_app": has_authenticator_app(user),
            "can_use_admin": user.has_perm("wagtailadmin.access_admin"),
            "organisations": [] if staff else list(organisations_of_user(user).order_by("title")),
            "register_organisation_path": REGISTER_ORGANISATION_PATH,
        },
    )


@never_cache
def signed_out(request: HttpRequest) -> HttpResponse:
    """Where signing out lands: it says so, which the home page could not."""
    return render(request, "account/signed_out.html")
