"""/listings/<page id>/report/: the public "Report a problem with this listing" form."""

from django.urls import path

from providers.moderation.reports import views

app_name = "reports"
urlpatterns = [
    path("<int:page_id>/report/", views.report_problem, name="report"),
    path("<int:page_id>/report/sent/", views.report_sent, name="sent"),
]
