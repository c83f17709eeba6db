"""The spreadsheet pages of a costing, tried by people who must not use them: another
organisation's team member gets 404 (it does not confirm the costing exists), council
staff outside any team are refused as Wagtail refuses (back to the dashboard), a family
and a visitor are sent away as by the rest of the admin. A refused upload changes
nothing."""

from __future__ import annotations

import pytest
from django.test import Client
from wagtail.models import ModelLogEntry

from pricing.costing.importing import ACTION_IMPORT
from tests.pricing.admin.conftest import other_organisation, signed_in, stranger  # noqa: F401
from tests.pricing.costing.spreadsheet_helpers import (
    contents,
    csv_url,
    download,
    import_url,
    upload,
    xlsx_url,
)

pytestmark = pytest.mark.django_db


def addresses(costing) -> list[str]:
    return [xlsx_url(costing), csv_url(costing), import_url(costing)]


def test_the_team_downloads_and_opens_the_upload_page(costing, provider):
    client = signed_in(provider)
    response = client.get(xlsx_url(costing))
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert response["Content-Disposition"] == (
        'attachment; filename="costing-northbridge-play-club-2026-version-1.xlsx"'
    )
    response = client.get(csv_url(costing))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].endswith('-2026-version-1.csv"')
    assert client.get(import_url(costing)).status_code == 200


def test_another_organisations_member_gets_404(costing, provider, stranger):  # noqa: F811
    data = download(signed_in(provider), xlsx_url(costing))
    before = contents(costing)
    client = signed_in(stranger)
    for url in addresses(costing):
        assert client.get(url).status_code == 404, url
    assert upload(client, costing, data, "costing.xlsx").status_code == 404
    assert contents(costing) == before
    assert not ModelLogEntry.objects.filter(action=ACTION_IMPORT).exists()


@pytest.mark.parametrize("role", ["moderator", "content_editor", "finance_officer", "superuser"])
def test_council_staff_outside_the_team_are_refused(costing, provider, users_by_role, role):
    data = download(signed_in(provider), xlsx_url(costing))
    client = signed_in(users_by_role[role])
    for url in addresses(costing):
        response = client.get(url)
        # Wagtail answers a refusal in its admin by sending them to the dashboard.
        assert (response.status_code, response.get("Location")) == (302, "/admin/"), url
    response = upload(client, costing, data, "costing.xlsx")
    assert (response.status_code, response.get("Location")) == (302, "/admin/")
    assert not ModelLogEntry.objects.filter(action=ACTION_IMPORT).exists()


@pytest.mark.parametrize("who", ["family", "anonymous"])
def test_families_and_visitors_reach_no_spreadsheet(costing, provider, family, who):
    data = download(signed_in(provider), xlsx_url(costing))
    client = signed_in(family) if who == "family" else Client()
    for url in addresses(costing):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert "/login/" in response.url, url
    assert upload(client, costing, data, "costing.xlsx").status_code in (302, 403)
    assert not ModelLogEntry.objects.filter(action=ACTION_IMPORT).exists()


def test_an_id_of_nothing_is_404(costing, provider):
    client = signed_in(provider)
    assert client.get("/admin/costing/999999/export/xlsx/").status_code == 404
    assert client.get("/admin/costing/999999/import/").status_code == 404
    assert client.get(f"/admin/costing/{'9' * 25}/import/").status_code == 404
