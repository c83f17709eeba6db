"""Who sees what while a budget is worked out, and the caseloads.

- Assessment coordinators see their own caseload; site administrators see every one.
- Panel members see the assessments waiting for the panel and those decided, for their
  council, and decide only the streams they hold a seat for.
- Configuring the questionnaire, the council's standard unit costs and the panel's seats
  is for site administrators: the people who decide budgets do not also set the tool.
- Families see only assessments of their own children (`Assessment.objects.for_family`).
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from localoffer.core.roles import ASSESSMENT_COORDINATORS, PANEL_MEMBERS
from pricing.allocation.enums import AssessmentKind, AssessmentStatus
from pricing.allocation.models import Assessment, PanelMember


def _active(user: Any) -> bool:
    return user is not None and getattr(user, "is_authenticated", False) and user.is_active


def _in_group(user: Any, group: str) -> bool:
    """Membership of `group`, cached on the user (the menu and the view both ask)."""
    cache = user.__dict__.setdefault("_allocation_groups", {})
    if group not in cache:
        cache[group] = user.groups.filter(name=group).exists()
    return bool(cache[group])


def is_coordinator(user: Any) -> bool:
    return _active(user) and (user.is_superuser or _in_group(user, ASSESSMENT_COORDINATORS))


def is_panel_member(user: Any) -> bool:
    return _active(user) and (user.is_superuser or _in_group(user, PANEL_MEMBERS))


def can_configure(user: Any) -> bool:
    return _active(user) and user.is_superuser


def assessments_for(user: Any) -> QuerySet[Assessment]:
    """A coordinator's caseload; every council assessment for a site administrator."""
    if not is_coordinator(user):
        return Assessment.objects.none()
    council_own = Assessment.objects.filter(kind=AssessmentKind.COORDINATOR)
    return council_own if user.is_superuser else council_own.for_coordinator(user)


def panel_cases_for(user: Any) -> QuerySet[Assessment]:
    """The assessments a panel member may see: at panel or decided."""
    if not is_panel_member(user):
        return Assessment.objects.none()
    return Assessment.objects.filter(
        kind=AssessmentKind.COORDINATOR,
        status__in=[AssessmentStatus.AT_PANEL, AssessmentStatus.DECIDED],
    )


def seats_of(user: Any) -> QuerySet[PanelMember]:
    """The streams `user` may decide, with their limits."""
    return PanelMember.objects.filter(user=user, active=True)
