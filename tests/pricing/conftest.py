"""Fixtures of the marketplace tests (see tests/pricing/factories.py).

now        a fixed moment (Monday 2 March 2026, 09:00 London) every service is called with
family     a family with a child (`child`); `other_child` belongs to another family
provider   a member of `organisation`, which runs `service`
offer      a sessions offer on `service` (£24 a place, card and invoice, free until 48 h)
session    a session of `offer` in 3 days with 3 places
"""

import pytest

from providers.organisations.access import grant_organisation_access
from tests.factories import UserFactory
from tests.pricing.factories import NOW, BookableOfferFactory, ChildFactory, SessionFactory


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def family(db):
    return UserFactory(email="parent@example.org")


@pytest.fixture
def child(family):
    return ChildFactory(family=family, first_name="Amira")


@pytest.fixture
def other_child(db):
    return ChildFactory(first_name="Ben")


@pytest.fixture
def provider(organisation):
    user = UserFactory(email="staff@playclub.example.org")
    grant_organisation_access(organisation=organisation, user=user, admin=False)
    return user


@pytest.fixture
def offer(service):
    return BookableOfferFactory(service=service)


@pytest.fixture
def session(offer):
    return SessionFactory(offer=offer, capacity=3)
