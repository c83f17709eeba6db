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

The tests of a module that ask for the same ones of the first five share them: they are
made once for those tests and each test reads them again (tests/shared_worlds.py).
"""

import contextlib
import functools
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.test import Client
from modelsearch import index as search_index
from modelsearch import signal_handlers as search_signals
from wagtail.signal_handlers import reference_index_auto_update_disabled

from localoffer.roles import (
    ASSESSMENT_COORDINATORS,
    CONTENT_EDITORS,
    FINANCE_OFFICERS,
    MODERATORS,
    PANEL_MEMBERS,
)
from providers.organisations.access import grant_organisation_access
from tests.factories import (
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    ServicePageFactory,
    UserFactory,
    site_roles,
    site_tree,
)
from tests.shared_worlds import (
    SHARED_WORLDS,
    SharedWorld,
    is_database_test,
    plan,
    rolled_back,
    signature,
    stopped_clocks,
)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args[:1] == (True,))))


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Refuse a test module that mixes transactional tests with ordinary ones, and run
    the transactional modules after every other test.

    A transactional test ends by flushing the database, which also removes the rows the
    migrations made (the root page, the root collection, the default synonyms).
    pytest-django runs transactional tests last for that reason, but pytest-xdist's
    `--dist loadscope` keeps a module together, so a mixed module would run its
    transactional test in the middle of a worker's run and break the tests after it.
    Modules of transactional tests alone are moved after all the others, including the
    tests pytest-django puts last because they ask for no database by marker (some reach
    it through module fixtures), so no test ever starts on a flushed database. xdist
    keeps this order only without its "largest modules first" reordering, which
    pyproject.toml turns off (`--no-loadscope-reorder`).
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
    config.stash[SHARED_WORLDS] = plan(items, is_transactional=_is_transactional, home=__file__)


@functools.cache
def _search_indexed_models() -> tuple[type, ...]:
    return tuple(
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    )


@contextlib.contextmanager
def _wagtail_indexes_still() -> Iterator[None]:
    """Saves leave Wagtail's search index and reference index as they are.

    The search index's signal handlers (connected by modelsearch for each indexed model)
    are taken off and put back. Wagtail's own disable_reference_index_auto_update() cannot
    be nested (load_demo uses it too, and the inner one's exit would break the outer's), so
    the flag it sets is set here directly.
    """
    models = _search_indexed_models()
    for model in models:
        post_save.disconnect(search_signals.post_save_signal_handler, sender=model)
        post_delete.disconnect(search_signals.post_delete_signal_handler, sender=model)
    reference_index_auto_update_disabled.value = True
    try:
        yield
    finally:
        with contextlib.suppress(AttributeError):  # already cleared by code under test
            del reference_index_auto_update_disabled.value
        for model in models:
            post_save.connect(search_signals.post_save_signal_handler, sender=model)
            post_delete.connect(search_signals.post_delete_signal_handler, sender=model)


@pytest.fixture(autouse=True)
def _wagtail_indexes(request: pytest.FixtureRequest) -> Iterator[None]:
    """Wagtail's search index and reference index are kept up to date only for tests
    marked `wagtail_indexes`.

    Wagtail updates both on every save of a page, image or snippet, as a task that runs at
    once here: a quarter of the time of a test that builds a site tree, for a result only
    the site search, the admin's searches and choosers, the page cache's purges by category
    and Wagtail's "usage" counts read. The tests of those are marked, and see every save
    indexed as in production. Autouse fixtures come first, so the saves of the other
    fixtures a test asks for are covered too.
    """
    if request.node.get_closest_marker("wagtail_indexes"):
        yield
        return
    with _wagtail_indexes_still():
        yield


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache. Wagtail caches the sites' root paths there
    and rate limits count there; a test's rolled-back sites or counts must not leak."""
    cache.clear()
    yield
    cache.clear()


def _make_users(organisation: Any) -> dict:
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
        "coordinator": UserFactory(
            email="coordinator@northbridge.example", groups=[groups[ASSESSMENT_COORDINATORS]]
        ),
        "panel_member": UserFactory(
            email="panel@northbridge.example", groups=[groups[PANEL_MEMBERS]]
        ),
        "provider": UserFactory(email="member@playclub.example.org"),
        "provider_admin": UserFactory(email="admin@playclub.example.org"),
        "superuser": UserFactory(email="admin@northbridge.example", superuser=True),
    }
    grant_organisation_access(organisation=organisation, user=users["provider"], admin=False)
    grant_organisation_access(organisation=organisation, user=users["provider_admin"], admin=True)
    return users


# How each base fixture is made from the one it stands on (see tests/shared_worlds.py).
_MAKERS: dict[str, Callable[[Any], Any]] = {
    "home": lambda _: site_tree(),
    "organisation_index": lambda home: OrganisationIndexPageFactory(parent=home),
    "organisation": lambda index: OrganisationPageFactory(
        parent=index, title="Northbridge Play Club", verified=True
    ),
    "service": lambda organisation: ServicePageFactory(
        parent=organisation, title="Saturday sensory club"
    ),
    "users_by_role": _make_users,
}
_MADE_FROM = {
    "organisation_index": "home",
    "organisation": "organisation_index",
    "service": "organisation",
    "users_by_role": "organisation",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Each test that asks for base fixtures names the ones it asks for as the parameter
    of `_base_world`, a module fixture: pytest then runs the module's tests grouped by
    the rows they need and makes those once per group. The id is left empty, so test
    names only gain "[]"."""
    names = signature(metafunc, home=__file__)
    if names or is_database_test(metafunc.definition):
        metafunc.parametrize("_base_world", [names], indirect=True, scope="module", ids=[""])


@pytest.fixture(scope="module", autouse=True)
def _base_world(request, django_db_blocker) -> Iterator[SharedWorld | None]:
    """The base rows of the module's tests that ask for these (`request.param`), made
    once, when the module may share them; else None.

    Every database test asks for it, those that need no base rows too (an empty
    signature): pytest then never runs a test while another group's rows are there,
    because moving to a test of another signature ends the group before it."""
    names = getattr(request, "param", ())
    shared = request.config.stash.get(SHARED_WORLDS, {})
    if not names or request.node.nodeid not in shared:
        yield None
        return
    request.getfixturevalue("django_db_setup")
    with django_db_blocker.unblock(), rolled_back():
        with _wagtail_indexes_still(), stopped_clocks(shared[request.node.nodeid]):
            world = SharedWorld.build(names, _MAKERS, _MADE_FROM)
        yield world


def _base(world: SharedWorld | None, name: str, made_from: Any = None) -> Any:
    return world.fetch(name) if world is not None else _MAKERS[name](made_from)


@pytest.fixture
def home(_base_world, db):
    return _base(_base_world, "home")


@pytest.fixture
def organisation_index(_base_world, home):
    return _base(_base_world, "organisation_index", home)


@pytest.fixture
def organisation(_base_world, organisation_index):
    return _base(_base_world, "organisation", organisation_index)


@pytest.fixture
def service(_base_world, organisation):
    return _base(_base_world, "service", organisation)


@pytest.fixture
def users_by_role(_base_world, organisation) -> dict:
    return _base(_base_world, "users_by_role", organisation)


@pytest.fixture
def client_for(users_by_role) -> Callable[[str | None], Client]:
    def make(role: str | None) -> Client:
        client = Client()
        if role is not None:
            client.force_login(users_by_role[role])
        return client

    return make
