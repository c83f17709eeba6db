"""allauth's forms with plain-English labels, hints and error messages (GOV.UK style).

The behaviour is allauth's own, except that wrong authenticator codes count against the
account rather than the address (localoffer/accounts/limits.py): these subclasses change
the words people read, drop placeholders (GOV.UK: a placeholder disappears as you type
and is not read by every screen reader, so hints go in a hint instead) and set the input
attributes that help people fill them in (autocomplete, no spellcheck on addresses and
codes).

The templates render every field through templates/allauth/elements/fields.html, so the
label, hint and errors here are exactly what is shown.
"""

from typing import Any

from allauth.account import forms as account_forms
from allauth.mfa.base import forms as mfa_forms
from allauth.mfa.totp import forms as totp_forms
from django import forms

from localoffer.accounts.limits import AccountCodeLimitMixin, ActivationCodeLimitMixin

EMAIL_TEXT: dict[str, Any] = {
    "label": "Email address",
    "errors": {
        "required": "Enter your email address",
        "invalid": "Enter an email address in the correct format, like name@example.com",
    },
    "attrs": {"spellcheck": "false", "autocomplete": "email"},
}
# What AUTH_PASSWORD_VALIDATORS check, said before someone gets it wrong.
PASSWORD_RULES = (
    "Use at least 8 characters. Do not use a common password, one made only of numbers "  # noqa: S105
    "or one like your email address."
)
NEW_PASSWORD_TEXT = {
    "label": "Create a password",
    "hint": PASSWORD_RULES,
    "errors": {"required": "Enter a password"},
    "attrs": {"autocomplete": "new-password"},
}
CONFIRM_PASSWORD_TEXT = {
    "label": "Type the password again",
    "errors": {"required": "Type the password again"},
    "attrs": {"autocomplete": "new-password"},
}
CODE_ATTRS = {
    "autocomplete": "one-time-code",
    "inputmode": "numeric",
    "spellcheck": "false",
    "class": "govuk-input--width-10",
}


class PlainEnglishMixin:
    """Apply `field_text` to the form's fields: {name: {label, hint, errors, attrs}}."""

    field_text: dict[str, dict[str, Any]] = {}
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._use_plain_english()

    def _use_plain_english(self) -> None:
        for name, text in self.field_text.items():
            field = self.fields.get(name)
            if field is None:
                continue
            if "label" in text:
                field.label = text["label"]
            field.help_text = text.get("hint", "")
            field.error_messages = {**field.error_messages, **text.get("errors", {})}
            field.widget.attrs.pop("placeholder", None)
            field.widget.attrs.update(text.get("attrs", {}))


class LoginForm(PlainEnglishMixin, account_forms.LoginForm):
    field_text = {
        "login": EMAIL_TEXT,
        "password": {
            "label": "Password",
            "errors": {"required": "Enter your password"},
            "attrs": {"autocomplete": "current-password"},
        },
    }


class SignupForm(PlainEnglishMixin, account_forms.SignupForm):
    field_text = {
        "email": {
            **EMAIL_TEXT,
            "hint": "We will send you an email to check it is yours. You will use it to sign in.",
        },
        "password1": NEW_PASSWORD_TEXT,
        "password2": CONFIRM_PASSWORD_TEXT,
    }


class AddEmailForm(PlainEnglishMixin, account_forms.AddEmailForm):
    field_text = {
        "email": {
            **EMAIL_TEXT,
            "label": "New email address",
            "hint": "We will send a link to this address. It replaces your current one "
            "only when you follow the link.",
            "errors": {**EMAIL_TEXT["errors"], "required": "Enter your new email address"},
        }
    }


class ChangePasswordForm(PlainEnglishMixin, account_forms.ChangePasswordForm):
    field_text = {
        "oldpassword": {
            "label": "Current password",
            "errors": {"required": "Enter your current password"},
            "attrs": {"autocomplete": "current-password"},
        },
        "password1": {**NEW_PASSWORD_TEXT, "label": "New password"},
        "password2": {**CONFIRM_PASSWORD_TEXT, "label": "Type the new password again"},
    }


class SetPasswordForm(PlainEnglishMixin, account_forms.SetPasswordForm):
    field_text = {"password1": NEW_PASSWORD_TEXT, "password2": CONFIRM_PASSWORD_TEXT}


class ResetPasswordForm(PlainEnglishMixin, account_forms.ResetPasswordForm):
    field_text = {"email": {**EMAIL_TEXT, "hint": "The address you use to sign in."}}


class ResetPasswordKeyForm(PlainEnglishMixin, account_forms.ResetPasswordKeyForm):
    field_text = {
        "password1": {**NEW_PASSWORD_TEXT, "label": "New password"},
        "password2": {**CONFIRM_PASSWORD_TEXT, "label": "Type the new password again"},
    }


class ReauthenticateForm(PlainEnglishMixin, account_forms.ReauthenticateForm):
    field_text = {
        "password": {
            "label": "Password",
            "errors": {"required": "Enter your password"},
            "attrs": {"autocomplete": "current-password"},
        }
    }


_SIGN_IN_CODE_TEXT = {
    "label": "Code from your authenticator app",
    "hint": "Open the app and enter the 6-digit code it shows for this service. If you "
    "cannot use the app, enter one of your recovery codes instead.",
    "errors": {"required": "Enter the code from your authenticator app"},
    "attrs": CODE_ATTRS,
}


class MFAAuthenticateForm(AccountCodeLimitMixin, PlainEnglishMixin, mfa_forms.AuthenticateForm):
    field_text = {"code": _SIGN_IN_CODE_TEXT}


class MFAReauthenticateForm(AccountCodeLimitMixin, PlainEnglishMixin, mfa_forms.ReauthenticateForm):
    field_text = {"code": _SIGN_IN_CODE_TEXT}


class ActivateTOTPForm(ActivationCodeLimitMixin, PlainEnglishMixin, totp_forms.ActivateTOTPForm):
    field_text = {
        "code": {
            "label": "Code from your authenticator app",
            "hint": "Once you have added the account to the app, enter the 6-digit code it shows.",
            "errors": {"required": "Enter the code from your authenticator app"},
            "attrs": CODE_ATTRS,
        }
    }
