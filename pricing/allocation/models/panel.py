"""The panel that decides a budget: members with delegated authority for one stream each,
their decisions per stream, the letter to the family, and the family's requests for the
working or the decision to be looked at again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from localoffer.core.immutable import ImmutableModel, ImmutableQuerySet
from pricing.allocation.enums import LookAgainStatus
from pricing.allocation.models.assessment import Assessment
from pricing.allocation.models.questionnaire import MONEY
from pricing.budgets.enums import HeldAs, Stream


class PanelMember(models.Model):
    """A person who may decide one stream's amount, up to their delegated limit.

    Education, health and social care each hold their own authority; a person acting for
    two streams has two rows. Ending a delegation keeps the row (decisions point at it).
    """

    council = models.ForeignKey("wagtailcore.Site", on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_seats"
    )
    stream = models.CharField(max_length=20, choices=Stream.choices)
    limit = models.DecimalField("may agree a year's budget up to", **MONEY)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["council", "stream", "-limit"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "user", "stream"], name="panel_member_one_seat_a_stream"
            ),
            models.CheckConstraint(condition=Q(stream__in=Stream.values), name="panel_stream_ok"),
            models.CheckConstraint(condition=Q(limit__gte=0), name="panel_limit_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.user} for {self.get_stream_display()} up to £{self.limit}"


class StreamDecision(ImmutableModel):
    """The panel's decision for one stream of one assessment, written once.

    The indicative amounts are copied from the working and the costed provision as they
    stood, and so is the member's limit, so the record shows what the decision was made
    against and on what authority.
    """

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="decisions")
    stream = models.CharField(max_length=20, choices=Stream.choices)
    indicative_amount = models.DecimalField("indicative (questionnaire)", **MONEY)
    costed_amount = models.DecimalField("costed provision", **MONEY)
    final_amount = models.DecimalField("agreed for a year", **MONEY)
    held_as = models.CharField(max_length=20, choices=HeldAs.choices, blank=True)
    third_party_name = models.CharField(max_length=200, blank=True)
    reason = models.CharField(max_length=1000, blank=True)
    member = models.ForeignKey(PanelMember, on_delete=models.PROTECT, related_name="decisions")
    member_limit = models.DecimalField(**MONEY)
    decided_at = models.DateTimeField(default=timezone.now)

    objects = ImmutableQuerySet.as_manager()

    class Meta:
        ordering = ["assessment", "stream"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "stream"], name="one_decision_a_stream"),
            models.CheckConstraint(condition=Q(final_amount__gte=0), name="decision_amount_ok"),
            models.CheckConstraint(
                condition=Q(final_amount__lte=models.F("member_limit")),
                name="decision_within_authority",
            ),
            # Money agreed must say how it is held; nothing agreed needs no holder.
            models.CheckConstraint(
                condition=Q(final_amount=0) | ~Q(held_as=""), name="decision_says_how_held"
            ),
        ]


class DecisionLetter(ImmutableModel):
    """The letter telling the family the decision, as sent (the PDF is stored privately)."""

    assessment = models.OneToOneField(Assessment, on_delete=models.PROTECT, related_name="letter")
    sent_at = models.DateTimeField(default=timezone.now)
    pdf = models.CharField(max_length=200, blank=True)  # a name in storages["private"]

    objects = ImmutableQuerySet.as_manager()


class LookAgainRequest(models.Model):
    """A family asks for the working or the decision to be looked at again."""

    assessment = models.ForeignKey(
        Assessment, on_delete=models.PROTECT, related_name="look_again_requests"
    )
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_at = models.DateTimeField(default=timezone.now)
    what_is_wrong = models.TextField("what you think is wrong")
    status = models.CharField(
        max_length=10, choices=LookAgainStatus.choices, default=LookAgainStatus.OPEN
    )
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-made_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=LookAgainStatus.values), name="look_again_status_ok"
            )
        ]

    def __str__(self) -> str:
        return f"Request to look again at {self.assessment}"
