"""Fixtures for the booking pages: the clock stopped at NOW, a signed-in family.

family          as tests/pricing/conftest.py's, with the name and address for its
                invoices already given (the journey asks for them only the first time:
                test_address_step.py)
family_client   a test client signed in as `family` (who has `child`)
book            the journey answered through its pages: book(client, session=, child=,
                places=, method=) -> the response to the last page's POST
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from pricing.invoices.services import save_customer_details
from tests.pricing.factories import NOW

ADDRESS = "1 Mill Lane\nNorthbridge\nNB1 4AA"


@pytest.fixture(autouse=True)
def _at_now() -> Iterator[None]:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def family(family):
    save_customer_details(user=family, name="Sam Parent", address=ADDRESS)
    return family


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def family_client(family, child) -> Client:
    return signed_in(family)


def step(name: str, service) -> str:
    return reverse(f"checkout:{name}", kwargs={"service": service.pk})


@pytest.fixture
def book() -> Callable[..., object]:
    def answer(client: Client, *, session, child, places: int = 1, method: str = "invoice"):
        service = session.offer.service
        client.post(step("session", service), {"session": session.pk})
        client.post(step("child", service), {"child": child.pk})
        client.post(step("places", service), {"places": places})
        answered = client.post(step("method", service), {"method": method})
        if answered.url == step("address", service):  # a family paying for the first time
            client.post(step("address", service), {"name": "Pat Parent", "address": ADDRESS})
        page = client.get(step("check", service))
        assert page.status_code == 200, page
        return client.post(step("check", service), {"token": page.context["token"]})

    return answer
