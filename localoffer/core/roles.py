"""The council's staff roles by name: the Django groups every app checks people against.

The roles' permissions are granted by `localoffer.roles.ensure_roles`; the names live here,
at the bottom layer, so the directory can ask "is this person a moderator?" without
depending on the site that defines what moderators may do.
"""

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
