"""Sharing the cost of a session with other families, included at /book/together/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.sharing import views

app_name = "sharing"

urlpatterns = [
    path("join/<str:token>/", views.join, name="join"),
    path("<id:service>/start/", views.start, name="start"),
    path("<id:service>/start/<id:session>/", views.details, name="details"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/link/", views.new_link, name="new_link"),
    path("<str:reference>/cancel/", views.cancel, name="cancel"),
]
