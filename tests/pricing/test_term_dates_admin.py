"""Content editors keep the council's term dates in the admin; others cannot."""

import pytest
from wagtail.models import Site

from pricing.offers.models import TermDates

pytestmark = pytest.mark.django_db

URL = "/admin/snippets/pricing/termdates/"


def test_content_editor_adds_term_dates(client_for, home):
    client = client_for("content_editor")
    assert client.get(URL).status_code == 200
    council = Site.objects.get(is_default_site=True)
    response = client.post(
        URL + "add/",
        {
            "council": council.pk,
            "name": "Summer term 2026",
            "kind": "term",
            "starts_on": "2026-04-20",
            "ends_on": "2026-07-22",
        },
    )
    assert response.status_code == 302
    assert TermDates.objects.get(name="Summer term 2026").council == council


@pytest.mark.parametrize("role", ["provider", "family", "finance_officer"])
def test_others_cannot_open_term_dates(client_for, home, role):
    response = client_for(role).get(URL)
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        # Sent to sign in (no admin access at all) or to the admin home (no permission).
        location = response["Location"]
        assert location.startswith("/account/login/") or location == "/admin/"
