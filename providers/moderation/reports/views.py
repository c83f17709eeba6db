"""/listings/<page id>/report/: tell the council something is wrong with a listing.

Only live, public service listings take reports (404 otherwise), so the form cannot be
used to learn which drafts exist. What a sender is told follows the feedback form
(localoffer.feedback.views): a bot's honeypot or forged timestamp is thanked and dropped,
too many reports from one address get a plain-English 429 page (the allowance is shared
with the feedback form: both are anonymous forms from the same connection), and a form
left open for a day comes back with what was typed.
"""

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_safe

from localoffer.core import spam
from localoffer.core.forms import add_domain_error
from providers.models import ServicePage
from providers.moderation.reports.forms import ReportForm, new_report_form
from providers.moderation.reports.selectors import live_service_or_none
from providers.moderation.reports.services import ReportError, submit_report

logger = logging.getLogger(__name__)

# The council's safeguarding contacts; a setting so each council can give its own.
DEFAULT_SAFEGUARDING_CONTACT = {
    "name": "Children's Advice and Support Hub",
    "phone": "01632 960 300",
    "hours": "Monday to Thursday, 8:30am to 5pm. Friday, 8:30am to 4:30pm",
    "out_of_hours_phone": "01632 960 999",
}


def safeguarding_contact() -> dict:
    return getattr(settings, "SAFEGUARDING_CONTACT", DEFAULT_SAFEGUARDING_CONTACT)


def _listing(page_id: int) -> ServicePage:
    page = live_service_or_none(page_id)
    if page is None:
        raise Http404("No published listing")
    return page


def _render_form(request: HttpRequest, page: ServicePage, form: ReportForm) -> HttpResponse:
    return render(
        request,
        "moderation/reports/report.html",
        {
            "listing": page,
            "listing_url": page.get_url(request=request),
            "form": form,
            "errors": form.error_list() if form.is_bound else [],
            "safeguarding": safeguarding_contact(),
            "hide_feedback_form": True,
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def report_problem(request: HttpRequest, page_id: int) -> HttpResponse:
    page = _listing(page_id)
    sent_url = reverse("reports:sent", args=[page.pk])
    if request.method == "GET":
        return _render_form(request, page, new_report_form())

    if spam.is_rate_limited(request):
        window = spam.rate_limit()[1]
        response = render(
            request,
            "moderation/reports/rate_limited.html",
            {
                "listing": page,
                "hide_feedback_form": True,
                "wait_minutes": max(1, round(window / 60)),
                "safeguarding": safeguarding_contact(),
            },
            status=429,
        )
        response["Retry-After"] = str(window)
        return response

    form = ReportForm(request.POST)
    valid = form.is_valid()
    if not valid and form.spam_reason != "honeypot":
        form.prepare_for_redisplay()
        return _render_form(request, page, form)
    if form.spam_reason:
        spam.record_submission(request)
        logger.info("Listing report dropped as spam (%s)", form.spam_reason)
        return HttpResponseRedirect(sent_url)
    try:
        submit_report(
            page=page,
            kind=form.cleaned_data["kind"],
            details=form.cleaned_data["details"],
            name=form.cleaned_data["name"],
            email=form.cleaned_data["email"],
        )
    except ReportError as error:
        add_domain_error(form, error)
        form.prepare_for_redisplay()
        return _render_form(request, page, form)
    spam.record_submission(request)
    return HttpResponseRedirect(sent_url)


@never_cache
@require_safe
def report_sent(request: HttpRequest, page_id: int) -> HttpResponse:
    page = live_service_or_none(page_id)
    return render(
        request,
        "moderation/reports/sent.html",
        {
            "listing": page,
            "listing_url": page.get_url(request=request) if page else "",
            "safeguarding": safeguarding_contact(),
            "hide_feedback_form": True,
        },
    )
