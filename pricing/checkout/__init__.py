"""The family's booking journey for sessions (/book/), the card payment page and the
confirmation page. One question per page; the answers wait in the signed-in session until
the last page makes the booking (docs/decisions/0013-bookings.md, "The booking journey")."""
