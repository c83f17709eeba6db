"""The provider's bookings area in the workspace: its addresses and its menu item.

Imported by pricing/wagtail_hooks.py (Wagtail loads only the app's own hooks module).
The menu item shows only to people in an organisation's team; every view checks again.
"""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.bookings import admin_views as views
from pricing.offers.admin_views import TeamMenuItem

booking_urls = (
    [
        path("", views.BookingsIndexView.as_view(), name="index"),
        path("requests/", views.RequestsView.as_view(), name="requests"),
        path("offers/<id:offer>/", views.OfferBookingsView.as_view(), name="offer_bookings"),
        path("offers/<id:offer>/sessions/", views.SessionsView.as_view(), name="sessions"),
        path("offers/<id:offer>/sessions/add/", views.AddSessionView.as_view(), name="add_session"),
        path(
            "offers/<id:offer>/sessions/weekly/",
            views.AddPatternView.as_view(),
            name="add_pattern",
        ),
        path("sessions/<id:session>/", views.SessionView.as_view(), name="session"),
        path(
            "sessions/<id:session>/cancel/",
            views.CancelSessionView.as_view(),
            name="cancel_session",
        ),
        path("<id:booking>/", views.BookingView.as_view(), name="booking"),
        path("<id:booking>/answer/", views.AnswerRequestView.as_view(), name="answer"),
        path("<id:booking>/cancel/", views.CancelBookingView.as_view(), name="cancel"),
        path("<id:booking>/refund/", views.RefundPartView.as_view(), name="refund"),
        path(
            "<id:booking>/payment-received/",
            views.PaymentReceivedView.as_view(),
            name="payment_received",
        ),
        path("<id:booking>/profile/", views.ProfileView.as_view(), name="profile"),
    ],
    "provider_bookings",
)


@hooks.register("register_admin_urls")
def register_bookings_admin_urls() -> list:
    return [path("bookings/", include(booking_urls))]


@hooks.register("register_admin_menu_item")
def register_bookings_menu_item() -> MenuItem:
    return TeamMenuItem(
        "Bookings",
        reverse("provider_bookings:index"),
        name="bookings",
        icon_name="date",
        order=155,
    )
