"""`manage.py generate_listings` bulk-inserts live listings that Wagtail serves like any other.

The rows are written without Wagtail's page API (see localoffer/demo/directory/bulk.py), so
these tests check what that API would otherwise guarantee: a consistent tree, correct URLs,
live pages the router serves, child rows and choices in place, and a second run that fits
beside the first.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page

from providers.models import (
    CostOption,
    OrganisationIndexPage,
    OrganisationPage,
    ServiceLocation,
    ServicePage,
)
from search.backends import get_backend
from search.backends.base import SearchQuery
from tests.factories import site_tree


def generate(count: int, **options) -> str:
    out = StringIO()
    call_command("generate_listings", count=count, stdout=out, verbosity=0, **options)
    return out.getvalue()


@pytest.mark.django_db
def test_generates_exactly_that_many_live_services_with_a_consistent_tree(client):
    output = generate(300, seed=7)

    services = ServicePage.objects.live()
    assert services.count() == 300 == ServicePage.objects.count()
    assert OrganisationPage.objects.count() == 15  # 20 services each
    assert Page.find_problems() == ([], [], [], [], [])
    index = OrganisationIndexPage.objects.get()
    assert index.numchild == 15 == index.get_children().count()
    for organisation in OrganisationPage.objects.all():
        assert organisation.numchild == 20 == organisation.get_children().count()
    assert "300 live services" in output and "services per second" in output

    # Every service has the rows a listing shows, and its choices.
    assert not services.filter(cost_options__isnull=True).exists()
    assert not services.filter(categories__isnull=True).exists()
    assert not services.filter(contacts__isnull=True).exists()
    assert CostOption.objects.filter(is_free=False, amount__gt=0).exists()
    assert ServiceLocation.objects.filter(accessibility__isnull=False).exists()

    # Served through the Wagtail router at the URL its tree position gives it.
    for service in (services.order_by("pk").first(), services.order_by("pk").last()):
        organisation = service.get_parent()
        assert service.url == f"/providers/{organisation.slug}/{service.slug}/"
        response = client.get(service.url)
        assert response.status_code == 200
        assert service.title in response.content.decode()
        assert client.get(organisation.url).status_code == 200


@pytest.mark.django_db
def test_second_run_adds_beside_the_first_and_existing_pages(client):
    home = site_tree()
    generate(45, seed=1, per_organisation=20)
    # Pages made through Wagtail's API after a bulk run still fit in the tree.
    index = OrganisationIndexPage.objects.get()
    organisation = index.add_child(
        instance=OrganisationPage(
            title="Hand made", organisation_type="community_group", description="<p>x</p>"
        )
    )
    generate(45, seed=1, per_organisation=20)

    assert ServicePage.objects.live().count() == 90
    assert OrganisationPage.objects.count() == 7  # 3 + 1 + 3: 20, 20 and 5 services each
    assert Page.find_problems() == ([], [], [], [], [])
    slugs = list(OrganisationPage.objects.values_list("slug", flat=True))
    assert len(slugs) == len(set(slugs))
    assert index.get_parent().pk == home.pk
    assert organisation.get_children().count() == 0
    newest = ServicePage.objects.order_by("-pk").first()
    assert client.get(newest.url).status_code == 200


@pytest.mark.django_db
def test_new_services_are_in_the_search_index_unless_told_not_to():
    site_tree()
    generate(40, seed=3)
    backend = get_backend()
    assert backend.search(SearchQuery(per_page=100)).total == 40
    generate(20, seed=4, no_index=True)
    assert backend.search(SearchQuery(per_page=100)).total == 40
