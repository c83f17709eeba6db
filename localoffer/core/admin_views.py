"""Wagtail admin form views whose saving goes through a service that may refuse.

A service refuses with a `DomainError`; these show the refusal on the form, beside its
field, keeping what the person typed, exactly as a validation error is shown.
"""

from __future__ import annotations

from typing import Any

from wagtail.admin.views.generic import EditView

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
