"""The public provision map, at /what-support-costs/."""

from django.urls import path

from pricing.provision import views

app_name = "provision"

urlpatterns = [path("", views.provision_map, name="map")]
