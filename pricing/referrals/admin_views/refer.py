"""Refer a family, four pages: choose the child, find the listing, write the note (and
whether to ask for the one-page profile), check and send to the family for consent.

Every page loads its organisation among the person's own, the child among the children
that organisation has a booking for, and the listing among the live listings of other
organisations: a changed id in the address finds nothing (404). The note is kept in the
session between "Continue" and "Send", so the pages are plain GETs and POSTs with
post/redirect/get and work without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages

from pricing.offers.admin_views import form_errors, member_organisations
from pricing.referrals.admin_views.base import ReferralsPageMixin
from pricing.referrals.forms import NO, YES, NoteForm, SearchForm
from pricing.referrals.selectors import (
    children_known_to,
    listing_to_refer_to,
    listings_to_refer_to,
)
from pricing.referrals.services import ReferralError, refer_family

DRAFT = "referral_draft"
MAX_CHILDREN_SHOWN = 100


class ChooseChildView(ReferralsPageMixin, TemplateView):
    template_name = "pricing/admin/referrals/choose_child.html"
    page_title = "Refer a family"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        search = SearchForm(self.request.GET or None, label="Child's first name")
        words = search.words if self.request.GET else ""
        blocks = []
        for organisation in member_organisations(self.request.user):
            children = children_known_to(organisation)
            if words:
                children = children.filter(first_name__icontains=words)
            blocks.append(
                {"organisation": organisation, "children": list(children[:MAX_CHILDREN_SHOWN])}
            )
        context.update({"search": search, "words": words, "blocks": blocks})
        return context


class ReferStepMixin(ReferralsPageMixin):
    """The organisation and the child from the address, among the person's own."""

    def load(self, **kwargs: Any) -> None:
        self.organisation = get_object_or_404(
            member_organisations(self.request.user), pk=kwargs["organisation"]
        )
        self.child = get_object_or_404(children_known_to(self.organisation), pk=kwargs["child"])
        self.service = None
        if "service" in kwargs:
            self.service = listing_to_refer_to(self.organisation, kwargs["service"])
            if self.service is None:
                raise Http404("Not found")

    def get_page_subtitle(self) -> str:
        return self.child.first_name

    def trail(self) -> list[dict[str, Any]]:
        return [{"url": reverse("provider_referrals:new"), "label": "Refer a family"}]

    def step_url(self, name: str) -> str:
        args = [self.organisation.pk, self.child.pk]
        if name != "find":
            assert self.service is not None
            args.append(self.service.pk)
        return reverse(f"provider_referrals:{name}", args=args)

    def draft_key(self) -> str:
        return f"{self.organisation.pk}-{self.child.pk}-{getattr(self.service, 'pk', '')}"

    def draft(self) -> dict[str, Any] | None:
        draft = self.request.session.get(DRAFT)
        if isinstance(draft, dict) and draft.get("key") == self.draft_key():
            return draft
        return None

    def step_context(self) -> dict[str, Any]:
        return {"organisation": self.organisation, "child": self.child, "service": self.service}


class FindListingView(ReferStepMixin, TemplateView):
    template_name = "pricing/admin/referrals/find_listing.html"
    page_title = "Find a service"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        search = SearchForm(self.request.GET or None, label="Words in the service's name")
        words = search.words if self.request.GET else ""
        context.update(
            {
                **self.step_context(),
                "search": search,
                "words": words,
                "results": listings_to_refer_to(self.organisation, words),
            }
        )
        return context


class NoteView(ReferStepMixin, FormView):
    template_name = "pricing/admin/referrals/note.html"
    page_title = "Why you are referring"
    form_class = NoteForm

    def get_initial(self) -> dict[str, Any]:
        draft = self.draft()
        if draft is None:
            return {}
        return {
            "note": draft["note"],
            "ask_to_share_profile": YES if draft["ask_to_share_profile"] else NO,
        }

    def form_valid(self, form: NoteForm) -> HttpResponse:
        self.request.session[DRAFT] = {"key": self.draft_key(), **form.answers()}
        return redirect(self.step_url("check"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                **self.step_context(),
                "errors": form_errors(context["form"]),
                "has_profile": hasattr(self.child, "profile"),
            }
        )
        return context


class CheckView(ReferStepMixin, TemplateView):
    template_name = "pricing/admin/referrals/check.html"
    page_title = "Check and send"
    http_method_names = ["get", "post"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.draft() is None:
            return redirect(self.step_url("note"))
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                **self.step_context(),
                "draft": self.draft(),
                "receiver": self.service.organisation if self.service else None,
                "errors": kwargs.get("errors", []),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        draft = self.draft()
        if draft is None:
            return redirect(self.step_url("note"))
        assert self.service is not None
        try:
            referral = refer_family(
                organisation=self.organisation,
                child=self.child,
                service=self.service,
                note=draft["note"],
                ask_to_share_profile=bool(draft["ask_to_share_profile"]),
                by=request.user,
            )
        except ReferralError as error:
            return self.render_to_response(
                self.get_context_data(errors=[{"href": "#send", "text": error.message}])
            )
        request.session.pop(DRAFT, None)
        messages.success(
            request,
            f"Referral {referral.reference} made. We have asked {self.child.first_name}'s "
            "family to agree before it is sent.",
        )
        return redirect("provider_referrals:detail", referral.pk)
