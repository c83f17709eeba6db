"""Admin for the directory: the taxonomies as snippets.

Wagtail imports this module before it builds the admin URLs, so everything here is in
place before any admin view runs.
"""

from wagtail import hooks
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from providers.models import (
    AccessibilityFeature,
    Category,
    Need,
    Outcome,
)
from providers.permissions import MediaPermissionPolicy

# Deleting a picture or document needs the delete grant (Wagtail's own policy lets "change"
# delete). Registered for the exact classes, so it wins over the policies Wagtail's image
# and document apps register for them whichever is registered first.
for _model, _auth_model in (
    (get_image_model(), "wagtailimages.Image"),
    (get_document_model(), "wagtaildocs.Document"),
):
    register_permission_policy(
        _model,
        MediaPermissionPolicy(_model, auth_model=_auth_model, owner_field_name="uploaded_by_user"),
        exact_class=True,
    )


class _TaxonomyViewSet(SnippetViewSet):
    # Taxonomies are small tables: search them with the ORM so that rows added by the
    # data migration are found without rebuilding a search index.
    search_backend_name = None
    list_per_page = 50
    copy_view_enabled = False
    inspect_view_enabled = False


class CategoryViewSet(_TaxonomyViewSet):
    model = Category
    icon = "folder-open-inverse"
    menu_label = "Categories"
    menu_order = 100
    list_display = ["name", "parent", "slug", "sort_order"]
    list_filter = ["parent"]
    search_fields = ["name", "slug", "description"]
    ordering = ["parent__sort_order", "sort_order", "name"]


class NeedViewSet(_TaxonomyViewSet):
    model = Need
    icon = "help"
    menu_label = "Needs"
    menu_order = 200
    list_display = ["name", "slug", "synonyms"]
    search_fields = ["name", "slug", "synonyms"]


class OutcomeViewSet(_TaxonomyViewSet):
    model = Outcome
    icon = "tick-inverse"
    menu_label = "Outcomes"
    menu_order = 300
    list_display = ["name", "group", "slug", "sort_order"]
    list_filter = ["group"]
    search_fields = ["name", "slug"]


class AccessibilityFeatureViewSet(_TaxonomyViewSet):
    model = AccessibilityFeature
    icon = "pick"
    menu_label = "Accessibility features"
    menu_order = 400
    list_display = ["name", "slug"]
    search_fields = ["name", "slug"]


class DirectoryTaxonomiesGroup(SnippetViewSetGroup):
    """One menu item; Wagtail shows each entry only to users with that model's permissions."""

    menu_label = "Directory taxonomies"
    menu_icon = "tag"
    menu_order = 300
    items = (CategoryViewSet, NeedViewSet, OutcomeViewSet, AccessibilityFeatureViewSet)


register_snippet(DirectoryTaxonomiesGroup)


@hooks.register("register_log_actions")
def register_provider_access_actions(actions) -> None:
    actions.register_action(
        "providers.grant_access", "Grant access", "Gave a person access to the organisation"
    )
    actions.register_action(
        "providers.revoke_access",
        "Revoke access",
        "Removed a person's access to the organisation",
    )


from providers.organisations import wagtail_hooks as organisation_hooks  # noqa: E402, F401
