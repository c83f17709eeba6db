"""Fixtures for working out a budget (on top of tests/pricing/conftest.py and
tests/pricing/budgets/conftest.py's `council`).

questionnaire    the published questionnaire of tests/pricing/allocation/factories.py
coordinator      the assessment coordinator of users_by_role
panel_member     the panel member of users_by_role (no seats: tests give them)
"""

from __future__ import annotations

import pytest
from wagtail.models import Site

from pricing.allocation.models import QuestionnaireVersion
from tests.pricing.allocation.factories import make_questionnaire


@pytest.fixture
def council(home) -> Site:
    return Site.objects.get(is_default_site=True)


@pytest.fixture
def questionnaire(council) -> QuestionnaireVersion:
    return make_questionnaire(council)


@pytest.fixture
def coordinator(users_by_role):
    return users_by_role["coordinator"]


@pytest.fixture
def panel_member(users_by_role):
    return users_by_role["panel_member"]
