"""The directory search page and the shortlist, under /services/ (before providers.urls)."""

from django.urls import path

from search import views

app_name = "search"

urlpatterns = [
    path("", views.services, name="services"),
    path("shortlist/", views.shortlist_page, name="shortlist"),
    path("shortlist/add/", views.shortlist_add, name="shortlist_add"),
    path("shortlist/remove/", views.shortlist_remove, name="shortlist_remove"),
    path("shortlist/clear/", views.shortlist_clear, name="shortlist_clear"),
    path("shortlist/print/", views.shortlist_print, name="shortlist_print"),
    path("shortlist/email/", views.shortlist_email, name="shortlist_email"),
    path("shortlist/email/sent/", views.shortlist_email_sent, name="shortlist_email_sent"),
]
