"""The budget questionnaire in the council's admin, at /admin/questionnaires/ (registered in
pricing/allocation/wagtail_hooks.py). Versions are addressed by their number; parts by
their kind ("domains", "questions", "descriptors", "ages", "bands") and id."""

from django.urls import path

from pricing.allocation import questionnaire_admin_views as views

app_name = "questionnaire_admin"

urlpatterns: list = [
    path("", views.IndexView.as_view(), name="index"),
    path("new/", views.NewDraftView.as_view(), name="new_draft"),
    path("<int:number>/", views.VersionView.as_view(), name="version"),
    path("<int:number>/publish/", views.PublishView.as_view(), name="publish"),
    path("<int:number>/delete/", views.DeleteDraftView.as_view(), name="delete"),
    path("<int:number>/<str:kind>/add/", views.PartView.as_view(), name="add"),
    path("<int:number>/<str:kind>/add/<int:parent>/", views.PartView.as_view(), name="add_to"),
    path("<int:number>/<str:kind>/<int:pk>/", views.PartView.as_view(), name="edit"),
    path(
        "<int:number>/<str:kind>/<int:pk>/delete/",
        views.DeletePartView.as_view(),
        name="delete_part",
    ),
]
