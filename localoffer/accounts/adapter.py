"""How allauth talks to people here: plain English, and links from the configured address.

- Error messages are rewritten in plain English (GOV.UK style: say what went wrong and
  what to do).
- Emails are plain text, rendered from templates/account/email/ and templates/mfa/email/
  with the same `site_url` and `service_name` as every other email of the site
  (localoffer.core.mail), and sent once the transaction commits, so a rolled-back sign-up
  never emails anyone.
- Links in emails come from SITE_URL, never from the request's Host header: a client
  controls that header, and a password reset link pointing at someone else's server
  would hand them the reset key.
"""

from typing import Any
from urllib.parse import quote

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse

from localoffer.core.mail import service_name, site_url

SIGN_IN_WAIT_MINUTES = 5  # the "login_failed" rate limit's window (ACCOUNT_RATE_LIMITS)


class AccountAdapter(DefaultAccountAdapter):
    error_messages = {
        **DefaultAccountAdapter.error_messages,
        "account_inactive": "This account has been closed. Contact us if you think this is wrong.",
        "cannot_remove_primary_email": "You cannot remove the email address you sign in with.",
        "duplicate_email": "That is already your email address.",
        "email_password_mismatch": (
            "The email address or password is not right. Check them and try again."
        ),
        "email_taken": "Another account already uses this email address.",
        "enter_current_password": "Enter your current password. The one you entered is not right.",
        "incorrect_password": "The password is not right. Check it and try again.",
        "invalid_or_expired_key": (
            "This link has expired or has already been used. Ask for a new one."
        ),
        "invalid_password_reset": (
            "This link to reset your password has expired or has already been used."
        ),
        "same_as_current": "Enter an email address that is different from your current one.",
        "too_many_login_attempts": (
            "You have tried to sign in too many times. Wait "
            f"{SIGN_IN_WAIT_MINUTES} minutes, then try again. If you have forgotten your "
            "password, you can reset it."
        ),
        "unknown_email": "There is no account with this email address.",
        "unverified_primary_email": (
            "You need to confirm your email address first. Follow the link in the email "
            "we sent you."
        ),
        "rate_limited": "You have tried too many times. Wait a few minutes, then try again.",
    }

    # --- emails ---------------------------------------------------------------------------

    def render_mail(
        self,
        template_prefix: str,
        email: str | list[str],
        context: dict[str, Any],
        headers: dict[str, str] | None = None,
    ) -> EmailMessage:
        """A plain-text email from `<prefix>_subject.txt` and `<prefix>_message.txt`.

        Rendered without the request, so the page frame's context processors (navigation,
        the feedback form) do not run for an email.
        """
        context = {"site_url": site_url(), "service_name": service_name(), **context}
        context.pop("request", None)
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        subject = self.format_email_subject(subject)
        body = render_to_string(f"{template_prefix}_message.txt", context).strip() + "\n"
        return EmailMessage(
            subject=subject,
            body=body,
            from_email=self.get_from_email(),
            to=[email] if isinstance(email, str) else list(email),
            headers=headers,
        )

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, {"email": email, **context})
        transaction.on_commit(message.send)

    def get_email_confirmation_url(self, request: HttpRequest, emailconfirmation: Any) -> str:
        return site_url() + reverse("account_confirm_email", args=[emailconfirmation.key])

    def get_reset_password_from_key_url(self, key: str) -> str:
        # allauth passes "<uidb36>-<key>" as one opaque key, as its own URL builder does.
        path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
        return site_url() + path.replace("UID-KEY", quote(key))

    def send_account_already_exists_mail(self, email: str) -> None:
        self.send_mail(
            "account/email/account_already_exists",
            email,
            {
                "signup_url": site_url() + reverse("account_signup"),
                "password_reset_url": site_url() + reverse("account_reset_password"),
            },
        )

    # --- where people go next ---------------------------------------------------------------

    def get_password_change_redirect_url(self, request: HttpRequest) -> str:
        return reverse("account_home")


class MFAAdapter(DefaultMFAAdapter):
    error_messages = {
        **DefaultMFAAdapter.error_messages,
        "cannot_delete_authenticator": "You cannot turn off two-factor authentication.",
        "cannot_generate_recovery_codes": (
            "Set up an authenticator app first. Recovery codes are for when you cannot use it."
        ),
        "incorrect_code": (
            "The code is not right. Enter the 6-digit code your authenticator app shows now."
        ),
        "unverified_email": (
            "Confirm your email address before you set up two-factor authentication."
        ),
    }

    def get_totp_issuer(self) -> str:
        """The name the authenticator app shows beside the code: the service's own name."""
        return service_name()
