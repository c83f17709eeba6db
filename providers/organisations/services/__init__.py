"""Writes for organisations, one module per use case: registration, verification, teams.

Every action is the only way its change happens. Each one checks who is acting and the
current state under a row lock, does its work in one transaction, saves only the fields
it changes, writes an entry in the organisation page's history (the Wagtail audit log)
and sends its emails after the commit.
"""

from providers.organisations.services.registration import (
    ACTION_REGISTER,
    RegistrationDetails,
    RegistrationError,
    register_organisation,
)
from providers.organisations.services.teams import (
    ACTION_CHANGE_ROLE,
    ACTION_INVITATION_ACCEPTED,
    ACTION_INVITATION_CANCELLED,
    ACTION_INVITATION_RESENT,
    ACTION_INVITE,
    ACTION_REMOVE_MEMBER,
    InvitationError,
    InvitationProblem,
    TeamError,
    accept_invitation,
    cancel_invitation,
    change_member_role,
    check_invitation_account,
    invitation_for_token,
    invite_member,
    remove_member,
    resend_invitation,
)
from providers.organisations.services.verification import (
    ACTION_CHECK_AGAIN,
    ACTION_REFUSE,
    ACTION_VERIFY,
    VerificationError,
    ask_to_check_again,
    refuse_organisation,
    verify_organisation,
)

__all__ = [
    "ACTION_CHANGE_ROLE",
    "ACTION_CHECK_AGAIN",
    "ACTION_INVITATION_ACCEPTED",
    "ACTION_INVITATION_CANCELLED",
    "ACTION_INVITATION_RESENT",
    "ACTION_INVITE",
    "ACTION_REFUSE",
    "ACTION_REGISTER",
    "ACTION_REMOVE_MEMBER",
    "ACTION_VERIFY",
    "InvitationError",
    "InvitationProblem",
    "RegistrationDetails",
    "RegistrationError",
    "TeamError",
    "VerificationError",
    "accept_invitation",
    "ask_to_check_again",
    "cancel_invitation",
    "change_member_role",
    "check_invitation_account",
    "invitation_for_token",
    "invite_member",
    "refuse_organisation",
    "register_organisation",
    "remove_member",
    "resend_invitation",
    "verify_organisation",
]
