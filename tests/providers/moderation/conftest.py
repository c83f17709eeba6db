"""Fixtures shared by the moderation tests: the people from tests/conftest.py by role."""

import pytest


@pytest.fixture
def moderator(users_by_role):
    return users_by_role["moderator"]


@pytest.fixture
def provider(users_by_role):
    """A member (not an admin) of the conftest's organisation."""
    return users_by_role["provider"]
