"""The provider workspace's "Payments" page: connect a Stripe account and see its state.

For the organisation's admins only (`services.can_manage_payments`): taking card
payments decides where the organisation's money goes, as choosing its team does. Anyone
else, another organisation's admin or a family, is refused as Wagtail's own views refuse.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from pricing.payments import gateway, selectors, services
from providers.models import OrganisationPage
from providers.selectors import organisations_of_user

# What Stripe's requirement names mean, for the ones a small charity meets most.
REQUIREMENT_LABELS = {
    "external_account": "the bank account to pay money into",
    "business_profile.url": "a website or a description of what you do",
    "business_profile.mcc": "the kind of organisation you are",
    "business_type": "the kind of organisation you are",
    "tos_acceptance.date": "accepting Stripe's terms",
    "tos_acceptance.ip": "accepting Stripe's terms",
    "representative.verification.document": "an identity document for your representative",
    "company.tax_id": "your charity or company number",
}


def requirement_label(name: str) -> str:
    if name in REQUIREMENT_LABELS:
        return REQUIREMENT_LABELS[name]
    return name.replace("_", " ").replace(".", ": ")


def organisations_administered(user: Any) -> list[OrganisationPage]:
    return [
        organisation
        for organisation in organisations_of_user(user).order_by("title").distinct()
        if services.can_manage_payments(user, organisation)
    ]


class _PaymentsPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "form"
    http_method_names = ["get"]

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.organisation = get_object_or_404(OrganisationPage, pk=kwargs["pk"])

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not services.can_manage_payments(request.user, self.organisation):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def status_url(self) -> str:
        return reverse("organisation_payments:status", args=[self.organisation.pk])

    def onboarding_link(self) -> str:
        pk = self.organisation.pk
        return services.start_onboarding(
            organisation=self.organisation,
            by=self.request.user,
            return_url=self.request.build_absolute_uri(
                reverse("organisation_payments:returned", args=[pk])
            ),
            refresh_url=self.request.build_absolute_uri(
                reverse("organisation_payments:refresh", args=[pk])
            ),
        )

    def go_to_stripe(self) -> HttpResponse:
        try:
            url = self.onboarding_link()
        except (services.PaymentError, gateway.GatewayError) as error:
            messages.error(self.request, str(error.message))
            return redirect(self.status_url())
        return redirect(url)


class PaymentsIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Straight to the only organisation a person runs, or a list of them."""

    template_name = "pricing/admin/payments_index.html"
    page_title = "Payments"
    header_icon = "form"
    http_method_names = ["get"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.organisations = organisations_administered(request.user)
        if not self.organisations:
            raise PermissionDenied
        if len(self.organisations) == 1:
            return redirect("organisation_payments:status", pk=self.organisations[0].pk)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisations"] = self.organisations
        return context


class PaymentsStatusView(_PaymentsPage):
    """Whether the organisation takes card payments, and what Stripe still needs."""

    template_name = "pricing/admin/payments.html"
    page_title = "Payments"
    http_method_names = ["get", "post"]

    def get_page_subtitle(self) -> str:
        return self.organisation.title

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.go_to_stripe()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        account = selectors.connected_account_of(self.organisation)
        context.update(
            {
                "organisation": self.organisation,
                "account": account,
                "ready": selectors.card_payments_ready(self.organisation),
                "still_needed": [
                    requirement_label(name)
                    for name in (account.requirements_currently_due if account else [])
                ],
            }
        )
        return context


class OnboardingReturnView(_PaymentsPage):
    """Stripe sends the admin back here: ask Stripe how the account stands now."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            account = services.refresh_account(organisation=self.organisation)
        except gateway.GatewayError as error:
            messages.error(request, error.message)
            return redirect(self.status_url())
        if account is not None and selectors.card_payments_ready(self.organisation):
            messages.success(request, "Your organisation can now take card payments.")
        else:
            messages.warning(request, "Stripe still needs some details before you can be paid.")
        return redirect(self.status_url())


class OnboardingRefreshView(_PaymentsPage):
    """Stripe sends the admin here when a link has expired: make a new one and go back."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.go_to_stripe()
