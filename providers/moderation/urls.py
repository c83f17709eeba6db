"""Admin URLs of moderation, mounted at /admin/moderation/ by moderation/wagtail_hooks.py.

Wagtail wraps them in its admin login and access check; each view then checks its own
rule (moderators only, or permission to edit the listing for the submit screen).
"""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from providers.moderation import views

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("urgent/", views.UrgentQueueView.as_view(), name="urgent"),
    path("waiting/", views.WaitingQueueView.as_view(), name="waiting"),
    path("review/<id:submission_id>/", views.ReviewView.as_view(), name="review"),
    path(
        "review/<id:submission_id>/urgent/",
        views.MarkUrgentView.as_view(),
        name="mark_urgent",
    ),
    path("decisions/", views.DecisionsView.as_view(), name="decisions"),
    path("figures/", views.DashboardView.as_view(), name="dashboard"),
    path(
        "cycles/<id:pk>/open/",
        views.CycleActionView.as_view(action="open"),
        name="cycle_open",
    ),
    path(
        "cycles/<id:pk>/close/",
        views.CycleActionView.as_view(action="close"),
        name="cycle_close",
    ),
    path("submit/<id:page_id>/", views.SubmitView.as_view(), name="submit"),
]
