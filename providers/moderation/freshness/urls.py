"""/listings/confirm/<token>/: confirm a listing from the link in the cycle's email."""

from django.urls import path

from providers.moderation.freshness import views

app_name = "freshness"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm_by_link, name="confirm"),
]
