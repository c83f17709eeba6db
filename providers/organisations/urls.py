"""/for-providers/: registering an organisation, the listing terms, invitation links."""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from providers.organisations import views

app_name = "organisations"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/<id:pk>/done/", views.registered, name="registered"),
    path("terms/", views.terms, name="terms"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
