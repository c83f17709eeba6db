"""The organisation's billing details: what its invoices print, and when hours of support
are invoiced.

Every member of the team sees them (to answer a family's question about an invoice);
only the organisation's admins change them, by the same rule as the payments settings
(`pricing.payments.services.can_manage_payments`): where the money goes, and under which
VAT number, is the admins' decision. `save_billing_details` checks the model's rules
again, so a form that forgot one still cannot save wrong details.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.views.generic import FormView
from wagtail.admin import messages

from pricing.invoices import selectors, services
from pricing.invoices.admin_forms import BillingDetailsForm
from pricing.invoices.admin_views.base import OrganisationPageMixin
from pricing.offers.admin_views import form_errors
from pricing.payments.services import can_manage_payments

ADMINS_ONLY = "Only your organisation's admins can change its billing details."
# How the page groups the form's fields (the form keeps the same order).
FIELDSETS = [
    (
        "On your invoices",
        ["legal_name", "address", "email", "phone", "charity_number", "company_number"],
    ),
    ("VAT", ["vat_registered", "vat_number"]),
    ("Invoice numbers and paying", ["invoice_prefix", "payment_terms_days"]),
    ("Bank details for transfers", ["bank_account_name", "bank_sort_code", "bank_account_number"]),
    ("Footer", ["footer"]),
    ("Hours of support", ["hours_invoicing"]),
]


class BillingDetailsView(OrganisationPageMixin, FormView):
    template_name = "pricing/admin/invoices/billing.html"
    page_title = "Billing details"
    form_class = BillingDetailsForm

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.can_change = can_manage_payments(self.request.user, self.organisation)
        self.details = selectors.billing_details(self.organisation)

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "instance": self.details}

    def get_form(self, form_class: Any = None) -> BillingDetailsForm:
        form = super().get_form(form_class)
        if not self.can_change:
            form.disable()
        return form

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.can_change:
            messages.error(request, ADMINS_ONLY)
            return redirect("provider_invoices:billing", self.organisation.pk)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: BillingDetailsForm) -> HttpResponse:
        fields = {name: form.cleaned_data[name] for name in BillingDetailsForm.Meta.fields}
        try:
            services.save_billing_details(
                organisation=self.organisation, by=self.request.user, **fields
            )
        except ValidationError as error:
            for field, messages_ in error.update_error_dict({}).items():
                form.add_error(field if field in form.fields else None, messages_)
            return self.form_invalid(form)
        messages.success(
            self.request,
            "Billing details saved. New invoices use them; invoices already issued keep the "
            "details they were issued with.",
        )
        return redirect("provider_invoices:billing", self.organisation.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        form = context["form"]
        context.update(
            {
                "organisation": self.organisation,
                "can_change": self.can_change,
                "saved": self.details.pk is not None,
                "errors": form_errors(form),
                "fieldsets": [
                    (legend, [form[name] for name in names]) for legend, names in FIELDSETS
                ],
            }
        )
        return context
