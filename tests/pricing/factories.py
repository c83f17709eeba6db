"""Factories for the marketplace: children and profiles, bookable offers and their sessions.

offer = BookableOfferFactory(service=service)            # sessions, card and invoice
hours = BookableOfferFactory(service=service, hours=True)
session = SessionFactory(offer=offer, capacity=10)       # in 3 days, 10:00 to 12:00
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from pricing.families.models import Child, OnePageProfile
from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer, Session
from tests.factories import UserFactory

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))  # a Monday morning


def born_years_ago(years: int, *, days: int = 0) -> dt.date:
    """A date of birth `years` whole years before today (minus `days`)."""
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        born = today.replace(year=today.year - years, day=28)
    return born - dt.timedelta(days=days)


class ChildFactory(DjangoModelFactory):
    family = factory.SubFactory(UserFactory)
    first_name = factory.Sequence(lambda n: f"Child{n}")
    date_of_birth = factory.LazyFunction(lambda: born_years_ago(9))

    class Meta:
        model = Child


class OnePageProfileFactory(DjangoModelFactory):
    child = factory.SubFactory(ChildFactory)
    like_and_admire = "I am funny and I know every bus route in town."
    important_to_me = "My dog, Biscuit, and knowing what happens next."
    how_to_support = "Short instructions. Tell me before things change."

    class Meta:
        model = OnePageProfile


class BookableOfferFactory(DjangoModelFactory):
    """A sessions offer on `service` at the price of its first cost option."""

    kind = OfferKind.SESSIONS
    organisation = factory.LazyAttribute(lambda o: o.service.organisation)
    cost_option = factory.LazyAttribute(lambda o: o.service.cost_options.first())
    accepts_card = True
    accepts_invoice = True
    cancellation_policy = CancellationPolicy.FREE_48_NONE

    class Meta:
        model = BookableOffer

    class Params:
        hours = factory.Trait(kind=OfferKind.HOURS)


class SessionFactory(DjangoModelFactory):
    offer = factory.SubFactory(BookableOfferFactory)
    starts_at = NOW + dt.timedelta(days=3, hours=1)
    ends_at = factory.LazyAttribute(lambda o: o.starts_at + dt.timedelta(hours=2))
    online = True
    capacity = 10

    class Meta:
        model = Session
