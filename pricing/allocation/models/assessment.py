"""An assessment of a child's needs with the questionnaire, its fixed result, and the
costed provision that meets the outcomes agreed in the plan.

A family may fill in a self-assessment and send it to the council; an assessment
coordinator then completes the council's own assessment with the family, starting from it
or from nothing. When the coordinator completes it, the working is written down
(`DomainScore`, `StreamResult`) and never changes again: the version it used is frozen, and
these rows are written once.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from localoffer.core.immutable import ImmutableModel, ImmutableQuerySet
from pricing.allocation.enums import AssessmentKind, AssessmentStatus, Frequency
from pricing.allocation.models.questionnaire import (
    MONEY,
    POINTS,
    Descriptor,
    Domain,
    Question,
    QuestionnaireVersion,
)
from pricing.budgets.enums import Stream


class AssessmentQuerySet(models.QuerySet["Assessment"]):
    def for_coordinator(self, user: Any) -> AssessmentQuerySet:
        """A coordinator's caseload: the assessments they lead."""
        return self.filter(coordinator=user, kind=AssessmentKind.COORDINATOR)

    def for_family(self, user: Any) -> AssessmentQuerySet:
        """A family's own: those for its children."""
        return self.filter(child__family=user)


class Assessment(models.Model):
    council = models.ForeignKey("wagtailcore.Site", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20, unique=True)
    kind = models.CharField(max_length=12, choices=AssessmentKind.choices)
    # The version is fixed when the assessment starts: a newer one never changes it.
    version = models.ForeignKey(
        QuestionnaireVersion, on_delete=models.PROTECT, related_name="assessments"
    )
    child = models.ForeignKey("pricing.Child", on_delete=models.PROTECT, related_name="assessments")
    coordinator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessment_caseload",
    )
    # The family's self-assessment the coordinator started from, if any.
    started_from = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # The personal budget the decision changes (a review), or the one it set up.
    budget = models.ForeignKey(
        "pricing.PersonalBudget",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments",
    )
    status = models.CharField(
        max_length=12, choices=AssessmentStatus.choices, default=AssessmentStatus.IN_PROGRESS
    )
    # The child's age in whole years on the day the working was fixed.
    age_at_completion = models.PositiveSmallIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    sent_to_panel_at = models.DateTimeField(null=True, blank=True)
    # What the panel's decision sets up: the finance officer who will look after the
    # budget and the day it starts (both chosen by the coordinator sending it to panel).
    budget_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    budget_starts_on = models.DateField(null=True, blank=True)

    objects = AssessmentQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "pk"]
        indexes = [models.Index(fields=["coordinator", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=AssessmentStatus.values), name="assessment_status_ok"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=AssessmentKind.values), name="assessment_kind_ok"
            ),
            # The council's own assessment is always someone's caseload.
            models.CheckConstraint(
                condition=Q(kind=AssessmentKind.SELF) | Q(coordinator__isnull=False),
                name="assessment_has_coordinator",
            ),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def is_fixed(self) -> bool:
        """True once the answers can no longer change."""
        return self.status not in {AssessmentStatus.IN_PROGRESS}


class Answer(models.Model):
    """The descriptor chosen for one question, with a note in the family's words."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    descriptor = models.ForeignKey(Descriptor, on_delete=models.PROTECT, related_name="+")
    note = models.CharField(max_length=1000, blank=True)

    class Meta:
        ordering = ["assessment", "question__domain__position", "question__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="one_answer_each")
        ]

    def __str__(self) -> str:
        return f"{self.question}: {self.descriptor}"


class DomainScore(ImmutableModel):
    """The raw score of one domain, written when the assessment was completed."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="domain_scores"
    )
    domain = models.ForeignKey(Domain, on_delete=models.PROTECT, related_name="+")
    raw_score = models.PositiveIntegerField()

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "domain__position"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "domain"], name="one_score_a_domain")
        ]


class StreamResult(ImmutableModel):
    """One stream's working, written when the assessment was completed: the points its
    domains gave, the age adjustment, the band they fell in and its indicative budget."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="results")
    stream = models.CharField(max_length=20, choices=Stream.choices)
    raw_points = models.DecimalField(**POINTS)
    age_percent = models.DecimalField(max_digits=5, decimal_places=2)
    adjusted_points = models.DecimalField(**POINTS)
    band_name = models.CharField(max_length=40)
    band_from_points = models.DecimalField(**POINTS)
    amount = models.DecimalField("indicative budget for a year", **MONEY)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "stream"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "stream"], name="one_result_a_stream")
        ]


class PlannedOutcome(models.Model):
    """An outcome agreed in the plan, which the costed provision sets out to meet and the
    personal budget will carry."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="outcomes")
    description = models.CharField("what the child wants to achieve", max_length=500)
    area = models.ForeignKey(
        "providers.Outcome",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The Preparing for Adulthood outcome or EHC area it serves.",
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["assessment", "position", "pk"]

    def __str__(self) -> str:
        return self.description


class ProvisionLine(models.Model):
    """A piece of provision that would meet an outcome, priced from the provision map.

    The price is copied when the line is written (with where it came from), so a later
    change in the market does not silently change a costed plan.
    """

    outcome = models.ForeignKey(PlannedOutcome, on_delete=models.CASCADE, related_name="lines")
    category = models.ForeignKey("providers.Category", on_delete=models.PROTECT, related_name="+")
    unit = models.CharField(max_length=10)
    description = models.CharField("what it is", max_length=200)
    quantity = models.DecimalField("how many units each time", max_digits=7, decimal_places=2)
    frequency = models.CharField(max_length=10, choices=Frequency.choices)
    unit_price = models.DecimalField(**MONEY)
    price_source = models.CharField(max_length=200)
    stream = models.CharField("paid for from", max_length=20, choices=Stream.choices)
    annual_cost = models.DecimalField("cost for a year", **MONEY)

    class Meta:
        ordering = ["outcome", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="provision_quantity_positive"),
            models.CheckConstraint(condition=Q(unit_price__gte=0), name="provision_price_ok"),
            models.CheckConstraint(
                condition=Q(frequency__in=Frequency.values), name="provision_frequency_ok"
            ),
            models.CheckConstraint(condition=Q(stream__in=Stream.values), name="provision_stream"),
        ]

    def __str__(self) -> str:
        return self.description


class CostedAdjustment(ImmutableModel):
    """The costed total moved up or down during planning, with the reason."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="adjustments")
    stream = models.CharField(max_length=20, choices=Stream.choices)
    amount = models.DecimalField("change (negative to lower it)", **MONEY)
    reason = models.CharField(max_length=500)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "made_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(amount=0), name="costed_adjustment_not_zero"),
        ]
