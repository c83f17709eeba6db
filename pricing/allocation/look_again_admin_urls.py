"""Wired; filled in by its views."""

from django.urls import URLPattern

app_name = "look_again_admin"

urlpatterns: list[URLPattern] = []
