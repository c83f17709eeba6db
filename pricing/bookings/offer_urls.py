"""The waiting-list offer in the email (OFFER_PATH in pricing.bookings.services.release),
included at /bookings/."""

from django.urls import path

from pricing.bookings.views import waiting

app_name = "waiting_offer"

urlpatterns = [
    path("waiting-list/<str:token>/", waiting.offer, name="offer"),
]
