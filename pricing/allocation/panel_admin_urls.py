"""The resource panel, at /admin/panel/ (registered in pricing/allocation/wagtail_hooks.py).

Cases are addressed by their assessment reference ("AS-7QX2MA"), which never looks like the
fixed words beside it ("decided", "figures", "seats")."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.allocation import panel_admin_views as views

app_name = "panel_admin"

urlpatterns = [
    path("", views.WaitingView.as_view(), name="index"),
    path("decided/", views.DecidedView.as_view(), name="decided"),
    path("figures/", views.FiguresView.as_view(), name="figures"),
    path("seats/", views.SeatsView.as_view(), name="seats"),
    path("seats/new/", views.SeatNewView.as_view(), name="seat_new"),
    path("seats/<id:pk>/", views.SeatEditView.as_view(), name="seat_edit"),
    path("<str:reference>/", views.CaseView.as_view(), name="case"),
    path("<str:reference>/letter.pdf", views.LetterView.as_view(), name="letter"),
]
