"""On PostgreSQL, many families asking for the last places at once: exactly the capacity
is booked (row locks in the transaction that creates each hold)."""

import datetime as dt
import threading

import pytest
from django.db import connection, connections

from pricing.bookings.models import Booking
from pricing.bookings.services import BookingError, hold_places
from pricing.payments.models import PaymentMethod
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    ServicePageFactory,
    UserFactory,
    site_tree,
)
from tests.pricing.factories import NOW, BookableOfferFactory, ChildFactory, SessionFactory

# serialized_rollback: the flush after a transactional test must give back the rows the
# migrations made (the root page, the groups), which the tests after it on this worker need.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="SQLite has no row locks; run with DATABASE_URL pointing at PostgreSQL",
    ),
]


def test_fifty_parallel_attempts_on_ten_places_book_exactly_ten():
    home = site_tree()
    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=home), verified=True
    )
    offer = BookableOfferFactory(service=ServicePageFactory(parent=organisation))
    session = SessionFactory(offer=offer, capacity=10)
    children = [ChildFactory(family=UserFactory()) for _ in range(50)]
    start = threading.Barrier(50)
    outcomes: list[str] = []
    lock = threading.Lock()

    def attempt(child) -> None:
        try:
            start.wait()
            hold_places(
                family=child.family,
                child=child,
                session=session,
                places=1,
                method=PaymentMethod.INVOICE,
                now=NOW + dt.timedelta(seconds=1),
            )
            result = "booked"
        except BookingError:
            result = "full"
        finally:
            connections.close_all()
        with lock:
            outcomes.append(result)

    threads = [threading.Thread(target=attempt, args=(c,)) for c in children]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("booked") == 10
    assert outcomes.count("full") == 40
    assert Booking.objects.filter(session=session).count() == 10
