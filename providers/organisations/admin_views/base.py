"""What every organisations admin screen shares: the Wagtail frame and who may see it."""

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from providers.organisations.access import (
    is_moderator,
)


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


class _AdminPage(WagtailAdminTemplateMixin, TemplateView):
    http_method_names = ["get", "post"]

    def check_permission(self) -> None:
        """Nobody, unless the screen says who may use it: a forgotten rule denies."""
        raise PermissionDenied

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)


# --- verification ------------------------------------------------------------------------


class _ModeratorPage(_AdminPage):
    header_icon = "clipboard-list"

    def check_permission(self) -> None:
        if not is_moderator(self.request.user):
            raise PermissionDenied

    def index_breadcrumb(self) -> dict[str, str]:
        return {
            "url": reverse("organisation_verification:index"),
            "label": "Organisations to verify",
        }
