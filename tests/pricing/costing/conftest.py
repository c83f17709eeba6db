"""Fixtures of costings: `costing` is the worked example as a draft of `organisation`,
made by `provider` (a member of its team); `swim` and `respite` are its services."""

from __future__ import annotations

import pytest

from pricing.costing.models import CostedService
from tests.pricing.costing.factories import worked_example_costing


@pytest.fixture
def costing(organisation, provider):
    return worked_example_costing(organisation, provider)


@pytest.fixture
def swim(costing):
    return CostedService.objects.get(costing=costing, name="Swim Club")


@pytest.fixture
def respite(costing):
    return CostedService.objects.get(costing=costing, name="Respite sitting")
