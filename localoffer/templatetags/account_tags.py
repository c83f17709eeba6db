"""GOV.UK form markup for allauth's forms: the error summary and one field at a time.

allauth's page templates render forms through its "element" templates
(templates/allauth/elements/); these tags give those templates what the GOV.UK patterns
need: each error linked to its field's id, hints and errors tied to the input with
aria-describedby, and the right input type and attributes.
"""

from typing import Any

from django import forms, template

from localoffer.core import forms as core_forms
from localoffer.roles import is_council_staff

register = template.Library()


@register.filter
def error_summary_items(form: Any) -> list[dict[str, str]]:
    """The form's errors in page order for the GOV.UK error summary include.

    An error about the form as a whole ("The email address or password is not right")
    links to the first field, where it is shown too, as the GOV.UK pattern asks.
    """
    return core_forms.error_summary_items(form)


def _input_type(field: forms.BoundField) -> str:
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    return widget.attrs.get("type") or getattr(widget, "input_type", "text")


@register.inclusion_tag("allauth/elements/_govuk_field.html")
def govuk_field(field: forms.BoundField, first: bool = False) -> dict[str, Any]:
    """One field as a GOV.UK form group. `first`: also show the form's own errors here."""
    input_type = _input_type(field)
    errors = list(field.errors)
    if first:
        errors = list(field.form.non_field_errors()) + errors
    field_id = field.id_for_label
    described_by = []
    if field.help_text:
        described_by.append(f"{field_id}-hint")
    if errors:
        described_by.append(f"{field_id}-error")
    attrs = {
        key: value
        for key, value in field.field.widget.attrs.items()
        if key in {"autocomplete", "inputmode", "spellcheck", "maxlength"}
    }
    value = field.value()
    if input_type == "password" or value is None:
        value = ""
    return {
        "field": field,
        "id": field_id,
        "name": field.html_name,
        "label": field.label,
        "hint": field.help_text,
        "errors": errors,
        "type": input_type,
        "value": value,
        "checked": bool(field.value()) if input_type == "checkbox" else False,
        "required": field.field.required,
        "width_class": field.field.widget.attrs.get("class", ""),
        "attrs": attrs,
        "described_by": " ".join(described_by),
    }


@register.filter(name="is_council_staff")
def is_council_staff_filter(user: Any) -> bool:

    return is_council_staff(user)


@register.filter
def spaced_key(secret: str) -> str:
    """An authenticator setup key in groups of four, easier to read and type ("ABCD EFGH")."""
    secret = str(secret or "")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@register.filter
def sign_in_query(request: Any) -> str:
    """The "?next=<this page>" query of the header's "Sign in" link, so signing in comes back here.

    Only the path (a query string can hold what someone searched for, such as a child's
    name), never an account page (signing in would land on the sign-in page again) and
    never anything that is not a plain local path.
    """
    from urllib.parse import urlencode

    from django.utils.http import url_has_allowed_host_and_scheme

    path = getattr(request, "path", "")
    if not path.startswith("/") or path.startswith("/account/"):
        return ""
    if not url_has_allowed_host_and_scheme(path, allowed_hosts=None) or "\\" in path:
        return ""
    return "?" + urlencode({"next": path})
