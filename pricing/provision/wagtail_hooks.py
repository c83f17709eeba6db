"""The provision map in the council's admin."""

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from localoffer.core.roles import is_council_staff


@hooks.register("register_admin_urls")
def register_provision_admin_urls() -> list:
    return [path("provision-map/", include("pricing.provision.admin_urls"))]


class CouncilStaffMenuItem(MenuItem):
    """Shown to council staff; every view checks again."""

    def is_shown(self, request: Any) -> bool:
        return is_council_staff(request.user)


@hooks.register("register_admin_menu_item")
def register_provision_menu_item() -> MenuItem:
    return CouncilStaffMenuItem(
        "Provision map",
        reverse("provision_admin:index"),
        name="provision-map",
        icon_name="table",
        order=175,
    )
