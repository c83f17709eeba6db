"""The demo directory as real Wagtail pages: organisations and their services.

Pages are created the way an editor would make them (add_child, a revision, publish), so
the admin shows history, drafts have a revision to moderate, and signal handlers run. The
plan (what each listing says) comes from `localoffer.demo.directory.listings`; this module only
writes it. Organisations and services already present (same slug) are left alone.
"""

from collections.abc import Callable, Mapping
from typing import Any

from django.utils import timezone

from localoffer.demo.directory.listings import OrganisationSpec, ServiceSpec
from localoffer.demo.site import publish
from providers.enums import VerificationStatus
from providers.models import (
    AccessibilityFeature,
    Category,
    CostOption,
    Need,
    OrganisationIndexPage,
    OrganisationPage,
    Outcome,
    ServiceContact,
    ServiceImage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
)


class Taxonomy:
    """The taxonomy rows by slug, loaded once for the whole build."""

    def __init__(self) -> None:
        self.categories = {c.slug: c for c in Category.objects.all()}
        self.needs = {n.slug: n for n in Need.objects.all()}
        self.outcomes = {o.slug: o for o in Outcome.objects.all()}
        self.features = {f.slug: f for f in AccessibilityFeature.objects.all()}


def organisation_page(spec: OrganisationSpec) -> OrganisationPage:
    verified = spec.verified
    return OrganisationPage(
        title=spec.name,
        slug=spec.slug,
        organisation_type=spec.organisation_type,
        description=spec.description,
        charity_number=spec.charity_number,
        company_number=spec.company_number,
        website=spec.website,
        email=spec.email,
        phone=spec.phone,
        address_line_1=spec.address_line_1,
        address_line_2=spec.address_line_2,
        town=spec.town,
        postcode=spec.postcode,
        verification_status=(
            VerificationStatus.VERIFIED if verified else VerificationStatus.PENDING
        ),
        verified_at=timezone.now() if verified else None,
        live=spec.live,
    )


def service_page(spec: ServiceSpec, taxonomy: Taxonomy, pictures: Mapping[str, Any]) -> ServicePage:
    """An unsaved ServicePage with all its child rows, ready for add_child."""
    return ServicePage(
        title=spec.title,
        slug=spec.slug,
        summary=spec.summary,
        description=spec.description,
        categories=[taxonomy.categories[slug] for slug in spec.category_slugs],
        needs=[taxonomy.needs[slug] for slug in spec.need_slugs],
        outcomes=[taxonomy.outcomes[slug] for slug in spec.outcome_slugs],
        min_age_months=spec.min_age_months,
        max_age_months=spec.max_age_months,
        eligibility=spec.eligibility,
        ehc_plan_required=spec.ehc_plan_required,
        referral_required=spec.referral_required,
        area_served=spec.area_served,
        delivered_in_person=spec.delivered_in_person,
        delivered_online=spec.delivered_online,
        delivered_at_home=spec.delivered_at_home,
        languages=spec.languages,
        how_to_access=spec.how_to_access,
        send_adjustments=spec.send_adjustments,
        send_staff_training=spec.send_staff_training,
        send_communication=spec.send_communication,
        send_involvement=spec.send_involvement,
        send_transitions=spec.send_transitions,
        last_reviewed=spec.last_reviewed,
        live=spec.live,
        cost_options=[
            CostOption(
                sort_order=order,
                label=cost.label,
                is_free=cost.is_free,
                amount=cost.amount,
                unit=cost.unit,
                direct_payment_eligible=cost.direct_payment_eligible,
                vat_treatment=cost.vat_treatment,
            )
            for order, cost in enumerate(spec.costs)
        ],
        locations=[
            ServiceLocation(
                sort_order=order,
                name=location.name,
                address_line_1=location.address_line_1,
                address_line_2=location.address_line_2,
                town=location.town,
                postcode=location.postcode,
                latitude=location.latitude,
                longitude=location.longitude,
                hide_exact_address=location.hide_exact_address,
                accessibility=[taxonomy.features[slug] for slug in location.accessibility],
                accessibility_notes=location.accessibility_notes,
            )
            for order, location in enumerate(spec.locations)
        ],
        schedules=[
            ServiceSchedule(
                sort_order=order,
                kind=schedule.kind,
                weekday=schedule.weekday,
                date=schedule.date,
                start_time=schedule.start_time,
                end_time=schedule.end_time,
                period=schedule.period,
                notes=schedule.notes,
            )
            for order, schedule in enumerate(spec.schedules)
        ],
        contacts=[
            ServiceContact(
                sort_order=order,
                name=contact.name,
                role=contact.role,
                phone=contact.phone,
                email=contact.email,
            )
            for order, contact in enumerate(spec.contacts)
        ],
        gallery_images=[
            ServiceImage(
                sort_order=order,
                image=pictures[picture.picture_slug],
                alt_text=picture.alt_text,
                caption=picture.caption,
            )
            for order, picture in enumerate(spec.pictures)
            if picture.picture_slug in pictures
        ],
    )


def build_directory(
    index: OrganisationIndexPage,
    plan: list[OrganisationSpec],
    *,
    pictures: Mapping[str, Any],
    progress: Callable[[int], None],
) -> dict[str, int]:
    """Create the planned organisations and services that are not there yet."""
    taxonomy = Taxonomy()
    existing = {page.slug: page for page in OrganisationPage.objects.child_of(index)}
    created = {"organisations": 0, "services": 0}
    for spec in plan:
        organisation = existing.get(spec.slug)
        if organisation is None:
            organisation = organisation_page(spec)
            index.add_child(instance=organisation)
            revision = organisation.save_revision(clean=False)
            if spec.live:
                revision.publish()
            created["organisations"] += 1
        have = set(ServicePage.objects.child_of(organisation).values_list("slug", flat=True))
        for service_spec in spec.services:
            if service_spec.slug not in have:
                page = service_page(service_spec, taxonomy, pictures)
                organisation.add_child(instance=page)
                if service_spec.live:
                    publish(page)
                else:
                    page.save_revision(clean=False)
                created["services"] += 1
            progress(1)
    return created


def find_organisation(index: OrganisationIndexPage, name: str) -> OrganisationPage | None:
    return OrganisationPage.objects.child_of(index).filter(title=name).first()
