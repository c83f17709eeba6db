"""Reads of published listings, shaped so a page costs the same few queries however big.

Every list prefetches the rows a service card shows (organisation, cost options) and a
listing page prefetches each child relation once, so the number of queries does not grow
with the number of cost options, locations, schedules or pictures.
"""

from collections.abc import Iterable

from django.db.models import Count, Prefetch, Q, QuerySet

from providers.models import (
    Category,
    CostOption,
    OrganisationPage,
    ServicePage,
)


def published_services() -> QuerySet[ServicePage]:
    """Live services that anyone may see, with what a result card needs."""
    return (
        ServicePage.objects.live()
        .public()
        .select_related("locale")
        .prefetch_related(
            Prefetch("cost_options", queryset=CostOption.objects.order_by("sort_order"))
        )
    )


def attach_organisations(services: Iterable[ServicePage]) -> list[ServicePage]:
    """Give each service its organisation page in one query (pages are a tree, not FKs)."""
    services = list(services)
    parent_paths = {service.path[: -ServicePage.steplen] for service in services}
    organisations = {
        org.path: org for org in OrganisationPage.objects.filter(path__in=parent_paths)
    }
    for service in services:
        service.organisation_page = organisations.get(service.path[: -ServicePage.steplen])
    return services


def mark_out_of_date(services: Iterable[ServicePage]) -> list[ServicePage]:
    """Set `may_be_out_of_date` on each service card's listing, in one query."""
    from providers.moderation.freshness.selectors import out_of_date_page_ids

    services = list(services)
    out_of_date = out_of_date_page_ids([service.pk for service in services])
    for service in services:
        service.may_be_out_of_date = service.pk in out_of_date
    return services


def services_in_categories(
    categories: Iterable[Category], *, limit: int | None = None
) -> list[ServicePage]:
    """Published services in any of these categories or their sub-categories."""
    ids = [category.pk for category in categories]
    if not ids:
        return []
    queryset = (
        published_services()
        .filter(Q(categories__in=ids) | Q(categories__parent__in=ids))
        .distinct()
        .order_by("title")
    )
    if limit:
        queryset = queryset[:limit]
    return mark_out_of_date(attach_organisations(queryset))


def services_of_organisation(organisation: OrganisationPage) -> list[ServicePage]:
    return mark_out_of_date(published_services().child_of(organisation).order_by("title"))


def top_categories_with_counts() -> QuerySet[Category]:
    """Top-level categories, each with how many published services it (and its children) has."""
    live_ids = ServicePage.objects.live().public().values("pk")
    return (
        Category.objects.filter(parent__isnull=True)
        .annotate(
            direct=Count("services", filter=Q(services__in=live_ids), distinct=True),
        )
        .prefetch_related(
            Prefetch(
                "children",
                queryset=Category.objects.annotate(
                    service_count=Count("services", filter=Q(services__in=live_ids), distinct=True)
                ),
            )
        )
    )


def service_detail_context(service: ServicePage) -> dict:
    """Everything a listing page shows, one query per relation whatever its size.

    Relations are read through the page (not fresh querysets) so that a preview of a
    draft shows the draft's rows, which live only in the revision until published.
    """
    return {
        "organisation": service.get_parent().specific,
        "cost_options": list(service.cost_options.all()),
        "locations": list(service.locations.all().prefetch_related("accessibility")),
        "schedules": list(service.schedules.all()),
        "contacts": list(service.contacts.all()),
        "gallery": list(
            service.gallery_images.all()
            .select_related("image")
            .prefetch_related("image__renditions")
        ),
        "videos": list(service.videos.select_related("video_file", "captions")),
        "categories": list(service.categories.select_related("parent")),
        "needs": list(service.needs.all()),
        "outcomes": list(service.outcomes.all()),
    }


def organisation_members(organisation: OrganisationPage, *, admins_only: bool = False):
    """The people who keep an organisation's listings (its member or admin group)."""
    from django.contrib.auth import get_user_model

    from localoffer.roles import provider_group

    group = provider_group(organisation, admin=admins_only)
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(groups=group) if group is not None else users.none()


def organisations_of_user(user) -> QuerySet[OrganisationPage]:
    """Every organisation a person belongs to, as member or admin."""
    if not user.is_authenticated:
        return OrganisationPage.objects.none()
    from localoffer.roles import PROVIDER_GROUP_PREFIX

    return OrganisationPage.objects.filter(
        group_permissions__group__name__startswith=PROVIDER_GROUP_PREFIX,
        group_permissions__group__user=user,
    ).distinct()
