"""/feedback/: the form's own page and POST target, and the thank-you page."""

from django.urls import path

from localoffer.feedback import views

app_name = "feedback"
urlpatterns = [
    path("", views.submit, name="submit"),
    path("thanks/", views.thanks, name="thanks"),
]
