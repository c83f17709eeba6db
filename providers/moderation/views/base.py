"""What the moderation admin screens share: breadcrumbs, the error summary, who may see them.

Moderators' screens (queues, review, decisions, dashboard, cycles) are for the council's
moderators and superusers; `can_moderate` refuses everyone else, whatever their model
permissions. The submit screen is for anyone who may edit the listing (its providers).
Screens read through selectors and act only through services.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from providers.moderation.permissions import can_moderate

PER_PAGE = 50


def crumbs(*items: dict[str, str]) -> list[dict[str, str]]:
    return [
        {"url": reverse("wagtailadmin_home"), "label": "Home"},
        {"url": reverse("moderation:queue"), "label": "Moderation"},
        *items,
    ]


def error_summary(form: Any) -> list[dict[str, str]]:
    """The errors of a form as (anchor, message) pairs for the error summary at the top."""
    errors = []
    for name, messages_ in form.errors.items():
        anchor = f"#{form[name].id_for_label}" if name != "__all__" and name in form.fields else ""
        for message in messages_:
            errors.append({"href": anchor, "text": message})
    return errors


class ModeratorsOnlyMixin:
    """Refuse anyone who is not a council moderator or a superuser."""

    request: HttpRequest

    def dispatch(self, request, *args, **kwargs):
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"
    crumb = ""

    def get_breadcrumbs_items(self):
        return crumbs({"url": "", "label": self.get_page_title()})
