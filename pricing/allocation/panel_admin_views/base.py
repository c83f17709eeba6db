"""What the panel's pages share: who may open them and the breadcrumb.

Panel members (and site administrators) reach the panel's pages; anyone else who reached
the admin is refused with 403, as Wagtail's own views refuse. Cases not at panel or
decided are simply not found (404). The seats are for site administrators only.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from pricing.allocation.selectors import can_configure, is_panel_member

ICON = "group"


def person(user: Any) -> str:
    if user is None:
        return "Nobody"
    return user.get_full_name() or user.email


class PanelPageMixin(WagtailAdminTemplateMixin):
    header_icon = ICON
    request: HttpRequest

    def allowed(self, user: Any) -> bool:
        return is_panel_member(user)

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not self.allowed(request.user):
            raise PermissionDenied
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs: Any) -> None:
        """Load the page's records from the address."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("panel_admin:index"), "label": "Resource panel"},
            *self.extra_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return []


class AdministratorPageMixin(PanelPageMixin):
    def allowed(self, user: Any) -> bool:
        return can_configure(user)
