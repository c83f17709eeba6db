"""What every step of working out a budget shares: its error, audit and references."""

from __future__ import annotations

import secrets
from typing import Any

from django.db import models
from wagtail.log_actions import log

from localoffer.core.transitions import DomainError

ACTION = "pricing.allocation_"  # + "assessment_started", "stream_decided", ...
REFERENCE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class AllocationError(DomainError):
    """A step of working out a budget that the rules refuse; the message is for the person
    who tried it."""


def audit(instance: models.Model, event: str, *, by: Any, data: dict[str, Any]) -> None:
    """Record `event` (a key of `ALLOCATION_LOG_ACTIONS`) in Wagtail's audit log."""
    user = by if getattr(by, "is_authenticated", False) else None
    log(instance=instance, action=ACTION + event, user=user, data=data)


def new_reference(model: type[models.Model], prefix: str) -> str:
    """A short reference people can read out on the phone, unused in `model`."""
    for _ in range(10):
        reference = prefix + "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(6))
        if not model._default_manager.filter(reference=reference).exists():
            return reference
    raise RuntimeError(f"Could not find a free {model.__name__} reference")
