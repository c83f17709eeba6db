"""The family's assessment pages under /account/assessments/.

Every page is for family accounts (`pricing.families.views.family_page`): anonymous
visitors sign in first, work accounts are told this is a work account (403). An
assessment is only ever loaded through `Assessment.objects.for_family`, so another
family's reference answers 404, the same as one that does not exist; so does a page that
does not apply to the assessment (the questions of the council's own assessment).

What a family sees of the council's assessment follows its stage: while the coordinator
is still filling it in with them there are no figures (answers may still change, and a
figure half worked out would read as a promise); once it is completed the working, the
costed provision and, after the panel, the decision and the letter.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.files.storage import storages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Site

from localoffer.core.forms import add_domain_error, error_summary_items
from localoffer.core.transitions import DomainError
from pricing.allocation import family_explain
from pricing.allocation.enums import AssessmentKind, AssessmentStatus
from pricing.allocation.family_forms import DomainForm, LookAgainForm, StartForm
from pricing.allocation.models import Assessment, DecisionLetter, Domain
from pricing.allocation.services.answers import save_answers
from pricing.allocation.services.look_again import ask_to_look_again, can_ask
from pricing.allocation.services.self_assessment import (
    domains_left,
    send_self_assessment,
    start_self_assessment,
)
from pricing.families.selectors import children_of
from pricing.families.views import family_page


def _assessment(request: HttpRequest, reference: str, kind: str | None = None) -> Assessment:
    found = Assessment.objects.for_family(request.user).select_related(
        "child", "coordinator", "version"
    )
    if kind is not None:
        found = found.filter(kind=kind)
    return get_object_or_404(found, reference=reference)


def _domains(assessment: Assessment) -> list[Domain]:
    return list(assessment.version.domains.all())


@family_page
@require_GET
def assessment_list(request: HttpRequest) -> HttpResponse:
    children = list(children_of(request.user))
    assessments = list(
        Assessment.objects.for_family(request.user)
        .exclude(status=AssessmentStatus.WITHDRAWN)
        .select_related("child")
        .order_by("child__first_name", "-created_at", "pk")
    )
    by_child = [(child, [a for a in assessments if a.child_id == child.pk]) for child in children]
    return render(
        request,
        "pricing/allocation/family/list.html",
        {"by_child": by_child, "children": children},
    )


@family_page
@require_http_methods(["GET", "POST"])
def start(request: HttpRequest) -> HttpResponse:
    children = list(children_of(request.user))
    form = StartForm(request.POST if request.method == "POST" else None, children=children)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = start_self_assessment(
                family=request.user,
                child=form.chosen(),
                council=Site.find_for_request(request),
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            return redirect("assessments:questions", assessment.reference, 1)
    return render(
        request,
        "pricing/allocation/family/start.html",
        {
            "form": form,
            "children": children,
            "add_child_url": reverse("families:add") + "?next=" + request.path,
            "errors": error_summary_items(form),
        },
    )


@family_page
@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    assessment = _assessment(request, reference)
    if assessment.kind == AssessmentKind.SELF:
        return _self_detail(request, assessment)
    context: dict[str, Any] = {
        "assessment": assessment,
        "child_name": assessment.child.first_name,
        "requests": list(assessment.look_again_requests.all()),
        "can_ask": can_ask(assessment),
    }
    if assessment.status in family_explain.WORKING_SHOWN:
        context["working"] = family_explain.working(assessment)
        context["costed"] = family_explain.costed(assessment)
    if assessment.status == AssessmentStatus.DECIDED:
        context["decisions"] = family_explain.decisions(assessment)
        context["decided_at"] = max((row.decided_at for row in context["decisions"]), default=None)
        letter = DecisionLetter.objects.filter(assessment=assessment).first()
        context["letter"] = letter if letter is not None and letter.pdf else None
    return render(request, "pricing/allocation/family/detail.html", context)


def _answer_sections(assessment: Assessment, *, editable: bool) -> list[dict[str, Any]]:
    """Each domain's questions with the answer given (or None) and where to change it."""
    answers = {a.question_id: a for a in assessment.answers.select_related("descriptor")}
    sections = []
    for number, domain in enumerate(_domains(assessment), start=1):
        change = (
            reverse("assessments:questions", args=[assessment.reference, number]) + "?check=1"
            if editable
            else ""
        )
        rows = [(q, answers.get(q.pk)) for q in domain.questions.all()]
        sections.append({"domain": domain, "rows": rows, "change_url": change})
    return sections


def _self_detail(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    in_progress = assessment.status == AssessmentStatus.IN_PROGRESS
    return render(
        request,
        "pricing/allocation/family/self_detail.html",
        {
            "assessment": assessment,
            "child_name": assessment.child.first_name,
            "in_progress": in_progress,
            "left": domains_left(assessment) if in_progress else [],
            "domain_count": assessment.version.domains.count(),
            "sections": _answer_sections(assessment, editable=False),
        },
    )


def _open_self_assessment(request: HttpRequest, reference: str) -> Assessment | None:
    """The family's self-assessment, or None (after a message) when it is already sent."""
    assessment = _assessment(request, reference, kind=AssessmentKind.SELF)
    if assessment.status != AssessmentStatus.IN_PROGRESS:
        messages.info(request, "This self-assessment has been sent, so it cannot be changed.")
        return None
    return assessment


@family_page
@require_http_methods(["GET", "POST"])
def questions(request: HttpRequest, reference: str, number: int) -> HttpResponse:
    """One domain's questions; `number` counts the domains from 1."""
    assessment = _open_self_assessment(request, reference)
    if assessment is None:
        return redirect("assessments:detail", reference)
    domains = _domains(assessment)
    if not 1 <= number <= len(domains):
        raise Http404("No such page of questions")
    domain = domains[number - 1]
    answers = {a.question_id: a for a in assessment.answers.filter(question__domain=domain)}
    back_to_check = request.GET.get("check") == "1"
    form = DomainForm(
        request.POST if request.method == "POST" else None, domain=domain, answers=answers
    )
    if request.method == "POST" and form.is_valid():
        later = request.POST.get("action") == "later"
        if later or form.require_all():
            try:
                save_answers(assessment, form.given(), by=request.user)
            except DomainError as error:
                add_domain_error(form, error)
            else:
                if later:
                    messages.success(
                        request,
                        "Your answers have been saved. You can come back to them at any time.",
                    )
                    return redirect("assessments:detail", reference)
                if back_to_check or number == len(domains):
                    return redirect("assessments:check", reference)
                return redirect("assessments:questions", reference, number + 1)
    return render(
        request,
        "pricing/allocation/family/questions.html",
        {
            "assessment": assessment,
            "child_name": assessment.child.first_name,
            "domain": domain,
            "number": number,
            "count": len(domains),
            "form": form,
            "back_url": (
                reverse("assessments:check", args=[reference])
                if back_to_check
                else reverse("assessments:questions", args=[reference, number - 1])
                if number > 1
                else reverse("assessments:detail", args=[reference])
            ),
            "errors": error_summary_items(form, fields=form.field_order_names()),
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def check(request: HttpRequest, reference: str) -> HttpResponse:
    """Check your answers, then send them to the council."""
    assessment = _open_self_assessment(request, reference)
    if assessment is None:
        return redirect("assessments:detail", reference)
    errors = []
    if request.method == "POST":
        try:
            send_self_assessment(assessment, by=request.user)
        except DomainError as error:
            errors.append({"href": "#answers", "text": error.message})
        else:
            messages.success(
                request,
                f"{assessment.child.first_name}'s self-assessment has been sent to the council",
            )
            return redirect("assessments:detail", reference)
    return render(
        request,
        "pricing/allocation/family/check.html",
        {
            "assessment": assessment,
            "child_name": assessment.child.first_name,
            "sections": _answer_sections(assessment, editable=True),
            "errors": errors,
        },
        status=400 if errors else 200,
    )


@family_page  # type: ignore[arg-type]  # typed for HttpResponse; a FileResponse streams
@require_GET
def letter(request: HttpRequest, reference: str) -> FileResponse:
    assessment = _assessment(request, reference, kind=AssessmentKind.COORDINATOR)
    found = DecisionLetter.objects.filter(assessment=assessment).exclude(pdf="").first()
    if found is None:
        raise Http404("No letter yet")
    try:
        handle = storages["private"].open(found.pdf, "rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("The letter's file is missing") from error
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"decision-{assessment.reference}.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@family_page
@require_http_methods(["GET", "POST"])
def look_again(request: HttpRequest, reference: str) -> HttpResponse:
    assessment = _assessment(request, reference, kind=AssessmentKind.COORDINATOR)
    if not can_ask(assessment):
        raise Http404("Nothing to ask about yet, or a request is waiting for an answer")
    form = LookAgainForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            ask_to_look_again(
                assessment, by=request.user, what_is_wrong=form.cleaned_data["what_is_wrong"]
            )
        except DomainError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                "Your request has been sent. Your coordinator will answer you by email and "
                "on this page.",
            )
            return redirect("assessments:detail", reference)
    return render(
        request,
        "pricing/allocation/family/look_again.html",
        {
            "assessment": assessment,
            "child_name": assessment.child.first_name,
            "form": form,
            "errors": error_summary_items(form),
        },
    )
