"""Changes to accounts made by the site itself rather than by allauth's pages."""

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.adapter import get_adapter
from allauth.mfa.models import Authenticator
from django.db import transaction


@transaction.atomic
def record_verified_email(*, user: Any, email: str | None = None) -> EmailAddress:
    """Record that a person has shown they read mail sent to an address, some other way.

    For accounts created outside allauth's sign-up: accepting an emailed invitation (the
    link proves the address), the demo accounts. Without a confirmed address allauth will
    not let the person sign in (email verification is mandatory): it emails a link first.
    The address becomes the one they sign in with.
    """
    email = (email or user.email).strip()
    address = (
        EmailAddress.objects.select_for_update().filter(user=user, email__iexact=email).first()
    )
    if address is None:
        address = EmailAddress(user=user, email=email)
    EmailAddress.objects.filter(user=user).exclude(pk=address.pk).update(primary=False)
    address.verified = True
    address.primary = True
    address.save()
    return address


@transaction.atomic
def set_up_authenticator_app(*, user: Any, secret: str) -> Authenticator:
    """Give a person a TOTP authenticator with a known secret (the demo accounts only).

    People set up their own app through allauth's pages, which make a random secret and
    check a code from the app before saving it. A person's existing app is kept.
    """
    existing = (
        Authenticator.objects.select_for_update()
        .filter(user=user, type=Authenticator.Type.TOTP)
        .first()
    )
    if existing is not None:
        return existing
    # What allauth's own activation stores: the secret, encrypted by its adapter.
    return Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )
