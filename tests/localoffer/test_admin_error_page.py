"""Wagtail's deliberate error page is for staff superusers only.

Found by trying the site from outside: `/admin/failwhale/` (which raises an exception to
test error reporting) was open to every admin user, providers included, so anyone could
fill the error reports at will. Everyone else now gets a 404.
"""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "role", ["provider", "provider_admin", "moderator", "content_editor", "finance_officer"]
)
def test_admin_users_other_than_superusers_get_404(client_for, role):
    assert client_for(role).get("/admin/failwhale/").status_code == 404


def test_an_anonymous_visitor_gets_404(client_for):
    assert client_for(None).get("/admin/failwhale/").status_code == 404


def test_a_staff_superuser_still_gets_the_deliberate_error(client_for):
    client = client_for("superuser")
    client.raise_request_exception = False
    assert client.get("/admin/failwhale/").status_code == 500
