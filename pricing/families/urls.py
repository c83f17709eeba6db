"""The family's pages, included at /account/children/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.families import views

app_name = "families"

urlpatterns = [
    path("", views.children, name="children"),
    path("add/", views.add_child, name="add"),
    path("sharing/", views.sharing, name="sharing"),
    path("sharing/<id:pk>/stop/", views.withdraw_share, name="withdraw_share"),
    path("<id:pk>/", views.child_detail, name="child"),
    path("<id:pk>/change/", views.change_child, name="change"),
    path("<id:pk>/remove/", views.remove_child, name="remove"),
    path("<id:pk>/profile/", views.edit_profile, name="profile"),
]
