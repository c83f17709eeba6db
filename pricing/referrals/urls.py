"""The family's referrals, included at /account/referrals/."""

from django.urls import path

from pricing.referrals import views

app_name = "referrals"

urlpatterns = [
    path("", views.referral_list, name="list"),
    path("<str:reference>/", views.detail, name="detail"),
    path("<str:reference>/withdraw/", views.withdraw, name="withdraw"),
]
