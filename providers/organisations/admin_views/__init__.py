"""Wagtail admin screens: verifying organisations (moderators) and teams (provider admins).

Every view checks its own permission (`providers.organisations.access`) and every change
goes through a service, which checks again. A person who is refused is sent to the admin
home page with Wagtail's "no permission" message, as Wagtail's own views do; a URL for
another organisation's team or invitation is refused the same way, whoever asks.
"""

from providers.organisations.admin_views.teams import (
    CancelInvitationView,
    ChangeRoleView,
    CheckAgainView,
    RemoveMemberView,
    ResendInvitationView,
    TeamView,
    YourOrganisationsView,
)
from providers.organisations.admin_views.verification import (
    VerificationDetailView,
    VerificationIndexView,
)

__all__ = [
    "CancelInvitationView",
    "ChangeRoleView",
    "CheckAgainView",
    "RemoveMemberView",
    "ResendInvitationView",
    "TeamView",
    "VerificationDetailView",
    "VerificationIndexView",
    "YourOrganisationsView",
]
