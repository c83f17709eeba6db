"""The map's figures equal a brute-force count over the listings, and follow publishing."""

from __future__ import annotations

import random
import statistics
from decimal import Decimal

import pytest

from localoffer.core.money import round_money
from pricing.provision.models import ProvisionMapEntry, ProvisionPrice
from pricing.provision.services import median, rebuild_map, refresh_services
from providers.enums import CostUnit
from tests.factories import CategoryFactory, OrganisationPageFactory

pytestmark = pytest.mark.django_db


def entries() -> dict[tuple[int, str], tuple]:
    return {
        (e.category_id, e.unit): (
            e.providers,
            e.services,
            e.priced,
            e.free,
            e.lowest,
            e.median,
            e.highest,
            e.direct_payment,
        )
        for e in ProvisionMapEntry.objects.all()
    }


def brute_force(listings: list[tuple]) -> dict[tuple[int, str], tuple]:
    """listings: (organisation id, service id, category ids, [(amount, unit, direct)])."""
    expected = {}
    keys = {(c, unit) for _, _, cats, opts in listings for c in cats for _, unit, _ in opts}
    for key in keys:
        category, unit = key
        rows = [
            (org, svc, amount, direct)
            for org, svc, cats, opts in listings
            if category in cats
            for amount, u, direct in opts
            if u == unit
        ]
        amounts = sorted(r[2] for r in rows if r[2] is not None)
        middle = None
        if amounts:
            middle = round_money(Decimal(statistics.median(amounts)))
        expected[key] = (
            len({r[0] for r in rows}),
            len({r[1] for r in rows}),
            len(amounts),
            sum(1 for r in rows if r[2] is None),
            min(amounts) if amounts else None,
            middle,
            max(amounts) if amounts else None,
            len({r[1] for r in rows if r[3]}),
        )
    return expected


def test_median_of_odd_and_even_counts():
    assert median([Decimal("3"), Decimal("1"), Decimal("2")]) == Decimal("2")
    assert median([Decimal("10.00"), Decimal("10.01")]) == Decimal("10.01")  # 10.005 rounds up
    assert median([Decimal("1"), Decimal("2"), Decimal("4"), Decimal("9")]) == Decimal("3.00")
    assert median([]) is None


def test_figures_equal_a_brute_force_count(organisation_index, make_listing):
    rng = random.Random(14)
    organisations = [OrganisationPageFactory(parent=organisation_index) for _ in range(4)]
    categories = [CategoryFactory() for _ in range(3)]
    units = [CostUnit.HOUR, CostUnit.SESSION, CostUnit.PLACE]
    listings = []
    for _ in range(24):
        organisation = rng.choice(organisations)
        cats = rng.sample(categories, rng.randint(1, 2))
        options = [
            (
                None if rng.random() < 0.2 else Decimal(rng.randint(100, 9000)) / 100,
                rng.choice(units),
                rng.random() < 0.4,
            )
            for _ in range(rng.randint(1, 3))
        ]
        page = make_listing(organisation, cats, options)
        listings.append((organisation.pk, page.pk, [c.pk for c in cats], options))

    expected = brute_force(listings)
    assert entries() == expected  # kept in step, one publish at a time
    counts = {figures[2] for figures in expected.values()}
    assert any(n % 2 == 0 and n for n in counts) and any(n % 2 for n in counts)

    ProvisionMapEntry.objects.all().delete()
    ProvisionPrice.objects.all().delete()
    rebuild_map()
    assert entries() == expected


def test_an_unpublished_listing_leaves_the_map(
    organisation, therapy, clubs, make_listing, django_capture_on_commit_callbacks
):
    kept = make_listing(organisation, [therapy], [(Decimal("40"), CostUnit.HOUR, True)])
    last = make_listing(
        organisation,
        [therapy, clubs],
        [(Decimal("60"), CostUnit.HOUR, False), (Decimal("12"), CostUnit.PLACE, False)],
    )
    assert entries()[(therapy.pk, "hour")][:3] == (1, 2, 2)
    assert (clubs.pk, "place") in entries()

    with django_capture_on_commit_callbacks(execute=True):
        last.unpublish()

    assert set(entries()) == {(therapy.pk, "hour")}  # the clubs' type went with its last listing
    assert entries()[(therapy.pk, "hour")] == (
        1,
        1,
        1,
        0,
        Decimal("40.00"),
        Decimal("40.00"),
        Decimal("40.00"),
        1,
    )
    assert not ProvisionPrice.objects.filter(service=last).exists()
    assert ProvisionPrice.objects.filter(service=kept).count() == 1


def test_a_deleted_listing_leaves_the_map(
    organisation, therapy, make_listing, django_capture_on_commit_callbacks
):
    make_listing(organisation, [therapy], [(Decimal("40"), CostUnit.HOUR, False)])
    gone = make_listing(organisation, [therapy], [(Decimal("80"), CostUnit.HOUR, False)])
    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    assert entries()[(therapy.pk, "hour")][1] == 1
    assert entries()[(therapy.pk, "hour")][6] == Decimal("40.00")


def test_a_moved_listing_changes_its_provider(
    organisation_index, therapy, make_listing, django_capture_on_commit_callbacks
):
    first = OrganisationPageFactory(parent=organisation_index)
    second = OrganisationPageFactory(parent=organisation_index)
    make_listing(first, [therapy], [(Decimal("40"), CostUnit.HOUR, False)])
    moving = make_listing(first, [therapy], [(Decimal("50"), CostUnit.HOUR, False)])
    assert entries()[(therapy.pk, "hour")][0] == 1
    with django_capture_on_commit_callbacks(execute=True):
        moving.move(second, pos="last-child")
    assert entries()[(therapy.pk, "hour")][0] == 2
    assert set(ProvisionPrice.objects.values_list("organisation_id", flat=True)) == {
        first.pk,
        second.pk,
    }


def test_a_draft_change_does_not_reach_the_map_until_published(organisation, therapy, make_listing):
    page = make_listing(organisation, [therapy], [(Decimal("40"), CostUnit.HOUR, False)])
    page.title = "Changed"
    page.save_revision()  # a draft: the live rows are unchanged
    refresh_services([page.pk])
    assert entries()[(therapy.pk, "hour")][4] == Decimal("40.00")


def test_a_listing_restricted_to_signed_in_users_is_not_counted(
    organisation, therapy, make_listing
):
    from wagtail.models import PageViewRestriction

    page = make_listing(organisation, [therapy], [(Decimal("40"), CostUnit.HOUR, False)])
    PageViewRestriction.objects.create(page=page, restriction_type="login")
    refresh_services([page.pk])
    assert entries() == {}
