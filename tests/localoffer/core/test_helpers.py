"""The small shared helpers: local paths, elided pagination and the GOV.UK error summary."""

import pytest
from django import forms
from django.core.paginator import Paginator

from localoffer.core.forms import error_summary_items
from localoffer.core.pagination import page_numbers, pagination_context
from localoffer.core.paths import safe_local_path


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("/services/?q=swimming#results", "/services/?q=swimming#results"),
        ("", ""),
        (None, ""),
        ("//evil.example/", ""),
        ("/\\evil.example", ""),
        ("https://evil.example/", ""),
        ("javascript:alert(1)", ""),
        ("/ok\r\nSet-Cookie: x", ""),
        ("/" + "a" * 2000, ""),
    ],
)
def test_only_paths_on_this_site_are_kept(value, safe):
    assert safe_local_path(value) == safe


def test_a_shorter_limit_refuses_longer_paths():
    assert safe_local_path("/health/", max_length=5) == ""


def pages(current: int, last: int) -> list[int | None]:
    return page_numbers(Paginator(range(last), 1), current)


def test_pagination_shows_first_last_and_neighbours_with_ellipses():
    assert pages(1, 1) == [1]
    assert pages(1, 3) == [1, 2, 3]
    assert pages(5, 20) == [1, None, 4, 5, 6, None, 20]
    # A gap of one page shows the page itself rather than an ellipsis.
    assert pages(3, 20) == [1, 2, 3, 4, None, 20]
    assert pages(20, 20) == [1, None, 19, 20]


def test_pagination_links_come_from_the_caller_and_one_page_shows_nothing():
    context = pagination_context(Paginator(range(30), 10), 2, lambda n: f"?p={n}")
    assert context["previous_href"] == "?p=1" and context["next_href"] == "?p=3"
    assert [item["href"] for item in context["items"]] == ["?p=1", "?p=2", "?p=3"]
    assert [item["current"] for item in context["items"]] == [False, True, False]
    assert pagination_context(Paginator(range(5), 10), 1, str) == {"show": False}
    assert pagination_context(Paginator(range(30), 10), 9, str) == {"show": False}


class ContactForm(forms.Form):
    name = forms.CharField(error_messages={"required": "Enter your name"})
    email = forms.EmailField(error_messages={"required": "Enter your email address"})
    secret = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("We could not send your message")


def test_the_error_summary_lists_form_errors_first_then_fields_in_page_order():
    form = ContactForm(data={})
    assert error_summary_items(form) == [
        {"href": "#id_name", "text": "We could not send your message"},
        {"href": "#id_name", "text": "Enter your name"},
        {"href": "#id_email", "text": "Enter your email address"},
    ]
    assert error_summary_items(
        form, fields=("email", "name"), anchors={"email": "email"}, form_errors_at="email"
    ) == [
        {"href": "#email", "text": "We could not send your message"},
        {"href": "#email", "text": "Enter your email address"},
        {"href": "#id_name", "text": "Enter your name"},
    ]


def test_an_unbound_form_or_anything_else_has_no_error_summary():
    assert error_summary_items(ContactForm()) == []
    assert error_summary_items("not a form") == []
