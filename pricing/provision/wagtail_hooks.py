"""The provision map in the council's admin."""

from django.urls import include, path
from wagtail import hooks


@hooks.register("register_admin_urls")
def register_provision_admin_urls() -> list:
    return [path("provision-map/", include("pricing.provision.admin_urls"))]
