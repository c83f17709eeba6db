"""The resource panel in the council's admin, at /admin/panel/ (panel_admin_urls.py)."""

from pricing.allocation.panel_admin_views.cases import (
    CaseView,
    DecidedView,
    LetterView,
    WaitingView,
)
from pricing.allocation.panel_admin_views.figures import FiguresView
from pricing.allocation.panel_admin_views.seats import SeatEditView, SeatNewView, SeatsView

__all__ = [
    "CaseView",
    "DecidedView",
    "FiguresView",
    "LetterView",
    "SeatEditView",
    "SeatNewView",
    "SeatsView",
    "WaitingView",
]
