"""A service listing and an organisation's page, as a family reads them."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from providers.enums import VatTreatment
from tests.factories import (
    AccessibilityFeatureFactory,
    CategoryFactory,
    CostOptionFactory,
    ImageFactory,
    NeedFactory,
    OrganisationPageFactory,
    OutcomeFactory,
    ServiceContactFactory,
    ServiceImageFactory,
    ServiceLocationFactory,
    ServicePageFactory,
    ServiceScheduleFactory,
    ServiceVideoFactory,
)
from tests.html import get, text_of


def summary_rows(summary_list) -> dict[str, str]:
    return {
        text_of(row.find("dt")): text_of(row.find("dd"))
        for row in summary_list.select(".govuk-summary-list__row")
    }


@pytest.fixture
def listing(organisation):
    service = ServicePageFactory(
        parent=organisation,
        title="Saturday sensory club",
        summary="Sensory play for autistic children.",
        categories=[CategoryFactory(name="Sensory play")],
        needs=[NeedFactory(name="Sensory processing")],
        outcomes=[OutcomeFactory(name="Making friends")],
        eligibility="Children who live in Northbridge.",
        ehc_plan_required=False,
        referral_required=True,
        languages="Polish, Urdu",
        send_adjustments="We have a quiet room.",
        last_reviewed=dt.date(2026, 1, 12),
        cost_options=[],
    )
    CostOptionFactory(
        service=service, label="Group session", amount=Decimal("24"), direct_payment=True
    )
    CostOptionFactory(service=service, label="Sibling place", free=True)
    ServiceLocationFactory(
        service=service,
        name="Mill Lane Centre",
        accessibility=[AccessibilityFeatureFactory(name="Hearing loop")],
    )
    ServiceLocationFactory(
        service=service, name="A family home", address_line_1="3 Secret Row", hidden=True
    )
    ServiceScheduleFactory(service=service)
    ServiceContactFactory(service=service, name="Sam Patel", phone="01632 960 123")
    ServiceImageFactory(
        service=service,
        image=ImageFactory(file__width=800, file__height=600),
        alt_text="Children in the sensory room",
        caption="The sensory room",
    )
    ServiceVideoFactory(service=service, transcript="Hello from the club.")
    return service


@pytest.mark.django_db
def test_listing_shows_what_a_family_needs_to_decide(client, listing, organisation):
    page = get(client, listing.url)
    main = page.find("main")

    assert text_of(page.h1) == "Saturday sensory club"
    run_by = main.find("a", href=organisation.url)
    assert text_of(run_by) == "Northbridge Play Club"
    glance = summary_rows(main.find("dl", class_="govuk-summary-list"))
    assert glance["Ages"] == "8 to 16 years"
    assert glance["Cost"] == "Group session: £24 per hour Sibling place: Free"
    assert glance["EHC plan"] == "Not needed"
    assert glance["Referral"].startswith("Needed")
    assert glance["Languages"] == "English, Polish, Urdu"
    assert "Sensory processing" in [text_of(tag) for tag in main.select(".govuk-tag--grey")]
    assert "Making friends" in text_of(main)
    assert "How do you adapt the service" in text_of(main)
    assert "Listing last checked by the provider: 12 January 2026" in text_of(main)
    report_url = f"/listings/{listing.pk}/report/"
    assert main.find("a", href=report_url, string="Report a problem with this listing")


@pytest.mark.django_db
def test_listing_costs_say_which_can_be_paid_by_direct_payment_and_the_vat(client, listing):
    page = get(client, listing.url)

    costs = page.find("h2", string="Costs").find_next("dl")
    rows = summary_rows(costs)
    assert rows["Group session"].startswith("£24 per hour")
    assert "Can be paid for with a direct payment" in rows["Group session"]
    assert VatTreatment.EXEMPT.label in rows["Group session"]
    assert rows["Sibling place"] == "Free"


@pytest.mark.django_db
def test_listing_hides_an_exact_address_the_provider_keeps_private(client, listing):
    page = get(client, listing.url)
    main = text_of(page.find("main"))

    assert "12 Mill Lane" in main
    assert "Hearing loop" in main
    assert "3 Secret Row" not in main
    assert "The full address is given when you book." in main
    assert "Mondays, 4pm to 5:30pm, term time only" in main


@pytest.mark.django_db
def test_listing_gallery_and_videos_are_accessible(client, listing):
    page = get(client, listing.url)

    figure = page.select_one(".app-gallery figure")
    assert figure.find("img")["alt"] == "Children in the sensory room"
    assert text_of(figure.find("figcaption")) == "The sensory room"
    video = page.find("h3", string="A morning at the club").find_parent(class_="app-video")
    # No oEmbed finders in tests: the video is still reachable as a link.
    assert video.find("a", href="https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    assert "Hello from the club." in text_of(video.find("details"))


@pytest.mark.django_db
def test_listing_costs_the_same_queries_however_many_rows_it_has(client, organisation):
    def queries_for(service) -> int:
        client.get(service.url)  # warm caches (site root paths, navigation)
        with CaptureQueriesContext(connection) as context:
            assert client.get(service.url).status_code == 200
        return len(context.captured_queries)

    small = ServicePageFactory(parent=organisation)
    ServiceLocationFactory(service=small)
    ServiceImageFactory(service=small)
    big = ServicePageFactory(parent=organisation)
    for _ in range(3):
        CostOptionFactory(service=big)
        ServiceLocationFactory(service=big, accessibility=[AccessibilityFeatureFactory()])
        ServiceScheduleFactory(service=big)
        ServiceContactFactory(service=big)
        ServiceImageFactory(service=big)

    assert queries_for(big) == queries_for(small)


@pytest.mark.django_db
def test_organisation_page_shows_its_details_and_services(client, organisation_index):
    organisation = OrganisationPageFactory(
        parent=organisation_index, title="Kite Trust", verified=True, charity_number="1234567"
    )
    ServicePageFactory(parent=organisation, title="Holiday scheme")

    page = get(client, organisation.url)
    main = page.find("main")

    assert text_of(page.h1) == "Kite Trust"
    details = summary_rows(main.find("dl", class_="govuk-summary-list"))
    assert details["Registered charity number"] == "1234567"
    assert details["Address"] == "1 High Street Northbridge NB1 4AA"
    assert details["Phone"] == "01632 960 001"
    card = main.find(class_="app-service-card")
    assert text_of(card.find("h3")) == "Holiday scheme"
    assert "£24 per hour" in text_of(card)
