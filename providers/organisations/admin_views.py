"""Wagtail admin screens: verifying organisations (moderators) and teams (provider admins).

Every view checks its own permission (`providers.organisations.access`) and every change
goes through a service, which checks again. A person who is refused is sent to the admin
home page with Wagtail's "no permission" message, as Wagtail's own views do; a URL for
another organisation's team or invitation is refused the same way, whoever asks.
"""

from abc import ABCMeta, abstractmethod
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from providers.enums import VerificationStatus
from providers.models import Invitation, OrganisationPage
from providers.organisations import policy, selectors
from providers.organisations.access import (
    can_manage_team,
    can_view_team,
    is_moderator,
    is_organisation_member,
)
from providers.organisations.forms import InviteForm, RefuseForm, RoleForm
from providers.organisations.services import (
    TeamError,
    VerificationError,
    ask_to_check_again,
    cancel_invitation,
    change_member_role,
    invite_member,
    refuse_organisation,
    remove_member,
    resend_invitation,
    verify_organisation,
)


def _messages_of(error: ValidationError) -> str:
    return " ".join(error.messages)


class _AdminPage(WagtailAdminTemplateMixin, TemplateView):
    http_method_names = ["get", "post"]

    def check_permission(self) -> None:
        """Nobody, unless the screen says who may use it: a forgotten rule denies."""
        raise PermissionDenied

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.check_permission()
        return super().dispatch(request, *args, **kwargs)


# --- verification ------------------------------------------------------------------------


class _ModeratorPage(_AdminPage):
    header_icon = "clipboard-list"

    def check_permission(self) -> None:
        if not is_moderator(self.request.user):
            raise PermissionDenied

    def index_breadcrumb(self) -> dict[str, str]:
        return {
            "url": reverse("organisation_verification:index"),
            "label": "Organisations to verify",
        }


class VerificationIndexView(_ModeratorPage):
    """Organisations waiting to be checked, longest waiting first."""

    template_name = "providers/admin/verification_index.html"
    page_title = "Organisations to verify"
    http_method_names = ["get"]

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["organisations"] = selectors.organisations_to_verify()
        context["working_days"] = policy.VERIFICATION_WORKING_DAYS
        return context


class VerificationDetailView(_ModeratorPage):
    """One organisation's details, registration and declarations, with Verify and Refuse.

    The details shown are the page's latest revision: what verifying publishes.
    """

    template_name = "providers/admin/verification_detail.html"
    page_title = "Check organisation"

    def setup(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().setup(request, *args, **kwargs)
        self.organisation = get_object_or_404(OrganisationPage, pk=kwargs["pk"])

    def get_page_subtitle(self) -> str:
        return self.organisation.title

    def get_breadcrumbs_items(self) -> list[dict[str, str]]:
        return [
            *self.breadcrumbs_items,
            self.index_breadcrumb(),
            {"url": "", "label": self.organisation.title},
        ]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        organisation = self.organisation
        latest = organisation.get_latest_revision_as_object()
        context.update(
            {
                "organisation": organisation,
                "details": latest,
                "revision_id": organisation.latest_revision_id,
                "registration": selectors.registration_of(organisation),
                "team": selectors.team_of(organisation),
                "refuse_form": kwargs.get("refuse_form") or RefuseForm(),
                "is_pending": organisation.verification_status == VerificationStatus.PENDING,
                "own_organisation": is_organisation_member(self.request.user, organisation),
            }
        )
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action = request.POST.get("action")
        if action == "verify":
            return self._verify(request)
        if action == "refuse":
            return self._refuse(request)
        messages.error(request, "Choose Verify or Refuse.")
        return redirect("organisation_verification:detail", pk=self.organisation.pk)

    def _verify(self, request: HttpRequest) -> HttpResponse:
        try:
            revision_id = int(request.POST.get("revision_id", ""))
        except ValueError:
            revision_id = None
        try:
            verify_organisation(
                organisation=self.organisation, user=request.user, revision_id=revision_id
            )
        except VerificationError as error:
            messages.error(request, _messages_of(error))
            return redirect("organisation_verification:detail", pk=self.organisation.pk)
        messages.success(
            request,
            f"{self.organisation.title} is verified and its page is published. We have "
            "emailed its admins.",
        )
        return redirect("organisation_verification:index")

    def _refuse(self, request: HttpRequest) -> HttpResponse:
        form = RefuseForm(request.POST)
        if form.is_valid():
            try:
                refuse_organisation(
                    organisation=self.organisation,
                    user=request.user,
                    reason=form.cleaned_data["reason"],
                )
            except VerificationError as error:
                if hasattr(error, "error_dict"):
                    form.add_error("reason", error.message_dict.get("reason"))
                else:
                    messages.error(request, _messages_of(error))
                    return redirect("organisation_verification:detail", pk=self.organisation.pk)
            else:
                messages.success(
                    request,
                    f"{self.organisation.title} is refused. We have emailed its admins the reason.",
                )
                return redirect("organisation_verification:index")
        return self.render_to_response(self.get_context_data(refuse_form=form))


# --- teams -------------------------------------------------------------------------------


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
                for field, errors in getattr(error, "message_dict", {None: error.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
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
            raise TeamError(error.messages) from error
        return (
            f"We will check {self.organisation.title} again within "
            f"{policy.VERIFICATION_WORKING_DAYS} working days and email you."
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        super().post(request, *args, **kwargs)
        return redirect("wagtailadmin_home")
