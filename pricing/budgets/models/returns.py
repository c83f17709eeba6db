"""Quarterly returns: what a direct-payment family tells the council each quarter.

A return is made with one click from the ledger. Its figures are kept on the row when it
is made and made again each time the family sends it, so what the officer accepts is
exactly what the family declared; its lines are the ledger entries of the quarter,
listed in `ReturnLine` rows when it is sent. A sent return cannot be changed: a question
from the officer is answered in a `ReturnQuery`, and the family sends it again.

A sent return's PDF is printed once for each state it passes through (sent, queried,
sent again, accepted) and kept as a `ReturnDocument`, every earlier copy too: what the
family declared the first time stays on file after they answered questions.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from pricing.budgets.enums import ReturnStatus
from pricing.budgets.models.budget import MONEY, PersonalBudget
from pricing.budgets.models.ledger import LedgerEntry, private_storage


class QuarterlyReturn(models.Model):
    budget = models.ForeignKey(PersonalBudget, on_delete=models.PROTECT, related_name="returns")
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT
    )
    opening_balance = models.DecimalField(**MONEY)
    paid_in = models.DecimalField(**MONEY)
    spent = models.DecimalField(**MONEY)
    closing_balance = models.DecimalField(**MONEY)
    # What needs attention, as short sentences with the entry they are about.
    flags = models.JSONField(default=list, blank=True)
    made_at = models.DateTimeField(default=timezone.now)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["budget", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "starts_on"], name="one_return_per_quarter"),
            models.CheckConstraint(
                condition=Q(status__in=ReturnStatus.values), name="return_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")), name="return_period_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Return {self.starts_on:%-d %b %Y} to {self.ends_on:%-d %b %Y}"


class ReturnLine(models.Model):
    """An entry as it was when the return was sent (entries never change, so a link is a
    faithful copy)."""

    ret = models.ForeignKey(QuarterlyReturn, on_delete=models.CASCADE, related_name="lines")
    entry = models.ForeignKey(LedgerEntry, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ret", "entry"], name="return_line_once")]

    def __str__(self) -> str:
        return str(self.entry)


class ReturnQuery(models.Model):
    """An officer's question about a line of a return, and the family's answer."""

    ret = models.ForeignKey(QuarterlyReturn, on_delete=models.CASCADE, related_name="queries")
    entry = models.ForeignKey(
        LedgerEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    question = models.CharField(max_length=2000)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    asked_at = models.DateTimeField(default=timezone.now)
    answer = models.CharField(max_length=2000, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["asked_at", "pk"]
        verbose_name_plural = "return queries"

    def __str__(self) -> str:
        return self.question[:60]


class ReturnDocument(models.Model):
    """The PDF of a sent return in one state, printed in the background and kept.

    `state` names what the PDF shows (`pricing.budgets.return_pdfs.state_of`): the
    return's status, its declaration and decision, and its questions and answers. A
    download serves the copy of the return's present state, printing it then if the
    background task has not yet.
    """

    ret = models.ForeignKey(QuarterlyReturn, on_delete=models.PROTECT, related_name="documents")
    state = models.CharField(max_length=64)
    status = models.CharField(max_length=12, choices=ReturnStatus.choices)
    file = models.FileField(upload_to="returns/%Y/%m/", storage=private_storage)
    size = models.PositiveIntegerField()
    made_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["ret", "made_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ret", "state"], name="return_document_once"),
            models.CheckConstraint(
                condition=Q(status__in=ReturnStatus.values), name="return_document_status_ok"
            ),
        ]

    def __str__(self) -> str:
        return str(self.file.name)
