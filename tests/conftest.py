"""Fixtures shared by every test. Factories live in tests/factories.py.

home                the published HomePage, root of the default Site ("/")
organisation_index  the published OrganisationIndexPage at /providers/
organisation        a verified, published OrganisationPage under it
service             a published ServicePage of that organisation (£24 per hour)
users_by_role       a dict of users: "family", "content_editor", "moderator",
                    "finance_officer", "provider" (of `organisation`), "provider_admin"
                    (of `organisation`), "superuser"; roles are set up with
                    ensure_roles() (tests.factories.site_roles) and
                    grant_organisation_access(). Everyone has a
                    confirmed email address; council staff (content_editor, moderator,
                    finance_officer, superuser) have an authenticator app with
                    tests.factories.TOTP_SECRET, as the admin requires of them
client_for          client_for("moderator") -> a Django test Client logged in as that
                    user; client_for(None) -> an anonymous Client
"""

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.test import Client

from localoffer.roles import CONTENT_EDITORS, FINANCE_OFFICERS, MODERATORS
from providers.organisations.access import grant_organisation_access
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    ServicePageFactory,
    UserFactory,
    site_roles,
    site_tree,
)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args[:1] == (True,))))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Refuse a test module that mixes transactional tests with ordinary ones, and run
    the transactional modules after every other test.

    A transactional test ends by flushing the database, which also removes the rows the
    migrations made (the root page, the root collection, the default synonyms).
    pytest-django runs transactional tests last for that reason, but pytest-xdist's
    `--dist loadscope` keeps a module together, so a mixed module would run its
    transactional test in the middle of a worker's run and break the tests after it.
    Modules of transactional tests alone are moved after all the others, including the
    tests pytest-django puts last because they ask for no database by marker (some reach
    it through module fixtures), so no test ever starts on a flushed database.
    """
    kinds: dict[str, set[bool]] = {}
    for item in items:
        if item.get_closest_marker("django_db"):
            kinds.setdefault(item.nodeid.split("::")[0], set()).add(_is_transactional(item))
    mixed = sorted(module for module, found in kinds.items() if len(found) > 1)
    if mixed:
        raise pytest.UsageError(
            "Put transactional tests (django_db(transaction=True)) in a module of their own: "
            + ", ".join(mixed)
        )
    transactional = {module for module, found in kinds.items() if True in found}
    items.sort(key=lambda item: item.nodeid.split("::")[0] in transactional)  # stable


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. Wagtail caches the sites' root paths there
    and rate limits count there; a test's rolled-back sites or counts must not leak."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def home(db):
    return site_tree()


@pytest.fixture
def organisation_index(home):
    return OrganisationIndexPageFactory(parent=home)


@pytest.fixture
def organisation(organisation_index):
    return OrganisationPageFactory(
        parent=organisation_index, title="Northbridge Play Club", verified=True
    )


@pytest.fixture
def service(organisation):
    return ServicePageFactory(parent=organisation, title="Saturday sensory club")


@pytest.fixture
def users_by_role(organisation) -> dict:
    groups = site_roles()
    users = {
        "family": UserFactory(email="family@example.org"),
        "content_editor": UserFactory(
            email="editor@northbridge.example", groups=[groups[CONTENT_EDITORS]]
        ),
        "moderator": UserFactory(
            email="moderator@northbridge.example", groups=[groups[MODERATORS]]
        ),
        "finance_officer": UserFactory(
            email="finance@northbridge.example", groups=[groups[FINANCE_OFFICERS]]
        ),
        "provider": UserFactory(email="member@playclub.example.org"),
        "provider_admin": UserFactory(email="admin@playclub.example.org"),
        "superuser": UserFactory(email="admin@northbridge.example", superuser=True),
    }
    grant_organisation_access(organisation=organisation, user=users["provider"], admin=False)
    grant_organisation_access(organisation=organisation, user=users["provider_admin"], admin=True)
    return users


@pytest.fixture
def client_for(users_by_role) -> Callable[[str | None], Client]:
    def make(role: str | None) -> Client:
        client = Client()
        if role is not None:
            client.force_login(users_by_role[role])
        return client

    return make
