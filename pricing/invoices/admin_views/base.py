"""What every page of the provider's invoices area shares: the organisation or document
of the address, found among the person's own organisations' (another organisation's is
simply not found, 404, as in the bookings area), and the "Invoices" breadcrumb.

Who may open a page at all is `pricing.offers.admin_views.ProviderPageMixin`'s rule:
people in an organisation's team. Council staff outside the team have no route to a
family's invoices (decisions 0004 and 0015), as they have none to its bookings.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from pricing.invoices.enums import InvoiceStatus
from pricing.invoices.models import Document
from pricing.offers.admin_views import ProviderPageMixin, form_errors, member_organisations
from providers.models import OrganisationPage

# The words of an invoice's status and the Wagtail tag it is shown in (the words carry
# the meaning; the tag's look only makes the ones to act on stand out).
STATUS_TAGS = {
    InvoiceStatus.ISSUED: "w-status--label",
    InvoiceStatus.PART_PAID: "w-status--label",
    InvoiceStatus.PAID: "",
    InvoiceStatus.OVERDUE: "w-status--primary",
    InvoiceStatus.CREDITED: "w-status--disabled",
}


def organisation_of(user: Any, pk: int) -> OrganisationPage:
    """One of the person's organisations, or 404."""
    return get_object_or_404(member_organisations(user), pk=pk)


def documents_of(user: Any) -> QuerySet[Document]:
    """Every document of the person's organisations (and of no other)."""
    return Document.objects.filter(organisation__in=member_organisations(user))


def page_errors(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's links, with the errors of hidden fields (a stale or changed
    token) too: they are shown at the top and link to the first field, as errors about
    the form as a whole are."""
    items = form_errors(form)
    visible = form.visible_fields()
    anchor = f"#{visible[0].id_for_label}" if visible else "#main"
    for field in form.hidden_fields():
        items += [{"href": anchor, "text": str(error)} for error in field.errors]
    return items


def pdf_url(document: Document) -> str:
    """The document's PDF (the invoices app's own view, which checks who asks); "" while
    that view is not wired."""
    try:
        return reverse("invoices:pdf", args=[document.pk])
    except NoReverseMatch:
        return ""


class InvoicesPageMixin(ProviderPageMixin):
    """A page of the invoices area: an "Invoices" crumb in place of "Bookings"."""

    header_icon = "doc-full"
    bookings_crumb = False
    organisation: OrganisationPage

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("provider_invoices:list", args=[self.organisation.pk]),
                "label": "Invoices",
            },
            *self.more_breadcrumbs(),
        ]

    def more_breadcrumbs(self) -> list[dict[str, Any]]:
        return []


class OrganisationPageMixin(InvoicesPageMixin):
    def load(self, **kwargs: Any) -> None:
        self.organisation = organisation_of(self.request.user, kwargs["organisation"])

    def get_page_subtitle(self) -> str:
        return self.organisation.title


class DocumentPageMixin(InvoicesPageMixin):
    def load(self, **kwargs: Any) -> None:
        self.document = get_object_or_404(
            documents_of(self.request.user).select_related(
                "organisation", "child", "corrects", "customer"
            ),
            pk=kwargs["document"],
        )
        self.organisation = self.document.organisation

    def get_page_subtitle(self) -> str:
        return f"{self.document.number}, {self.document.customer_name}"

    def document_url(self) -> str:
        return reverse("provider_invoices:document", args=[self.document.pk])
