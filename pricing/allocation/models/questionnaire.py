"""The resource allocation system a council configures: a questionnaire of domains,
questions and scored descriptors, the age adjustment and a banded funding matrix per
stream, in versions.

A version is edited while it is a draft and frozen once published: the rows below refuse
to be saved or deleted when their version is published, so an assessment made with a
version always shows the working it was made with. A change is a new draft copied from the
newest published version (`pricing.allocation.services.questionnaire`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from localoffer.core.immutable import ChangeRefused
from pricing.allocation.enums import NeedLevel, VersionStatus
from pricing.budgets.enums import Stream

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}
POINTS: dict[str, Any] = {"max_digits": 8, "decimal_places": 2}


class QuestionnaireVersion(models.Model):
    council = models.ForeignKey("wagtailcore.Site", on_delete=models.PROTECT, related_name="+")
    number = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    notes = models.TextField("what changed in this version", blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["council", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="questionnaire_number"),
            # One draft at a time per council: two drafts could not both become "the newest".
            models.UniqueConstraint(
                fields=["council"],
                condition=Q(status=VersionStatus.DRAFT),
                name="questionnaire_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status__in=VersionStatus.values), name="questionnaire_status_ok"
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number} ({self.get_status_display().lower()})"

    @property
    def is_published(self) -> bool:
        return self.status == VersionStatus.PUBLISHED


class FrozenWithVersion(models.Model):
    """A part of a questionnaire version: changeable only while the version is a draft."""

    # Attributes from the part to its version, e.g. "question.domain.version".
    version_path: str = "version"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._refuse_if_published()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self._refuse_if_published()
        return super().delete(*args, **kwargs)

    def questionnaire_version(self) -> QuestionnaireVersion:
        """The version this part belongs to, found along `version_path`."""
        found: Any = self
        for step in self.version_path.split("."):
            found = getattr(found, step)
        return found

    def _refuse_if_published(self) -> None:
        if self.questionnaire_version().is_published:
            raise ChangeRefused("A published questionnaire cannot be changed: make a new version.")


class Domain(FrozenWithVersion):
    """An area of life the questionnaire asks about, and how its score is shared among the
    funding streams (for example half education, half social care)."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="domains"
    )
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(max_length=120)
    description = models.CharField(max_length=500, blank=True)
    education_share = models.PositiveSmallIntegerField("education (%)", default=0)
    social_care_share = models.PositiveSmallIntegerField("social care (%)", default=0)
    health_share = models.PositiveSmallIntegerField("health (%)", default=0)

    class Meta:
        ordering = ["version", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(
                    education_share__lte=100, social_care_share__lte=100, health_share__lte=100
                ),
                name="domain_share_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def shares(self) -> dict[str, int]:
        """Per stream, the percentage of this domain's score that counts towards it."""
        return {
            Stream.EDUCATION: self.education_share,
            Stream.SOCIAL_CARE: self.social_care_share,
            Stream.HEALTH: self.health_share,
        }


class Question(FrozenWithVersion):
    version_path = "domain.version"

    domain = models.ForeignKey(Domain, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=300)
    help_text = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["domain", "position", "pk"]

    def __str__(self) -> str:
        return self.text


class Descriptor(FrozenWithVersion):
    """One possible answer: a description of the child's situation, its score and the
    level of need it describes."""

    version_path = "question.domain.version"

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="descriptors")
    position = models.PositiveSmallIntegerField(default=0)
    text = models.CharField(max_length=500)
    score = models.PositiveSmallIntegerField()
    need_level = models.CharField(max_length=10, choices=NeedLevel.choices)

    class Meta:
        ordering = ["question", "position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(need_level__in=NeedLevel.values), name="descriptor_need_ok"
            ),
            models.CheckConstraint(condition=Q(score__lte=100), name="descriptor_score_sensible"),
        ]

    def __str__(self) -> str:
        return self.text


class AgeAdjustment(FrozenWithVersion):
    """For children of these ages, the score counts this percentage: a parent of a young
    child gives care any parent gives, so the same needs call for less extra support."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="age_adjustments"
    )
    from_age = models.PositiveSmallIntegerField("from age (years)")
    to_age = models.PositiveSmallIntegerField("to age (years, included)")
    percent = models.DecimalField("score counts (%)", max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["version", "from_age"]
        constraints = [
            models.CheckConstraint(condition=Q(to_age__gte=models.F("from_age")), name="age_span"),
            models.CheckConstraint(
                condition=Q(percent__gt=0) & Q(percent__lte=200), name="age_percent_sensible"
            ),
        ]

    def __str__(self) -> str:
        return f"Ages {self.from_age} to {self.to_age}: {self.percent}%"


class FundingBand(FrozenWithVersion):
    """One band of a stream's funding matrix: from this many points (after the age
    adjustment) up to the next band's, the indicative budget for a year is `amount`."""

    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.CASCADE, related_name="bands"
    )
    stream = models.CharField(max_length=20, choices=Stream.choices)
    name = models.CharField(max_length=40, help_text="For example 'Band C'.")
    from_points = models.DecimalField("from points", **POINTS)
    amount = models.DecimalField("indicative budget for a year", **MONEY)

    class Meta:
        ordering = ["version", "stream", "from_points"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "stream", "from_points"], name="band_start_unique"
            ),
            models.CheckConstraint(condition=Q(stream__in=Stream.values), name="band_stream_ok"),
            models.CheckConstraint(condition=Q(from_points__gte=0), name="band_points_positive"),
            models.CheckConstraint(condition=Q(amount__gte=0), name="band_amount_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name}: from {self.from_points} points"
