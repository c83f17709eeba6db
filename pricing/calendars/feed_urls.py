"""The feeds themselves, included at /calendar/: /calendar/<token>.ics."""

from django.urls import path

from pricing.calendars import views

urlpatterns = [
    path("<str:token>.ics", views.feed, name="calendar_feed"),
]
