"""The council's staff roles by name: the Django groups every app checks people against.

The roles' permissions are granted by `localoffer.roles.ensure_roles`; the names live here,
at the bottom layer, so the directory can ask "is this person a moderator?" without
depending on the site that defines what moderators may do.
"""

CONTENT_EDITORS = "Content editors"
MODERATORS = "Moderators"
FINANCE_OFFICERS = "Finance officers"

COUNCIL_STAFF_GROUPS = (CONTENT_EDITORS, MODERATORS, FINANCE_OFFICERS)
