"""Wired; filled in by its views."""

from django.urls import URLPattern

app_name = "panel_admin"

urlpatterns: list[URLPattern] = []
