"""One rate limiter counts people: by the client's address as allauth reads it, per window."""

import pytest
import time_machine
from django.test import Client, RequestFactory

from localoffer.core import ratelimit

PROXY = "10.0.0.5"  # the load balancer: every request reaches the site from it
API = "/api/oruk/"


def test_hits_are_counted_until_the_limit_and_the_window_starts_at_the_first():
    with time_machine.travel("2026-03-02 10:00:00", tick=False) as traveller:
        usages = [ratelimit.hit("form:a", limit=2, window=60) for _ in range(3)]
        assert [usage.count for usage in usages] == [1, 2, 3]
        assert [usage.exceeded for usage in usages] == [False, False, True]
        assert usages[1].used_up and usages[1].remaining == 0
        traveller.shift(45)
        later = ratelimit.hit("form:a", limit=2, window=60)
        assert later.exceeded and later.retry_after == 15
        traveller.shift(16)
        assert ratelimit.hit("form:a", limit=2, window=60).count == 1  # a new window


def test_peeking_does_not_count_and_keys_are_apart():
    ratelimit.hit("form:a", limit=1, window=60)
    assert ratelimit.peek("form:a", limit=1, window=60).used_up
    assert ratelimit.peek("form:a", limit=1, window=60).count == 1
    assert not ratelimit.peek("form:b", limit=1, window=60).used_up


def test_the_client_address_is_the_connection_without_trusted_proxies(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    request = RequestFactory().get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="203.0.113.9")
    assert ratelimit.client_address(request) == PROXY


def test_behind_a_trusted_proxy_the_client_address_is_the_one_it_forwarded(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    # A client may send its own X-Forwarded-For; the proxy appends the real address last.
    request = RequestFactory().get(
        "/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.20"
    )
    assert ratelimit.client_address(request) == "198.51.100.20"


@pytest.mark.django_db
def test_two_families_behind_one_trusted_proxy_are_counted_apart(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    settings.ORUK_RATE_LIMIT = 1
    first = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1")
    second = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert first.get(API).status_code == 200
    assert second.get(API).status_code == 200
    assert first.get(API).status_code == 429


@pytest.mark.django_db
def test_an_untrusted_forwarded_address_is_ignored(settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    settings.ORUK_RATE_LIMIT = 1
    assert Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.1").get(API).status_code == (
        200
    )
    # A bot inventing a new address in the header for each request is still one client.
    refused = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2").get(API)
    assert refused.status_code == 429
