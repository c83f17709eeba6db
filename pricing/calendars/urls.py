"""The family's calendar page, included at /account/calendar/."""

from django.urls import path

from pricing.calendars import views

app_name = "calendars"

urlpatterns = [
    path("", views.family_calendar, name="family"),
]
