"""Wagtail admin hooks of moderation; each area keeps its hooks beside its code."""

from django.http import HttpResponseRedirect
from django.urls import include, path, reverse
from django.utils import timezone
from wagtail import hooks
from wagtail.admin.action_menu import ActionMenuItem
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component
from wagtail.log_actions import LogFormatter
from wagtail.permissions import register_permission_policy

from providers.models import OrganisationIndexPage, OrganisationPage, ServicePage
from providers.moderation import services, urls
from providers.moderation.enums import UrgentReason
from providers.moderation.freshness import wagtail_hooks as freshness_hooks  # noqa: F401
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.permissions import ModeratorsOnlyPolicy, can_moderate
from providers.moderation.reports import wagtail_hooks as reports_hooks  # noqa: F401
from providers.moderation.selectors import (
    current_cycle,
    cycle_figures,
    listing_states,
    next_cycle,
    provider_listings,
    queue_counts,
)
from providers.moderation.viewsets import SubmissionCycleViewSet

SUBMIT_ACTION = "action-submit-for-review"

register_permission_policy(SubmissionCycle, ModeratorsOnlyPolicy(SubmissionCycle), exact_class=True)
register_permission_policy(Submission, ModeratorsOnlyPolicy(Submission), exact_class=True)


@hooks.register("register_admin_urls")
def register_moderation_urls():

    return [path("moderation/", include((urls.urlpatterns, "moderation"), namespace="moderation"))]


cycle_viewset = SubmissionCycleViewSet()


@hooks.register("register_admin_viewset")
def register_cycle_viewset():
    return cycle_viewset


# --- the admin menu ---------------------------------------------------------------------------


class ModeratorsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_moderate(request.user)


@hooks.register("register_admin_menu_item")
def register_moderation_menu():
    from wagtail.admin.menu import Menu

    items = [
        ModeratorsMenuItem("Queue", reverse("moderation:queue"), icon_name="tasks", order=100),
        ModeratorsMenuItem("Urgent", reverse("moderation:urgent"), icon_name="warning", order=200),
        ModeratorsMenuItem(
            "Waiting for the next cycle",
            reverse("moderation:waiting"),
            icon_name="time",
            order=300,
        ),
        ModeratorsMenuItem(
            "Decisions", reverse("moderation:decisions"), icon_name="list-ul", order=400
        ),
        ModeratorsMenuItem(
            "Figures", reverse("moderation:dashboard"), icon_name="table", order=500
        ),
        ModeratorsMenuItem(
            "Submission cycles",
            reverse("moderation_cycles:index"),
            icon_name="date",
            order=600,
        ),
    ]
    return SubmenuMenuItem(
        "Listings moderation", Menu(items=items), icon_name="tasks", name="moderation", order=250
    )


# --- the audit log ----------------------------------------------------------------------------


class _ReasonFormatter(LogFormatter):
    """Shows the moderator's words in the page's history, where staff look for them."""

    prefix = ""

    def format_message(self, log_entry) -> str:
        data = log_entry.data or {}
        reason = data.get("reason")
        cycle = data.get("cycle")
        text = self.prefix + (f" in {cycle}" if cycle else "")
        return f"{text}: {reason}" if reason else text


@hooks.register("register_log_actions")
def register_moderation_log_actions(actions) -> None:
    @actions.register_action(services.ACTION_SUBMIT)
    class SubmitFormatter(LogFormatter):
        label = "Submit for review"

        def format_message(self, log_entry) -> str:
            data = log_entry.data or {}
            where = (
                f"for review in {data['cycle']}"
                if data.get("cycle")
                else "to wait for the next cycle"
            )
            text = f"Submitted {where}"
            if data.get("urgent_reason"):
                label = dict(UrgentReason.choices).get(data["urgent_reason"], "")
                text += f" (the provider says it is urgent: {label.lower()})"
            return text

    actions.register_action(
        services.ACTION_WITHDRAW,
        "Withdraw submission",
        "Submission replaced by a newer version before a decision",
    )

    @actions.register_action(services.ACTION_MARK_URGENT)
    class UrgentFormatter(LogFormatter):
        label = "Mark urgent"

        def format_message(self, log_entry) -> str:
            reason = (log_entry.data or {}).get("reason", "")
            label = dict(UrgentReason.choices).get(reason, reason)
            return f"Marked urgent and reviewed now: {label.lower()}"

    for action, label, prefix in (
        (services.ACTION_APPROVE, "Approve submission", "Approved and published"),
        (services.ACTION_REQUEST_CHANGES, "Request changes", "Changes requested"),
        (services.ACTION_REJECT, "Reject submission", "Rejected"),
    ):
        actions.register_action(action)(
            type(
                f"{prefix.replace(' ', '')}Formatter",
                (_ReasonFormatter,),
                {"label": label, "prefix": prefix},
            )
        )
    actions.register_action(
        services.ACTION_CYCLE_SCHEDULE, "Plan cycle", "Planned a submission cycle"
    )
    actions.register_action(
        services.ACTION_CYCLE_CHANGE, "Change cycle", "Changed a submission cycle's dates"
    )
    actions.register_action(services.ACTION_CYCLE_OPEN, "Open cycle", "Opened the cycle")
    actions.register_action(services.ACTION_CYCLE_CLOSE, "Close cycle", "Closed the cycle")


# --- "Submit for review" in the page editor ---------------------------------------------------


def _is_directory_page(page) -> bool:

    return isinstance(page.specific_deferred, (OrganisationPage, ServicePage))


def _creates_directory_page(parent) -> bool:

    return isinstance(parent.specific_deferred, (OrganisationIndexPage, OrganisationPage))


class SubmitForReviewMenuItem(ActionMenuItem):
    """Saves the draft, then goes to the submit screen (see `after_edit_page` below).

    Shown to anyone who can edit a directory page: providers, and moderators, who no
    longer publish from the editor either (docs/decisions/0004).
    """

    label = "Submit for review"
    name = SUBMIT_ACTION
    icon_name = "resubmit"

    def is_shown(self, context) -> bool:
        user = context["request"].user
        if context["view"] == "create":
            parent = context["parent_page"]
            return (
                _creates_directory_page(parent)
                and parent.permissions_for_user(user).can_add_subpage()
            )
        if context["view"] != "edit" or context.get("locked_for_user"):
            return False
        page = context["page"]
        return (
            _is_directory_page(page) and self.get_user_page_permissions_tester(context).can_edit()
        )


@hooks.register("register_page_action_menu_item")
def register_submit_for_review_menu_item():
    return SubmitForReviewMenuItem(order=10)


def _go_to_submit(request, page):
    if request.method == "POST" and request.POST.get(SUBMIT_ACTION) and _is_directory_page(page):
        return HttpResponseRedirect(reverse("moderation:submit", args=[page.pk]))
    return None


@hooks.register("after_edit_page")
def submit_after_edit(request, page):
    return _go_to_submit(request, page)


@hooks.register("after_create_page")
def submit_after_create(request, page):
    return _go_to_submit(request, page)


# --- home panels ------------------------------------------------------------------------------


class ProviderListingsPanel(Component):
    """For providers: the cycle, each listing's state, the moderator's words, what next."""

    name = "moderation_provider_listings"
    order = 60
    template_name = "moderation/admin/home_provider_panel.html"

    def __init__(self, listings) -> None:
        self.listings = listings

    def get_context_data(self, parent_context):

        pages = [page for _organisation, pages in self.listings for page in pages]
        states = listing_states(pages)
        cycle = current_cycle()
        return {
            "organisations": [
                (organisation, [(page, states[page.pk]) for page in pages])
                for organisation, pages in self.listings
            ],
            "cycle": cycle,
            "in_cycle": cycle is not None and cycle.accepts_submissions_on(timezone.localdate()),
            "next_cycle": next_cycle(),
        }


class ModeratorSummaryPanel(Component):
    """For moderators: what needs them now, and the figures page."""

    name = "moderation_summary"
    order = 60
    template_name = "moderation/admin/home_moderator_panel.html"

    def get_context_data(self, parent_context):

        figures = [row for row in cycle_figures(limit=2) if row.cycle is not None]
        return {
            "counts": queue_counts(),
            "cycle": current_cycle(),
            "next_cycle": next_cycle(),
            "figures": figures[-1] if figures else None,
        }


@hooks.register("construct_homepage_panels")
def add_moderation_panels(request, panels) -> None:

    if can_moderate(request.user):
        panels.append(ModeratorSummaryPanel())
    listings = provider_listings(request.user)
    if listings:
        panels.append(ProviderListingsPanel(listings))
