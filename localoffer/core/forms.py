"""GOV.UK form helpers shared by every app: domain errors into the error summary."""

from __future__ import annotations

from django import forms

from localoffer.core.transitions import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a refused action on the form: beside its field if the form has it, else at the top.

    The error summary lists every form error, so the message reaches the person either way;
    a field the form does not have (a service's own rule) becomes a non-field error.
    """
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)
