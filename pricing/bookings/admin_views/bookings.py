"""A booking seen by its provider: details, attendance of past appointments, cancelling
(full refund), refunding part, recording a pay-later payment, and the child's one-page
profile where the family shares it."""

from __future__ import annotations

import uuid
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from localoffer.core.money import format_pounds
from pricing.bookings.admin_forms import (
    AttendanceForm,
    PaymentReceivedForm,
    ReasonForm,
    RefundForm,
    local_moment,
)
from pricing.bookings.admin_views.base import (
    BookingPageMixin,
    appointment_of,
    profile_shared_for,
)
from pricing.bookings.enums import BOOKING_TRANSITIONS, BookingStatus
from pricing.bookings.models import Booking
from pricing.bookings.services import (
    BookingError,
    cancel_by_provider,
    record_attendance,
    refund_part,
)
from pricing.bookings.services.common import paid, refundable
from pricing.bookings.services.paying import give_back, refund_cancelled
from pricing.families.selectors import profile_for_provider
from pricing.offers.admin_views import form_errors
from pricing.payments.models import PaymentMethod, PaymentStatus, Refund
from pricing.payments.services import record_offline_payment
from pricing.payments.services.card import PaymentError


def can_cancel(booking: Booking) -> bool:
    return BookingStatus.CANCELLED in BOOKING_TRANSITIONS[booking.status]


def awaiting_offline_payment(booking: Booking) -> bool:
    payment = booking.payment
    return (
        payment is not None
        and payment.method == PaymentMethod.INVOICE
        and payment.status not in (PaymentStatus.SUCCEEDED, PaymentStatus.CANCELLED)
        and booking.status in (BookingStatus.CONFIRMED, BookingStatus.ACCEPTED)
    )


def current_booking(booking: Booking, now: Any) -> Any:
    """The check `profile_for_provider` asks for: this booking, confirmed, not yet over."""
    return Booking.objects.filter(pk=booking.pk).confirmed().upcoming(now)


class BookingView(BookingPageMixin, FormView):
    """What was booked and paid, and what the provider can do with it."""

    template_name = "pricing/admin/booking.html"
    page_title = "Booking"
    form_class = AttendanceForm

    def past_appointments(self) -> list[Any]:
        now = timezone.now()
        return [a for a in self.booking.appointments.all() if a.starts_at <= now]

    def get_form_kwargs(self) -> dict[str, Any]:
        rows = [
            (
                f"appointment-{a.pk}",
                f"{timezone.localtime(a.starts_at):%-d %B %Y, %H:%M}",
                a.attendance,
            )
            for a in self.past_appointments()
        ]
        return {**super().get_form_kwargs(), "rows": rows}

    def form_valid(self, form: AttendanceForm) -> HttpResponse:
        for key, outcome in form.answers().items():
            appointment = appointment_of(self.booking, key.removeprefix("appointment-"))
            if appointment is None or appointment.attendance == outcome:
                continue
            try:
                record_attendance(
                    outcome=outcome,
                    appointment=appointment,
                    by=self.request.user,
                    now=timezone.now(),
                )
            except BookingError as error:
                add_domain_error(form, error)
                return self.form_invalid(form)
        messages.success(self.request, "Attendance saved.")
        return redirect(self.booking_url())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        booking = self.booking
        now = timezone.now()
        context.update(
            {
                "booking": booking,
                "offer": self.offer,
                "appointments": list(booking.appointments.all()),
                "hours_request": getattr(booking, "hours_request", None),
                "paid": paid(booking),
                "refundable": refundable(booking),
                "can_cancel": can_cancel(booking),
                "can_refund": refundable(booking) > 0,
                "awaiting_payment": awaiting_offline_payment(booking),
                "is_request": booking.status == BookingStatus.REQUESTED,
                "profile_shared": current_booking(booking, now).exists()
                and bool(profile_shared_for([booking.child_id], self.offer.organisation)),
                "has_past_appointments": bool(self.past_appointments()),
                "errors": form_errors(context["form"]),
                "child_needs": list(booking.child.needs.all()),
                # Paid from a child's personal budget (the budgets layer's row, found by its
                # relation's name): the provider is told that, and nothing about the budget.
                "from_budget": Booking.objects.filter(
                    pk=booking.pk, funding__isnull=False
                ).exists(),
            }
        )
        return context


class _BookingActionView(BookingPageMixin, FormView):
    template_name = "pricing/admin/booking_action.html"
    submit_label = ""
    danger = False

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "booking": self.booking,
                "errors": form_errors(context["form"]),
                "submit_label": self.submit_label,
                "danger": self.danger,
                "intro": self.intro(),
                "back_url": self.booking_url(),
                "allowed": self.allowed(),
            }
        )
        return context

    def allowed(self) -> bool:
        return True

    def intro(self) -> str:
        return ""

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.allowed():
            messages.error(request, "This booking cannot be changed that way now.")
            return redirect(self.booking_url())
        return super().post(request, *args, **kwargs)


class CancelBookingView(_BookingActionView):
    page_title = "Cancel this booking"
    form_class = ReasonForm
    submit_label = "Cancel the booking"
    danger = True

    def allowed(self) -> bool:
        return can_cancel(self.booking)

    def intro(self) -> str:
        money = refundable(self.booking)
        refund = (
            f" Everything paid ({format_pounds(money)}) is refunded, less any appointments "
            "already attended."
            if money > 0
            else ""
        )
        return (
            f"{self.booking.child.first_name}'s family is told by email, with your reason.{refund}"
        )

    def form_valid(self, form: ReasonForm) -> HttpResponse:
        try:
            due = cancel_by_provider(
                booking=self.booking,
                by=self.request.user,
                now=timezone.now(),
                reason=form.cleaned_data["reason"],
            )
        except BookingError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        if due is not None and refund_cancelled([due], by=self.request.user):
            messages.warning(self.request, "The refund could not be made yet; it is retried.")
        messages.success(self.request, "The booking is cancelled and the family is told.")
        return redirect(self.booking_url())


class RefundPartView(_BookingActionView):
    page_title = "Refund part of this booking"
    form_class = RefundForm
    submit_label = "Refund"

    def allowed(self) -> bool:
        return refundable(self.booking) > 0

    def intro(self) -> str:
        return (
            f"You can refund up to {format_pounds(refundable(self.booking))}. "
            "The booking stays as it is; the family is told with your reason."
        )

    def get_initial(self) -> dict[str, Any]:
        return {"token": uuid.uuid4().hex}

    def form_valid(self, form: RefundForm) -> HttpResponse:
        key = f"booking-{self.booking.pk}-part-{form.cleaned_data['token']}"
        if Refund.objects.filter(idempotency_key=key).exists():
            # The same form sent twice: the first made the refund.
            messages.info(self.request, "This refund has been made already.")
            return redirect(self.booking_url())
        try:
            due = refund_part(
                booking=self.booking,
                amount=form.cleaned_data["amount"],
                by=self.request.user,
                now=timezone.now(),
                reason=form.cleaned_data["reason"],
            )
            give_back(due, key=key, by=self.request.user)
        except (BookingError, PaymentError) as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, f"{format_pounds(due.amount)} refunded. The family is told.")
        return redirect(self.booking_url())


class PaymentReceivedView(_BookingActionView):
    page_title = "Record a payment received"
    form_class = PaymentReceivedForm
    submit_label = "Record payment"

    def allowed(self) -> bool:
        return awaiting_offline_payment(self.booking)

    def intro(self) -> str:
        return (
            f"{format_pounds(self.booking.total)} to pay later on invoice. Record it when the "
            "bank transfer (or a payment by direct-payment card) has arrived."
        )

    def get_initial(self) -> dict[str, Any]:
        return {"received_on": timezone.localdate()}

    def form_valid(self, form: PaymentReceivedForm) -> HttpResponse:
        payment = self.booking.payment
        assert payment is not None
        try:
            record_offline_payment(
                payment=payment,
                by=self.request.user,
                reference=form.cleaned_data["reference"],
                received_at=local_moment(
                    form.cleaned_data["received_on"], timezone.localtime().time()
                ),
            )
        except PaymentError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, "Payment recorded.")
        return redirect(self.booking_url())


class ProfileView(BookingPageMixin, TemplateView):
    """The child's one-page profile, only while the family shares it with this
    organisation for a current booking; every opening is logged (`profile_for_provider`)."""

    template_name = "pricing/admin/profile.html"
    page_title = "One-page profile"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "booking": self.booking,
                "profile": profile_for_provider(
                    child=self.booking.child,
                    organisation=self.offer.organisation,
                    viewer=self.request.user,
                    has_current_booking=current_booking(self.booking, timezone.now()),
                ),
            }
        )
        return context
