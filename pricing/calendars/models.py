"""Private calendar feeds: a secret address per family and per provider organisation.

The address is `/calendar/<token>.ics`, where the token is a public lookup key followed
by a secret. The row is found by the lookup key alone and the secret is then compared in
constant time (`hmac.compare_digest`), so response times tell an attacker nothing about
how much of a guessed secret was right. The secret is kept (not only a hash of it)
because the family must be able to see and copy their address again, as with any
calendar's "secret address"; whoever learns it can be shut out by renewing, which
replaces both parts.
"""

from __future__ import annotations

import hmac
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

LOOKUP_LENGTH = 12
# 32 random bytes, URL-safe base64: 43 characters, 256 bits no one can guess.
SECRET_BYTES = 32


def new_lookup() -> str:
    return secrets.token_hex(LOOKUP_LENGTH // 2)


def new_secret() -> str:
    return secrets.token_urlsafe(SECRET_BYTES)


class CalendarFeed(models.Model):
    """The one subscription address of a family (a user) or of an organisation."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
    )
    organisation = models.OneToOneField(
        "providers.OrganisationPage",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="calendar_feed",
    )
    lookup = models.CharField(max_length=LOOKUP_LENGTH, unique=True, default=new_lookup)
    secret = models.CharField(max_length=64, default=new_secret)
    created_at = models.DateTimeField(default=timezone.now)
    renewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(user__isnull=False) & Q(organisation__isnull=True))
                | (Q(user__isnull=True) & Q(organisation__isnull=False)),
                name="calendar_feed_one_owner",
            ),
        ]

    def __str__(self) -> str:
        # Never the token: this label is what audit entries keep.
        return f"Calendar feed {self.pk}"

    @property
    def token(self) -> str:
        return f"{self.lookup}{self.secret}"

    def secret_matches(self, secret: str) -> bool:
        return hmac.compare_digest(self.secret.encode(), secret.encode())
