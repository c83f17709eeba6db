"""The provider's referrals area in the workspace (/admin/referrals/)."""

from pricing.referrals.admin_views.detail import AnswerView, CancelView, DetailView, ProfileView
from pricing.referrals.admin_views.lists import IndexView
from pricing.referrals.admin_views.refer import (
    CheckView,
    ChooseChildView,
    FindListingView,
    NoteView,
)

__all__ = [
    "AnswerView",
    "CancelView",
    "CheckView",
    "ChooseChildView",
    "DetailView",
    "FindListingView",
    "IndexView",
    "NoteView",
    "ProfileView",
]
