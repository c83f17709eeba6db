"""Admin hooks for the editor's accessibility and the providers' admin menu.

The provider workspace is Wagtail's admin, limited by permissions to the provider's own
organisation. Two things make it fit a small charity's volunteer:

- Every input a script draws gets an accessible name. Draftail's rich text editor (a
  contenteditable `role="textbox"`), the tags widget's text input and the multiple
  uploader's file input have none (axe rules aria-input-field-name and label; WCAG 2.2
  success criteria 1.3.1 and 4.1.2), so a screen reader announces "edit text" without
  saying which field. `static/admin/accessible-names.js` points each at its field's
  label, including widgets added later in inline panels, StreamFields and choosers.
- The main menu shows providers only what they use: their pages, pictures, files and
  whatever other areas add for them. Wagtail's Reports, Help, Settings and Snippets are
  for council staff; the items are hidden, never the permissions relied on.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from localoffer.roles import is_council_staff
from providers.organisations.access import is_provider
from providers.selectors import organisations_of_user

# Names of Wagtail's own main menu items that are not for providers.
HIDDEN_FROM_PROVIDERS = frozenset({"reports", "help", "settings", "snippets"})


def is_provider_only(user: Any) -> bool:
    """Whether the person uses the admin only as a provider (not also as council staff)."""
    if not getattr(user, "is_authenticated", False) or is_council_staff(user):
        return False
    return is_provider(user)


@hooks.register("construct_main_menu")
def show_providers_only_their_menu(request: Any, menu_items: list) -> None:
    if is_provider_only(request.user):
        menu_items[:] = [item for item in menu_items if item.name not in HIDDEN_FROM_PROVIDERS]


@hooks.register("insert_global_admin_js")
def name_script_drawn_inputs() -> str:
    # Global rather than the editor hook: rich text and tags also appear in image,
    # document, snippet and setting forms; the script does nothing where they are not.
    return format_html('<script src="{}" defer></script>', static("admin/accessible-names.js"))


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_a_provider_may_see(pages: Any, request: Any) -> Any:
    """A provider linking to a page chooses from live pages and their own organisation's.

    Wagtail's page chooser lists every page of the site, drafts included, so without this
    a provider would see other organisations' unpublished listings and registrations
    waiting for verification.
    """
    if not is_provider_only(request.user):
        return pages
    own = Q()
    for path in organisations_of_user(request.user).values_list("path", flat=True):
        own |= Q(path__startswith=path)
    return pages.filter(Q(live=True) | own)
