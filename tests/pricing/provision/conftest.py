"""Listings for the provision map: `make_listing(organisation, categories, options)` makes a
published listing whose cost options are (amount or None for free, unit, direct payment),
with its publish signals run (the map follows them on commit)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from providers.models import Category, ServicePage
from tests.factories import CostOptionFactory, ServicePageFactory


@pytest.fixture
def make_listing(django_capture_on_commit_callbacks) -> Callable[..., Any]:
    def make(
        organisation: Any,
        categories: list[Any],
        options: list[tuple[Decimal | None, str, bool]],
        **fields: Any,
    ) -> Any:
        page = ServicePageFactory(
            parent=organisation, categories=categories, cost_options=[], **fields
        )
        for amount, unit, direct in options:
            CostOptionFactory(
                service=page,
                is_free=amount is None,
                amount=amount,
                unit=unit,
                direct_payment_eligible=direct,
            )
        page = ServicePage.objects.get(pk=page.pk)
        with django_capture_on_commit_callbacks(execute=True):
            page.save_revision().publish()
        return page

    return make


@pytest.fixture
def therapy(db):
    return Category.objects.get(slug="speech-and-language-therapy")


@pytest.fixture
def clubs(db):
    return Category.objects.get(slug="after-school-clubs")
