"""Factories for the marketplace: children, bookable offers and their sessions.

offer = BookableOfferFactory(service=service)            # sessions, card and invoice
hours = BookableOfferFactory(service=service, hours=True)
session = SessionFactory(offer=offer, capacity=10)       # in 3 days, 10:00 to 12:00
"""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from pricing.families.models import Child
from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer, Session
from tests.factories import UserFactory

NOW = timezone.make_aware(dt.datetime(2026, 3, 2, 9, 0))  # a Monday morning


class ChildFactory(DjangoModelFactory):
    family = factory.SubFactory(UserFactory)
    first_name = factory.Sequence(lambda n: f"Sam{n}")
    date_of_birth = dt.date(2015, 5, 1)

    class Meta:
        model = Child


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
