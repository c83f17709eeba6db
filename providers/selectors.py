"""Reads of published listings, shaped so a page costs the same few queries however big.

Every list prefetches the rows a service card shows (organisation, cost options) and a
listing page prefetches each child relation once, so the number of queries does not grow
with the number of cost options, locations, schedules or pictures.
"""

from collections.abc import Iterable
from functools import cached_property
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, Count, ExpressionWrapper, Prefetch, Q, QuerySet

from providers.models import (
    Category,
    CostOption,
    OrganisationPage,
    ServicePage,
)
from providers.models.services import ServicePageQuerySet

# Families are told a listing "may be out of date" when moderation's freshness check has
# flagged it and it is still live. Read through the listing's `freshness` row (a reverse
# one-to-one), so the directory needs nothing from moderation's code to show it.
# Annotate a ServicePage queryset with it: `.annotate(may_be_out_of_date=MAY_BE_OUT_OF_DATE)`.
MAY_BE_OUT_OF_DATE = ExpressionWrapper(
    Q(freshness__flagged_at__isnull=False, freshness__unpublished_at__isnull=True),
    output_field=BooleanField(),
)


def published_services() -> ServicePageQuerySet:
    """Live services that anyone may see, with what a result card needs.

    Each has `may_be_out_of_date` (the card's tag) from the same query.
    """
    return (
        ServicePage.objects.live()
        .public()
        .select_related("locale")
        .annotate(may_be_out_of_date=MAY_BE_OUT_OF_DATE)
        .prefetch_related(
            Prefetch("cost_options", queryset=CostOption.objects.order_by("sort_order"))
        )
    )


def organisations_by_page(
    pages: Iterable[Any], *, queryset: QuerySet[OrganisationPage] | None = None
) -> dict[int, OrganisationPage | None]:
    """{listing id: its organisation page} for listings already loaded, in one query.

    A listing's organisation is its parent page, whose tree path is the listing's less its
    last step. For querysets not yet run, `ServicePage.objects.with_organisation()` gives
    the same in SQL. `queryset` may narrow or extend what is loaded (say, with
    `select_related("logo")`).
    """
    pages = list(pages)
    if not pages:
        return {}
    steplen = ServicePage.steplen
    source = OrganisationPage.objects.all() if queryset is None else queryset
    by_path = {
        organisation.path: organisation
        for organisation in source.filter(path__in={page.path[:-steplen] for page in pages})
    }
    return {page.pk: by_path.get(page.path[:-steplen]) for page in pages}


def attach_organisations(services: Iterable[ServicePage], **kwargs: Any) -> list[ServicePage]:
    """Give each service card its `organisation_page`, in one query."""
    services = list(services)
    organisations = organisations_by_page(services, **kwargs)
    for service in services:
        service.organisation_page = organisations.get(service.pk)
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
    return attach_organisations(queryset)


def services_of_organisation(organisation: OrganisationPage) -> list[ServicePage]:
    return list(published_services().child_of(organisation).order_by("title"))


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


def _organisation_of(service: ServicePage) -> Any:
    """The listing's organisation in one query (the parent's row by its tree path), where
    `get_parent().specific` takes two; a parent Wagtail already cached costs none."""
    cached = getattr(service, "_cached_parent_obj", None)
    if cached is not None:
        return cached.specific
    parent_path = service.path[: -service.steplen]
    organisation = OrganisationPage.objects.filter(path=parent_path).first()
    return organisation if organisation is not None else service.get_parent().specific


class ServiceDetails:
    """Everything a listing page shows beyond the page's own fields, one query per relation
    whatever its size, each read only when the template first uses it: a listing whose
    details come from the page cache's fragment (templates/providers/service_page.html)
    reads none of them.

    Relations are read through the page (not fresh querysets) so that a preview of a
    draft shows the draft's rows, which live only in the revision until published.
    """

    def __init__(self, service: ServicePage) -> None:
        self.service = service

    @cached_property
    def organisation(self) -> Any:
        return _organisation_of(self.service)

    @cached_property
    def cost_options(self) -> list:
        return list(self.service.cost_options.all())

    @cached_property
    def locations(self) -> list:
        return list(self.service.locations.all().prefetch_related("accessibility"))

    @cached_property
    def schedules(self) -> list:
        return list(self.service.schedules.all())

    @cached_property
    def contacts(self) -> list:
        return list(self.service.contacts.all())

    @cached_property
    def gallery(self) -> list:
        return list(
            self.service.gallery_images.all()
            .select_related("image")
            .prefetch_related("image__renditions")
        )

    @cached_property
    def videos(self) -> list:
        return list(self.service.videos.select_related("video_file", "captions"))

    @cached_property
    def categories(self) -> list:
        return list(self.service.categories.select_related("parent"))

    @cached_property
    def needs(self) -> list:
        return list(self.service.needs.all())

    @cached_property
    def outcomes(self) -> list:
        return list(self.service.outcomes.all())


def organisation_members(organisation: OrganisationPage, *, admins_only: bool = False) -> QuerySet:
    """The people who keep an organisation's listings (or only its admins) who can sign in."""
    memberships = organisation.memberships.all()
    if admins_only:
        memberships = memberships.admins()
    return get_user_model().objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def organisations_of_user(user: Any) -> QuerySet[OrganisationPage]:
    """Every organisation a person belongs to, as member or admin."""
    if not user.is_authenticated:
        return OrganisationPage.objects.none()
    return OrganisationPage.objects.filter(memberships__user=user)
