"""Families' requests to look again, in the admin at /admin/assessments/look-again/
(namespace "look_again_admin")."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.allocation import look_again_admin_views as views

app_name = "look_again_admin"

urlpatterns = [
    path("", views.RequestsView.as_view(), name="index"),
    path("<id:pk>/", views.AnswerView.as_view(), name="answer"),
]
