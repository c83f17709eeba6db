"""Council staff use the admin only with two-factor authentication turned on.

Council staff (localoffer.roles.is_council_staff) can publish the statutory Local Offer,
verify organisations and, later, see families' budgets: a guessed or reused password
must not be enough. allauth asks for the code at sign-in once a person has an
authenticator app; this middleware makes sure staff have one before the admin opens.
Everyone else may turn two-factor on from their account page but need not.

Only the admin (/admin/) is guarded: the account and two-factor pages live under
/account/, so a member of staff sent to set up their app can always reach it, and
signing out (/admin/logout/ too) is always allowed.

Wagtail's own sign-in form (/admin/login/) is sent to allauth's, which is the only one
that asks for the code: otherwise it would be a way round two-factor authentication.
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from localoffer.accounts.selectors import has_authenticator_app
from localoffer.roles import is_council_staff

SET_UP_MESSAGE = (
    "You work for the council, so you need to set up an authenticator app before you "
    "can use the site's admin. It keeps your account safe even if someone learns your "
    "password."
)


class CouncilStaffTwoFactorMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        path = request.path_info
        admin_root = reverse("wagtailadmin_home")
        if path.startswith(admin_root):
            if path == reverse("wagtailadmin_login"):
                return self._to_account_login(request)
            if path != reverse("wagtailadmin_logout") and self._needs_authenticator(request):
                messages.warning(request, SET_UP_MESSAGE, fail_silently=True)
                return HttpResponseRedirect(reverse("mfa_activate_totp"))
        return self.get_response(request)

    @staticmethod
    def _needs_authenticator(request: HttpRequest) -> bool:
        user = getattr(request, "user", None)
        return is_council_staff(user) and not has_authenticator_app(user)

    @staticmethod
    def _to_account_login(request: HttpRequest) -> HttpResponse:
        url = reverse("account_login")
        next_url = request.GET.get("next")
        if next_url:
            url = f"{url}?{urlencode({'next': next_url})}"
        return HttpResponseRedirect(url)
