"""Who may run moderation: the council's moderators and site administrators.

Moderation screens and decisions are a role, not a model permission: the "Moderators"
group (localoffer/roles.py) holds no permission on submissions or cycles, and none is
needed, because nobody else may ever see another organisation's submissions. Providers,
content editors and finance officers are refused, whatever model permissions they hold.
"""

from typing import Any

from wagtail.permission_policies.base import BasePermissionPolicy

from localoffer.core.roles import MODERATORS
from providers.moderation.enums import CycleStatus


def can_moderate(user: Any) -> bool:
    """True for active superusers and members of the "Moderators" group."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object: a queue page asks once per row for its buttons.
    cached = getattr(user, "_can_moderate", None)
    if cached is None:
        cached = user.groups.filter(name=MODERATORS).exists()
        user._can_moderate = cached
    return cached


class ModeratorsOnlyPolicy(BasePermissionPolicy):
    """Every action on cycles and submissions belongs to moderators, and only to them.

    Registered for `SubmissionCycle` and `Submission` (moderation/wagtail_hooks.py) so
    that Wagtail's generic views and menus ask this instead of Django model permissions.
    Whether a particular cycle may still be changed (only scheduled ones) is a rule of
    the services; this policy refuses edits of other cycles so no button is offered.
    """

    def user_has_permission(self, user: Any, action: str) -> bool:
        # Nothing is deleted: cycles and submissions are the record of what was decided.
        return action != "delete" and can_moderate(user)

    def user_has_permission_for_instance(self, user: Any, action: str, instance: Any) -> bool:
        if not can_moderate(user):
            return False
        if action == "change" and hasattr(instance, "opens_on"):
            return instance.status == CycleStatus.SCHEDULED
        return action != "delete"

    def users_with_any_permission(self, actions: Any) -> Any:
        from django.contrib.auth import get_user_model
        from django.db.models import Q

        return (
            get_user_model()
            .objects.filter(Q(is_superuser=True) | Q(groups__name=MODERATORS), is_active=True)
            .distinct()
        )

    def instances_user_has_any_permission_for(self, user: Any, actions: Any) -> Any:
        if can_moderate(user):
            return self.model._default_manager.all()
        return self.model._default_manager.none()
