"""`manage.py load_demo` builds a working demo site, and running it again changes nothing.

The demo is built once for this module, with `--services 40` (a round-robin subset of the
full directory: every organisation, at most 40 services), inside a transaction rolled back
at the end; each test reads it inside its own savepoint. The full directory's shape is
checked on the plan itself, which is what load_demo writes.
"""

import datetime as dt
import math
import re
from collections import Counter
from decimal import Decimal
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from django_tasks import TaskResultStatus
from wagtail.models import Page, PageLogEntry, ReferenceIndex, Revision, Site

from localoffer import roles
from localoffer.core.csp import VIDEO_FRAME_SOURCES
from localoffer.core.embeds import stored_embed
from localoffer.core.mail import send_email
from localoffer.demo.clock import quietly
from localoffer.demo.directory.listings import plan_demo_directory
from localoffer.demo.directory.organisations import PROVIDER_ADMIN_ORGANISATION
from localoffer.demo.directory.postcodes import CENTRE_LATITUDE, CENTRE_LONGITUDE, DEMO_POSTCODES
from localoffer.demo.feedback import load_examples
from localoffer.demo.marketplace import (
    CHILD_WITH_PROFILE,
    FAMILY_ADDRESS,
    HOURS_LISTING,
    OTHER_CHILD,
    SESSIONS_LISTING,
)
from localoffer.demo.pages import load_site
from localoffer.demo.site import MENU_SECTIONS
from localoffer.demo.users import DEMO_PASSWORD, DEMO_USERS
from localoffer.models import (
    Feedback,
    HomePage,
    InformationPage,
    SectionPage,
    SiteSettings,
    YouSaidWeDidPage,
)
from pricing.bookings.enums import Attendance, BookingStatus
from pricing.bookings.models import Booking, WaitingListEntry
from pricing.bookings.selectors import places_left
from pricing.budgets.enums import ApprovalStatus
from pricing.budgets.models import BookingFunding, PersonalBudget
from pricing.costing.enums import CostingStatus
from pricing.costing.models import Costing
from pricing.costing.selectors import work_out_costing
from pricing.families.models import Child
from pricing.families.selectors import shares_of
from pricing.invoices.enums import DocumentKind
from pricing.invoices.models import Document
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer, Session
from pricing.payments.selectors import card_payments_ready
from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import Referral
from providers.enums import VerificationStatus
from providers.models import (
    CostOption,
    Membership,
    OrganisationIndexPage,
    OrganisationPage,
    ServiceImage,
    ServiceLocation,
    ServicePage,
)
from providers.moderation.enums import CycleStatus, SubmissionStatus
from providers.moderation.freshness.models import ListingFreshness
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.reports.enums import ReportStatus
from providers.moderation.reports.models import ListingReport
from providers.moderation.tasks import request_confirmations_task
from providers.organisations.access import provider_group
from providers.taxonomy_defaults import CATEGORIES
from providers.validators import CHARITY_NUMBER_RE, COMPANY_NUMBER_RE, POSTCODE_RE
from tests.html import get
from tests.network import network_forbidden

TOP_LEVEL_OF = {child: parent for parent, _name, children in CATEGORIES for child, _ in children}
TODAY = dt.date(2026, 6, 1)


# --- the plan: what the full demo directory contains ----------------------------------------


def test_full_directory_plan_has_60_organisations_and_200_services_in_every_category():
    plan = plan_demo_directory(today=TODAY)
    services = [service for org in plan for service in org.services]

    assert 55 <= len(plan) <= 65
    assert 190 <= len(services) <= 215
    live = [service for service in services if service.live]
    assert {TOP_LEVEL_OF[s.category_slugs[0]] for s in live} == {c[0] for c in CATEGORIES}
    assert {s.category_slugs[0] for s in live} == set(TOP_LEVEL_OF)
    # Two organisations wait for verification; their services and three others are drafts.
    assert sum(not org.verified for org in plan) == 2
    assert len(services) - len(live) == 5
    types = Counter(org.organisation_type for org in plan)
    assert 3 <= types["statutory"] <= 4
    assert {"charity", "cio", "cic", "company", "sole_trader", "community_group"} <= set(types)


def test_plan_prices_are_realistic_decimals_with_about_a_third_free():
    services = [s for org in plan_demo_directory(today=TODAY) for s in org.services]
    free = [s for s in services if any(cost.is_free for cost in s.costs)]
    assert 0.2 <= len(free) / len(services) <= 0.45
    for service in services:
        assert 1 <= len(service.costs) <= 3
        for cost in service.costs:
            if cost.is_free:
                assert cost.amount is None
            else:
                assert isinstance(cost.amount, Decimal)
                assert Decimal("0.50") <= cost.amount <= Decimal("2000")
                assert cost.amount == cost.amount.quantize(Decimal("0.01"))
    paid = [s for s in services if not s.costs[0].is_free]
    direct_payment = [s for s in paid if s.costs[0].direct_payment_eligible]
    assert 0.3 <= len(direct_payment) / len(paid) <= 0.7


def test_plan_is_the_same_for_the_same_seed_and_registration_numbers_are_well_formed():
    first, second = plan_demo_directory(today=TODAY), plan_demo_directory(today=TODAY)
    assert first == second
    for org in first:
        if org.organisation_type in ("charity", "cio"):
            assert CHARITY_NUMBER_RE.match(org.charity_number)
            assert len(org.charity_number) == 7
        if org.organisation_type in ("cic", "company"):
            assert COMPANY_NUMBER_RE.match(org.company_number)
            assert len(org.company_number) == 8
        assert org.phone.startswith("01632 960")
        for service in org.services:
            assert service.min_age_months <= service.max_age_months <= 300
            assert len(service.summary) <= 250
            for location in service.locations:
                assert POSTCODE_RE.match(location.postcode)
            for contact in service.contacts:
                assert contact.phone.startswith("01632 960")
                assert contact.email.endswith(".example")


def test_demo_postcodes_are_fictional_and_within_eight_miles_of_the_town_centre():
    for item in DEMO_POSTCODES:
        assert POSTCODE_RE.match(item.postcode) and item.postcode.startswith("NB")
        north = (item.latitude - CENTRE_LATITUDE) * 69.0
        east = (item.longitude - CENTRE_LONGITUDE) * 69.0 * math.cos(math.radians(52.6))
        assert math.hypot(north, east) <= 8
    assert len({item.postcode for item in DEMO_POSTCODES}) == len(DEMO_POSTCODES) >= 30


# --- the built demo --------------------------------------------------------------------------


def _table_counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "revisions": Revision.objects.count(),
        "log entries": PageLogEntry.objects.count(),
        "feedback": Feedback.objects.count(),
        "users": get_user_model().objects.count(),
        "groups": Group.objects.count(),
        "images": ServiceImage.objects.count(),
        "costs": CostOption.objects.count(),
        "locations": ServiceLocation.objects.count(),
        "sites": Site.objects.count(),
        "references": ReferenceIndex.objects.count(),
        "offers": BookableOffer.objects.count(),
        "sessions": Session.objects.count(),
        "bookings": Booking.objects.count(),
        "children": Child.objects.count(),
    }


@pytest.fixture(scope="module")
def demo_output(django_db_setup, django_db_blocker):
    """Build the demo once (it publishes about 300 pages); undo it after the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        out = StringIO()
        call_command("load_demo", services=40, no_progress=True, stdout=out)
        yield out.getvalue()
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_demo_site_tree_sections_and_feedback_are_published(demo_output):
    content = load_site()
    # The site tree: our home page is the default site's root, Wagtail's welcome page is gone.
    site = Site.objects.get(is_default_site=True)
    home = site.root_page.specific
    assert isinstance(home, HomePage) and home.slug == "home" and home.live
    assert home.title == "Northbridge SEND Local Offer"
    assert not Page.objects.filter(depth=2).exclude(pk=home.pk).exists()
    settings = SiteSettings.for_site(site)
    assert settings.council_name == "Northbridge Borough Council"
    assert settings.phase == "Beta" and settings.logo is not None

    # Statutory sections and pages, all published with a revision.
    sections = SectionPage.objects.child_of(home)
    assert list(sections.values_list("slug", flat=True)) == [
        section.page.slug for section in content.sections
    ]
    assert set(sections.filter(show_in_menus=True).values_list("slug", flat=True)) == set(
        MENU_SECTIONS
    )
    expected_pages = sum(len(s.pages) for s in content.sections) + len(content.footer)
    information = InformationPage.objects.all()
    assert information.count() == expected_pages
    assert information.live().count() == expected_pages
    assert not information.filter(live_revision__isnull=True).exists()
    footer = InformationPage.objects.child_of(home)
    assert list(footer.values_list("slug", flat=True)) == [p.slug for p in content.footer]
    assert not footer.filter(show_in_menus=True).exists()
    early_years = InformationPage.objects.get(url_path="/home/education/early-years/")
    assert [block.block_type for block in early_years.body][:2] == ["rich_text", "image"]
    assert early_years.title == "Early years (birth to 5)"
    budget = InformationPage.objects.get(slug="what-is-a-personal-budget")
    assert any(block.block_type == "video" for block in budget.body)

    # "You said, we did": the page and every example, published in its year.
    examples = load_examples()
    assert YouSaidWeDidPage.objects.child_of(home).live().count() == 1
    published = Feedback.objects.published()
    assert published.count() == len(examples)
    assert sorted(f.published_at.year for f in published) == sorted(
        item["year"] for item in examples
    )


@pytest.mark.django_db
def test_the_demo_directory_has_every_organisation_and_the_chosen_services(demo_output):
    # The directory: every planned organisation, 40 services, pending ones unpublished.
    index = OrganisationIndexPage.objects.get()
    assert index.url_path == "/home/providers/" and index.live
    organisations = OrganisationPage.objects.child_of(index)
    assert organisations.count() == len(plan_demo_directory(today=TODAY)) + 1
    pending = organisations.filter(verification_status=VerificationStatus.PENDING)
    # Two planned ones, and one registered online (localoffer.demo.registration).
    assert pending.count() == 3 and not pending.filter(live=True).exists()
    services = ServicePage.objects.all()
    # 40, and the second of the demo provider's two bookable listings the trim had left out.
    assert services.count() == 41
    drafts = services.not_live()
    assert drafts.exists() and not drafts.filter(live_revision__isnull=False).exists()
    assert all(s.has_unpublished_changes for s in drafts)
    assert not services.live().filter(categories__isnull=True).exists()
    assert ServiceImage.objects.filter(service__in=services).exists()


@pytest.mark.django_db
def test_the_demo_has_one_user_per_role_with_the_demo_password(demo_output):
    User = get_user_model()
    for demo in DEMO_USERS:
        user = User.objects.get(email=demo.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.is_superuser == demo.superuser
    groups = {
        user.email: set(user.groups.values_list("name", flat=True)) for user in User.objects.all()
    }
    assert groups["family@northbridge.example"] == set()
    assert roles.MODERATORS in groups["moderator@northbridge.example"]
    assert roles.CONTENT_EDITORS in groups["editor@northbridge.example"]
    assert roles.FINANCE_OFFICERS in groups["finance@northbridge.example"]
    provider_org = OrganisationPage.objects.get(title=PROVIDER_ADMIN_ORGANISATION)
    admin_group = provider_group(provider_org, admin=True)
    assert admin_group is not None
    assert admin_group.name in groups["provider@northbridge.example"]
    assert "provider@northbridge.example" in demo_output
    assert DEMO_PASSWORD in demo_output


@pytest.mark.django_db
def test_families_can_read_the_demo_pages(demo_output, client):
    services = ServicePage.objects.all()
    live_service = services.live().first()
    verified_org = OrganisationPage.objects.filter(live=True).first()
    for url in (
        "/",
        "/education/",
        "/education/early-years/",
        "/personal-budgets/what-is-a-personal-budget/",
        "/accessibility-statement/",
        "/you-said-we-did/",
        "/providers/",
        verified_org.url,
        live_service.url,
        "/services/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get(services.not_live().first().url).status_code == 404


@pytest.mark.django_db
def test_a_second_run_creates_nothing_and_changes_no_counts(demo_output):
    # Everything the first run made is found again, so the second run only reads.
    before = _table_counts()
    again = StringIO()
    call_command("load_demo", services=40, no_progress=True, stdout=again)
    assert _table_counts() == before
    assert re.search(
        r"Created: 0 statutory pages, 0 footer pages, 0 organisations", again.getvalue()
    )


@pytest.mark.django_db
def test_the_demo_history_was_made_by_the_services_on_its_own_dates(demo_output):
    today = timezone.localdate()
    assert set(SubmissionCycle.objects.values_list("status", flat=True)) == {
        CycleStatus.CLOSED,
        CycleStatus.OPEN,
    }
    assert Submission.objects.filter(urgent=True, status=SubmissionStatus.IN_REVIEW).exists()
    assert ListingFreshness.objects.flagged().count() == 1
    report = ListingReport.objects.get()
    assert report.status == ReportStatus.NEW and report.created_at.date() < today
    waiting = OrganisationPage.objects.get(title="Harbour Lane Inclusive Theatre")
    assert waiting.verification_status == VerificationStatus.PENDING
    assert waiting.registration.registered_at.date() == today - dt.timedelta(days=2)
    registered = PageLogEntry.objects.get(page=waiting, action="providers.register")
    assert registered.timestamp == waiting.registration.registered_at
    assert (
        Membership.objects.admins()
        .filter(organisation=waiting, user__email="provider@northbridge.example")
        .exists()
    )


@pytest.mark.django_db
def test_quietly_sends_no_mail_even_from_tasks(django_capture_on_commit_callbacks):
    with quietly(), django_capture_on_commit_callbacks(execute=True):
        send_email(
            to=["someone@example.org"],
            template="providers/email/registration_received",
            context={},
        )
        result = request_confirmations_task.enqueue(0)
    assert mail.outbox == []
    # Tasks still run: publishing indexes the demo's listings for search through them.
    assert result.status == TaskResultStatus.SUCCESSFUL


@pytest.mark.django_db
def test_the_demo_ships_its_video_players_and_renders_them_without_the_network(
    demo_output, client, monkeypatch
):
    pages = load_site().all_pages()
    videos = [video for page in pages if (video := getattr(page.meta, "video", None))]
    assert videos, "the demo has no video to show"
    with network_forbidden(monkeypatch) as attempts:
        page = get(client, "/personal-budgets/what-is-a-personal-budget/")
    assert attempts == []
    for video in videos:
        assert stored_embed(video.url) is not None, video.url
    iframe = page.select_one(".app-video__embed > iframe")
    assert iframe["src"].startswith(VIDEO_FRAME_SOURCES)
    assert iframe["title"]


@pytest.mark.django_db
def test_the_demo_marketplace_has_bookable_listings_children_and_bookings(demo_output):
    now = timezone.now()
    family = get_user_model().objects.get(email="family@northbridge.example")
    sessions_offer = BookableOffer.objects.get(service__title=SESSIONS_LISTING)
    hours_offer = BookableOffer.objects.get(service__title=HOURS_LISTING)
    provider = sessions_offer.organisation
    assert provider.title == PROVIDER_ADMIN_ORGANISATION == hours_offer.organisation.title
    assert sessions_offer.kind == OfferKind.SESSIONS and hours_offer.kind == OfferKind.HOURS
    assert sessions_offer.unit_price == Decimal("6.50") and hours_offer.unit_price == Decimal("30")
    assert card_payments_ready(provider)

    upcoming = list(sessions_offer.sessions.filter(starts_at__gt=now))
    past = list(sessions_offer.sessions.filter(starts_at__lt=now).order_by("starts_at"))
    assert len(upcoming) == 8 and len(past) > 2
    assert places_left(upcoming[0], now) == 0
    assert WaitingListEntry.objects.filter(session=upcoming[0]).exists()
    assert places_left(upcoming[1], now) > 0
    # The term's earlier Saturdays (sold against the costing) all have attendance; of the
    # story's two, the older has its attendance recorded, the latest is for the provider.
    term, story = past[:-2], past[-2:]
    assert all(b.attendance for session in term for b in session.bookings.all())
    assert all(b.attendance for b in story[0].bookings.all())
    assert not any(b.attendance for b in story[1].bookings.all())

    children = {child.first_name: child for child in Child.objects.filter(family=family)}
    assert set(children) == {CHILD_WITH_PROFILE, OTHER_CHILD}
    assert children[CHILD_WITH_PROFILE].has_ehc_plan
    assert [share.organisation_id for share in shares_of(family)] == [provider.pk]
    mine = Booking.objects.filter(family=family)
    # Leo's place, and Maya's two places the council-managed budget is to pay for.
    upcoming_mine = mine.filter(status=BookingStatus.CONFIRMED, session__starts_at__gt=now)
    assert sorted(b.child.first_name for b in upcoming_mine) == [OTHER_CHILD, CHILD_WITH_PROFILE]
    assert mine.filter(offer=hours_offer, status=BookingStatus.REQUESTED).count() == 1

    # About a third of the directory can be booked, and not every provider takes cards.
    listings = Page.objects.type(ServicePage).live().count()
    assert listings / 4 < BookableOffer.objects.count() < listings / 2
    organisations = {offer.organisation for offer in BookableOffer.objects.all()}
    assert {card_payments_ready(org) for org in organisations} == {True, False}


@pytest.mark.django_db
def test_the_demo_provider_has_a_costing_and_referrals_both_ways(demo_output):
    provider = OrganisationPage.objects.get(title=PROVIDER_ADMIN_ORGANISATION)
    costing = Costing.objects.get(organisation=provider)
    assert costing.status == CostingStatus.FINAL
    result = work_out_costing(costing)
    unit_costs = {service.name: service.unit_cost for service in result.services}
    assert unit_costs == {SESSIONS_LISTING: Decimal("52.22"), HOURS_LISTING: Decimal("23.27")}
    assert result.whole_budget == Decimal("85000.00")
    # The Saturday sessions sold this term are what its recovery is worked out from.
    assert (
        Booking.objects.filter(
            offer__service__title=SESSIONS_LISTING, attendance=Attendance.ATTENDED
        ).count()
        > 20
    )

    sent = Referral.objects.get(referring_organisation=provider)
    received = Referral.objects.get(receiving_organisation=provider)
    assert sent.status == ReferralStatus.ACCEPTED and sent.consented_at is not None
    assert received.status == ReferralStatus.SENT and received.consented_at is not None
    # The demo family's own children are left free to be referred from scratch.
    assert not Referral.objects.filter(child__first_name__in=[CHILD_WITH_PROFILE, OTHER_CHILD])


@pytest.mark.django_db
def test_the_demo_third_party_holds_tobis_budget_with_a_booking_waiting(demo_output):
    holder = get_user_model().objects.get(email="thirdparty@northbridge.example")
    assert holder.check_password(DEMO_PASSWORD)
    budget = PersonalBudget.objects.get(third_party=holder)
    assert budget.child.first_name == "Tobi"
    assert budget.third_party_name == "Northbridge Independent Living Trust"
    fundings = list(BookingFunding.objects.filter(budget=budget).order_by("pk"))
    assert [f.approval for f in fundings] == [ApprovalStatus.APPROVED, ApprovalStatus.PENDING]
    first = fundings[0].booking
    invoice = Document.objects.get(kind=DocumentKind.INVOICE, booking_reference=first.reference)
    assert invoice.customer_name == "Northbridge Independent Living Trust, for Tobi"
    assert invoice.customer_email == holder.email and invoice.customer_address


@pytest.mark.django_db
def test_every_demo_invoice_names_its_customers_address(demo_output):
    """HMRC: an invoice names its customer's address. The demo's families have given
    theirs; an invoice the council or a third party pays is addressed to them."""
    invoices = Document.objects.filter(kind=DocumentKind.INVOICE)
    assert invoices.count() > 20
    assert not invoices.filter(customer_address="").exists()
    family = get_user_model().objects.get(email="family@northbridge.example")
    assert family.invoice_details.address == FAMILY_ADDRESS
