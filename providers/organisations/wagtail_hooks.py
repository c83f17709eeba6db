"""Admin hooks for organisation verification and provider teams.

Imported by providers/wagtail_hooks.py. Menu items are shown only to the people who can
use them; the views check again, so a hidden item is never the only protection.
"""

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogActionRegistry, LogFormatter

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from providers.organisations import admin_views, policy, selectors, services
from providers.organisations.access import is_moderator
from providers.selectors import organisations_of_user

verification_urls = (
    [
        path("", admin_views.VerificationIndexView.as_view(), name="index"),
        path("<id:pk>/", admin_views.VerificationDetailView.as_view(), name="detail"),
    ],
    "organisation_verification",
)

team_urls = (
    [
        path("", admin_views.YourOrganisationsView.as_view(), name="index"),
        path("<id:pk>/", admin_views.TeamView.as_view(), name="team"),
        path("<id:pk>/check-again/", admin_views.CheckAgainView.as_view(), name="check_again"),
        path(
            "<id:pk>/invitations/<id:invitation_pk>/send-again/",
            admin_views.ResendInvitationView.as_view(),
            name="resend",
        ),
        path(
            "<id:pk>/invitations/<id:invitation_pk>/cancel/",
            admin_views.CancelInvitationView.as_view(),
            name="cancel",
        ),
        path(
            "<id:pk>/people/<id:user_pk>/role/",
            admin_views.ChangeRoleView.as_view(),
            name="change_role",
        ),
        path(
            "<id:pk>/people/<id:user_pk>/remove/",
            admin_views.RemoveMemberView.as_view(),
            name="remove",
        ),
    ],
    "organisation_team",
)


@hooks.register("register_admin_urls")
def register_organisation_admin_urls() -> list:
    return [
        path("organisations/verify/", include(verification_urls)),
        path("your-organisation/", include(team_urls)),
    ]


class VerificationMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return is_moderator(request.user)


class YourOrganisationMenuItem(MenuItem):
    def is_shown(self, request) -> bool:
        return organisations_of_user(request.user).exists()


@hooks.register("register_admin_menu_item")
def register_verification_menu_item() -> MenuItem:
    return VerificationMenuItem(
        "Organisations to verify",
        reverse("organisation_verification:index"),
        name="organisations-to-verify",
        icon_name="clipboard-list",
        order=320,
    )


@hooks.register("register_admin_menu_item")
def register_your_organisation_menu_item() -> MenuItem:
    return YourOrganisationMenuItem(
        "Your organisation",
        reverse("organisation_team:index"),
        name="your-organisation",
        icon_name="group",
        order=150,
    )


class OrganisationStatusPanel(Component):
    """On the admin home page of a provider: each organisation's verification and next step."""

    name = "organisation_status"
    template_name = "providers/admin/home_panel.html"
    order = 60

    def __init__(self, statuses: list[selectors.OrganisationStatus]) -> None:
        self.statuses = statuses

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        context = super().get_context_data(parent_context)
        context.update(
            {
                "statuses": self.statuses,
                "working_days": policy.VERIFICATION_WORKING_DAYS,
                "csrf_token": (parent_context or {}).get("csrf_token"),
            }
        )
        return context


class VerificationQueuePanel(Component):
    """On a moderator's admin home page: how many organisations are waiting to be checked."""

    name = "organisations_to_verify"
    template_name = "providers/admin/verification_panel.html"
    order = 65

    def __init__(self, waiting: int) -> None:
        self.waiting = waiting

    def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
        return {"waiting": self.waiting, "working_days": policy.VERIFICATION_WORKING_DAYS}


@hooks.register("construct_homepage_panels")
def add_organisation_panels(request, panels: list) -> None:
    statuses = selectors.organisation_statuses(request.user)
    if statuses:
        panels.append(OrganisationStatusPanel(statuses))
    if is_moderator(request.user):
        waiting = selectors.organisations_to_verify().count()
        if waiting:
            panels.append(VerificationQueuePanel(waiting))


class RefuseFormatter(LogFormatter):
    label = "Refuse organisation"

    def format_message(self, log_entry) -> str:
        reason = (log_entry.data or {}).get("reason")
        return f"Refused the organisation: {reason}" if reason else "Refused the organisation"


class _EmailFormatter(LogFormatter):
    template = "{email}"

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        return self.template.format(
            email=data.get("email", "someone"),
            role=data.get("role", ""),
            to=data.get("to", ""),
        )


@hooks.register("register_log_actions")
def register_organisation_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(
        services.ACTION_REGISTER, "Register", "Registered the organisation online"
    )
    actions.register_action(
        services.ACTION_VERIFY, "Verify organisation", "Verified the organisation and published it"
    )
    actions.register_action(services.ACTION_REFUSE)(RefuseFormatter)
    actions.register_action(
        services.ACTION_CHECK_AGAIN,
        "Ask to check again",
        "Corrected its details and asked the council to check the organisation again",
    )

    def email_formatter(label: str, template: str) -> type[LogFormatter]:
        return type(
            f"{label.title().replace(' ', '')}Formatter",
            (_EmailFormatter,),
            {"label": label, "template": template},
        )

    actions.register_action(services.ACTION_INVITE)(
        email_formatter("Invite", "Invited {email} to join the team ({role})")
    )
    actions.register_action(services.ACTION_INVITATION_RESENT)(
        email_formatter("Send invitation again", "Sent the invitation to {email} again")
    )
    actions.register_action(services.ACTION_INVITATION_CANCELLED)(
        email_formatter("Cancel invitation", "Cancelled the invitation for {email}")
    )
    actions.register_action(services.ACTION_INVITATION_ACCEPTED)(
        email_formatter("Accept invitation", "{email} accepted the invitation and joined ({role})")
    )
    actions.register_action(services.ACTION_CHANGE_ROLE)(
        email_formatter("Change role", "Changed the role of {email} to {to}")
    )
    actions.register_action(services.ACTION_REMOVE_MEMBER)(
        email_formatter("Remove from team", "Removed {email} from the team")
    )
