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

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.api.views import PagesAdminAPIViewSet
from wagtail.documents import get_document_model
from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images import get_image_model
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.models import Page
from wagtail.permissions import policy_registry

from localoffer.roles import is_council_staff
from providers.organisations.access import is_provider
from providers.permissions import used_on_live_pages
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


def pages_a_provider_may_see(user: Any, pages: Any) -> Any:
    """Live pages and the person's own organisations' pages, for a provider; all for others.

    Wagtail's admin shows pages of the whole site, drafts included, so without this a
    provider would learn other organisations' unpublished listings and registrations
    waiting for verification.
    """
    if not is_provider_only(user):
        return pages
    own = Q()
    for path in organisations_of_user(user).values_list("path", flat=True):
        own |= Q(path__startswith=path)
    return pages.filter(Q(live=True) | own)


@hooks.register("construct_page_chooser_queryset")
def choose_only_pages_a_provider_may_see(pages: Any, request: Any) -> Any:
    """A provider linking to a page chooses from live pages and their own organisation's."""
    return pages_a_provider_may_see(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def explore_only_pages_a_provider_may_see(parent_page: Any, pages: Any, request: Any) -> Any:
    return pages_a_provider_may_see(request.user, pages)


class _PagesAPIForProviders(PagesAdminAPIViewSet):
    """The admin's page API (the explorer menu) lists only pages the person may see."""

    def get_base_queryset(self) -> Any:
        return pages_a_provider_may_see(self.request.user, super().get_base_queryset())


class _ImagesAPIForPeople(ImagesAdminAPIViewSet):
    """The admin's image API lists the images in collections the person may choose from.

    Wagtail's lists every image of the site to anyone with admin access, titles included.
    """

    def get_queryset(self) -> Any:
        policy = policy_registry.get_by_type(self.model)
        chooseable = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=chooseable.values("pk"))


class _DocumentsAPIForPeople(DocumentsAdminAPIViewSet):
    """As the image API: only documents in collections the person may choose from."""

    def get_queryset(self) -> Any:
        policy = policy_registry.get_by_type(self.model)
        chooseable = policy.instances_user_has_any_permission_for(
            self.request.user, ["choose", "change"]
        )
        return super().get_queryset().filter(pk__in=chooseable.values("pk"))


# After Wagtail's own hooks (order 0), which register the endpoints these replace.
@hooks.register("construct_admin_api", order=100)
def limit_the_admin_api_to_what_people_may_see(router: Any) -> None:
    router.register_endpoint("pages", _PagesAPIForProviders)
    router.register_endpoint("images", _ImagesAPIForPeople)
    router.register_endpoint("documents", _DocumentsAPIForPeople)


# --- the guard for admin views that take a page id, and for deleting media in use ---------

# URL keyword arguments that name a page in Wagtail's admin.
PAGE_ID_KWARGS = ("page_id", "parent_page_id", "page_to_move_id", "destination_id")
MEDIA_DELETE_VIEWS = {
    "wagtailimages:delete": ("image_id", "wagtailimages:image_usage"),
    "wagtaildocs:delete": ("document_id", "wagtaildocs:document_usage"),
}


def page_ids_in_request(request: Any, view_kwargs: dict[str, Any]) -> list[int]:
    """The pages an admin request is about: from its URL, or the chooser's `id` list."""
    match = request.resolver_match
    ids = [view_kwargs[name] for name in PAGE_ID_KWARGS if name in view_kwargs]
    if "wagtailadmin_pages" in match.namespaces and "pk" in view_kwargs:
        ids.append(view_kwargs["pk"])
    if match.url_name == "wagtailadmin_choose_page_chosen_multiple":
        ids += request.GET.getlist("id")
    return [int(pk) for pk in ids if str(pk).isdigit()]


class AdminPageVisibilityMiddleware:
    """Admin views that render a page by id answer 404 for pages a provider may not see.

    Wagtail has no hook for the page chooser opened at a page (`/admin/choose-page/<id>/`),
    the chooser's "chosen" answer (`/admin/choose-page/chosen-multiple/?id=...`), or the
    explorer's heading and breadcrumb (`/admin/pages/<id>/`): each renders the page's title
    and address whatever the person's permissions, so another organisation's draft
    listing or a registration waiting for verification could be read by walking the ids.
    Every admin view whose URL names a page is checked here, so a view Wagtail adds later
    is covered too; Wagtail's own permission checks still decide what may be done.

    It also keeps pictures and documents used on live pages from being deleted: the
    delete screen sends the person to the list of pages that use the item instead (the
    permission policy, providers.permissions.MediaPermissionPolicy, refuses it anyway).
    """

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        return self.get_response(request)

    def process_view(
        self, request: Any, view_func: Any, view_args: Any, view_kwargs: dict[str, Any]
    ) -> Any:
        match = request.resolver_match
        if match is None or not getattr(request.user, "is_authenticated", False):
            return None
        if match.view_name in MEDIA_DELETE_VIEWS:
            return _refuse_deleting_media_in_use(request, match.view_name, view_kwargs)
        ids = page_ids_in_request(request, view_kwargs)
        if ids and is_provider_only(request.user):
            visible = pages_a_provider_may_see(request.user, Page.objects.filter(pk__in=ids))
            if visible.count() != len(set(ids)):
                raise Http404
        return None


def _refuse_deleting_media_in_use(request: Any, view_name: str, view_kwargs: dict) -> Any:
    id_kwarg, usage_view = MEDIA_DELETE_VIEWS[view_name]
    model = get_image_model() if view_name.startswith("wagtailimages") else get_document_model()
    item = model.objects.filter(pk=view_kwargs.get(id_kwarg)).first()
    if item is None:
        return None
    pages = list(used_on_live_pages(item).values_list("title", flat=True)[:5])
    if not pages:
        return None
    messages.error(
        request,
        f"“{item.title}” is used on live pages ({', '.join(pages)}), so it cannot be "
        "deleted. Take it off those pages first; every use is listed below.",
    )
    return redirect(usage_view, item.pk)
