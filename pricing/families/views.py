"""The family's pages under /account/children/: children, profiles and who sees them.

Every page is for family accounts only (`pricing.families.access`); anyone else signed
in is told so (403), anonymous visitors are sent to sign in. Children, profiles and
shares are always loaded through the signed-in family's own records, so another family's
id answers 404, the same as an id that does not exist. Forms are plain POSTs with
post/redirect/get, so everything works without JavaScript.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.families import services
from pricing.families.access import is_family_account
from pricing.families.forms import ChildForm, ProfileForm
from pricing.families.selectors import children_of, shares_of

CHILD_FIELDS = [
    "first_name",
    "date_of_birth",
    "needs",
    "needs_notes",
    "has_ehc_plan",
    "is_account_holder",
]
CHILD_ANCHORS = {
    "date_of_birth": "id_date_of_birth-day",
    "needs": "id_needs",
    "has_ehc_plan": "id_has_ehc_plan",
}


def family_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Sign in first; then family accounts only; never cached (the pages are personal)."""

    @wraps(view)
    @never_cache
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_family_account(request.user):
            return render(request, "pricing/families/work_account.html", status=403)
        return view(request, *args, **kwargs)

    return wrapped


def _child(request: HttpRequest, pk: int) -> Any:
    return get_object_or_404(children_of(request.user), pk=pk)


@family_page
def children(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pricing/families/children.html",
        {"children": children_of(request.user).prefetch_related("needs")},
    )


def _child_form_page(
    request: HttpRequest, form: ChildForm, *, child: Any = None, next_url: str = ""
) -> HttpResponse:
    return render(
        request,
        "pricing/families/child_form.html",
        {
            "form": form,
            "child": child,
            "next_url": next_url,
            "errors": error_summary_items(form, fields=CHILD_FIELDS, anchors=CHILD_ANCHORS),
        },
    )


def _next_url(request: HttpRequest) -> str:
    """Where to go once the child is added: a page of this site that sent the family here
    (the booking journey's "Add a child"), kept through the form in a hidden field."""
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    return wanted if safe else ""


@family_page
@require_http_methods(["GET", "POST"])
def add_child(request: HttpRequest) -> HttpResponse:
    next_url = _next_url(request)
    if request.method != "POST":
        return _child_form_page(request, ChildForm(), next_url=next_url)
    form = ChildForm(request.POST)
    if form.is_valid():
        try:
            child = services.add_child(
                family=request.user, details=services.ChildDetails.from_form(form.cleaned_data)
            )
        except services.FamilyError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{child.first_name} has been added")
            return redirect(next_url or reverse("families:child", kwargs={"pk": child.pk}))
    return _child_form_page(request, form, next_url=next_url)


@family_page
def child_detail(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    return render(
        request,
        "pricing/families/child.html",
        {
            "child": child,
            "needs": list(child.needs.all()),
            "profile": getattr(child, "profile", None),
            "shares": shares_of(request.user).filter(child=child),
        },
    )


@family_page
@require_http_methods(["GET", "POST"])
def change_child(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    if request.method != "POST":
        return _child_form_page(request, ChildForm.for_child(child), child=child)
    form = ChildForm(request.POST)
    if form.is_valid():
        try:
            child = services.change_child(
                child=child,
                details=services.ChildDetails.from_form(form.cleaned_data),
                by=request.user,
            )
        except services.FamilyError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, f"{child.first_name}'s details have been changed")
            return redirect("families:child", pk=child.pk)
    return _child_form_page(request, form, child=child)


@family_page
@require_http_methods(["GET", "POST"])
def remove_child(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    refusal = ""
    if request.method == "POST":
        name = child.first_name
        try:
            services.remove_child(child=child, by=request.user)
        except services.FamilyError as error:
            refusal = str(error.message)
        else:
            messages.success(request, f"{name} has been removed")
            return redirect("families:children")
    return render(
        request,
        "pricing/families/remove_child.html",
        {"child": child, "refusal": refusal},
    )


@family_page
@require_http_methods(["GET", "POST"])
def edit_profile(request: HttpRequest, pk: int) -> HttpResponse:
    child = _child(request, pk)
    profile = getattr(child, "profile", None)
    if request.method == "POST":
        form = ProfileForm(request.POST)
        if form.is_valid():
            services.save_profile(child=child, by=request.user, **form.cleaned_data)
            messages.success(request, f"{child.first_name}'s one-page profile has been saved")
            return redirect("families:child", pk=child.pk)
    else:
        initial = {name: getattr(profile, name) for name in ProfileForm.base_fields if profile}
        form = ProfileForm(initial=initial)
    return render(
        request,
        "pricing/families/profile_form.html",
        {"form": form, "child": child, "errors": error_summary_items(form)},
    )


@family_page
def sharing(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "pricing/families/sharing.html",
        {"shares": shares_of(request.user), "has_children": children_of(request.user).exists()},
    )


@family_page
@require_http_methods(["GET", "POST"])
def withdraw_share(request: HttpRequest, pk: int) -> HttpResponse:
    share = get_object_or_404(shares_of(request.user), pk=pk)
    if not share.is_active:
        messages.info(request, "You have already stopped sharing this profile")
        return redirect("families:sharing")
    if request.method == "POST":
        try:
            services.withdraw_share(share=share, by=request.user)
        except services.FamilyError as error:
            messages.info(request, error.message)
        else:
            messages.success(
                request,
                f"{share.organisation.title} can no longer see "
                f"{share.child.first_name}'s one-page profile",
            )
        return redirect("families:sharing")
    return render(request, "pricing/families/withdraw_share.html", {"share": share})
