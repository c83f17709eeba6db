"""Accounts: signing up, in and out, passwords, email addresses and two-factor sign-in.

Everyone signs in through allauth on the site's own pages. Council staff must use an
authenticator app (TOTP) before the admin opens; everyone else may. These tests go
through the pages the way a person would: the real forms, the real emails and links,
the real TOTP code computed from the secret (never a mock of the code check).
"""

import re
from urllib.parse import urlsplit

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django.utils.html import escape

from localoffer.accounts.middleware import SET_UP_MESSAGE
from localoffer.accounts.services import set_up_authenticator_app
from localoffer.core.mail import service_name
from localoffer.demo.directory.organisations import PROVIDER_ADMIN_ORGANISATION
from localoffer.demo.users import DEMO_TOTP_SECRET, DEMO_USERS, demo_totp_code, ensure_demo_users
from localoffer.roles import CONTENT_EDITORS, MODERATORS, is_council_staff
from tests.factories import PASSWORD, TOTP_SECRET, UserFactory, site_roles, totp_code

NEW_PASSWORD = "a-brand-new-long-passphrase"
LOGIN = "/account/login/"
ADMIN = "/admin/"


@pytest.fixture
def roles(home):
    return site_roles()


def signed_in_user_id(client: Client):
    return client.session.get("_auth_user_id")


def sign_in(client: Client, email: str, password: str = PASSWORD, **extra):
    return client.post(LOGIN, {"login": email, "password": password, **extra})


def link_in(body: str) -> str:
    """The path of the (one) link to this site in an email."""
    urls = re.findall(r"http://testserver(/\S+)", body)
    assert urls, body
    return urls[0]


def error_summary_links(html: str) -> list[tuple[str, str]]:
    summary = re.search(r'<div class="govuk-error-summary".*?</ul>', html, re.S)
    assert summary, "no GOV.UK error summary on the page"
    return re.findall(r'<li><a href="(#[^"]+)">([^<]+)</a></li>', summary.group(0))


def a_wrong_code() -> str:
    """A 6-digit code that is not valid now, nor in the window either side of now."""
    import time

    valid = {totp_code(at=time.time() + offset) for offset in (-30, 0, 30, 60)}
    return next(code for code in ("000000", "111111", "222222") if code not in valid)


# --- signing up -----------------------------------------------------------------------------


def test_sign_up_confirm_the_email_link_then_sign_in(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "Parent@Example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None  # nobody is signed in before confirming
    assert "Check your email" in client.get(response["Location"]).content.decode()

    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["parent@example.org"]
    assert email.subject == f"Confirm your email address for {service_name()}"
    confirm_path = link_in(email.body)
    assert confirm_path.startswith("/account/confirm-email/")

    # Opening the link only shows a button: mail scanners follow links too.
    page = client.get(confirm_path)
    assert page.status_code == 200
    assert "Confirm that <strong>parent@example.org</strong> is your email address" in (
        page.content.decode()
    )
    assert not EmailAddress.objects.get(email="parent@example.org").verified
    confirmed = client.post(confirm_path)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="parent@example.org").verified

    signed_in = sign_in(client, "parent@example.org", NEW_PASSWORD)
    assert signed_in.status_code == 302
    assert signed_in["Location"] == reverse("account_home")
    assert signed_in_user_id(client) is not None
    account = client.get(reverse("account_home")).content.decode()
    assert '<h1 class="govuk-heading-l">Your account</h1>' in account
    assert "parent@example.org" in account


def test_an_unconfirmed_account_cannot_sign_in(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    UserFactory(email="new@example.org", verified_email=False)

    with django_capture_on_commit_callbacks(execute=True):
        response = sign_in(client, "new@example.org")

    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert signed_in_user_id(client) is None
    # They are sent a fresh link, since they may have lost the first.
    assert [message.to for message in mailoutbox] == [["new@example.org"]]
    assert "/account/confirm-email/" in mailoutbox[0].body
    assert client.get(reverse("account_home"))["Location"].startswith(LOGIN)


def test_signing_up_with_a_taken_address_does_not_say_so_on_the_page(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    """The page must not tell a stranger who has an account; the owner is emailed instead."""
    UserFactory(email="taken@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("account_signup"),
            {"email": "taken@example.org", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert response["Location"] == reverse("account_email_verification_sent")
    assert get_user_model().objects.filter(email__iexact="taken@example.org").count() == 1
    assert mailoutbox[0].subject == f"You already have an account on {service_name()}"
    assert "http://testserver/account/password/reset/" in mailoutbox[0].body


def test_a_failed_sign_up_shows_the_error_summary_and_plain_english(client, home):
    response = client.post(
        reverse("account_signup"),
        {"email": "not-an-address", "password1": NEW_PASSWORD, "password2": "something else"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Create an account" in html
    assert error_summary_links(html) == [
        ("#id_email", "Enter an email address in the correct format, like name@example.com"),
        ("#id_password2", "You must type the same password each time."),
    ]
    assert 'aria-describedby="id_email-hint id_email-error"' in html
    assert not get_user_model().objects.filter(email="not-an-address").exists()

    empty = client.post(reverse("account_signup"), {}).content.decode()
    assert ("#id_email", "Enter your email address") in error_summary_links(empty)
    assert ("#id_password1", "Enter a password") in error_summary_links(empty)


def test_too_many_sign_ups_from_one_address_get_a_plain_english_429(client, home, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "2/m/ip"}
    for attempt in range(2):
        assert client.post(reverse("account_signup"), {"email": f"a{attempt}"}).status_code == 200
    refused = client.post(reverse("account_signup"), {"email": "a3@example.org"})
    assert refused.status_code == 429
    html = refused.content.decode()
    assert '<h1 class="govuk-heading-l">You have tried too many times</h1>' in html
    assert "Wait a few minutes, then try again." in html


# --- signing in -------------------------------------------------------------------------------


def test_a_failed_sign_in_shows_the_error_summary(client, home):
    UserFactory(email="family@example.org")
    response = sign_in(client, "family@example.org", "wrong password")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Sign in" in html
    assert error_summary_links(html) == [
        ("#id_login", "The email address or password is not right. Check them and try again.")
    ]
    assert 'class="govuk-form-group govuk-form-group--error"' in html
    assert signed_in_user_id(client) is None


def test_too_many_wrong_passwords_lock_sign_in_for_that_account(client, home):
    UserFactory(email="family@example.org")
    for _attempt in range(5):
        html = sign_in(client, "family@example.org", "guess").content.decode()
        assert "The email address or password is not right" in html

    # Even the right password is refused now, with a message that says what to do.
    response = sign_in(client, "family@example.org", PASSWORD)
    assert response.status_code == 200
    assert signed_in_user_id(client) is None
    assert error_summary_links(response.content.decode()) == [
        (
            "#id_login",
            "You have tried to sign in too many times. Wait 5 minutes, then try again. "
            "If you have forgotten your password, you can reset it.",
        )
    ]
    # Another account is not affected.
    UserFactory(email="other@example.org")
    assert sign_in(Client(), "other@example.org").status_code == 302


def test_a_family_signs_in_without_two_factor_but_gets_no_admin(client, home):
    UserFactory(email="family@example.org")
    response = sign_in(client, "family@example.org")
    assert response["Location"] == reverse("account_home")
    assert signed_in_user_id(client) is not None

    admin = client.get(ADMIN)
    assert admin.status_code == 302
    assert admin["Location"].startswith(f"{LOGIN}?next=")
    page = client.get(admin["Location"]).content.decode()
    assert "You are signed in as family@example.org" in page
    assert client.get("/admin/pages/")["Location"].startswith(LOGIN)


def test_wagtails_own_sign_in_form_is_not_a_way_round_two_factor(client, roles):
    UserFactory(email="moderator@example.org", groups=[roles[MODERATORS]])
    response = client.post(
        "/admin/login/?next=/admin/pages/",
        {"username": "moderator@example.org", "password": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN}?next=%2Fadmin%2Fpages%2F"
    assert signed_in_user_id(client) is None


# --- two-factor authentication ------------------------------------------------------------------


def test_staff_with_an_authenticator_must_give_a_correct_code(client, roles):
    staff = UserFactory(email="moderator@example.org", groups=[roles[MODERATORS]])
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()

    response = client.post(
        f"{LOGIN}?next=/admin/", {"login": staff.email, "password": PASSWORD, "next": "/admin/"}
    )
    assert response["Location"].startswith(reverse("mfa_authenticate"))
    assert signed_in_user_id(client) is None  # the password alone is not enough
    assert client.get(ADMIN)["Location"].startswith(LOGIN)

    page = client.get(reverse("mfa_authenticate")).content.decode()
    assert "Enter the code from your authenticator app" in page

    wrong = client.post(reverse("mfa_authenticate"), {"code": a_wrong_code()})
    assert wrong.status_code == 200
    assert signed_in_user_id(client) is None
    assert error_summary_links(wrong.content.decode()) == [
        (
            "#id_code",
            "The code is not right. Enter the 6-digit code your authenticator app shows now.",
        )
    ]

    right = client.post(reverse("mfa_authenticate"), {"code": totp_code()})
    assert right.status_code == 302
    assert right["Location"] == ADMIN
    assert int(signed_in_user_id(client)) == staff.pk
    assert client.get(ADMIN).status_code == 200


def test_staff_without_an_authenticator_must_set_one_up_before_the_admin(client, roles):
    staff = UserFactory(email="editor@example.org", groups=[roles[CONTENT_EDITORS]], totp=False)
    assert sign_in(client, staff.email)["Location"] == reverse("account_home")

    for url in (ADMIN, "/admin/pages/", "/admin/images/", "/admin/pages/2/edit/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url
    assert client.post("/admin/pages/2/edit/", {"title": "Hacked"})["Location"] == reverse(
        "mfa_activate_totp"
    )

    # Their own account pages stay open, with a clear message. Changing how they sign in
    # needs their password again (allauth does not count the sign-in itself).
    confirm = client.get(reverse("mfa_activate_totp"), follow=True)
    assert confirm.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    assert escape(SET_UP_MESSAGE) in confirm.content.decode()
    setup = client.post(confirm.redirect_chain[-1][0], {"password": PASSWORD}, follow=True)
    assert setup.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    html = setup.content.decode()
    assert '<h1 class="govuk-heading-l">Set up an authenticator app</h1>' in html
    assert '<img src="data:image/svg+xml;base64,' in html
    # The setup key is shown as text beside the QR code, for people who cannot scan it.
    shown_key = re.search(r'<code class="app-setup-key">([A-Z2-7 ]+)</code>', html).group(1)
    secret = shown_key.replace(" ", "")
    assert client.get(reverse("account_home")).status_code == 200

    wrong = client.post(reverse("mfa_activate_totp"), {"code": a_wrong_code()})
    assert wrong.status_code == 200
    assert not Authenticator.objects.filter(user=staff).exists()

    done = client.post(reverse("mfa_activate_totp"), {"code": totp_code(secret)})
    assert done.status_code == 302
    assert Authenticator.objects.filter(user=staff, type=Authenticator.Type.TOTP).exists()
    assert client.get(ADMIN).status_code == 200


def test_two_factor_is_optional_for_providers(client_for, users_by_role):
    provider = users_by_role["provider_admin"]
    assert not is_council_staff(provider)
    assert not Authenticator.objects.filter(user=provider).exists()
    assert client_for("provider_admin").get(ADMIN).status_code == 200


def test_every_council_role_counts_as_staff(users_by_role):
    staff = {role for role, user in users_by_role.items() if is_council_staff(user)}
    assert staff == {
        "content_editor",
        "moderator",
        "finance_officer",
        "coordinator",
        "panel_member",
        "superuser",
    }
    for role in staff:
        assert Authenticator.objects.filter(user=users_by_role[role]).exists(), role
    inactive = UserFactory(email="left@example.org", groups=[Group.objects.get(name=MODERATORS)])
    inactive.is_active = False
    assert not is_council_staff(inactive)


# --- passwords ----------------------------------------------------------------------------------


def test_password_reset_round_trip(client, home, mailoutbox, django_capture_on_commit_callbacks):
    user = UserFactory(email="provider@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": user.email})
    assert response["Location"] == reverse("account_reset_password_done")
    assert mailoutbox[0].subject == f"Reset your password for {service_name()}"
    key_path = link_in(mailoutbox[0].body)

    # The key is swapped for a session so it does not sit in the address bar.
    form_page = client.get(key_path, follow=True)
    assert "Create a new password" in form_page.content.decode()
    set_path = form_page.redirect_chain[-1][0]
    with django_capture_on_commit_callbacks(execute=True):
        saved = client.post(set_path, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert saved["Location"] == reverse("account_reset_password_from_key_done")
    assert "has been reset" in mailoutbox[-1].body  # the owner is told

    assert sign_in(Client(), user.email, PASSWORD).status_code == 200  # old one refused
    assert sign_in(Client(), user.email, NEW_PASSWORD).status_code == 302
    # The link works once.
    assert "does not work any more" in Client().get(key_path, follow=True).content.decode()


def test_reset_links_use_the_configured_address_not_the_requests_host(
    client, home, settings, mailoutbox, django_capture_on_commit_callbacks
):
    """A forged Host header must not put someone else's server in a reset link."""
    settings.ALLOWED_HOSTS = ["*"]
    UserFactory(email="provider@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("account_reset_password"),
            {"email": "provider@example.org"},
            HTTP_HOST="attacker.example",
        )
    assert "attacker.example" not in mailoutbox[0].body
    assert "http://testserver/account/password/reset/key/" in mailoutbox[0].body


def test_an_unknown_address_gets_the_same_page_and_an_email_saying_so(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("account_reset_password"), {"email": "nobody@example.org"})
    assert response["Location"] == reverse("account_reset_password_done")
    assert mailoutbox[0].to == ["nobody@example.org"]
    assert "There is no account for this address" in mailoutbox[0].body


def test_changing_a_password_needs_the_current_one_and_tells_the_owner(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="provider@example.org")
    client.force_login(user)
    refused = client.post(
        reverse("account_change_password"),
        {"oldpassword": "not it", "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    wrong_current = "Enter your current password. The one you entered is not right."
    assert ("#id_oldpassword", wrong_current) in error_summary_links(refused.content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        changed = client.post(
            reverse("account_change_password"),
            {"oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        )
    assert changed["Location"] == reverse("account_home")
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)
    assert mailoutbox[-1].subject == f"Your password for {service_name()} has changed"


# --- email address ------------------------------------------------------------------------------


def test_a_new_email_address_is_used_only_once_confirmed(
    client, home, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="old@example.org")
    assert sign_in(client, user.email).status_code == 302  # a real sign-in: recent enough

    # Changing the address needs the password again; the change then goes ahead.
    asked = client.post(reverse("account_email"), {"action_add": "", "email": "new@example.org"})
    assert asked["Location"].startswith(reverse("account_reauthenticate"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(asked["Location"], {"password": PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.email == "old@example.org"  # nothing changes yet
    assert not EmailAddress.objects.get(email="new@example.org").verified
    page = client.get(reverse("account_email")).content.decode()
    assert "You asked to change it to <strong>new@example.org</strong>" in page
    assert sign_in(Client(), "new@example.org")["Location"] != reverse("account_home")

    confirmation = next(m for m in mailoutbox if m.to == ["new@example.org"])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(link_in(confirmation.body))
    user.refresh_from_db()
    assert user.email == "new@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "new@example.org"
    ]
    told = [m for m in mailoutbox if m.to == ["old@example.org"]]
    assert told and "has changed from old@example.org to new@example.org" in told[-1].body
    assert sign_in(Client(), "new@example.org")["Location"] == reverse("account_home")


def test_changing_the_email_address_asks_for_the_password_again(client, home):
    """A session left open on a shared computer cannot move the account elsewhere."""
    user = UserFactory(email="old@example.org")
    client.force_login(user)
    response = client.post(reverse("account_email"), {"action_add": "", "email": "x@example.org"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not EmailAddress.objects.filter(email="x@example.org").exists()


# --- signing out --------------------------------------------------------------------------------


def test_signing_out_is_a_post_only(client, home):
    client.force_login(UserFactory(email="family@example.org"))
    page = client.get(reverse("account_logout"))
    assert page.status_code == 200
    assert signed_in_user_id(client) is not None  # a link or prefetch cannot sign you out
    assert 'method="post" action="/account/logout/"' in page.content.decode()

    response = client.post(reverse("account_logout"))
    assert response["Location"] == reverse("account_signed_out")
    assert signed_in_user_id(client) is None
    assert "You have signed out" in client.get(response["Location"]).content.decode()


def test_the_header_offers_sign_in_or_your_account_and_sign_out(client, home):
    anonymous = client.get("/").content.decode()
    assert f'href="{LOGIN}?next=%2F">Sign in</a>' in anonymous
    assert "Sign out" not in anonymous

    client.force_login(UserFactory(email="family@example.org"))
    signed_in = client.get("/").content.decode()
    assert 'href="/account/">Your account</a>' in signed_in
    form = re.search(r'<form class="app-account-navigation__form".*?</form>', signed_in, re.S)
    assert form and 'method="post" action="/account/logout/"' in form.group(0)
    assert 'name="csrfmiddlewaretoken"' in form.group(0)
    assert ">Sign out</button>" in form.group(0)


# --- your account -------------------------------------------------------------------------------


def test_your_account_shows_a_provider_their_organisations_and_the_workspace(
    client_for, users_by_role, organisation
):
    html = client_for("provider").get(reverse("account_home")).content.decode()
    assert organisation.title in html
    assert "Go to the provider workspace" in html and 'href="/admin/"' in html
    assert 'href="/for-providers/register/"' in html
    assert 'href="/account/email/"' in html
    assert 'href="/account/password/change/"' in html
    assert 'href="/account/2fa/"' in html


def test_your_account_shows_staff_the_admin_and_a_family_no_workspace(client_for, users_by_role):
    staff = client_for("moderator").get(reverse("account_home")).content.decode()
    assert "Go to the admin" in staff
    assert "Your organisations" not in staff

    family = client_for("family").get(reverse("account_home")).content.decode()
    assert "Go to the admin" not in family
    assert "provider workspace" not in family
    assert "You are not part of an organisation" in family
    assert 'href="/for-providers/register/"' in family


def test_your_account_needs_signing_in(client, home):
    response = client.get(reverse("account_home"))
    assert response.status_code == 302
    assert urlsplit(response["Location"]).path == LOGIN


# --- the demo -----------------------------------------------------------------------------------


def test_demo_accounts_have_confirmed_addresses_and_staff_the_demo_authenticator(organisation):
    organisations = {PROVIDER_ADMIN_ORGANISATION: organisation}
    ensure_demo_users(organisations=organisations)
    ensure_demo_users(organisations=organisations)  # safe to run again
    users = get_user_model().objects.filter(email__endswith="@northbridge.example")
    assert users.count() == len(DEMO_USERS)
    for user in users:
        assert EmailAddress.objects.filter(user=user, verified=True, primary=True).count() == 1
        authenticators = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP)
        assert authenticators.count() == (1 if is_council_staff(user) else 0), user.email


def test_totp_code_prints_the_demo_code_and_refuses_real_secrets(home, capsys):
    demo = UserFactory(email="moderator@northbridge.example", totp=False)
    set_up_authenticator_app(user=demo, secret=DEMO_TOTP_SECRET)
    before = demo_totp_code()[0]
    call_command("totp_code", "moderator@northbridge.example")
    printed = capsys.readouterr().out.strip()
    assert printed in {before, demo_totp_code()[0]}
    assert re.fullmatch(r"\d{6}", printed)

    UserFactory(email="real@example.org", totp=True)
    with pytest.raises(CommandError, match="does not use the published demo secret"):
        call_command("totp_code", "real@example.org")
    assert TOTP_SECRET != DEMO_TOTP_SECRET
    with pytest.raises(CommandError, match="no authenticator app"):
        call_command("totp_code", UserFactory(email="family@example.org").email)


def test_the_admin_leaves_passwords_and_addresses_to_the_account_pages(client_for, users_by_role):
    client = client_for("moderator")
    account = client.get("/admin/account/").content.decode()
    assert 'href="/account/"' in account
    assert 'name="password_old"' not in account  # no password form of Wagtail's own
    assert client.get("/admin/password_reset/").status_code == 404
