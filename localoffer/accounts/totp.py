"""Authenticator-app codes for a known secret: the demo's sign-in help and the tests.

allauth has no public function that gives the code an app shows for a secret (it only
checks codes people type), so its internal HOTP helpers are used here and nowhere else:
if allauth moves them, this is the one place to change.
"""

from __future__ import annotations

import time

from allauth.mfa import app_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value


def code_at(secret: str, *, at: float | None = None) -> tuple[str, int]:
    """The code an app with this base32 secret shows at a moment (now by default), and the
    whole seconds it has left before the next one."""
    now = time.time() if at is None else at
    period = app_settings.TOTP_PERIOD
    code = format_hotp_value(hotp_value(secret, int(now) // period))
    return code, period - int(now) % period
