"""Factories for tests: users, the site tree, organisations, services and their rows.

Pages are Wagtail tree nodes: they are created under a parent with
`parent.add_child(instance=page)` and published with `page.save_revision().publish()`, so
every page a factory makes has a revision, exactly like one made in the admin.

    home = site_tree()                                   # HomePage as the default Site's root
    index = OrganisationIndexPageFactory(parent=home)
    org = OrganisationPageFactory(parent=index, verified=True)
    service = ServicePageFactory(parent=org, categories=[category], cost_options__amount=...)
    draft = ServicePageFactory(parent=org, draft=True)   # never published, live=False

Related rows: `ServicePageFactory` makes one priced `CostOption` (£24 per hour) unless
`cost_options=[]` is passed; add more with `CostOptionFactory(service=service)` and then
`service.save_revision().publish()` if the published revision must carry them (rows
created directly are in the database at once; the revision matters only for the admin).
"""

import datetime as dt
from decimal import Decimal
from typing import Any

import factory
import wagtail_factories
from django.contrib.auth import get_user_model
from django.utils.text import slugify
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Page, Site

from localoffer.accounts.totp import code_at
from localoffer.models import HomePage, InformationPage, SectionPage
from localoffer.roles import ensure_roles
from providers.enums import (
    CostUnit,
    OrganisationType,
    ScheduleKind,
    SchedulePeriod,
    TeamRole,
    VerificationStatus,
    Weekday,
)
from providers.models import (
    AccessibilityFeature,
    Category,
    CostOption,
    Membership,
    Need,
    OrganisationIndexPage,
    OrganisationPage,
    Outcome,
    ServiceContact,
    ServiceImage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    ServiceVideo,
)
from providers.organisations.access import grant_organisation_access

PASSWORD = "correct-horse-battery-staple"  # every factory user's password
# Every factory council staff member's authenticator app secret (base32): tests compute
# the current code from it (tests.factories.totp_code) and sign in the way a person would.
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"  # noqa: S105 - tests only


def totp_code(secret: str = TOTP_SECRET, *, at: float | None = None) -> str:
    """The code an authenticator app with this secret shows now (or at `at`)."""
    return code_at(secret, at=at)[0]


# --- people -------------------------------------------------------------------------------


class UserFactory(DjangoModelFactory):
    """A person who signs in by email. Pass `groups=[group, ...]` to put them in groups.

    Like a real account, every factory user has a confirmed email address (allauth will
    not sign anyone in without one; `verified_email=False` leaves it unconfirmed). Council
    staff (superusers and the staff role groups) must use two-factor authentication to
    open the admin, so they get an authenticator app with TOTP_SECRET; `totp=False` leaves
    a member of staff without one, `totp=True` gives anyone one.
    """

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Meta:
        model = get_user_model()
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    class Params:
        superuser = factory.Trait(is_staff=True, is_superuser=True)

    @factory.post_generation
    def groups(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.groups.add(*extracted)

    # Declared after `groups`: factory_boy runs post-generation hooks in order, and whether
    # someone is council staff depends on their groups.
    @factory.post_generation
    def verified_email(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        from allauth.account.models import EmailAddress

        EmailAddress.objects.update_or_create(
            user=self,
            email=self.email,
            defaults={"primary": True, "verified": extracted is not False},
        )

    @factory.post_generation
    def totp(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        from localoffer.accounts.services import set_up_authenticator_app
        from localoffer.roles import is_council_staff

        wanted = extracted if extracted is not None else is_council_staff(self)
        if create and wanted:
            set_up_authenticator_app(user=self, secret=TOTP_SECRET)

    @classmethod
    def _after_postgeneration(cls, instance, create, results=None):
        # The password is set after creation; save it once (factory_boy no longer does).
        if create:
            instance.save()


# --- the site tree ------------------------------------------------------------------------


def site_tree(title: str = "Northbridge SEND Local Offer") -> HomePage:
    """Make a published HomePage the default Site's root, replacing Wagtail's welcome page.

    Wagtail's own migration creates a "Welcome to your new Wagtail site!" page with the slug
    "home" and a default Site pointing at it. The demo does the same swap, so URLs in tests
    are the real ones: the home page is "/" and a section is "/education/".
    """
    existing = HomePage.objects.first()
    if existing is not None:
        return existing
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    old_roots = list(Page.objects.child_of(root).exclude(pk__in=HomePage.objects.all()))
    home = HomePage(title=title, slug="home-new", intro="<p>Support for children with SEND.</p>")
    root.add_child(instance=home)
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = title
    site.save()
    for page in old_roots:
        page.delete()
    home.refresh_from_db()
    home.slug = "home"
    home.save_revision().publish()
    home.refresh_from_db()
    return home


def root_collection() -> Collection:
    return Collection.get_first_root_node()


def default_category() -> Category:
    category, _ = Category.objects.get_or_create(
        slug="test-activities", defaults={"name": "Test activities"}
    )
    return category


# --- pages --------------------------------------------------------------------------------


def _publish(page: Page, create: bool, extracted: Any, **kwargs: Any) -> None:
    """Save a revision and publish it, or leave a never-published draft (`draft=True`).

    Declared last on each page factory: factory_boy runs post-generation hooks in the order
    they were declared, so the revision carries the rows that related factories made.
    """
    if not create:
        return
    revision = page.save_revision()
    if page.live:
        revision.publish()
    else:
        Page.objects.filter(pk=page.pk).update(live=False, has_unpublished_changes=True)
    page.refresh_from_db()


class _PageFactory(wagtail_factories.PageFactory):
    class Meta:
        abstract = True
        skip_postgeneration_save = True

    class Params:
        draft = factory.Trait(live=False)


class SectionPageFactory(_PageFactory):
    title = factory.Sequence(lambda n: f"Section {n}")
    intro = "Help and support on this topic."
    publish = factory.PostGeneration(_publish)

    class Meta:
        model = SectionPage


class InformationPageFactory(_PageFactory):
    title = factory.Sequence(lambda n: f"Information page {n}")
    summary = "What this page tells families."
    body = factory.LazyAttribute(lambda obj: [("rich_text", f"<p>All about {obj.title}.</p>")])
    publish = factory.PostGeneration(_publish)

    class Meta:
        model = InformationPage


class OrganisationIndexPageFactory(_PageFactory):
    title = "Providers"
    slug = "providers"
    intro = "Organisations that run services for children and young people with SEND."
    publish = factory.PostGeneration(_publish)

    class Meta:
        model = OrganisationIndexPage


class OrganisationPageFactory(_PageFactory):
    """A registered charity; `verified=True` for one the council has checked."""

    title = factory.Sequence(lambda n: f"Northbridge Provider {n}")
    organisation_type = OrganisationType.CHARITY
    charity_number = factory.Sequence(lambda n: f"{1100000 + n}")
    description = "<p>We run activities for disabled children and their families.</p>"
    email = factory.LazyAttribute(lambda obj: f"hello@{slugify(obj.title)}.example.org")
    phone = "01632 960 001"
    address_line_1 = "1 High Street"
    town = "Northbridge"
    postcode = "NB1 4AA"
    verification_status = VerificationStatus.PENDING
    publish = factory.PostGeneration(_publish)

    class Meta:
        model = OrganisationPage

    class Params:
        verified = factory.Trait(
            verification_status=VerificationStatus.VERIFIED,
            verified_at=dt.datetime(2025, 1, 6, 10, 0, tzinfo=dt.UTC),
        )
        community_group = factory.Trait(
            organisation_type=OrganisationType.COMMUNITY_GROUP, charity_number=""
        )


class ServicePageFactory(_PageFactory):
    """A published service for 8 to 16 year olds with one cost option, £24 per hour.

    `categories=[...]`, `needs=[...]`, `outcomes=[...]` are passed to the constructor
    (modelcluster keeps them with the page and its revisions). A listing needs a category
    in the admin form, so the default is one shared "Test activities" category.
    `cost_options=[]` makes no cost option; `cost_options__amount=Decimal("30")` changes
    the default one.
    """

    title = factory.Sequence(lambda n: f"Saturday club {n}")
    summary = "Play and make friends on Saturday mornings."
    description = "<p>Games, crafts and sport with trained staff.</p>"
    how_to_access = "<p>Phone us to book a place.</p>"
    min_age_months = 8 * 12
    max_age_months = 16 * 12
    delivered_in_person = True
    categories = factory.LazyFunction(lambda: [default_category()])
    needs = factory.LazyFunction(list)
    outcomes = factory.LazyFunction(list)
    cost_options = factory.RelatedFactoryList(
        "tests.factories.CostOptionFactory", factory_related_name="service", size=1
    )
    publish = factory.PostGeneration(_publish)

    class Meta:
        model = ServicePage


# --- rows of a service --------------------------------------------------------------------


class CostOptionFactory(DjangoModelFactory):
    """£24 per hour by default; `free=True` for a free option."""

    service = factory.SubFactory(ServicePageFactory, cost_options=[])
    is_free = False
    amount = Decimal("24.00")
    unit = CostUnit.HOUR
    direct_payment_eligible = False

    class Meta:
        model = CostOption

    class Params:
        free = factory.Trait(is_free=True, amount=None)
        direct_payment = factory.Trait(direct_payment_eligible=True)


class ServiceLocationFactory(DjangoModelFactory):
    service = factory.SubFactory(ServicePageFactory)
    name = factory.Sequence(lambda n: f"Community centre {n}")
    address_line_1 = "12 Mill Lane"
    town = "Northbridge"
    postcode = "NB2 3CD"

    class Meta:
        model = ServiceLocation
        skip_postgeneration_save = True

    class Params:
        hidden = factory.Trait(hide_exact_address=True)

    @factory.post_generation
    def accessibility(self, create: bool, extracted: Any, **kwargs: Any) -> None:
        if create and extracted:
            self.accessibility.set(extracted)
            self.save()


class ServiceScheduleFactory(DjangoModelFactory):
    """Mondays, 4pm to 5:30pm, term time only."""

    service = factory.SubFactory(ServicePageFactory)
    kind = ScheduleKind.WEEKLY
    weekday = Weekday.MONDAY
    start_time = dt.time(16, 0)
    end_time = dt.time(17, 30)
    period = SchedulePeriod.TERM_TIME

    class Meta:
        model = ServiceSchedule

    class Params:
        one_off = factory.Trait(kind=ScheduleKind.ONE_OFF, weekday=None, date=dt.date(2025, 7, 26))


class ServiceContactFactory(DjangoModelFactory):
    service = factory.SubFactory(ServicePageFactory)
    name = "Sam Patel"
    role = "Club leader"
    phone = "01632 960 123"
    email = "sam@example.org"

    class Meta:
        model = ServiceContact


class ImageFactory(wagtail_factories.ImageFactory):
    """A real (small) image file in the root collection, not a new root collection."""

    title = factory.Sequence(lambda n: f"Picture {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(width=64, height=48, color="blue", format="PNG")


class DocumentFactory(wagtail_factories.DocumentFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(root_collection)
    file = factory.django.FileField(filename="leaflet.pdf", data=b"%PDF-1.4\n%test\n")

    class Params:
        video = factory.Trait(
            file=factory.django.FileField(
                filename="clip.mp4", data=b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"
            )
        )
        captions = factory.Trait(
            file=factory.django.FileField(
                filename="clip.vtt", data=b"WEBVTT\n\n00:00.000 --> 00:02.000\nHello\n"
            )
        )


class ServiceImageFactory(DjangoModelFactory):
    service = factory.SubFactory(ServicePageFactory)
    image = factory.SubFactory(ImageFactory)
    alt_text = "Children painting at a long table"

    class Meta:
        model = ServiceImage


class ServiceVideoFactory(DjangoModelFactory):
    service = factory.SubFactory(ServicePageFactory)
    title = "A morning at the club"
    embed_url = "https://www.youtube.com/watch?v=aqz-KE-bpKQ"

    class Meta:
        model = ServiceVideo


# --- taxonomies ---------------------------------------------------------------------------


class CategoryFactory(DjangoModelFactory):
    """A top-level category; pass `parent=` for a sub-category."""

    name = factory.Sequence(lambda n: f"Test category {n}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slugify(obj.name)}-{n}")
    parent = None

    class Meta:
        model = Category


class NeedFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test need {n}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slugify(obj.name)}-{n}")

    class Meta:
        model = Need


class OutcomeFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test outcome {n}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slugify(obj.name)}-{n}")
    group = "pfa"

    class Meta:
        model = Outcome


class AccessibilityFeatureFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Test feature {n}")
    slug = factory.LazyAttributeSequence(lambda obj, n: f"{slugify(obj.name)}-{n}")

    class Meta:
        model = AccessibilityFeature


# --- roles and membership ----------------------------------------------------------------


def site_roles() -> dict[str, Any]:
    """The staff roles, granted on every home page and directory index that exists now."""
    return ensure_roles(
        home_pages=HomePage.objects.all(), directory_roots=OrganisationIndexPage.objects.all()
    )


class MembershipFactory(DjangoModelFactory):
    """A person in an organisation's team, let in the one way people are
    (`grant_organisation_access`), so their Wagtail groups match the row.

    `MembershipFactory(organisation=org)` makes a member; `admin=True` an admin.
    """

    class Meta:
        model = Membership

    organisation = factory.SubFactory(OrganisationPageFactory)
    user = factory.SubFactory(UserFactory)
    role = TeamRole.MEMBER

    class Params:
        admin = factory.Trait(role=TeamRole.ADMIN)

    @classmethod
    def _create(cls, model_class: type[Membership], *args: Any, **kwargs: Any) -> Membership:
        return grant_organisation_access(
            organisation=kwargs["organisation"],
            user=kwargs["user"],
            admin=kwargs.get("role") == TeamRole.ADMIN,
        )
