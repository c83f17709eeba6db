"""The family's quarterly returns under /account/budgets/returns/: a budget's quarters, one
return to check, declare and send (or answer the council's questions on), and its PDF,
CSV and ZIP.

Every page is a family page (`pricing.families.views.family_page`), and every budget is
loaded through `PersonalBudget.objects.for_family(request.user)`: another family's budget
or return answers 404, the same as one that does not exist. Every action is a plain POST
with post/redirect/get, so everything works without JavaScript.
"""

from __future__ import annotations

import io
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.budgets import return_pdfs
from pricing.budgets import returns_documents as documents
from pricing.budgets.enums import ReturnStatus
from pricing.budgets.models import PersonalBudget, QuarterlyReturn, Receipt
from pricing.budgets.return_figures import (
    Quarter,
    has_direct_payment,
    lines_of,
    long_date,
    money_words,
    quarter_rows,
    work_out,
)
from pricing.budgets.return_forms import AnswersForm, DeclarationForm, MakeReturnForm
from pricing.budgets.services.common import BudgetError
from pricing.budgets.services.returns import (
    answer_and_resubmit,
    make_return,
    remake_return,
    submit_return,
)
from pricing.families.views import family_page


def _budget(request: HttpRequest, reference: str) -> PersonalBudget:
    return get_object_or_404(
        PersonalBudget.objects.for_family(request.user).select_related("officer", "child"),
        reference=reference,
    )


def _return(request: HttpRequest, reference: str, ret: int) -> QuarterlyReturn:
    budget = _budget(request, reference)
    found = get_object_or_404(QuarterlyReturn.objects.filter(budget=budget), pk=ret)
    found.budget = budget
    return found


def url_or_empty(name: str, *args: Any) -> str:
    """A page of the budgets area built elsewhere, or "" while it is not wired yet."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def receipt_url(receipt: Receipt) -> str:
    return url_or_empty("budgets:receipt", receipt.pk)


@family_page
@require_GET
def quarters_list(request: HttpRequest, reference: str) -> HttpResponse:
    budget = _budget(request, reference)
    today = timezone.localdate()
    return render(
        request,
        "pricing/budgets/returns/list.html",
        {
            "budget": budget,
            "budget_url": url_or_empty("budgets:detail", budget.reference),
            "has_direct_payment": has_direct_payment(budget),
            "rows": quarter_rows(budget, today),
        },
    )


@family_page
@require_POST
def make(request: HttpRequest, reference: str) -> HttpResponse:
    budget = _budget(request, reference)
    form = MakeReturnForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose a quarter to make the return for.")
        return redirect("budget_returns:list", budget.reference)
    try:
        ret = make_return(budget=budget, starts_on=form.cleaned_data["starts_on"], by=request.user)
    except BudgetError as error:
        messages.error(request, error.message)
        return redirect("budget_returns:list", budget.reference)
    messages.success(request, "Your return is made. Check it, then send it to the council.")
    return redirect("budget_returns:detail", budget.reference, ret.pk)


def _detail_page(
    request: HttpRequest,
    ret: QuarterlyReturn,
    *,
    declaration: DeclarationForm | None = None,
    answers: AnswersForm | None = None,
) -> HttpResponse:
    budget = ret.budget
    lines = lines_of(ret, receipt_link=receipt_url)
    is_draft = ret.status == ReturnStatus.DRAFT
    # A draft shows the figures as made; if the ledger moved since, it must be made
    # again before it can be declared (the figures sent are the figures read).
    stale = is_draft and not work_out(budget, ret.starts_on, ret.ends_on).same_money_as(ret)
    open_queries = list(ret.queries.filter(answered_at__isnull=True).select_related("entry"))
    if is_draft and declaration is None:
        declaration = DeclarationForm(initial={"made": ret.made_at.isoformat()})
    if ret.status == ReturnStatus.QUERIED and answers is None:
        answers = AnswersForm(queries=open_queries)
    errors = error_summary_items(declaration) if declaration is not None else []
    if answers is not None:
        errors += error_summary_items(answers)
    quarter = Quarter(ret.starts_on, ret.ends_on)
    return render(
        request,
        "pricing/budgets/returns/detail.html",
        {
            "budget": budget,
            "ret": ret,
            "figures": money_words(ret),
            "quarter": quarter,
            "due_by": long_date(quarter.due_by),
            "overdue": is_draft and quarter.is_overdue(timezone.localdate()),
            "lines": lines,
            "money_in": [line for line in lines if line.section == "in"],
            "spending": [line for line in lines if line.section == "spending"],
            "refunds": [line for line in lines if line.section == "refund"],
            "is_draft": is_draft,
            "stale": stale,
            "declaration": declaration if is_draft else None,
            "answers": answers,
            "queries": list(ret.queries.select_related("entry")),
            "errors": errors,
            "budget_url": url_or_empty("budgets:detail", budget.reference),
        },
    )


@family_page
@require_GET
def detail(request: HttpRequest, reference: str, ret: int) -> HttpResponse:
    return _detail_page(request, _return(request, reference, ret))


@family_page
@require_POST
def remake(request: HttpRequest, reference: str, ret: int) -> HttpResponse:
    found = _return(request, reference, ret)
    try:
        remake_return(ret=found, by=request.user)
    except BudgetError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "Your return has been made again with the latest figures.")
    return redirect("budget_returns:detail", found.budget.reference, found.pk)


@family_page
@require_POST
def send(request: HttpRequest, reference: str, ret: int) -> HttpResponse:
    found = _return(request, reference, ret)
    form = DeclarationForm(request.POST)
    if form.is_valid():
        try:
            submit_return(
                ret=found, by=request.user, declared=True, seen_made_at=form.seen_made_at()
            )
        except BudgetError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, "Your return has been sent to the council. Thank you.")
            return redirect("budget_returns:detail", found.budget.reference, found.pk)
    found.refresh_from_db()
    return _detail_page(request, found, declaration=form)


@family_page
@require_POST
def answer(request: HttpRequest, reference: str, ret: int) -> HttpResponse:
    found = _return(request, reference, ret)
    if found.status != ReturnStatus.QUERIED:
        messages.error(request, "This return has no questions waiting for your answers.")
        return redirect("budget_returns:detail", found.budget.reference, found.pk)
    queries = list(found.queries.filter(answered_at__isnull=True).select_related("entry"))
    form = AnswersForm(request.POST, queries=queries)
    if form.is_valid():
        try:
            answer_and_resubmit(ret=found, by=request.user, answers=form.answers(), declared=True)
        except BudgetError as error:
            if error.field and error.field not in form.fields:
                # The officer asked another question while this page was open: show
                # its answer box too, with what was typed in the others kept.
                queries = list(found.queries.filter(answered_at__isnull=True))
                form = AnswersForm(request.POST, queries=queries)
                form.is_valid()
            else:
                add_domain_error(form, error)
        else:
            messages.success(
                request, "Your answers have been sent to the council with your return."
            )
            return redirect("budget_returns:detail", found.budget.reference, found.pk)
    found.refresh_from_db()
    return _detail_page(request, found, answers=form)


def _download(content: Any, filename: str, content_type: str) -> FileResponse:
    if isinstance(content, bytes):
        content = io.BytesIO(content)
    response = FileResponse(
        content, as_attachment=True, filename=filename, content_type=content_type
    )
    response["Cache-Control"] = "private, no-store"
    return response


def download(ret: QuarterlyReturn, kind: str) -> FileResponse:
    """The return's PDF, CSV or ZIP (the officer's pages use this too). A sent return's
    PDF is the copy kept for its present state (`return_pdfs`), in the ZIP too."""
    name = documents.base_name(ret)
    if kind == "pdf":
        return _download(return_pdfs.open_pdf(ret), f"{name}.pdf", "application/pdf")
    if kind == "csv":
        return _download(
            documents.render_csv(ret).encode("utf-8-sig"), f"{name}.csv", "text/csv; charset=utf-8"
        )
    if kind == "zip":
        archive = documents.build_zip(ret, pdf=return_pdfs.pdf_bytes(ret))
        return _download(archive, f"{name}.zip", "application/zip")
    raise Http404("No such download")


@family_page  # type: ignore[arg-type]  # typed for HttpResponse; a FileResponse streams
@require_GET
def return_file(request: HttpRequest, reference: str, ret: int, kind: str) -> FileResponse:
    return download(_return(request, reference, ret), kind)
