"""Factories for the marketplace's family records."""

import datetime as dt

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from pricing.families.models import Child, OnePageProfile
from tests.factories import UserFactory


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
