"""Confirming a listing: from the signed link in the cycle's email, or from the dashboard.

The link's page needs no sign-in (the signed link is the credential, see links.py). GET
only shows the listing's main details and one button; the POST confirms. Email scanners
follow links but do not press buttons, so only a person's click confirms.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from localoffer.core.paths import safe_local_path
from providers.models import ServicePage
from providers.moderation.freshness.enums import ConfirmationMethod, LinkProblem
from providers.moderation.freshness.links import CheckedLink, check_link, expires_on
from providers.moderation.freshness.models import ListingConfirmation
from providers.moderation.freshness.selectors import is_member, organisation_of_pages
from providers.moderation.freshness.services import FreshnessError, confirm_listing
from providers.moderation.selectors.cycles import current_cycle

PROBLEM_STATUS = {
    LinkProblem.TAMPERED: 400,
    LinkProblem.WRONG_CYCLE: 410,
    LinkProblem.EXPIRED: 410,
    LinkProblem.NO_ACCESS: 403,
    LinkProblem.NOT_PUBLISHED: 410,
}


def _no_referrer(response: HttpResponse) -> HttpResponse:
    # The address holds the credential: never send it on to another page or site.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    return response


def _problem_page(request: HttpRequest, link: CheckedLink, problem: LinkProblem) -> HttpResponse:
    return _no_referrer(
        render(
            request,
            "moderation/freshness/link_problem.html",
            {
                "problem": str(problem),
                "link": link,
                "expires_on": expires_on(link.cycle) if link.cycle else None,
                "sign_in_url": reverse("wagtailadmin_home"),
                "hide_feedback_form": True,
            },
            status=PROBLEM_STATUS[problem],
        )
    )


def _listing_details(page: ServicePage) -> dict:
    """The details a provider checks: the published rows (the page's table holds the live
    version; drafts live in revisions)."""
    return {
        "cost_options": list(page.cost_options.all()),
        "locations": list(page.locations.all()),
        "schedules": list(page.schedules.all()),
        "contacts": list(page.contacts.all()),
    }


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_by_link(request: HttpRequest, token: str) -> HttpResponse:
    link = check_link(token)
    if link.problem is not None:
        return _problem_page(request, link, link.problem)
    page, cycle = link.page, link.cycle
    if page is None or cycle is None:
        # check_link names the listing and the cycle whenever it finds no problem.
        return _problem_page(request, link, LinkProblem.TAMPERED)
    if request.method == "POST":
        try:
            confirm_listing(
                page=page,
                cycle=cycle,
                user=link.user,
                method=ConfirmationMethod.EMAIL_LINK,
            )
        except FreshnessError:
            # Unpublished between the check and the lock.
            again = check_link(token)
            return _problem_page(request, again, again.problem or LinkProblem.NOT_PUBLISHED)
        # Post/redirect/get: a refresh does not resend the form.
        return _no_referrer(HttpResponseRedirect(request.path))
    confirmation = ListingConfirmation.objects.filter(page=page, cycle=cycle).first()
    return _no_referrer(
        render(
            request,
            "moderation/freshness/confirm.html",
            {
                "listing": page,
                "organisation": link.organisation,
                "cycle": link.cycle,
                "confirmation": confirmation,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "listing_url": page.get_url(request=request),
                "hide_feedback_form": True,
                **_listing_details(page),
            },
        )
    )


@require_POST
def confirm_from_dashboard(request: HttpRequest, page_id: int) -> HttpResponse:
    """The dashboard's "Confirm" button. Only a member of the listing's organisation may
    confirm it: they are the ones who know whether it is still right."""
    page = get_object_or_404(ServicePage, pk=page_id)
    organisation = organisation_of_pages([page])[page.pk]
    if organisation is None or not is_member(request.user, organisation):
        raise PermissionDenied
    next_url = safe_local_path(request.POST.get("next", "")) or reverse("wagtailadmin_home")
    cycle = current_cycle()
    if cycle is None:
        messages.error(request, "There is no review round open, so there is nothing to confirm.")
        return HttpResponseRedirect(next_url)
    try:
        result = confirm_listing(
            page=page, cycle=cycle, user=request.user, method=ConfirmationMethod.ADMIN
        )
    except FreshnessError as error:
        messages.error(request, error.message)
        return HttpResponseRedirect(next_url)
    if result.created:
        messages.success(request, f"Thank you. You confirmed that '{page.title}' is still right.")
    else:
        messages.info(request, f"'{page.title}' was already confirmed in {cycle.name}.")
    return HttpResponseRedirect(next_url)
