"""The budget questionnaire in the council's admin: its versions, each shown whole, and the
forms that change a draft, publish it or delete it.

Only site administrators configure the tool (`selectors.can_configure`): the people who
assess and decide do not also set it. Anyone else who reached the admin is refused (403).
A published version is frozen: its pages show no edit links, and its edit addresses are
refused too (the rows would refuse the change anyway).

One form view serves every part (domain, question, answer, age adjustment, band), told
apart by `KINDS`; one confirmation view serves every button that needs a second look.
"""

from pricing.allocation.questionnaire_admin_views.actions import (
    DeleteDraftView,
    DeletePartView,
    NewDraftView,
    PartView,
    PublishView,
)
from pricing.allocation.questionnaire_admin_views.pages import IndexView, VersionView

__all__ = [
    "DeleteDraftView",
    "DeletePartView",
    "IndexView",
    "NewDraftView",
    "PartView",
    "PublishView",
    "VersionView",
]
