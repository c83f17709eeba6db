"""The provision map in the council's admin, at /admin/provision-map/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.provision import admin_views as views

app_name = "provision_admin"

urlpatterns = [
    path("", views.MapView.as_view(), name="index"),
    path("provision-map.csv", views.CsvView.as_view(), name="csv"),
    path("standard-costs/add/", views.StandardCostFormView.as_view(), name="standard_add"),
    path("standard-costs/<id:pk>/", views.StandardCostFormView.as_view(), name="standard_edit"),
    path(
        "standard-costs/<id:pk>/delete/",
        views.StandardCostDeleteView.as_view(),
        name="standard_delete",
    ),
]
