"""Admin URLs of moderation, mounted at /admin/moderation/ by moderation/wagtail_hooks.py.

Wagtail wraps them in its admin login and access check; each view then checks its own
rule (moderators only, or permission to edit the listing for the submit screen). Each
list has a `..._results` twin that Wagtail's filters fetch to refresh the results alone.
"""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from providers.moderation import views

urlpatterns = [
    path("", views.QueueView.as_view(), name="queue"),
    path("results/", views.QueueView.as_view(results_only=True), name="queue_results"),
    path("urgent/", views.UrgentQueueView.as_view(), name="urgent"),
    path(
        "urgent/results/",
        views.UrgentQueueView.as_view(results_only=True),
        name="urgent_results",
    ),
    path("waiting/", views.WaitingQueueView.as_view(), name="waiting"),
    path(
        "waiting/results/",
        views.WaitingQueueView.as_view(results_only=True),
        name="waiting_results",
    ),
    path("review/<id:submission_id>/", views.ReviewView.as_view(), name="review"),
    path(
        "review/<id:submission_id>/urgent/",
        views.MarkUrgentView.as_view(),
        name="mark_urgent",
    ),
    path("decisions/", views.DecisionsView.as_view(), name="decisions"),
    path(
        "decisions/results/",
        views.DecisionsView.as_view(results_only=True),
        name="decisions_results",
    ),
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
