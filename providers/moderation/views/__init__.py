"""Admin screens of moderation, one module per use case (see `views.base` for who may see them)."""

from providers.moderation.views.cycles import CycleActionView
from providers.moderation.views.queue import (
    DashboardView,
    DecisionsView,
    QueueView,
    UrgentQueueView,
    WaitingQueueView,
)
from providers.moderation.views.review import MarkUrgentView, ReviewView
from providers.moderation.views.submit import SubmitView

__all__ = [
    "CycleActionView",
    "DashboardView",
    "DecisionsView",
    "MarkUrgentView",
    "QueueView",
    "ReviewView",
    "SubmitView",
    "UrgentQueueView",
    "WaitingQueueView",
]
