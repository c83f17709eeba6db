"""Admin screens for moderators: organisations waiting to be verified, and the decision."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from providers.enums import VerificationStatus
from providers.models import OrganisationPage
from providers.organisations import policy, selectors
from providers.organisations.access import (
    is_organisation_member,
)
from providers.organisations.admin_views.base import _messages_of, _ModeratorPage
from providers.organisations.forms import RefuseForm
from providers.organisations.services import (
    VerificationError,
    refuse_organisation,
    verify_organisation,
)


class VerificationIndexView(_ModeratorPage):
    """Organisations waiting to be checked, longest waiting first."""

    template_name = "providers/admin/verification_index.html"
    page_title = "Organisations to verify"
    http_method_names = ["get"]

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisations"] = selectors.organisations_to_verify()
        context["working_days"] = policy.VERIFICATION_WORKING_DAYS
        return context


class VerificationDetailView(_ModeratorPage):
    """One organisation's details, registration and declarations, with Verify and Refuse.

    The details shown are the page's latest revision: what verifying publishes.
    """

    template_name = "providers/admin/verification_detail.html"
    page_title = "Check organisation"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.organisation = get_object_or_404(OrganisationPage, pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return self.organisation.title

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            self.index_breadcrumb(),
            {"url": "", "label": self.organisation.title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        organisation = self.organisation
        latest = organisation.get_latest_revision_as_object()
        context.update(
            {
                "organisation": organisation,
                "details": latest,
                "revision_id": organisation.latest_revision_id,
                "registration": selectors.registration_of(organisation),
                "team": selectors.team_of(organisation),
                "refuse_form": kwargs.get("refuse_form") or RefuseForm(),
                "is_pending": organisation.verification_status == VerificationStatus.PENDING,
                "own_organisation": is_organisation_member(self.request.user, organisation),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        if action == "verify":
            return self._verify(request)
        if action == "refuse":
            return self._refuse(request)
        messages.error(request, "Choose Verify or Refuse.")
        return redirect("organisation_verification:detail", pk=self.organisation.pk)

    def _verify(self, request: HttpRequest) -> HttpResponse:
        try:
            revision_id = int(request.POST.get("revision_id", ""))
        except ValueError:
            revision_id = None
        try:
            verify_organisation(
                organisation=self.organisation, user=request.user, revision_id=revision_id
            )
        except VerificationError as error:
            messages.error(request, _messages_of(error))
            return redirect("organisation_verification:detail", pk=self.organisation.pk)
        messages.success(
            request,
            f"{self.organisation.title} is verified and its page is published. We have "
            "emailed its admins.",
        )
        return redirect("organisation_verification:index")

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        form = RefuseForm(request.POST)
        if form.is_valid():
            try:
                refuse_organisation(
                    organisation=self.organisation,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except VerificationError as error:
                if error.field in form.fields:
                    add_domain_error(form, error)
                else:
                    messages.error(request, _messages_of(error))
                    return redirect("organisation_verification:detail", pk=self.organisation.pk)
            else:
                messages.success(
                    request,
                    f"{self.organisation.title} is refused. We have emailed its admins the reason.",
                )
                return redirect("organisation_verification:index")
        return self.render_to_response(self.get_context_data(refuse_form=form))


# --- teams -------------------------------------------------------------------------------
