"""The council's staff roles by name: the Django groups every app checks people against.

The roles' permissions are granted by `localoffer.roles.ensure_roles`; the names live here,
at the bottom layer, so the directory can ask "is this person a moderator?" without
depending on the site that defines what moderators may do.
"""

from typing import Any

CONTENT_EDITORS = "Content editors"
MODERATORS = "Moderators"
FINANCE_OFFICERS = "Finance officers"
# Work out budgets with families: assessments and costed provision, each their caseload.
ASSESSMENT_COORDINATORS = "Assessment coordinators"
# Decide budgets within a delegated limit per funding stream (their seats are PanelMember rows).
PANEL_MEMBERS = "Resource panel members"

COUNCIL_STAFF_GROUPS = (
    CONTENT_EDITORS,
    MODERATORS,
    FINANCE_OFFICERS,
    ASSESSMENT_COORDINATORS,
    PANEL_MEMBERS,
)


def is_council_staff(user: Any) -> bool:
    """Whether a person works for the council: a site administrator or in a staff role.

    Council staff can publish statutory pages, verify organisations and see families'
    budgets, so their accounts must have two-factor authentication
    (localoffer.accounts.middleware). Providers and families may turn it on but need not.
    """
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=COUNCIL_STAFF_GROUPS).exists()
