"""An offer's sessions: the list with places taken and left, adding one or a weekly
pattern, a session's register (who is coming, attendance) and cancelling it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.generic import FormView, TemplateView
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from pricing.bookings.admin_forms import (
    AttendanceForm,
    PatternForm,
    ReasonForm,
    SessionForm,
    local_moment,
)
from pricing.bookings.admin_views.base import (
    OfferPageMixin,
    SessionPageMixin,
    profile_shared_for,
)
from pricing.bookings.enums import Attendance
from pricing.bookings.models import Booking
from pricing.bookings.selectors import places_left, places_taken, waiting_list_of, who_is_coming
from pricing.bookings.services import BookingError, cancel_session, record_attendance
from pricing.bookings.services.paying import refund_cancelled
from pricing.offers.admin_views import form_errors
from pricing.offers.enums import OfferKind, SessionStatus
from pricing.offers.models import Session
from pricing.offers.services import OfferError, add_session, add_sessions_from_pattern

PAST_SESSIONS_SHOWN = 10


@dataclass
class SessionRow:
    session: Session
    taken: int
    left: int
    waiting: int
    recorded: int
    booked: int


def _row(session: Session, now: Any) -> SessionRow:
    confirmed = Booking.objects.filter(session=session).confirmed()
    return SessionRow(
        session=session,
        taken=places_taken(session, now),
        left=places_left(session, now),
        waiting=waiting_list_of(session).count(),
        recorded=confirmed.exclude(attendance="").count(),
        booked=confirmed.count(),
    )


class SessionsView(OfferPageMixin, TemplateView):
    """Upcoming sessions with places taken and left, and the latest past ones."""

    template_name = "pricing/admin/sessions.html"
    page_title = "Sessions"
    http_method_names = ["get"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        now = timezone.now()
        sessions = self.offer.sessions.select_related("location")
        upcoming = sessions.filter(starts_at__gt=now).order_by("starts_at")
        past = sessions.filter(starts_at__lte=now, status=SessionStatus.SCHEDULED).order_by(
            "-starts_at"
        )[:PAST_SESSIONS_SHOWN]
        context.update(
            {
                "offer": self.offer,
                "is_sessions": self.offer.kind == OfferKind.SESSIONS,
                "upcoming": [_row(s, now) for s in upcoming],
                "past": [_row(s, now) for s in past],
            }
        )
        return context


class _AddSessionsView(OfferPageMixin, FormView):
    template_name = "pricing/admin/session_form.html"
    # Each page adds its sessions its own way (one, or a weekly pattern) and says how many.
    add: Callable[[Any], int]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "service": self.offer.service}

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "offer": self.offer,
                "errors": form_errors(context["form"]),
                "is_sessions": self.offer.kind == OfferKind.SESSIONS,
                "submit_label": self.submit_label,
            }
        )
        return context

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return [
            {
                "url": reverse("provider_bookings:sessions", args=[self.offer.pk]),
                "label": self.offer.service.title,
            }
        ]

    def form_valid(self, form: Any) -> HttpResponse:
        try:
            count = self.add(form)
        except OfferError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, "1 session added." if count == 1 else f"{count} sessions added."
        )
        return redirect("provider_bookings:sessions", self.offer.pk)


class AddSessionView(_AddSessionsView):
    page_title = "Add a session"
    form_class = SessionForm
    submit_label = "Add session"

    def add(self, form: SessionForm) -> int:
        data = form.cleaned_data
        day = data["date"]
        add_session(
            offer=self.offer,
            starts_at=local_moment(day, data["starts"]),
            ends_at=local_moment(day, data["ends"]),
            capacity=data["capacity"],
            by=self.request.user,
            location=form.location(),
            online=form.online(),
        )
        return 1


class AddPatternView(_AddSessionsView):
    page_title = "Add weekly sessions"
    form_class = PatternForm
    submit_label = "Add sessions"

    def add(self, form: PatternForm) -> int:
        data = form.cleaned_data
        sessions = add_sessions_from_pattern(
            offer=self.offer,
            first_day=data["first_day"],
            last_day=data["last_day"],
            weekdays=data["weekdays"],
            start_time=data["starts"],
            end_time=data["ends"],
            capacity=data["capacity"],
            by=self.request.user,
            location=form.location(),
            online=form.online(),
            term_time_only=data["term_time_only"],
            # The council whose term dates apply is the site the listing is published on.
            council=self.offer.service.get_site(),
        )
        return len(sessions)


@dataclass
class RegisterRow:
    booking: Booking
    profile_shared: bool


class SessionView(SessionPageMixin, FormView):
    """Who is coming (first name, age, needs; the profile where the family shared it),
    and, once the session has started, attendance."""

    template_name = "pricing/admin/session.html"
    page_title = "Session"
    form_class = AttendanceForm

    def load(self, **kwargs: Any) -> None:
        super().load(**kwargs)
        self.now = timezone.now()
        self.register = list(who_is_coming(self.session).prefetch_related("child__needs"))
        # Who is waiting, in the order places will be offered, so the provider can answer
        # a family that asks where they are (first names only, as on the register).
        self.waiting_list = list(waiting_list_of(self.session).select_related("child"))

    def started(self) -> bool:
        return self.session.starts_at <= self.now

    def get_form_kwargs(self) -> dict[str, Any]:
        rows = [
            (f"booking-{b.pk}", f"{b.child.first_name} ({b.reference})", b.attendance)
            for b in self.register
        ]
        return {**super().get_form_kwargs(), "rows": rows}

    def post(self, request: Any, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.started():
            messages.error(request, "Attendance can be recorded once the session has started.")
            return redirect(self.request.path)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form: AttendanceForm) -> HttpResponse:
        by_key = {f"booking-{b.pk}": b for b in self.register}
        recorded = 0
        for key, outcome in form.answers().items():
            booking = by_key[key]
            if booking.attendance == outcome:
                continue
            try:
                record_attendance(
                    outcome=outcome, booking=booking, by=self.request.user, now=timezone.now()
                )
            except BookingError as error:
                add_domain_error(form, error)
                return self.form_invalid(form)
            recorded += 1
        messages.success(self.request, f"Attendance saved ({recorded} changed).")
        return redirect(self.request.path)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        current = self.session.ends_at > self.now and not self.session.is_cancelled
        shared = (
            profile_shared_for([b.child_id for b in self.register], self.offer.organisation)
            if current
            else set()
        )
        context.update(
            {
                "session": self.session,
                "offer": self.offer,
                "rows": [RegisterRow(b, b.child_id in shared) for b in self.register],
                "taken": places_taken(self.session, self.now),
                "left": places_left(self.session, self.now),
                "waiting": len(self.waiting_list),
                "waiting_list": self.waiting_list,
                "started": self.started(),
                "can_cancel": not self.session.is_cancelled and not self.started(),
                "attendance_choices": Attendance.choices,
                "errors": form_errors(context["form"]),
                "today": timezone.localdate(),
            }
        )
        return context


class CancelSessionView(SessionPageMixin, FormView):
    """Confirm, with a reason: every booking cancelled and refunded in full, everyone told."""

    template_name = "pricing/admin/session_cancel.html"
    page_title = "Cancel this session"
    form_class = ReasonForm

    def form_valid(self, form: ReasonForm) -> HttpResponse:
        try:
            refunds = cancel_session(
                session=self.session,
                by=self.request.user,
                now=timezone.now(),
                reason=form.cleaned_data["reason"],
            )
        except BookingError as error:
            add_domain_error(form, error)
            return self.form_invalid(form)
        failed = refund_cancelled(refunds, by=self.request.user)
        messages.success(self.request, "The session is cancelled and everyone booked is told.")
        if failed:
            messages.warning(
                self.request, f"{failed} refunds could not be made yet; they will be retried."
            )
        return redirect("provider_bookings:sessions", self.offer.pk)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "session": self.session,
                "offer": self.offer,
                "booked": Booking.objects.filter(session=self.session).active().count(),
                "can_cancel": not self.session.is_cancelled
                and self.session.starts_at > timezone.now(),
                "waiting": waiting_list_of(self.session).count(),
                "errors": form_errors(context["form"]),
            }
        )
        return context
