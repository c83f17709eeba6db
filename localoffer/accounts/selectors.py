"""Reads about people's accounts: their sign-in security and what they can reach."""

from typing import Any

from allauth.mfa.models import Authenticator


def has_authenticator_app(user: Any) -> bool:
    """Whether the person has an authenticator app (TOTP) set up for two-factor sign-in.

    Recovery codes alone do not count: they are the fallback for a lost phone, made when
    the app is set up and removed with it.
    """
    if not getattr(user, "is_authenticated", False):
        return False
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()
