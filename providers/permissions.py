"""The directory's permission boundary (see localoffer/roles.py for the roles themselves).

Wagtail page permissions are inherited down the tree, and the directory sits under the home
page where the council's content editors hold their grant. Pages of the directory honour
only grants made on a directory page, so listings stay with their providers and the
council's moderators.
"""

from typing import Any

from wagtail.models import PagePermissionTester

DIRECTORY_PAGE_MODELS = ("organisationindexpage", "organisationpage", "servicepage")


class DirectoryPagePermissionTester(PagePermissionTester):
    """Permissions on a directory page come only from grants made on directory pages.

    The council's content editors hold their page permissions on the home page, which
    Wagtail would otherwise extend to every organisation and service under it. Listings
    belong to their providers and the council's moderators, so grants made above the
    organisation index do not reach them.
    """

    def __init__(self, user: Any, page: Any) -> None:
        super().__init__(user, page)
        if self.user.is_active and not self.user.is_superuser:
            directory_types = _directory_content_type_ids()
            self.permissions = {
                perm.permission.codename.rsplit("_", maxsplit=1)[0]
                for perm in self.permission_policy.get_cached_permissions_for_user(user)
                if self.page.path.startswith(perm.page.path)
                and perm.page.content_type_id in directory_types
            }


class DirectoryPermissionsMixin:
    """Page classes of the directory use `DirectoryPagePermissionTester`."""

    def permissions_for_user(self, user: Any) -> PagePermissionTester:
        return DirectoryPagePermissionTester(user, self)


def _directory_content_type_ids() -> set[int]:
    from django.contrib.contenttypes.models import ContentType

    # ContentType's manager caches natural-key look-ups, so this costs no query after the first.
    return {
        ContentType.objects.get_by_natural_key("providers", model).pk
        for model in DIRECTORY_PAGE_MODELS
    }
