"""What the panel's pages share: who may open them and the breadcrumb.

Panel members (and site administrators) reach the panel's pages; anyone else who reached
the admin is refused with 403, as Wagtail's own views refuse. Cases not at panel or
decided are simply not found (404). The seats are for site administrators only.
"""

from __future__ import annotations

from typing import Any

from localoffer.core.admin_views import AreaPageMixin
from pricing.allocation.selectors import can_configure, is_panel_member

ICON = "group"


def person(user: Any) -> str:
    if user is None:
        return "Nobody"
    return user.get_full_name() or user.email


class PanelPageMixin(AreaPageMixin):
    header_icon = ICON
    area_label = "Resource panel"
    area_url_name = "panel_admin:index"

    def allowed(self, user: Any) -> bool:
        return is_panel_member(user)


class AdministratorPageMixin(PanelPageMixin):
    def allowed(self, user: Any) -> bool:
        return can_configure(user)
