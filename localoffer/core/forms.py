"""GOV.UK form helpers shared by every app: the error summary, and domain errors into it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms

from localoffer.core.transitions import DomainError


def add_domain_error(form: forms.Form, error: DomainError) -> None:
    """Show a refused action on the form: beside its field if the form has it, else at the top.

    The error summary lists every form error, so the message reaches the person either way;
    a field the form does not have (a service's own rule) becomes a non-field error.
    """
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def error_summary_items(
    form: Any,
    *,
    fields: Sequence[str] | None = None,
    anchors: Mapping[str, str] | None = None,
    form_errors_at: str | None = None,
) -> list[dict[str, str]]:
    """The form's errors in page order as {"href": "#id", "text": message}, for
    templates/includes/error_summary.html (the GOV.UK error summary component).

    `fields` lists the fields in the order the page shows them (by default the form's
    visible fields in their declared order); `anchors` gives the element id a field's link
    points to where the page does not use the field's own id. An error about the form as a
    whole comes first and links to `form_errors_at` (by default the first field), where it
    is shown too, as the GOV.UK pattern asks: every link must lead to something to fix.
    """
    if not isinstance(form, forms.BaseForm) or not form.is_bound or not form.errors:
        return []
    anchors = anchors or {}
    names = list(fields) if fields is not None else [f.name for f in form.visible_fields()]

    def href(name: str) -> str:
        return f"#{anchors.get(name) or form[name].id_for_label}"

    items = []
    target = form_errors_at or (names[0] if names else None)
    if target is not None:
        items += [{"href": href(target), "text": str(e)} for e in form.non_field_errors()]
    for name in names:
        items += [{"href": href(name), "text": str(e)} for e in form.errors.get(name, [])]
    return items
