"""Who may open the costing pages: the organisation's own team. Another organisation's
member finds nothing (404, as a 403 would confirm the costing exists); someone in no team
is refused as the rest of the admin refuses them; a family and a visitor are sent away.
A refused POST changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from pricing.costing.admin_views import CostingView
from pricing.costing.enums import CostingStatus
from pricing.costing.models import CostedService, Costing, CostLine, PoolDriver, PriceProposal
from providers.organisations.access import grant_organisation_access
from tests.factories import OrganisationPageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(costing, swim, service):
    CostedService.objects.filter(pk=swim.pk).update(listing=service, current_price=Decimal("24"))
    return costing


def urls(costing, swim) -> list[tuple[str, dict]]:
    """Every costing address of `costing`, with data a POST to it would send."""
    line = CostLine.objects.filter(costing=costing, service=swim).first()
    c = costing.pk

    def u(name: str, *args: int) -> str:
        return reverse(f"provider_costing:{name}", args=args)

    return [
        (u("list", costing.organisation_id), {"day": "1", "month": "4", "year": "2031"}),
        (u("costing", c), {}),
        (u("results", c), {}),
        (u("results", c) + f"?what_if=1&occupancy_{swim.pk}=50", {}),
        (u("drivers", c), {"premises": "units", "central": "units"}),
        (u("service_add", c), {"name": "X", "unit_label": "hour", "units_method": "hours"}),
        (u("service_edit", c, swim.pk), {"name": "Renamed", "unit_label": "place"}),
        (u("service_remove", c, swim.pk), {}),
        (u("line_add", c) + f"?service={swim.pk}", {"kind": "travel", "amount": "5"}),
        (u("line_edit", c, line.pk), {"kind": "travel", "amount": "1"}),
        (u("line_remove", c, line.pk), {}),
        (u("finalise", c), {}),
        (u("new_draft", c), {}),
        (u("use_as_price", c, swim.pk), {}),
    ]


def snapshot(costing) -> tuple:
    return (
        list(Costing.objects.values_list("pk", "status", "version")),
        list(CostedService.objects.values()),
        list(CostLine.objects.values()),
        list(PoolDriver.objects.values()),
        PriceProposal.objects.count(),
    )


def client_of(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


GET_PAGES = {"list", "costing", "results", "drivers", "service_add", "service_edit"}


def test_the_team_opens_every_page(linked, swim, provider):
    client = client_of(provider)
    for url, _ in urls(linked, swim):
        if any(f"/{part}/" in url for part in ("save", "new-draft", "use-as-price")):
            assert client.get(url).status_code == 405, url
        else:
            assert client.get(url).status_code == 200, url


def test_another_organisations_member_gets_404_everywhere(linked, swim, organisation_index):
    other = OrganisationPageFactory(parent=organisation_index, title="Elsewhere", verified=True)
    stranger = UserFactory(email="admin@elsewhere.example.org")
    grant_organisation_access(organisation=other, user=stranger, admin=True)
    client = client_of(stranger)
    before = snapshot(linked)
    for url, data in urls(linked, swim):
        assert client.get(url).status_code == 404, url
        assert client.post(url, data).status_code == 404, url
    assert snapshot(linked) == before
    # Their own list shows nothing of the other organisation's costings.
    page = client.get(reverse("provider_costing:list", args=[other.pk]))
    assert page.status_code == 200 and b"2026 to 2027" not in page.content


@pytest.mark.parametrize("role", ["moderator", "content_editor", "finance_officer", "superuser"])
def test_council_staff_outside_the_team_are_refused(linked, swim, users_by_role, role):
    client = client_of(users_by_role[role])
    before = snapshot(linked)
    for url, data in urls(linked, swim):
        for response in (client.get(url), client.post(url, data)):
            # Wagtail answers a refusal (403) in its admin by sending them to the dashboard.
            assert (response.status_code, response.get("Location")) == (302, "/admin/"), url
    assert snapshot(linked) == before


@pytest.mark.parametrize("who", ["family", "anonymous"])
def test_families_and_visitors_reach_no_costing_page(linked, swim, family, who):
    client = client_of(family if who == "family" else None)
    before = snapshot(linked)
    for url, data in [*urls(linked, swim), (reverse("provider_costing:index"), {})]:
        for response in (client.get(url), client.post(url, data)):
            assert response.status_code in (302, 403), (who, url)
            if response.status_code == 302:
                assert not response.url.startswith("/admin/costing/"), (who, url)
    assert snapshot(linked) == before
    assert Costing.objects.get(pk=linked.pk).status == CostingStatus.DRAFT


def test_someone_in_no_team_is_refused_with_403(linked, users_by_role):
    # Wagtail shows its admin's refusals as a redirect to the dashboard (above); the view
    # itself refuses with 403 whoever is in no team, whatever else they may do.
    request = RequestFactory().get("/")
    request.user = users_by_role["moderator"]
    with pytest.raises(PermissionDenied):
        CostingView.as_view()(request, costing=linked.pk)
