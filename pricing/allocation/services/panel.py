"""The resource panel: the coordinator sends a completed assessment to it, members decide
each stream within their delegated limit, and the last decision sets up or changes the
personal budget and sends the family a letter.

Every decision locks the assessment's row first, so two members deciding at once are
served one after the other: the second sees the first one's decision (one per stream, and
the last one finishes the case exactly once).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from localoffer.core.money import format_pounds, round_money
from localoffer.core.transitions import transition
from pricing.allocation.enums import ASSESSMENT_TRANSITIONS, AssessmentKind, AssessmentStatus
from pricing.allocation.models import (
    Assessment,
    DecisionLetter,
    PanelMember,
    StreamDecision,
    StreamResult,
)
from pricing.allocation.selectors import is_coordinator, is_panel_member
from pricing.allocation.services import costing
from pricing.allocation.services.common import ACTION, AllocationError, audit
from pricing.budgets.enums import HeldAs, Stream
from pricing.budgets.models import PersonalBudget
from pricing.budgets.selectors import is_finance_officer
from pricing.budgets.services import BudgetError, LineInput, OutcomeInput
from pricing.budgets.services.setup import new_version, set_up_budget

ZERO = Decimal("0.00")
LETTER_FOLDER = "decision-letters"


@dataclass(frozen=True)
class StreamToDecide:
    """One stream the panel decides: both indicative amounts and the decision, if made."""

    stream: str
    indicative: Decimal  # from the questionnaire (0 when the tool gave none)
    costed: Decimal  # the costed provision, with its adjustments
    decision: StreamDecision | None

    @property
    def label(self) -> str:
        return Stream(self.stream).label


def costed_totals(assessment: Assessment) -> dict[str, Decimal]:
    """Per stream, the costed provision's total (never below nothing)."""
    found = costing.costed_totals(assessment)
    return {
        stream: round_money(max(found[stream].total, ZERO)) if stream in found else ZERO
        for stream in Stream.values
    }


def streams_to_decide(assessment: Assessment) -> list[StreamToDecide]:
    """The streams with an indicative amount from the questionnaire or a costed total above
    nothing, in the streams' order."""
    indicative = {r.stream: r.amount for r in StreamResult.objects.filter(assessment=assessment)}
    costed = costed_totals(assessment)
    decisions = {
        d.stream: d
        for d in StreamDecision.objects.filter(assessment=assessment).select_related("member__user")
    }
    return [
        StreamToDecide(stream, indicative.get(stream, ZERO), costed[stream], decisions.get(stream))
        for stream in Stream.values
        if stream in indicative or costed[stream] > 0 or stream in decisions
    ]


def _lock(assessment: Assessment) -> Assessment:
    return Assessment.objects.select_for_update().get(pk=assessment.pk)


@transaction.atomic
def send_to_panel(
    assessment: Assessment, *, by: Any, budget_officer: Any, starts_on: dt.date | None
) -> Assessment:
    """The coordinator sends a completed assessment to the panel, saying which finance
    officer will look after the budget and the day it would start."""
    locked = _lock(assessment)
    if not is_coordinator(by) or (not by.is_superuser and locked.coordinator_id != by.pk):
        raise AllocationError("Only the assessment's coordinator can send it to the panel.")
    if locked.kind != AssessmentKind.COORDINATOR:
        raise AllocationError("A family's self-assessment cannot go to the panel.")
    if locked.status != AssessmentStatus.COMPLETED:
        raise AllocationError("Only a completed assessment can be sent to the panel.")
    if not locked.outcomes.exists():
        raise AllocationError(
            "Add at least one outcome agreed in the plan: a budget is for outcomes.",
            field="outcomes",
        )
    if not streams_to_decide(locked):
        raise AllocationError("There is nothing for the panel to decide: no stream has an amount.")
    if budget_officer is None or not is_finance_officer(budget_officer):
        raise AllocationError(
            "Choose a finance officer to look after the budget", field="budget_officer"
        )
    if starts_on is None:
        raise AllocationError("Enter the day the budget would start", field="starts_on")
    if locked.budget is not None and starts_on < locked.budget.current_version.starts_on:
        raise AllocationError(
            "The changed budget cannot start before the current version does", field="starts_on"
        )
    return transition(
        locked,
        table=ASSESSMENT_TRANSITIONS,
        to=AssessmentStatus.AT_PANEL,
        user=by,
        action=ACTION + "sent_to_panel",
        changes={
            "budget_officer": budget_officer,
            "budget_starts_on": starts_on,
            "sent_to_panel_at": timezone.now(),
        },
        data={"budget_officer": budget_officer.pk, "starts_on": str(starts_on)},
        error=AllocationError,
    )


def _amount(value: Any) -> Decimal:
    try:
        amount = round_money(Decimal(str(value)))
    except (InvalidOperation, TypeError, ValueError) as error:
        raise AllocationError(
            "Enter the amount in pounds, like 2500 or 2500.50", field="final_amount"
        ) from error
    if not amount.is_finite() or amount < 0:
        raise AllocationError("Enter an amount of £0 or more", field="final_amount")
    return amount


@transaction.atomic
def decide_stream(
    assessment: Assessment,
    *,
    stream: str,
    final_amount: Decimal,
    held_as: str,
    third_party_name: str,
    reason: str,
    by: Any,
) -> StreamDecision:
    """Record the panel's amount for one stream, by a member with a seat for it.

    The member's delegated limit bounds the amount: above it, someone with a higher limit
    must decide. When this is the last stream, the case is finished (`_finish`)."""
    locked = _lock(assessment)
    if locked.status != AssessmentStatus.AT_PANEL:
        raise AllocationError("This assessment is not waiting for the panel.")
    seat = PanelMember.objects.filter(
        user=by, stream=stream, active=True, council=locked.council_id
    ).first()
    if seat is None or not is_panel_member(by):
        raise AllocationError(
            f"You do not hold a seat on the panel for {Stream(stream).label.lower()}"
            if stream in Stream.values
            else "Choose a funding stream"
        )
    todo = {item.stream: item for item in streams_to_decide(locked)}
    if stream not in todo:
        raise AllocationError("The panel has nothing to decide for this stream.")
    item = todo[stream]
    if item.decision is not None:
        raise AllocationError(f"{item.label} has already been decided.")
    amount = _amount(final_amount)
    if amount > seat.limit:
        raise AllocationError(
            f"{format_pounds(amount)} is above your delegated limit of "
            f"{format_pounds(seat.limit)}: a panel member with a higher limit must decide it.",
            field="final_amount",
        )
    reason = reason.strip()
    if amount != item.indicative and not reason:
        raise AllocationError(
            f"Say why the amount differs from the indicative {format_pounds(item.indicative)}",
            field="reason",
        )
    if len(reason) > 1000:
        raise AllocationError("Keep the reason to 1,000 characters or fewer", field="reason")
    third_party_name = third_party_name.strip()
    if amount == 0:
        held_as, third_party_name = "", ""
    elif held_as not in HeldAs.values:
        raise AllocationError("Choose how the money will be held", field="held_as")
    elif held_as == HeldAs.THIRD_PARTY:
        if not third_party_name:
            raise AllocationError(
                "Name the third party that holds the money", field="third_party_name"
            )
        named = {
            other.decision.third_party_name
            for other in todo.values()
            if other.decision is not None and other.decision.third_party_name
        }
        if named - {third_party_name}:
            raise AllocationError(
                f"This budget's third party is {named.pop()}: a budget has one third party",
                field="third_party_name",
            )
    else:
        third_party_name = ""
    decision = StreamDecision.objects.create(
        assessment=locked,
        stream=stream,
        indicative_amount=item.indicative,
        costed_amount=item.costed,
        final_amount=amount,
        held_as=held_as,
        third_party_name=third_party_name,
        reason=reason,
        member=seat,
        member_limit=seat.limit,
    )
    audit(
        locked,
        "stream_decided",
        by=by,
        data={"stream": stream, "final": str(amount), "indicative": str(item.indicative)},
    )
    if all(other.decision is not None for key, other in todo.items() if key != stream):
        _finish(locked, by=by)
    return decision


def _outcomes(assessment: Assessment, funded: set[str]) -> list[OutcomeInput]:
    """The plan's outcomes for the budget; an outcome whose provision all comes from one
    funded stream is paid for from it, and one the current budget already has keeps its
    key, so spending recorded against it keeps counting."""
    keys: dict[str, str] = {}
    if assessment.budget is not None:
        current = assessment.budget.current_version
        keys = {o.description.strip().lower(): o.key for o in current.outcomes.all()}
    outcomes = []
    for outcome in assessment.outcomes.prefetch_related("lines"):
        streams = {line.stream for line in outcome.lines.all()}
        stream = streams.pop() if len(streams) == 1 else ""
        outcomes.append(
            OutcomeInput(
                description=outcome.description,
                area=outcome.area,
                stream=stream if stream in funded else "",
                key=keys.get(outcome.description.strip().lower(), ""),
            )
        )
    return outcomes


def year_from(starts_on: dt.date) -> dt.date:
    """The last day of a year's budget: 1 April 2026 ends on 31 March 2027."""
    return starts_on + relativedelta(years=1) - dt.timedelta(days=1)


def _finish(assessment: Assessment, *, by: Any) -> None:
    """Every stream is decided: set up or change the budget, mark the case decided and
    write the letter, which a background task prints and emails once this commits."""
    decisions = list(assessment.decisions.all())
    funded = [d for d in decisions if d.final_amount > 0]
    budget: PersonalBudget | None = assessment.budget
    if funded:
        assert assessment.budget_starts_on is not None  # set when sent to the panel
        starts_on = assessment.budget_starts_on
        lines = [
            LineInput(stream=d.stream, held_as=d.held_as, amount=d.final_amount) for d in funded
        ]
        outcomes = _outcomes(assessment, {d.stream for d in funded})
        third_party = next((d.third_party_name for d in funded if d.third_party_name), "")
        try:
            if budget is not None:
                new_version(
                    budget=budget,
                    starts_on=starts_on,
                    ends_on=year_from(starts_on),
                    outcomes=outcomes,
                    lines=lines,
                    reason=f"Resource panel decision on assessment {assessment.reference}",
                    by=by,
                )
            else:
                child = assessment.child
                budget = set_up_budget(
                    council=assessment.council,
                    officer=assessment.budget_officer,
                    child_name=child.first_name,
                    child_date_of_birth=child.date_of_birth,
                    starts_on=starts_on,
                    ends_on=year_from(starts_on),
                    outcomes=outcomes,
                    lines=lines,
                    by=by,
                    third_party_name=third_party,
                )
                # The child is the family's own record, so the budget is linked at once:
                # no invitation is needed for the family to see it.
                budget.child = child
                budget.save(update_fields=["child"])
        except BudgetError as error:
            raise AllocationError(f"The budget could not be set up: {error.message}") from error
    decided = transition(
        assessment,
        table=ASSESSMENT_TRANSITIONS,
        to=AssessmentStatus.DECIDED,
        user=by,
        action=ACTION + "decided",
        changes={"budget": budget},
        data={"budget": budget.reference if budget else ""},
        error=AllocationError,
    )
    letter = DecisionLetter.objects.create(
        assessment=decided, pdf=f"{LETTER_FOLDER}/{decided.reference}.pdf"
    )
    from pricing.allocation.panel_tasks import enqueue_letter  # noqa: PLC0415 (tasks import us)

    enqueue_letter(letter)
