"""The admin as providers get it: a short menu, and rich text editors with names.

The menu is only what a small charity needs; council staff keep every item Wagtail gives
them. Hiding an item is not a permission: the provider's limits are tested in
test_roles.py. Editors and other script-drawn inputs are named by a script, whose effect
the browser test checks with axe (tests/browser/test_admin_a11y.py); here, that every
admin page loads it.
"""

import pytest
from django.contrib.staticfiles import finders
from django.test import RequestFactory
from wagtail.admin.menu import admin_menu

from localoffer.admin_hooks import HIDDEN_FROM_PROVIDERS, is_provider_only
from providers.organisations.access import grant_organisation_access
from tests.factories import UserFactory


def menu_names(user) -> list[str]:
    request = RequestFactory().get("/admin/")
    request.user = user
    return [item.name for item in admin_menu.menu_items_for_request(request)]


@pytest.mark.parametrize("role", ["provider", "provider_admin"])
def test_providers_see_their_pages_pictures_and_files_only(users_by_role, role):
    names = menu_names(users_by_role[role])
    assert {"explorer", "images", "documents"} <= set(names)
    assert not set(names) & HIDDEN_FROM_PROVIDERS


def test_wagtail_would_otherwise_show_providers_reports_and_help(users_by_role, monkeypatch):
    # Proves the filter does the hiding: without it Wagtail shows these to providers.
    monkeypatch.setattr("localoffer.admin_hooks.is_provider_only", lambda user: False)
    assert {"reports", "help"} <= set(menu_names(users_by_role["provider"]))


@pytest.mark.parametrize("role", ["content_editor", "moderator", "superuser"])
def test_council_staff_keep_every_item(users_by_role, role, monkeypatch):
    user = users_by_role[role]
    shown = menu_names(user)
    monkeypatch.setattr("localoffer.admin_hooks.is_provider_only", lambda user: False)
    assert shown == menu_names(user)
    assert "reports" in shown and "help" in shown


def test_a_member_of_staff_who_also_helps_a_charity_keeps_the_staff_menu(
    users_by_role, organisation
):
    editor = users_by_role["content_editor"]
    grant_organisation_access(organisation=organisation, user=editor, admin=False)
    assert not is_provider_only(editor)
    assert "settings" in menu_names(editor)


def test_only_people_in_a_providers_group_count_as_providers(users_by_role):
    assert is_provider_only(users_by_role["provider"])
    assert is_provider_only(users_by_role["provider_admin"])
    assert not is_provider_only(users_by_role["family"])
    assert not is_provider_only(UserFactory())


def test_every_admin_page_loads_the_script_that_names_inputs(client_for):
    html = client_for("provider").get("/admin/").content.decode()
    assert '<script src="/static/admin/accessible-names.js" defer></script>' in html
    assert finders.find("admin/accessible-names.js")
