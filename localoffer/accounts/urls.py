"""Our own account pages at /account/; allauth's (sign in, sign up, ...) follow them."""

from django.urls import path

from localoffer.accounts import views

urlpatterns = [
    path("", views.account_home, name="account_home"),
    path("signed-out/", views.signed_out, name="account_signed_out"),
]
