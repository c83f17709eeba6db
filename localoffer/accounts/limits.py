"""Wrong authenticator codes count against the account they were for, not the address.

allauth counts a code typed on the two-factor step (and when turning the authenticator
app on) under its "login_failed" limit, whose rates are per address and per key: every
wrong code also used up the address's allowance of failed sign-ins, so after a few wrong
codes every sign-in from that address was refused, other people's with the right
password included. A school, library or council office shares one address.

Here codes have their own limit, `CODE_ACTION` in ACCOUNT_RATE_LIMITS, counted per
account only (5 wrong codes in 5 minutes stop that account's code step for the rest of
the 5 minutes; a right code clears its count). Guessing a code needs the password first,
which stays under "login_failed" (per account, and per address at a rate a shared
address does not reach). The forms below check codes exactly as allauth's own
(allauth.mfa.base.forms, allauth.mfa.totp.forms) with this limit in place of its check.
"""

from collections.abc import Callable
from typing import Any

from allauth.account.adapter import get_adapter as get_account_adapter
from allauth.core import context, ratelimit
from allauth.mfa.adapter import get_adapter as get_mfa_adapter
from allauth.mfa.internal.flows.add import validate_can_add_authenticator
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal import auth as totp_auth

CODE_ACTION = "authenticator_code_failed"


def check_code_limit(user: Any, *, error_key: str = "too_many_login_attempts") -> Callable:
    """Count one code attempt against the account; refuse it when the account is over its
    limit. Returns the function that clears the count once a code was right."""
    key = f"mfa-code-user-{user.pk}"
    if not ratelimit.consume(context.request, action=CODE_ACTION, key=key):
        raise get_account_adapter().validation_error(error_key)
    return lambda: ratelimit.clear(context.request, action=CODE_ACTION, key=key)


class AccountCodeLimitMixin:
    """For allauth's sign-in and re-authentication code forms (BaseAuthenticateForm)."""

    cleaned_data: dict[str, Any]
    user: Any

    def clean_code(self) -> str:
        clear_limit = check_code_limit(self.user)
        code = self.cleaned_data["code"]
        main: Authenticator | None = None
        for authenticator in Authenticator.objects.filter(user=self.user).exclude(
            type=Authenticator.Type.WEBAUTHN  # a security key cannot check a typed code
        ):
            if not main or authenticator.type == Authenticator.Type.TOTP:
                main = authenticator  # failures are reported against the app, once
            if authenticator.wrap().validate_code(code):
                authenticator.user = self.user
                self.authenticator = authenticator
                clear_limit()
                return code
        if main:
            self._emit_authentication_failed(main)  # type: ignore[attr-defined]
        raise get_mfa_adapter().validation_error("incorrect_code")


class ActivationCodeLimitMixin:
    """For allauth's form that turns the authenticator app on (ActivateTOTPForm)."""

    cleaned_data: dict[str, Any]
    user: Any
    secret: str

    def clean_code(self) -> str:
        validate_can_add_authenticator(self.user)
        clear_limit = check_code_limit(self.user, error_key="rate_limited")
        code = self.cleaned_data["code"]
        if not totp_auth.validate_totp_code(self.secret, code):
            raise get_mfa_adapter().validation_error("incorrect_code")
        clear_limit()
        return code
