"""Wagtail admin views shared by every area of the admin.

- Form views whose saving goes through a service that may refuse: a service refuses with
  a `DomainError`; these show the refusal on the form, beside its field, keeping what the
  person typed, exactly as a validation error is shown.
- `AreaPageMixin`: who may use an area, loading a page's records, the breadcrumb.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.http.response import HttpResponseBase
from django.urls import reverse
from wagtail.admin.views.generic import EditView, WagtailAdminTemplateMixin

from localoffer.core.forms import add_domain_error
from localoffer.core.transitions import DomainError


class DomainErrorFormMixin:
    """For Wagtail's generic create and edit views whose `save_instance()` calls a service."""

    def refuse(self, form: Any, error: DomainError) -> Any:
        add_domain_error(form, error)
        self.produced_error_code = "validation_error"
        self.produced_error_message = error.message
        return self.form_invalid(form)  # type: ignore[attr-defined]

    def form_valid(self, form: Any) -> Any:
        try:
            return super().form_valid(form)  # type: ignore[misc]
        except DomainError as error:
            return self.refuse(form, error)


class ServiceActionEditView(DomainErrorFormMixin, EditView):
    """An edit screen whose buttons each move a state machine through its own service.

    The service writes the audit entry of what was done (published, resolved...), so the
    generic "edited" entry of Wagtail's `EditView.form_valid` is not written as well.
    """

    def form_valid(self, form: Any) -> Any:
        self.form = form
        try:
            self.object = self.save_instance()
        except DomainError as error:
            return self.refuse(form, error)
        return self.save_action()


class AreaPageMixin(WagtailAdminTemplateMixin):
    """A page of one area of the admin (a caseload, the panel, a configuration screen).

    Anyone the area is not for is refused (403) before anything is loaded; `load()` then
    reads the page's records from the address, raising 404 for one outside the person's
    reach; the breadcrumb is Home > the area > anything `extra_breadcrumbs` adds > the page.
    """

    area_label: str
    area_url_name: str
    request: HttpRequest

    @abstractmethod
    def allowed(self, user: Any) -> bool:
        """Whether this person may use the area at all."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not self.allowed(request.user):
            raise PermissionDenied
        self.load(**kwargs)
        return super().dispatch(request, *args, **kwargs)

    def load(self, **kwargs: Any) -> None:  # noqa: B027 (most pages load nothing)
        """Load the page's records from the address."""

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse(self.area_url_name), "label": self.area_label},
            *self.extra_breadcrumbs(),
            {"url": "", "label": self.get_page_title()},
        ]

    def extra_breadcrumbs(self) -> list[dict[str, Any]]:
        return []
