"""The officer's caseload (every budget with its figures and warnings, filtered by warning)
and the reviews that are due.

The rows are worked out for the whole caseload in a fixed number of grouped queries
(`pricing.budgets.selectors.caseload`), then filtered and paged in Python: a warning such
as "unspent above 8 weeks" depends on figures the database does not store.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView

from localoffer.core.pagination import pagination_context
from pricing.budgets.admin_views.base import OfficerPageMixin, money
from pricing.budgets.schedule import RETURN_DUE_DAYS, WEEKS_HELD_LIMIT
from pricing.budgets.selectors import (
    REVIEW_NOTICE_DAYS,
    BudgetWarning,
    CaseloadRow,
    ReviewDue,
    budgets_for,
    caseload,
    reviews_due,
)

PER_PAGE = 50
RETURNS = "returns"
SHOW = [
    ("", "Every budget"),
    *BudgetWarning.choices,
    (RETURNS, "Returns due or overdue"),
]


class CaseloadFilterForm(forms.Form):
    show = forms.ChoiceField(label="Show", choices=SHOW, required=False)


def describe(row: CaseloadRow) -> dict[str, Any]:
    """A caseload row in words, as the table and the budget page show it."""
    if row.returns_outstanding:
        parts = []
        if row.returns_due:
            parts.append(f"{row.returns_due} due")
        if row.returns_overdue:
            parts.append(f"{row.returns_overdue} overdue")
        returns = ", ".join(parts)
    else:
        returns = "None"
    return {
        "row": row,
        "budget": row.budget,
        "balance": money(row.direct.balance),
        "available": money(row.available),
        "weeks": str(row.weeks_held) if row.weeks_held is not None else "No direct payment",
        "returns": returns,
        "reviews": [review_words(review) for review in row.reviews],
        "warnings": [BudgetWarning(value).label for value in row.warnings],
    }


def review_words(review: ReviewDue) -> str:
    name = review.label.split(" (")[0]
    if review.overdue:
        return f"{name} overdue since {review.due_on:%-d %B %Y}"
    return f"{name} due by {review.due_on:%-d %B %Y}"


def _matches(row: CaseloadRow, show: str) -> bool:
    if not show:
        return True
    if show == RETURNS:
        return row.returns_outstanding > 0
    return show in row.warnings


class CaseloadView(OfficerPageMixin, TemplateView):
    template_name = "pricing/budgets/admin/index.html"
    page_title = "Personal budgets"
    http_method_names = ["get"]

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def page_href(self, number: int) -> str:
        query = self.request.GET.copy()
        query.pop("page", None)
        if number > 1:
            query["page"] = str(number)
        return f"?{query.urlencode()}" if query else "?"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = CaseloadFilterForm(self.request.GET or None)
        show = form.cleaned_data["show"] if form.is_bound and form.is_valid() else ""
        user = self.request.user
        budgets = budgets_for(user).select_related("officer")
        rows = caseload(budgets, today=timezone.localdate())
        shown = [row for row in rows if _matches(row, show)]
        paginator = Paginator(shown, PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        counts = {
            value: sum(1 for row in rows if _matches(row, value)) for value, _label in SHOW if value
        }
        context.update(
            {
                "form": form,
                "show": show,
                "show_label": dict(SHOW)[show],
                "counts": [
                    {"value": value, "label": label, "count": counts[value]}
                    for value, label in SHOW
                    if value
                ],
                "total": len(rows),
                "shown": len(shown),
                "rows": [describe(row) for row in page.object_list],
                "page": page,
                "pagination": pagination_context(paginator, page.number, self.page_href),
                "show_officer": user.is_superuser,
                "reviews_count": sum(len(row.reviews) for row in rows),
                "unspent_limit": WEEKS_HELD_LIMIT,
                "overdue_days": RETURN_DUE_DAYS,
                "categories_url": reverse("wagtailsnippets_pricing_spendingcategory:list"),
            }
        )
        return context


class ReviewsView(OfficerPageMixin, TemplateView):
    """First reviews (3 months after the first payment) and annual reviews that are due
    within 28 days or overdue, the most overdue first."""

    template_name = "pricing/budgets/admin/reviews.html"
    page_title = "Reviews due"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        context.update(
            {
                "reviews": [
                    {"review": review, "words": review_words(review)}
                    for review in reviews_due(budgets_for(self.request.user), today=today)
                ],
                "today": today,
                "notice_days": REVIEW_NOTICE_DAYS,
            }
        )
        return context
