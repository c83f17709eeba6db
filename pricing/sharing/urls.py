"""(filled in by its views)"""

from django.urls import path  # noqa: F401

app_name = "sharing"

urlpatterns: list = []
