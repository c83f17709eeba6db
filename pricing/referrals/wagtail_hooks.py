"""The provider's referrals area in the workspace: its addresses, its menu item, and the
names of its audit entries.

Imported by pricing/wagtail_hooks.py (Wagtail loads only the app's own hooks module).
The menu item shows only to people in an organisation's team; every view checks again.
"""

from __future__ import annotations

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.offers.admin_views import TeamMenuItem
from pricing.referrals import admin_views as views
from pricing.referrals.services.common import ACTION

STEP = "new/<id:organisation>/<id:child>/"

referral_urls = (
    [
        path("", views.IndexView.as_view(), name="index"),
        path("new/", views.ChooseChildView.as_view(), name="new"),
        path(STEP, views.FindListingView.as_view(), name="find"),
        path(f"{STEP}<id:service>/", views.NoteView.as_view(), name="note"),
        path(f"{STEP}<id:service>/check/", views.CheckView.as_view(), name="check"),
        path("<id:pk>/", views.DetailView.as_view(), name="detail"),
        path("<id:pk>/answer/", views.AnswerView.as_view(), name="answer"),
        path("<id:pk>/cancel/", views.CancelView.as_view(), name="cancel"),
        path("<id:pk>/profile/", views.ProfileView.as_view(), name="profile"),
    ],
    "provider_referrals",
)

LOG_ACTIONS = {
    "made": ("Referral made", "A provider referred a family; the family is asked to agree"),
    "sent": ("Referral agreed and sent", "The family agreed and the referral was sent"),
    "declined_by_family": ("Referral refused by the family", "The family said no"),
    "accepted": ("Referral accepted", "The receiving organisation accepted the referral"),
    "declined": ("Referral declined", "The receiving organisation declined the referral"),
    "booked": ("Referral booked", "The family booked the service it was referred to"),
    "withdrawn": ("Referral withdrawn", "The family withdrew the referral"),
    "cancelled": ("Referral cancelled", "The referring organisation cancelled the referral"),
}


@hooks.register("register_admin_urls")
def register_referral_admin_urls() -> list:
    return [path("referrals/", include(referral_urls))]


@hooks.register("register_admin_menu_item")
def register_referrals_menu_item() -> MenuItem:
    return TeamMenuItem(
        "Referrals",
        reverse("provider_referrals:index"),
        name="referrals",
        icon_name="mail",
        order=158,
    )


@hooks.register("register_log_actions")
def register_referral_log_actions(actions) -> None:
    for event, (label, message) in LOG_ACTIONS.items():
        actions.register_action(ACTION + event, label, message)
