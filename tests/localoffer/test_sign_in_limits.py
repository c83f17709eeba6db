"""Sign-in limits lock the account that was guessed at, not everyone behind its address.

Found by trying the site from outside: wrong authenticator codes counted towards the
per-address sign-in limit, so after a few wrong codes every sign-in from that address was
refused, including other people's with the right password. A school, library or council
office shares one address (the test client's, 127.0.0.1, for everyone here).
"""

import time

import pytest
from django.test import Client
from django.urls import reverse

from localoffer.roles import MODERATORS
from tests.factories import PASSWORD, UserFactory, site_roles, totp_code

pytestmark = pytest.mark.django_db

LOGIN = "/account/login/"
TOO_MANY = "You have tried"


@pytest.fixture
def moderators(home):
    return site_roles()[MODERATORS]


def a_wrong_code() -> str:
    """A 6-digit code that is not valid now, nor in the window either side of now."""
    valid = {totp_code(at=time.time() + offset) for offset in (-30, 0, 30, 60)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


def signed_in(client: Client) -> bool:
    return "_auth_user_id" in client.session


def password_step(client: Client, email: str, password: str = PASSWORD):
    return client.post(LOGIN, {"login": email, "password": password})


def code_step(client: Client, code: str):
    return client.post(reverse("mfa_authenticate"), {"code": code})


def test_wrong_codes_do_not_stop_other_people_at_the_same_address(moderators):
    guessed_at = [
        UserFactory(email=f"staff{n}@northbridge.example", groups=[moderators]) for n in range(3)
    ]
    family = UserFactory(email="family@example.org")
    colleague = UserFactory(email="colleague@northbridge.example", groups=[moderators])

    # Three accounts each get five wrong codes: fifteen from one address in a minute.
    for person in guessed_at:
        client = Client()
        assert password_step(client, person.email)["Location"].startswith(
            reverse("mfa_authenticate")
        )
        for _attempt in range(5):
            assert code_step(client, a_wrong_code()).status_code == 200
        # That account's code step is now locked, even for the right code.
        locked = code_step(client, totp_code())
        assert TOO_MANY in locked.content.decode()
        assert not signed_in(client)

    # Other people at the same address sign in as usual.
    family_client = Client()
    assert password_step(family_client, family.email).status_code == 302
    assert signed_in(family_client)
    colleague_client = Client()
    password_step(colleague_client, colleague.email)
    assert code_step(colleague_client, totp_code()).status_code == 302
    assert signed_in(colleague_client)


def test_a_shared_address_survives_many_people_mistyping_their_password(home):
    """Twenty people behind one address each mistype once; the next signs in."""
    for n in range(20):
        person = UserFactory(email=f"parent{n}@example.org")
        response = password_step(Client(), person.email, "not my password")
        assert "The email address or password is not right" in response.content.decode()
    latecomer = UserFactory(email="latecomer@example.org")
    client = Client()
    assert password_step(client, latecomer.email).status_code == 302
    assert signed_in(client)


def test_a_right_code_clears_the_accounts_count(moderators):
    staff = UserFactory(email="staff@northbridge.example", groups=[moderators])
    client = Client()
    password_step(client, staff.email)
    for _attempt in range(4):
        code_step(client, a_wrong_code())
    assert code_step(client, totp_code()).status_code == 302
    client.post(reverse("account_logout"))

    again = Client()
    password_step(again, staff.email)
    for _attempt in range(4):
        assert TOO_MANY not in code_step(again, a_wrong_code()).content.decode()
