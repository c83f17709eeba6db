"""The officer's quarterly returns in the council's admin, at /admin/budgets/returns/: the
returns waiting across their caseload (and those overdue), one return to query or
accept, its PDF, CSV and ZIP, the PDFs kept of its earlier states, and its receipts.

Finance officers see only the returns of budgets in their own caseload
(`budget.officer`); a superuser sees every one. Anyone else who reaches the admin (a
content editor, a moderator, a provider) is refused with 403, as Wagtail's own views
refuse; an officer who types the address of another officer's return gets 404, because
a 403 would confirm it exists. A draft is the family's own until they send it: officers
never see one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Min, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView, View
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from localoffer.core.forms import add_domain_error
from pricing.budgets.enums import HeldAs, ReturnStatus
from pricing.budgets.models import (
    BudgetVersion,
    PersonalBudget,
    QuarterlyReturn,
    ReturnDocument,
)
from pricing.budgets.return_figures import SENT, Line, Quarter, lines_of, money_words
from pricing.budgets.return_forms import QueryForm
from pricing.budgets.return_views import download, receipt_url
from pricing.budgets.returns_documents import base_name
from pricing.budgets.schedule import quarters
from pricing.budgets.selectors import is_finance_officer
from pricing.budgets.services.common import BudgetError
from pricing.budgets.services.returns import accept_return, query_return
from pricing.offers.admin_views import form_errors


def caseload(user: Any) -> QuerySet[PersonalBudget]:
    budgets = PersonalBudget.objects.all()
    return budgets if user.is_superuser else budgets.for_officer(user)


def returns_for(user: Any) -> QuerySet[QuarterlyReturn]:
    """The sent returns of the person's caseload (every one, for a superuser)."""
    return QuarterlyReturn.objects.filter(budget__in=caseload(user), status__in=SENT)


class ReturnsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return is_finance_officer(request.user)


def returns_menu_item() -> MenuItem:
    return ReturnsMenuItem(
        "Quarterly returns",
        reverse("budget_return_admin:index"),
        name="quarterly-returns",
        icon_name="clipboard-list",
        order=162,
    )


class ReturnsPageMixin(WagtailAdminTemplateMixin):
    header_icon = "clipboard-list"
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not is_finance_officer(request.user):
            raise PermissionDenied
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs: Any) -> None:
        """Load the page's record from the URL's ids."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        items = [{"url": reverse("wagtailadmin_home"), "label": "Home"}]
        if self.get_page_title() != "Quarterly returns":
            items.append(
                {"url": reverse("budget_return_admin:index"), "label": "Quarterly returns"}
            )
        return [*items, {"url": "", "label": self.get_page_title()}]


@dataclass(frozen=True)
class Overdue:
    budget: PersonalBudget
    quarter: Quarter
    days_late: int


def overdue_returns(budgets: QuerySet[PersonalBudget], today: dt.date) -> list[Overdue]:
    """Quarters past their 28 days without a sent return, across many budgets in three
    queries (a caseload may hold hundreds of budgets)."""
    with_dp = budgets.filter(
        versions__lines__held_as=HeldAs.DIRECT_PAYMENT, child__isnull=False
    ).distinct()
    spans = (
        BudgetVersion.objects.filter(budget__in=with_dp)
        .values("budget_id")
        .annotate(first=Min("starts_on"), last=Max("ends_on"))
    )
    sent = set(
        QuarterlyReturn.objects.filter(budget__in=with_dp, status__in=SENT).values_list(
            "budget_id", "starts_on"
        )
    )
    by_id = {budget.pk: budget for budget in with_dp}
    found = []
    for span in spans:
        for first, last in quarters(span["first"], span["last"]):
            quarter = Quarter(first, last)
            if quarter.is_overdue(today) and (span["budget_id"], first) not in sent:
                found.append(
                    Overdue(by_id[span["budget_id"]], quarter, (today - quarter.due_by).days)
                )
    return sorted(found, key=lambda row: (-row.days_late, row.budget.reference))


class ReturnsIndexView(ReturnsPageMixin, TemplateView):
    template_name = "pricing/budgets/admin/returns/index.html"
    page_title = "Quarterly returns"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sent = (
            returns_for(self.request.user).select_related("budget").order_by("submitted_at", "pk")
        )
        context.update(
            {
                "waiting": list(sent.filter(status=ReturnStatus.SUBMITTED)),
                "with_family": list(sent.filter(status=ReturnStatus.QUERIED)),
                "overdue": overdue_returns(caseload(self.request.user), timezone.localdate()),
            }
        )
        return context


class ReturnPageMixin(ReturnsPageMixin):
    def load(self, **kwargs: Any) -> None:
        self.ret = get_object_or_404(
            returns_for(self.request.user).select_related(
                "budget__officer", "budget__child__family", "declared_by", "decided_by"
            ),
            pk=kwargs["ret"],
        )


class ReturnDetailView(ReturnPageMixin, TemplateView):
    template_name = "pricing/budgets/admin/returns/detail.html"
    http_method_names = ["get", "post"]

    def get_page_title(self) -> str:
        return f"Return {self.ret.budget.reference}"

    def get_page_subtitle(self) -> str:
        quarter = Quarter(self.ret.starts_on, self.ret.ends_on)
        return f"{self.ret.budget.child_name}, {quarter.words}"

    def lines(self) -> list[Line]:
        if not hasattr(self, "_lines"):
            self._lines = lines_of(self.ret, receipt_link=receipt_url)
        return self._lines

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or QueryForm(lines=self.lines())
        lines = self.lines()
        child = self.ret.budget.child
        family = child.family if child is not None else None
        context.update(
            {
                "ret": self.ret,
                "figures": money_words(self.ret),
                "budget": self.ret.budget,
                "family": family,
                "quarter": Quarter(self.ret.starts_on, self.ret.ends_on),
                "money_in": [line for line in lines if line.section == "in"],
                "spending": [line for line in lines if line.section == "spending"],
                "refunds": [line for line in lines if line.section == "refund"],
                "queries": list(
                    self.ret.queries.select_related("entry", "asked_by", "answered_by")
                ),
                "form": form,
                "errors": form_errors(form),
                "copies": list(self.ret.documents.order_by("made_at", "pk")),
                "can_query": self.ret.status in (ReturnStatus.SUBMITTED, ReturnStatus.QUERIED),
                "can_accept": self.ret.status == ReturnStatus.SUBMITTED,
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        here = reverse("budget_return_admin:detail", args=[self.ret.pk])
        if request.POST.get("action") == "accept":
            try:
                accept_return(ret=self.ret, by=request.user)
            except BudgetError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, "Return accepted. The family has been told.")
            return redirect(here)
        form = QueryForm(request.POST, lines=self.lines())
        if form.is_valid():
            line = form.chosen_line()
            try:
                query_return(
                    ret=self.ret,
                    by=request.user,
                    question=form.cleaned_data["question"],
                    entry=line.entry if line else None,
                )
            except BudgetError as error:
                add_domain_error(form, error)
            else:
                messages.success(request, "Your question has been sent to the family.")
                return redirect(here)
        return self.render_to_response(self.get_context_data(form=form))


class ReturnFileView(ReturnPageMixin, View):
    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, kind: str, **kwargs: Any) -> FileResponse:
        return download(self.ret, kind)


class ReturnCopyView(ReturnPageMixin, View):
    """A PDF kept of the return in an earlier state (as first sent, before questions)."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, copy: int, **kwargs: Any) -> FileResponse:
        document = get_object_or_404(ReturnDocument, ret=self.ret, pk=copy)
        name = f"{base_name(self.ret)}-{timezone.localtime(document.made_at):%Y-%m-%d-%H%M}.pdf"
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=name,
            content_type="application/pdf",
        )
        response["Cache-Control"] = "private, no-store"
        return response
