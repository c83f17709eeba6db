"""A child's personal budget: who looks after it, its versions, outcomes, funding lines and
payment schedule, and the council's rules about what it may buy.

A budget belongs to a council (a Wagtail Site) and to the finance officer whose caseload
it is in. What was agreed (the period, outcomes, funding lines) lives on a
`BudgetVersion`: a review makes a new version and the old ones are kept, so the history
of what was agreed when is never lost. The family reaches the budget once it has accepted
the officer's invitation and said which of its children it is for; a third party holding
part of the money reaches that part once it has accepted its own invitation.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from pricing.budgets.enums import (
    BudgetStatus,
    HeldAs,
    InvitationRole,
    InvitationStatus,
    ReviewKind,
    ScheduleStatus,
    Stream,
)

MONEY: dict[str, Any] = {"max_digits": 12, "decimal_places": 2}


class BudgetQuerySet(models.QuerySet["PersonalBudget"]):
    def for_officer(self, user: Any) -> BudgetQuerySet:
        """An officer's caseload: only the budgets they look after."""
        return self.filter(officer=user)

    def for_family(self, user: Any) -> BudgetQuerySet:
        """The budgets of a family's own children (after they accepted the invitation)."""
        return self.filter(child__family=user)

    def for_third_party(self, user: Any) -> BudgetQuerySet:
        """The budgets an account holds money for (after it accepted the invitation)."""
        return self.filter(third_party=user)


class PersonalBudget(models.Model):
    council = models.ForeignKey("wagtailcore.Site", on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(max_length=20, unique=True)
    # Who the budget is for, as the officer knows them before the family has linked it.
    child_name = models.CharField("child or young person's name", max_length=120)
    child_date_of_birth = models.DateField("date of birth")
    # Set when the parent (or the young person) accepts the invitation.
    child = models.ForeignKey(
        "pricing.Child",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="budgets",
    )
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="caseload"
    )
    status = models.CharField(
        max_length=10, choices=BudgetStatus.choices, default=BudgetStatus.ACTIVE
    )
    # A booking from a council-managed or third-party pot up to this amount is approved at
    # once; above it, it waits for the officer.
    approval_limit = models.DecimalField("approve bookings at once up to", **MONEY, default=0)
    third_party_name = models.CharField("third party holding money", max_length=200, blank=True)
    # The third party's account, set when it accepts the officer's invitation: it then
    # decides on bookings paid from the part it holds and is sent their invoices.
    third_party = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="third_party_budgets",
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    objects = BudgetQuerySet.as_manager()

    class Meta:
        ordering = ["child_name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=BudgetStatus.values), name="budget_status_valid"
            ),
            models.CheckConstraint(condition=Q(approval_limit__gte=0), name="budget_limit_0"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.child_name})"

    @property
    def current_version(self) -> BudgetVersion:
        """The version in force (the newest); every budget has at least one."""
        version = self.versions.order_by("-number").first()
        assert version is not None, "a budget is made with its first version"
        return version


class BudgetVersion(models.Model):
    """What was agreed for a period: outcomes and funding lines.

    A review makes a new version for the period from the review on; its schedule replaces
    the previous version's payments still due from its first day.
    """

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    starts_on = models.DateField("period starts")
    ends_on = models.DateField("period ends", help_text="The last day, included.")
    reason = models.CharField("why it changed", max_length=500, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["budget", "number"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "number"], name="budget_version_unique"),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="budget_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Version {self.number}"

    def covers(self, day: dt.date) -> bool:
        return self.starts_on <= day <= self.ends_on


class BudgetOutcome(models.Model):
    """An outcome agreed in the plan, which spending must serve."""

    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="outcomes")
    # The same outcome keeps its key across versions, so spending tagged with it under an
    # older version still counts towards it.
    key = models.SlugField(max_length=60)
    description = models.CharField("what the child wants to achieve", max_length=500)
    area = models.ForeignKey(
        "providers.Outcome",
        on_delete=models.PROTECT,
        related_name="+",
        help_text="The Preparing for Adulthood outcome or EHC area it serves.",
    )
    stream = models.CharField(
        "paid for from",
        max_length=20,
        choices=Stream.choices,
        blank=True,
        help_text="Leave empty when any stream of the budget may pay for it.",
    )

    class Meta:
        ordering = ["version", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="budget_outcome_key_unique")
        ]

    def __str__(self) -> str:
        return self.description


class FundingLine(models.Model):
    """One stream's money for the period, and how it is held."""

    version = models.ForeignKey(BudgetVersion, on_delete=models.CASCADE, related_name="lines")
    stream = models.CharField(max_length=20, choices=Stream.choices)
    held_as = models.CharField(max_length=20, choices=HeldAs.choices)
    amount = models.DecimalField(
        "amount for the period", **MONEY, help_text="For a year: the annual amount."
    )
    # Every 4 weeks in advance by default: 13 payments a year.
    payment_every_weeks = models.PositiveSmallIntegerField(default=4)

    class Meta:
        ordering = ["version", "stream"]
        constraints = [
            models.UniqueConstraint(fields=["version", "stream"], name="funding_line_one_stream"),
            models.CheckConstraint(condition=Q(stream__in=Stream.values), name="line_stream_ok"),
            models.CheckConstraint(condition=Q(held_as__in=HeldAs.values), name="line_held_ok"),
            models.CheckConstraint(
                condition=Q(amount__gt=0) & Q(amount__lte=1_000_000),
                name="line_amount_sensible",
            ),
            models.CheckConstraint(
                condition=Q(payment_every_weeks__gte=1) & Q(payment_every_weeks__lte=13),
                name="line_frequency_sensible",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_stream_display()}: {self.amount}"


class ScheduledPayment(models.Model):
    """One payment of a funding line, due on a date; the daily job records it as paid in."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="schedule")
    line = models.ForeignKey(FundingLine, on_delete=models.PROTECT, related_name="payments")
    due_on = models.DateField()
    amount = models.DecimalField(**MONEY)
    status = models.CharField(
        max_length=12, choices=ScheduleStatus.choices, default=ScheduleStatus.DUE
    )

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["status", "due_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="scheduled_payment_positive"),
            models.CheckConstraint(
                condition=Q(status__in=ScheduleStatus.values), name="scheduled_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.amount} on {self.due_on}"


class BudgetInvitation(models.Model):
    """The officer's invitation to the parent, or the young person, to see the budget; or
    to the third party holding part of it, to decide on the bookings it pays for."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="invitations")
    role = models.CharField(
        max_length=12, choices=InvitationRole.choices, default=InvitationRole.FAMILY
    )
    email = models.EmailField()
    # Only a hash of the emailed token is kept, so a copy of the database cannot be used
    # to accept an invitation.
    token_hash = models.CharField(max_length=64, unique=True)
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.SENT
    )
    sent_at = models.DateTimeField(default=timezone.now)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(role__in=InvitationRole.values), name="budget_invitation_role_ok"
            ),
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="budget_invitation_status_ok"
            ),
        ]

    def __str__(self) -> str:
        return self.email


class SpendingCategory(models.Model):
    """What spending is for. Staff mark the categories a personal budget cannot buy."""

    council = models.ForeignKey("wagtailcore.Site", on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=100)
    excluded = models.BooleanField(
        "a personal budget cannot pay for this",
        default=False,
    )
    exclusion_reason = models.CharField(max_length=300, blank=True)
    # Bookings of listings in these directory categories count as this category.
    directory_categories = models.ManyToManyField(
        "providers.Category", blank=True, related_name="+"
    )
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["council", "excluded", "sort_order", "name"]
        verbose_name_plural = "spending categories"
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="spending_category_unique")
        ]

    def __str__(self) -> str:
        return self.name


class SchoolConsent(models.Model):
    """A head teacher's or principal's consent to provision in their school or college."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="consents")
    setting_name = models.CharField("school or college", max_length=200)
    given_by = models.CharField("head teacher or principal", max_length=200)
    given_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.setting_name} ({self.given_by})"


class PayeeException(models.Model):
    """Staff agree that the budget may pay a family member who lives with the child."""

    budget = models.ForeignKey(
        PersonalBudget, on_delete=models.CASCADE, related_name="payee_exceptions"
    )
    payee = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100)
    reason = models.CharField("why it is allowed", max_length=1000)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"{self.payee} ({self.relationship})"


class SetAside(models.Model):
    """Money the family is "banking" for something later, such as a short break."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="set_asides")
    purpose = models.CharField("what it is for", max_length=200)
    amount = models.DecimalField(**MONEY)
    until = models.DateField("needed by", null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="set_aside_positive")]

    def __str__(self) -> str:
        return self.purpose


class Review(models.Model):
    """A review of the arrangement that was held (first within 3 months, then yearly)."""

    budget = models.ForeignKey(PersonalBudget, on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(max_length=10, choices=ReviewKind.choices)
    held_on = models.DateField()
    notes = models.TextField(max_length=4000, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["budget", "held_on"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on {self.held_on}"
