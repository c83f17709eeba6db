"""Wired; filled in by its views."""

from django.urls import URLPattern

app_name = "provision_admin"

urlpatterns: list[URLPattern] = []
