"""The budget questionnaire in the council's admin, at /admin/questionnaires/ (registered in
pricing/allocation/wagtail_hooks.py). Versions are addressed by their number; parts by
their kind ("domains", "questions", "descriptors", "ages", "bands") and id."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.allocation import questionnaire_admin_views as views

app_name = "questionnaire_admin"

urlpatterns: list = [
    path("", views.IndexView.as_view(), name="index"),
    path("new/", views.NewDraftView.as_view(), name="new_draft"),
    path("<id:number>/", views.VersionView.as_view(), name="version"),
    path("<id:number>/publish/", views.PublishView.as_view(), name="publish"),
    path("<id:number>/delete/", views.DeleteDraftView.as_view(), name="delete"),
    path("<id:number>/<str:kind>/add/", views.PartView.as_view(), name="add"),
    path("<id:number>/<str:kind>/add/<id:parent>/", views.PartView.as_view(), name="add_to"),
    path("<id:number>/<str:kind>/<id:pk>/", views.PartView.as_view(), name="edit"),
    path(
        "<id:number>/<str:kind>/<id:pk>/delete/",
        views.DeletePartView.as_view(),
        name="delete_part",
    ),
]
