from enum import StrEnum

from django.db import models


class ConfirmationMethod(models.TextChoices):
    EMAIL_LINK = "email", "Link in the confirmation email"
    ADMIN = "admin", "Provider's dashboard"


class LinkProblem(StrEnum):
    """Why a confirmation link cannot be used; each has its own page telling people what to do."""

    TAMPERED = "tampered"
    WRONG_CYCLE = "wrong-cycle"
    EXPIRED = "expired"
    NO_ACCESS = "no-access"
    NOT_PUBLISHED = "not-published"
