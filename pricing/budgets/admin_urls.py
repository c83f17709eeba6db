"""(filled in by its views)"""

from django.urls import path  # noqa: F401

app_name = "budget_admin"

urlpatterns: list = []
