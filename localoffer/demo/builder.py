"""Build the whole Northbridge demo: site tree, statutory pages, directory, people, feedback.

`manage.py load_demo` calls `build_demo`. Each step creates only what is missing, so a
second run changes nothing. Everything happens in one transaction: a failure part-way
leaves the database as it was (pictures already written to storage stay as orphan files).
"""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from tqdm import tqdm
from wagtail.models import Page, ReferenceIndex, Site
from wagtail.signal_handlers import disable_reference_index_auto_update

from localoffer.demo import feedback, pictures, site, users
from localoffer.demo.allocation import ensure_demo_allocation
from localoffer.demo.budgets import ensure_demo_budgets
from localoffer.demo.clock import quietly
from localoffer.demo.costing import ensure_demo_costing
from localoffer.demo.directory import build as directory
from localoffer.demo.directory.listings import plan_demo_directory
from localoffer.demo.directory.organisations import (
    PARTNER_ORGANISATION,
    PROVIDER_ADMIN_ORGANISATION,
)
from localoffer.demo.directory.postcodes import DEMO_POSTCODES, district_centroids
from localoffer.demo.embeds import ensure_embeds
from localoffer.demo.features import feature_listings
from localoffer.demo.freshness import ensure_demo_report
from localoffer.demo.marketplace import ensure_demo_marketplace
from localoffer.demo.moderation import ensure_demo_moderation
from localoffer.demo.pages import load_site
from localoffer.demo.referrals import ensure_demo_referrals
from localoffer.demo.registration import ensure_demo_registration
from localoffer.demo.users import DemoUser
from localoffer.models import Feedback, InformationPage, SectionPage, SiteSettings
from localoffer.navigation import clear_navigation_cache
from providers.enums import VerificationStatus
from providers.models import Category, OrganisationPage, ServicePage
from search.gazetteer import import_rows

Report = Callable[[str], None]


@dataclass
class DemoSummary:
    seconds: float = 0.0
    created: dict[str, int] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    users: list[DemoUser] = field(default_factory=list)


def _counts() -> dict[str, int]:
    from wagtail.images import get_image_model

    organisations = OrganisationPage.objects.all()
    services = ServicePage.objects.all()
    return {
        "sections": SectionPage.objects.count(),
        "information pages": InformationPage.objects.count(),
        "organisations": organisations.count(),
        "organisations verified": organisations.filter(
            verification_status=VerificationStatus.VERIFIED
        ).count(),
        "services": services.count(),
        "services live": services.live().count(),
        "services draft": services.not_live().count(),
        "pictures": get_image_model()
        .objects.filter(collection__name=pictures.DEMO_COLLECTION)
        .count(),
        "published feedback": Feedback.objects.published().count(),
    }


def _index_references(first_new_page: int, default_site: Site) -> None:

    for page in Page.objects.filter(pk__gte=first_new_page).specific().iterator():
        ReferenceIndex.create_or_update_for_object(page)
    ReferenceIndex.create_or_update_for_object(SiteSettings.for_site(default_site))


def load_demo_postcodes() -> int:
    """Put Northbridge's fictional postcodes and their districts in the gazetteer, so a
    family can search "within 3 miles of NB3 5TR" on the demo. Returns how many were new."""

    rows = [(item.postcode, item.latitude, item.longitude) for item in DEMO_POSTCODES]
    rows += [(district, lat, lon) for district, (lat, lon) in district_centroids().items()]
    return import_rows(rows, source="Northbridge demo").created


def build_demo(
    *, services: int | None = None, report: Report = print, show_progress: bool = True
) -> DemoSummary:
    """Build (or complete) the demo. `services` limits the directory, for quick tests."""
    started = time.perf_counter()
    content = load_site()
    today = timezone.localdate()
    summary = DemoSummary()
    first_new_page = (Page.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    # Wagtail refreshes its reference index (what uses each image, page and snippet) on
    # every save, several times per page with child rows; once per new object at the end
    # gives the same index in a fraction of the time.
    # Mail is off for the whole transaction: the services the demo's history goes through
    # send their mail when it commits.
    with quietly(), transaction.atomic(), disable_reference_index_auto_update():
        report("Drawing pictures and the council logo")
        demo_pictures = pictures.ensure_pictures()
        logo = pictures.ensure_logo(site.COUNCIL_NAME)

        category_ids = dict(Category.objects.values_list("slug", "pk"))
        home = site.ensure_home(content.home, report, category_ids)
        default_site = site.ensure_site(home)
        site.ensure_site_settings(default_site, logo)

        total_pages = sum(len(section.pages) for section in content.sections)
        with tqdm(
            total=total_pages, desc="Local Offer pages", unit="page", disable=not show_progress
        ) as bar:
            summary.created["statutory pages"] = site.ensure_sections(
                home,
                content.sections,
                pictures=demo_pictures,
                category_ids=category_ids,
                today=today,
                progress=bar.update,
            )
        summary.created["footer pages"] = site.ensure_footer_pages(
            home, content.footer, category_ids=category_ids, today=today
        )
        site.ensure_you_said_we_did_page(home)
        index = site.ensure_organisation_index(home)

        report("Loading the demo postcodes into the gazetteer")
        load_demo_postcodes()

        plan = plan_demo_directory(today=today, limit_services=services)
        feature_listings(plan)
        with tqdm(
            total=sum(len(org.services) for org in plan),
            desc="Directory listings",
            unit="service",
            disable=not show_progress,
        ) as bar:
            summary.created.update(
                directory.build_directory(index, plan, pictures=demo_pictures, progress=bar.update)
            )

        report("Creating roles and demo users")
        summary.users = users.ensure_demo_users(
            organisations={
                name: organisation
                for name in (PROVIDER_ADMIN_ORGANISATION, PARTNER_ORGANISATION)
                if (organisation := directory.find_organisation(index, name)) is not None
            }
        )
        editor = get_user_model().objects.get(email="editor@northbridge.example")
        summary.created["feedback"] = feedback.ensure_published_feedback(
            feedback.load_examples(), responder=editor
        )
        summary.created["moderation submissions"] = ensure_demo_moderation(today)
        summary.created["organisations waiting for verification"] = ensure_demo_registration(
            index, today
        )
        summary.created["reported problems"] = ensure_demo_report(today)
        summary.created["video players"] = ensure_embeds(content)
        report("Making listings bookable, with sessions, children and bookings")
        for what, count in ensure_demo_marketplace(now=timezone.now()).items():
            summary.created[what] = count
        report("Setting up personal budgets with a year of payments, spending and returns")
        for what, count in ensure_demo_budgets(now=timezone.now()).items():
            summary.created[what] = count
        report("A provider's costing for the year, and referrals between the two demo providers")
        for what, count in ensure_demo_costing(now=timezone.now()).items():
            summary.created[what] = count
        for what, count in ensure_demo_referrals(now=timezone.now()).items():
            summary.created[what] = count
        report("Working out budgets: the questionnaire, the provision map, assessments, the panel")
        for what, count in ensure_demo_allocation(now=timezone.now()).items():
            summary.created[what] = count
        _index_references(first_new_page, default_site)
    # The navigation is cached per site; pages were published inside the transaction.
    clear_navigation_cache()
    summary.counts = _counts()
    summary.seconds = time.perf_counter() - started
    return summary
