"""Answering a family's request for hours of support: accept with agreed appointments,
offer other times, or decline with a reason."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.generic import TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error, error_summary_items
from pricing.bookings.admin_forms import AppointmentFormSet, NoteForm, ReasonForm
from pricing.bookings.admin_views.base import BookingPageMixin, formset_error_items
from pricing.bookings.enums import BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import (
    BookingError,
    accept_request,
    decline_request,
    propose_times,
)

ACCEPT = "accept"
PROPOSE = "propose"
DECLINE = "decline"


class AnswerRequestView(BookingPageMixin, TemplateView):
    """One page, two forms: the appointments (accept them, or offer them as other times)
    and declining with a reason. Each button says which answer it gives."""

    template_name = "pricing/admin/request_answer.html"
    page_title = "Answer the request"
    http_method_names = ["get", "post"]

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.hours_request = getattr(self.booking, "hours_request", None)

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [{"url": reverse("provider_bookings:requests"), "label": "Requests to answer"}]

    def forms(self, data: Any = None, answer: str = "") -> dict[str, Any]:
        appointment_data = data if answer in (ACCEPT, PROPOSE) else None
        return {
            "formset": AppointmentFormSet(
                appointment_data,
                prefix="appointments",
                initial=[{"units": self.booking.places}],
            ),
            "note_form": NoteForm(appointment_data),
            "decline_form": ReasonForm(data if answer == DECLINE else None, prefix="decline"),
        }

    def render(self, forms: dict[str, Any]) -> HttpResponse:
        context = self.get_context_data()
        errors = formset_error_items(forms["formset"], prefix_label="Appointment")
        errors += error_summary_items(forms["note_form"])
        errors += error_summary_items(forms["decline_form"])
        context.update(
            {
                **forms,
                "booking": self.booking,
                "hours_request": self.hours_request,
                "waiting": self.booking.status == BookingStatus.REQUESTED,
                "errors": errors,
                "child_needs": list(self.booking.child.needs.all()),
                # Paid from a child's personal budget (the budgets layer's row, found by
                # its relation's name): the provider is told that, and nothing more.
                "from_budget": Booking.objects.filter(
                    pk=self.booking.pk, funding__isnull=False
                ).exists(),
            }
        )
        return TemplateResponse(self.request, self.template_name, context)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.forms())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        answer = request.POST.get("answer", "")
        forms = self.forms(request.POST, answer)
        if answer not in (ACCEPT, PROPOSE, DECLINE):
            return self.render(forms)
        now = timezone.now()
        try:
            if answer == DECLINE:
                form = forms["decline_form"]
                if not form.is_valid():
                    return self.render(forms)
                decline_request(
                    booking=self.booking,
                    by=request.user,
                    now=now,
                    reason=form.cleaned_data["reason"],
                )
                message = f"You declined the request from {self.booking.child.first_name}'s family."
            else:
                formset, note_form = forms["formset"], forms["note_form"]
                if not (formset.is_valid() and note_form.is_valid()):
                    return self.render(forms)
                action = accept_request if answer == ACCEPT else propose_times
                action(
                    booking=self.booking,
                    appointments=formset.slots(),
                    by=request.user,
                    now=now,
                    note=note_form.cleaned_data["note"],
                )
                message = (
                    "You accepted the request. The family is told."
                    if answer == ACCEPT
                    else "You offered other times. The family is asked to accept them."
                )
        except BookingError as error:
            target = forms["decline_form"] if answer == DECLINE else forms["note_form"]
            if answer != DECLINE and error.field == "appointments":
                # The rule is about the appointments together: shown above the rows.
                forms["formset"].non_form_errors().append(error.message)
            else:
                add_domain_error(target, error)
            return self.render(forms)
        messages.success(request, message)
        return redirect("provider_bookings:booking", self.booking.pk)
