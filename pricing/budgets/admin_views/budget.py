"""One budget as the officer sees it: figures per pot and warnings, what is agreed now and
every earlier version, the family's invitation, the third party's access, consents,
exceptions, clawbacks, money set aside, reviews, the ledger (50 lines a page, with
receipts and reversals) and charts of where the money went, each with its table.

The number of queries is fixed: the figures and warnings come from the caseload's
grouped queries for this one budget, the charts from one grouped query each, and the
ledger page's related rows are joined or prefetched.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Count, DecimalField, Min, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.views.generic import TemplateView

from localoffer.core.money import round_money
from localoffer.core.pagination import pagination_context
from pricing.budgets.admin_views.base import BudgetPageMixin, money, person, receipt_url
from pricing.budgets.admin_views.caseload import describe
from pricing.budgets.admin_views.third_party import third_party_status
from pricing.budgets.charts import bar_chart, paired_chart
from pricing.budgets.enums import (
    ClawbackMethod,
    ClawbackStatus,
    EntryKind,
    HeldAs,
    InvitationRole,
    ScheduleStatus,
    Stream,
)
from pricing.budgets.figures import ZERO, Breakdown, Figures, breakdown
from pricing.budgets.models import (
    BudgetOutcome,
    Clawback,
    LedgerEntry,
    PersonalBudget,
    ScheduledPayment,
)
from pricing.budgets.schedule import WEEKS_HELD_LIMIT
from pricing.budgets.selectors import caseload
from pricing.budgets.services.common import RECEIPT_OVER
from pricing.budgets.services.third_party import holds_money

PER_PAGE = 50
_MONEY = DecimalField(max_digits=14, decimal_places=2)


def outcome_names(budget: PersonalBudget) -> dict[str, BudgetOutcome]:
    """Every outcome of every version by key, the newest wording winning (spending keeps
    its key across versions)."""
    outcomes = BudgetOutcome.objects.filter(version__budget=budget).select_related("area")
    return {item.key: item for item in outcomes.order_by("version__number", "pk")}


def schedule_summary(budget: PersonalBudget) -> dict[str, Any]:
    """Payments made and to come (one grouped query)."""
    rows = (
        ScheduledPayment.objects.filter(budget=budget)
        .values("status")
        .annotate(count=Count("pk"), total=Sum("amount"), first=Min("due_on"))
        .order_by()
    )
    found = {
        row["status"]: {**row, "total": money(round_money(row["total"] or ZERO))} for row in rows
    }
    empty = {"count": 0, "total": money(ZERO), "first": None}
    return {
        "made": found.get(ScheduleStatus.PAID, empty),
        "to_come": found.get(ScheduleStatus.DUE, empty),
        "replaced": found.get(ScheduleStatus.SUPERSEDED, empty),
    }


def pot_words(pot: HeldAs, figures: Figures) -> dict[str, str]:
    return {
        "label": pot.label,
        "paid_in": money(figures.paid_in),
        "spent": money(figures.spent),
        "committed": money(figures.committed),
        "balance": money(figures.balance),
        "available": money(figures.available),
    }


def month_label(month: dt.date) -> str:
    return f"{month:%B %Y}"


def chart_context(spent_by: Breakdown, outcomes: dict[str, BudgetOutcome]) -> dict[str, Any]:
    def outcome_label(key: str) -> str:
        found = outcomes.get(key)
        return found.description if found else key

    by_outcome = [
        (outcome_label(key), value.spent)
        for key, value in spent_by.by_outcome.items()
        if value.spending or value.refunds
    ]
    by_stream = [
        (Stream(key).label, value.spent)
        for key, value in spent_by.by_stream.items()
        if value.spending or value.refunds
    ]
    months = [
        (month_label(month), value.paid_in, value.spent)
        for month, value in sorted(spent_by.by_month.items())
    ]
    nothing = "Nothing spent yet"
    return {
        "by_outcome": [(label, money(value)) for label, value in by_outcome],
        "by_stream": [(label, money(value)) for label, value in by_stream],
        "months": [(label, money(paid_in), money(spent)) for label, paid_in, spent in months],
        "outcome_chart": bar_chart("Spending by outcome", by_outcome, empty=nothing),
        "stream_chart": bar_chart("Spending by funding stream", by_stream, empty=nothing),
        "month_chart": bar_chart(
            "Spending by month", [(label, spent) for label, _in, spent in months], empty=nothing
        ),
        "in_out_chart": paired_chart(
            "Payments in against spending, by month",
            months,
            names=("Paid in", "Spent"),
            empty="No money in or out yet",
        ),
    }


class BudgetView(BudgetPageMixin, TemplateView):
    template_name = "pricing/budgets/admin/detail.html"
    page_title = "Personal budget"
    http_method_names = ["get"]

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        # The budget is the last crumb itself.
        items = super().get_breadcrumbs_items()
        return [*items[:-2], {"url": "", "label": self.budget.reference}]

    def page_href(self, number: int) -> str:
        return f"?page={number}#ledger" if number > 1 else "?#ledger"

    def ledger_page(self, outcomes: dict[str, BudgetOutcome]) -> dict[str, Any]:
        entries = (
            LedgerEntry.objects.filter(budget=self.budget)
            .select_related("recorded_by", "reverses", "reversed_by", "category", "booking")
            .prefetch_related("receipts")
            .order_by("-occurred_on", "-pk")
        )
        paginator = Paginator(entries, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        lines = []
        for entry in page.object_list:
            reversed_by = getattr(entry, "reversed_by", None)
            receipts = [(receipt, receipt_url(receipt.pk)) for receipt in entry.receipts.all()]
            lines.append(
                {
                    "entry": entry,
                    "amount": money(entry.amount),
                    "outcome": outcomes.get(entry.outcome_key),
                    "recorded_by": person(entry.recorded_by) if entry.recorded_by_id else "",
                    "reversed_by": reversed_by,
                    "can_reverse": (
                        entry.reverses_id is None
                        and reversed_by is None
                        and entry.booking_id is None
                    ),
                    "receipts": receipts,
                    "receipt_missing": (
                        not receipts
                        and entry.kind == EntryKind.SPENDING
                        and entry.amount > RECEIPT_OVER
                        and entry.reverses_id is None
                        and reversed_by is None
                    ),
                }
            )
        return {
            "ledger": lines,
            "ledger_page": page,
            "ledger_count": paginator.count,
            "pagination": pagination_context(paginator, page.number, self.page_href),
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        budget = self.budget
        today = timezone.localdate()
        (row,) = caseload(PersonalBudget.objects.filter(pk=budget.pk), today=today)
        versions = list(
            budget.versions.select_related("created_by")
            .prefetch_related("lines")
            .order_by("-number")
        )
        current = versions[0]
        outcomes = outcome_names(budget)
        clawbacks = list(
            Clawback.objects.filter(budget=budget)
            .select_related("recorded_by", "rest_of")
            .annotate(recovered=Coalesce(Sum("entries__amount"), Value(ZERO), output_field=_MONEY))
            .order_by("-recorded_at", "-pk")
        )
        clawback_rows = []
        for clawback in clawbacks:
            recovered = round_money(clawback.recovered)
            still = clawback.amount - clawback.moved - recovered
            owed = still if clawback.status == ClawbackStatus.OUTSTANDING else ZERO
            clawback_rows.append(
                {
                    "clawback": clawback,
                    "amount": money(clawback.amount),
                    "recovered": money(recovered),
                    "outstanding": money(owed),
                    "moved": money(clawback.moved) if clawback.moved else "",
                    "rest_of_amount": money(clawback.rest_of.amount) if clawback.rest_of else "",
                    "can_repay": owed > 0 and clawback.method == ClawbackMethod.REPAYMENT,
                    "by": person(clawback.recorded_by),
                }
            )
        context.update(
            {
                "budget": budget,
                "row": row,
                "pots": [
                    pot_words(HeldAs(pot), row.pots[pot])
                    for pot in HeldAs
                    if any(line.held_as == pot for line in current.lines.all())
                    or row.pots[pot].paid_in
                    or row.pots[pot].spent
                    or row.pots[pot].committed
                ],
                "summary": describe(row),
                "approval_limit": money(budget.approval_limit),
                "set_aside": money(row.set_aside),
                "unspent_limit": WEEKS_HELD_LIMIT,
                "current": current,
                "current_outcomes": list(current.outcomes.select_related("area")),
                "current_lines": [
                    {"line": line, "amount": money(line.amount)} for line in current.lines.all()
                ],
                "current_total": money(sum((line.amount for line in current.lines.all()), ZERO)),
                "versions": [
                    {
                        "version": version,
                        "by": person(version.created_by) if version.created_by_id else "",
                        "total": money(sum((line.amount for line in version.lines.all()), ZERO)),
                    }
                    for version in versions
                ],
                "schedule": schedule_summary(budget),
                "invitations": list(
                    budget.invitations.filter(role=InvitationRole.FAMILY)
                    .select_related("accepted_by")
                    .order_by("-sent_at", "-pk")
                ),
                "third_party": third_party_status(budget),
                "holds_third_party_money": holds_money(budget),
                "consents": list(
                    budget.consents.select_related("recorded_by").order_by("-given_on")
                ),
                "exceptions": list(
                    budget.payee_exceptions.select_related("recorded_by").order_by("-recorded_at")
                ),
                "clawbacks": clawback_rows,
                "set_asides": [
                    {"item": item, "amount": money(item.amount)}
                    for item in budget.set_asides.order_by("-created_at")
                ],
                "reviews_held": list(
                    budget.reviews.select_related("recorded_by").order_by("-held_on")
                ),
                "can_claw_back": any(
                    line.held_as == HeldAs.DIRECT_PAYMENT for line in current.lines.all()
                ),
                **self.ledger_page(outcomes),
                **chart_context(breakdown(budget), outcomes),
            }
        )
        return context
