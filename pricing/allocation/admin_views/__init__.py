"""The assessment coordinator's area in the Wagtail admin: the caseload, the
self-assessments families sent, the questionnaire, the working and costed provision."""

from pricing.allocation.admin_views.assessment import (
    CheckView,
    CompleteView,
    DetailView,
    QuestionView,
    WithdrawView,
)
from pricing.allocation.admin_views.caseload import (
    CaseloadView,
    NewAssessmentView,
    SentView,
    StartFromSelfView,
)
from pricing.allocation.admin_views.costing import CostedView, RemoveView
from pricing.allocation.admin_views.panel import SendToPanelView

__all__ = [
    "CaseloadView",
    "CheckView",
    "CompleteView",
    "CostedView",
    "DetailView",
    "NewAssessmentView",
    "QuestionView",
    "RemoveView",
    "SendToPanelView",
    "SentView",
    "StartFromSelfView",
    "WithdrawView",
]
