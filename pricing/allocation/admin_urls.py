"""The coordinator's area, at /admin/assessments/ (registered in
pricing/allocation/wagtail_hooks.py).

Assessments are addressed by their reference ("AS-7QX2MA"), which never looks like the
fixed words before it ("new", "sent")."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.allocation import admin_views as views

app_name = "assessment_admin"

urlpatterns: list = [
    path("", views.CaseloadView.as_view(), name="index"),
    path("new/", views.NewAssessmentView.as_view(), name="new"),
    path("sent/", views.SentView.as_view(), name="sent"),
    path("sent/<str:reference>/start/", views.StartFromSelfView.as_view(), name="start_from"),
    path("<str:reference>/", views.DetailView.as_view(), name="detail"),
    path("<str:reference>/questions/<id:number>/", views.QuestionView.as_view(), name="question"),
    path("<str:reference>/check/", views.CheckView.as_view(), name="check"),
    path("<str:reference>/complete/", views.CompleteView.as_view(), name="complete"),
    path("<str:reference>/withdraw/", views.WithdrawView.as_view(), name="withdraw"),
    path("<str:reference>/costed/", views.CostedView.as_view(), name="costed"),
    path("<str:reference>/panel/", views.SendToPanelView.as_view(), name="send_to_panel"),
    path(
        "<str:reference>/costed/outcomes/<id:outcome>/remove/",
        views.RemoveView.as_view(),
        name="remove_outcome",
    ),
    path(
        "<str:reference>/costed/lines/<id:line>/remove/",
        views.RemoveView.as_view(),
        name="remove_line",
    ),
]
