"""/listings/<page id>/report/: the public "Report a problem with this listing" form."""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from providers.moderation.reports import views

app_name = "reports"
urlpatterns = [
    path("<id:page_id>/report/", views.report_problem, name="report"),
    path("<id:page_id>/report/sent/", views.report_sent, name="sent"),
]
