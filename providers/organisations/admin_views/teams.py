"""Admin screens for providers: their organisations and each one's team and invitations."""

from abc import ABCMeta, abstractmethod
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from wagtail.admin import messages

from localoffer.core.forms import add_domain_error
from providers.models import Invitation, OrganisationPage
from providers.organisations import policy, selectors
from providers.organisations.access import (
    can_manage_team,
    can_view_team,
)
from providers.organisations.admin_views.base import _AdminPage, _messages_of
from providers.organisations.forms import InviteForm, RoleForm
from providers.organisations.services import (
    TeamError,
    VerificationError,
    ask_to_check_again,
    cancel_invitation,
    change_member_role,
    invite_member,
    remove_member,
    resend_invitation,
)


class YourOrganisationsView(_AdminPage):
    """Straight to the team of a person's only organisation, or a list if they have several."""

    template_name = "providers/admin/your_organisations.html"
    page_title = "Your organisations"
    header_icon = "group"
    http_method_names = ["get"]

    def check_permission(self) -> None:
        pass  # Shows only the person's own organisations.

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.statuses = selectors.organisation_statuses(request.user)
        if len(self.statuses) == 1:
            return redirect("organisation_team:team", pk=self.statuses[0].organisation.pk)
        return super().get(request, *args, **kwargs)

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["statuses"] = self.statuses
        return context


class _TeamPage(_AdminPage):
    header_icon = "group"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.organisation = get_object_or_404(OrganisationPage, pk=kwargs["pk"])

    def check_permission(self) -> None:
        if not can_view_team(self.request.user, self.organisation):
            raise PermissionDenied

    def team_url(self) -> str:
        return reverse("organisation_team:team", args=[self.organisation.pk])

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            {"url": reverse("organisation_team:index"), "label": "Your organisations"},
            {"url": self.team_url(), "label": self.organisation.title},
        ]


class _TeamChange(_TeamPage, metaclass=ABCMeta):
    """A POST that changes the team: only the organisation's admins (and site admins)."""

    http_method_names = ["post"]

    def check_permission(self) -> None:
        if not can_manage_team(self.request.user, self.organisation):
            raise PermissionDenied

    @abstractmethod
    def change(self, request: HttpRequest) -> str:
        """Make the change through a service; return the message to show."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            message = self.change(request)
        except TeamError as error:
            messages.error(request, _messages_of(error))
        else:
            messages.success(request, message)
        return redirect(self.team_url())


class TeamView(_TeamPage):
    """The team: who is in it and their role; for admins, invitations and changes too.

    Members see the team read-only: they need to know who the admins are to ask for a
    change or an invitation, and colleagues' names and addresses are not secret from each
    other. Waiting invitations (addresses of people not in the team yet) and the controls
    are for admins. Moderators may look at any organisation's team, read-only.
    """

    template_name = "providers/admin/team.html"
    page_title = "Team"

    def get_page_subtitle(self) -> str:
        return self.organisation.title

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        can_manage = can_manage_team(self.request.user, self.organisation)
        team = selectors.team_of(self.organisation)
        context.update(
            {
                "organisation": self.organisation,
                "rows": [
                    {
                        "member": member,
                        "role_form": RoleForm(
                            initial={"role": member.role}, auto_id=f"role-{member.user.pk}-%s"
                        )
                        if can_manage
                        else None,
                    }
                    for member in team
                ],
                "can_manage": can_manage,
                "invitations": selectors.pending_invitations(self.organisation)
                if can_manage
                else [],
                "invite_form": kwargs.get("invite_form") or InviteForm(),
                "lifetime_days": policy.INVITATION_LIFETIME.days,
                "verification_status": self.organisation.verification_status,
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Send an invitation; a mistake comes back to the form with what was typed."""
        if not can_manage_team(request.user, self.organisation):
            raise PermissionDenied
        form = InviteForm(request.POST)
        if form.is_valid():
            try:
                invite_member(
                    organisation=self.organisation,
                    email=form.cleaned_data["email"],
                    role=form.cleaned_data["role"],
                    user=request.user,
                )
            except TeamError as error:
                add_domain_error(form, error)
            else:
                messages.success(
                    request,
                    f"We have emailed an invitation to {form.cleaned_data['email']}. The link "
                    f"works for {policy.INVITATION_LIFETIME.days} days.",
                )
                return redirect(self.team_url())
        return self.render_to_response(self.get_context_data(invite_form=form))


class _InvitationChange(_TeamChange):
    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        # Looked up within the organisation of the URL: another organisation's invitation
        # is "not found", never acted on.
        self.invitation = get_object_or_404(
            Invitation, pk=kwargs["invitation_pk"], organisation=self.organisation
        )


class ResendInvitationView(_InvitationChange):
    def change(self, request: HttpRequest) -> str:
        invitation = resend_invitation(invitation=self.invitation, user=request.user)
        return (
            f"We have sent the invitation to {invitation.email} again. The link in the earlier "
            "email no longer works."
        )


class CancelInvitationView(_InvitationChange):
    def change(self, request: HttpRequest) -> str:
        invitation = cancel_invitation(invitation=self.invitation, user=request.user)
        return f"The invitation for {invitation.email} is cancelled. Its link no longer works."


class _MemberChange(_TeamChange):
    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.member = get_object_or_404(get_user_model(), pk=kwargs["user_pk"])


class ChangeRoleView(_MemberChange):
    def change(self, request: HttpRequest) -> str:
        form = RoleForm(request.POST)
        if not form.is_valid():
            raise TeamError("Choose member or admin.")
        role = form.cleaned_data["role"]
        change_member_role(
            organisation=self.organisation, member=self.member, role=role, user=request.user
        )
        return f"{self.member.email} is now {'an admin' if role == 'admin' else 'a member'}."


class RemoveMemberView(_MemberChange):
    """GET asks "are you sure?"; POST removes."""

    template_name = "providers/admin/remove_member.html"
    page_title = "Remove from team"
    http_method_names = ["get", "post"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "organisation": self.organisation,
                "member": selectors.team_member(self.organisation, self.member.pk),
                "is_self": self.member.pk == self.request.user.pk,
            }
        )
        return context

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if selectors.team_member(self.organisation, self.member.pk) is None:
            messages.error(request, f"{self.member.email} is not in this team.")
            return redirect(self.team_url())
        return super().get(request, *args, **kwargs)

    def change(self, request: HttpRequest) -> str:
        remove_member(organisation=self.organisation, member=self.member, user=request.user)
        return f"{self.member.email} is no longer in the team of {self.organisation.title}."

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = super().post(request, *args, **kwargs)
        # Someone who removed themself can no longer see the team.
        if not can_view_team(request.user, self.organisation):
            return redirect("wagtailadmin_home")
        return response


class CheckAgainView(_TeamChange):
    def change(self, request: HttpRequest) -> str:
        try:
            ask_to_check_again(organisation=self.organisation, user=request.user)
        except VerificationError as error:
            raise TeamError(str(error)) from error
        return (
            f"We will check {self.organisation.title} again within "
            f"{policy.VERIFICATION_WORKING_DAYS} working days and email you."
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        super().post(request, *args, **kwargs)
        return redirect("wagtailadmin_home")
