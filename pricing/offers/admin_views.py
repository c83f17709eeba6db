"""The provider workspace's "Booking settings" of a listing: make it bookable, choose its
price among the listing's costs, the ways to pay, the booking window and cancellation
policy, and stop taking bookings.

Who may open a page of the bookings area is decided here once (`ProviderPageMixin`), and
the bookings pages (pricing/bookings/admin_views/) build on it. Only people in an
organisation's team see these pages (`providers.Membership`): the services they call
refuse anyone else too, and council staff have no route to a child's details or profile
(decisions 0004 and 0015). Someone in no team (council staff, a family that reached the
admin) is refused with 403, as Wagtail's own views refuse; a team member who types the
address of another organisation's listing or record gets 404, because a 403 would
confirm it exists.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import FormView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.offers.enums import OfferKind
from pricing.offers.forms import OfferForm
from pricing.offers.models import BookableOffer
from pricing.offers.selectors import offer_for_service
from pricing.offers.services import OfferError, save_offer
from pricing.payments.selectors import card_payments_ready
from providers.models import OrganisationPage, ServicePage
from providers.organisations.access import is_organisation_admin


def member_organisations(user: Any) -> QuerySet[OrganisationPage]:
    """The organisations whose team the person is in (active accounts only)."""
    if not (getattr(user, "is_authenticated", False) and user.is_active):
        return OrganisationPage.objects.none()
    return OrganisationPage.objects.filter(memberships__user=user).distinct().order_by("title")


class TeamMenuItem(MenuItem):
    """A workspace menu item shown to people in an organisation's team (bookings,
    invoices, billing details); every view behind it checks again."""

    def is_shown(self, request: Any) -> bool:
        return member_organisations(request.user).exists()


def form_errors(form: forms.BaseForm) -> list[dict[str, str]]:
    """The error summary's links; those to a group of radios or checkboxes go to its first
    option, as Django gives the group itself no id to link to."""
    anchors = {
        name: f"{form[name].auto_id}_0"
        for name, field in form.fields.items()
        if isinstance(field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)
    }
    return error_summary_items(form, anchors=anchors)


def listing_of(user: Any, pk: int) -> ServicePage:
    """One of the person's organisations' listings, or 404."""
    service = get_object_or_404(ServicePage, pk=pk)
    organisation = service.organisation
    if organisation is None or not member_organisations(user).filter(pk=organisation.pk).exists():
        raise Http404("Not found")
    return service


class ProviderPageMixin(WagtailAdminTemplateMixin):
    """Refuse anyone in no organisation's team; load the page's record (404 when it is not
    one of theirs); give the page the bookings breadcrumb."""

    header_icon = "date"
    # The bookings area's own front page has no "Bookings" crumb above itself.
    bookings_crumb = True
    request: HttpRequest

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not member_organisations(request.user).exists():
            raise PermissionDenied
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs: Any) -> None:
        """Load the page's record from the URL's ids."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *super().get_breadcrumbs_items(),
            *(
                [{"url": reverse("provider_bookings:index"), "label": "Bookings"}]
                if self.bookings_crumb
                else []
            ),
            *self.extra_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return []


class OfferSettingsView(ProviderPageMixin, FormView):
    """Make the listing bookable, or change how it is booked."""

    template_name = "pricing/admin/offer_settings.html"
    page_title = "Booking settings"
    form_class = OfferForm

    def load(self, **kwargs: Any) -> None:
        self.service = listing_of(self.request.user, kwargs["service"])
        organisation = self.service.organisation
        assert organisation is not None  # listing_of found it
        self.organisation = organisation
        self.offer: BookableOffer | None = offer_for_service(self.service)
        self.card_ready = card_payments_ready(self.organisation)

    def get_page_subtitle(self) -> str:
        return self.service.title

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs = super().get_form_kwargs()
        kwargs.pop("initial", None)
        kwargs.update(service=self.service, offer=self.offer, card_ready=self.card_ready)
        return kwargs

    def form_valid(self, form: OfferForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            offer = save_offer(
                service=self.service,
                kind=self.offer.kind if self.offer is not None else data["kind"],
                cost_option=data["cost_option"],
                by=self.request.user,
                accepts_card=data["accepts_card"],
                accepts_invoice=data["accepts_invoice"],
                booking_opens_days_before=data["booking_opens_days_before"],
                booking_closes_hours_before=data["booking_closes_hours_before"],
                cancellation_policy=data["cancellation_policy"],
                is_active=data["is_active"],
                group_price=data.get("group_price"),
                group_size=data.get("group_size"),
            )
        except OfferError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        if not offer.is_active:
            messages.success(self.request, f"{self.service.title} is not taking bookings.")
        else:
            messages.success(self.request, f"Booking settings saved for {self.service.title}.")
        if offer.kind == OfferKind.SESSIONS:
            return redirect("provider_bookings:sessions", offer.pk)
        return redirect("provider_bookings:offer_bookings", offer.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "service": self.service,
                "organisation": self.organisation,
                "offer": self.offer,
                "card_ready": self.card_ready,
                "can_manage_payments": is_organisation_admin(self.request.user, self.organisation),
                "payments_url": reverse(
                    "organisation_payments:status", args=[self.organisation.pk]
                ),
                "errors": form_errors(context["form"]),
                "has_cost_options": self.service.cost_options.exists(),
            }
        )
        return context
