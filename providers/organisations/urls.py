"""/for-providers/: registering an organisation, the listing terms, invitation links."""

from django.urls import path

from providers.organisations import views

app_name = "organisations"
urlpatterns = [
    path("register/", views.register, name="register"),
    path("register/<int:pk>/done/", views.registered, name="registered"),
    path("terms/", views.terms, name="terms"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
