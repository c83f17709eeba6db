"""The demo's marketplace: bookable listings, sessions, families' children and bookings.

Sunflower Sensory Centre (the organisation of the demo provider account) gets two listings
with known titles, so a new user and the browser tests can find them: a Saturday session
that is booked and paid for, and one-to-one support asked for in hours. Their story goes
through the same services as the site (holding, confirming, attendance, the waiting list,
consent to share a profile), on the dates it happened. Every other priced listing
is bookable too (about a third of all), with weekly sessions over the next eight weeks; those are
written in bulk, because several hundred sessions through the audited services would make
`load_demo` minutes slower and tell nobody anything new.
"""

from __future__ import annotations

import datetime as dt
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone

from localoffer.demo import billing, sales
from localoffer.demo.clock import at, on
from localoffer.demo.directory.organisations import (
    PARTNER_ORGANISATION,
    PROVIDER_ADMIN_ORGANISATION,
)
from localoffer.demo.features import (
    GROUP_PRICE,
    GROUP_SIZE,
    HOURS_LISTING,
    PARTNER_LISTING,
    SESSIONS_LISTING,
)
from pricing.bookings import services as bookings
from pricing.bookings.enums import Attendance
from pricing.bookings.models import Booking
from pricing.families import services as families
from pricing.families.models import Child
from pricing.invoices.services import save_customer_details
from pricing.offers import services as offers
from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer, Session
from pricing.payments.models import PaymentMethod
from pricing.payments.services.connect import connect_local_test_account
from providers.enums import CostUnit
from providers.models import Need, OrganisationPage, ServicePage

CHILD_WITH_PROFILE = "Maya"
# Printed on the demo family's invoices (every invoice names its customer's address).
FAMILY_ADDRESS = "12 Willow Road\nNorthbridge\nNB1 2CD"
OTHER_CHILD = "Leo"

SESSION_PLACES = 12
WEEKS_AHEAD = 8
# Other families in the demo's story: they fill a session and wait for a place.
OTHER_FAMILIES = [
    ("Ruth", "Okafor", "Tobi"),
    ("Dan", "Hughes", "Isla"),
    ("Priya", "Nair", "Arjun"),
    ("Kerry", "Walsh", "Finn"),
    ("Tomasz", "Nowak", "Zofia"),
    ("Grace", "Mensah", "Kofi"),
    ("Hannah", "Lee", "Noah"),
]
SHARING_FAMILY = "family2@northbridge.example"  # Ruth Okafor, Tobi's parent
BULK_SHARE = 2  # every other priced listing: about a third of all listings
SEED = 20261202


def ensure_demo_marketplace(*, now: dt.datetime) -> dict[str, int]:
    """Write the marketplace story once; a second load finds it and adds nothing."""
    organisation = OrganisationPage.objects.filter(title=PROVIDER_ADMIN_ORGANISATION).first()
    if organisation is None or BookableOffer.objects.filter(organisation=organisation).exists():
        return {}
    User = get_user_model()
    provider = User.objects.get(email="provider@northbridge.example")
    family = User.objects.get(email="family@northbridge.example")
    if settings.STRIPE_LOCAL_TEST_ACCOUNTS:
        connect_local_test_account(organisation=organisation, by=provider)
    billing.billing_details(organisation, provider)
    save_customer_details(user=family, name="Sam Parent", address=FAMILY_ADDRESS)
    maya, leo = _family_children(family, organisation)
    others = [
        _other_family(first, last, child, index)
        for index, (first, last, child) in enumerate(OTHER_FAMILIES)
    ]
    counts = {"bookings": 0}
    sessions_listing = _listing(organisation, SESSIONS_LISTING)
    if sessions_listing is not None:
        counts["bookings"] += _sessions_story(
            sessions_listing, provider, family, maya, leo, others, now
        )
    hours_listing = _listing(organisation, HOURS_LISTING)
    if hours_listing is not None:
        counts["bookings"] += _hours_story(hours_listing, provider, family, maya, others, now)
    counts["bookings"] += _past_sales(organisation, provider, others, now)
    counts["bookings"] += _partner(family, others, now)
    _bulk_offers(organisation, now)
    counts["bookable listings"] = BookableOffer.objects.count()
    counts["sessions"] = Session.objects.count()
    return counts


def _past_sales(organisation: OrganisationPage, provider, others, now: dt.datetime) -> int:
    """This term's earlier Saturdays and a block of hours delivered (the costing's sales)."""
    made = 0
    saturday = BookableOffer.objects.filter(
        organisation=organisation, service__title=SESSIONS_LISTING
    ).first()
    if saturday is not None:
        made += sales.term_of_saturdays(saturday, provider, others[:6], now)
    hours = BookableOffer.objects.filter(
        organisation=organisation, service__title=HOURS_LISTING
    ).first()
    if hours is not None:
        user, child = others[4]
        sales.hours_delivered(hours, provider, user, child, now)
        made += 1
    return made


def _partner(family, others, now: dt.datetime) -> int:
    """Splash's holiday swimming, bookable, and one swim by the second demo family's Tobi."""
    organisation = OrganisationPage.objects.filter(title=PARTNER_ORGANISATION).first()
    provider = get_user_model().objects.filter(email="provider2@northbridge.example").first()
    listing = organisation and _listing(organisation, PARTNER_LISTING)
    if listing is None or provider is None:
        return 0
    offer = sales.partner_offer(organisation, listing, provider, now)
    user, child = others[0]  # family2's Tobi
    sales.partner_booking(offer, provider, user, child)
    return 1


def _listing(organisation: OrganisationPage, title: str) -> ServicePage | None:
    return ServicePage.objects.child_of(organisation).live().filter(title=title).first()


def _family_children(family, organisation: OrganisationPage) -> tuple[Child, Child]:
    today = timezone.localdate()
    autism = list(Need.objects.filter(slug__in=["autism", "sensory-processing"]))
    maya = families.add_child(
        family=family,
        details=families.ChildDetails(
            first_name=CHILD_WITH_PROFILE,
            date_of_birth=today.replace(year=today.year - 9, day=1),
            needs=autism,
            needs_notes="Finds loud, crowded rooms hard; uses ear defenders.",
            has_ehc_plan=True,
        ),
    )
    families.save_profile(
        child=maya,
        by=family,
        like_and_admire="I am kind, I notice everything, and I can name every dinosaur.",
        important_to_me="My ear defenders, my cat Pebble, and knowing what will happen next.",
        how_to_support="Tell me about changes before they happen. Give me a quiet place "
        "to go if it gets too loud. Show me, as well as telling me.",
    )
    families.share_profile(child=maya, organisation=organisation, by=family, purpose="Bookings")
    leo = families.add_child(
        family=family,
        details=families.ChildDetails(
            first_name=OTHER_CHILD, date_of_birth=today.replace(year=today.year - 6, day=1)
        ),
    )
    return maya, leo


def _other_family(first: str, last: str, child_name: str, index: int) -> tuple[object, Child]:
    # The first is the demo's second family account, which can sign in to share a booking.
    user = get_user_model().objects.filter(email=SHARING_FAMILY).first() if index == 0 else None
    user = user or get_user_model().objects.create_user(
        email=f"{first.lower()}.{last.lower()}@families.northbridge.example",
        password=None,
        first_name=first,
        last_name=last,
    )
    save_customer_details(
        user=user,
        name=f"{first} {last}",
        address=f"{index + 20} Station Road\nNorthbridge\nNB{index % 4 + 1} {index}HS",
    )
    today = timezone.localdate()
    child = families.add_child(
        family=user,
        details=families.ChildDetails(
            first_name=child_name, date_of_birth=today.replace(year=today.year - 5 - index, day=1)
        ),
    )
    return user, child


def _book(family, child: Child, session: Session, places: int, when: dt.datetime) -> Booking:
    """A booking paid later on invoice, confirmed at once, as if made at `when`."""
    with on(when):
        booking = bookings.hold_places(
            family=family,
            child=child,
            session=session,
            places=places,
            method=PaymentMethod.INVOICE,
            now=when,
        )
        bookings.confirm_booking(booking=booking, now=when)
    return booking


def _sessions_story(service, provider, family, maya, leo, others, now) -> int:
    location = service.locations.first()
    today = timezone.localdate(now)
    next_saturday = today + dt.timedelta(days=(5 - today.weekday()) % 7 or 7)
    earlier_saturday = next_saturday - dt.timedelta(days=14)
    with on(at(earlier_saturday - dt.timedelta(days=20), 9)):
        offer = offers.save_offer(
            service=service,
            kind=OfferKind.SESSIONS,
            cost_option=service.cost_options.first(),
            by=provider,
            accepts_card=True,
            accepts_invoice=True,
            cancellation_policy=CancellationPolicy.FREE_48_NONE,
            group_price=GROUP_PRICE,
            group_size=GROUP_SIZE,
        )
        sessions = offers.add_sessions_from_pattern(
            offer=offer,
            first_day=earlier_saturday,
            last_day=next_saturday + dt.timedelta(weeks=WEEKS_AHEAD - 1),
            weekdays=[5],
            start_time=dt.time(10),
            end_time=dt.time(11, 30),
            capacity=SESSION_PLACES,
            by=provider,
            location=location,
            online=location is None,
        )
    earlier, latest, first_upcoming, second_upcoming = sessions[:4]
    made = 0
    # Two past sessions: the older one's attendance is recorded, the latest's is not yet.
    for session, outcomes in (
        (earlier, [Attendance.ATTENDED, Attendance.ATTENDED, Attendance.DID_NOT_ATTEND]),
        (latest, []),
    ):
        booked_at = session.starts_at - dt.timedelta(days=6)
        past = [_book(family, maya, session, 1, booked_at)]
        past += [_book(user, child, session, 1, booked_at) for user, child in others[:2]]
        made += len(past)
        after = session.ends_at + dt.timedelta(hours=1)
        with on(after):
            for booking, outcome in zip(past, outcomes, strict=False):
                bookings.record_attendance(outcome=outcome, by=provider, now=after, booking=booking)
        if outcomes:
            billing.settle_invoices(past, provider, after)
    # The next session is full (two places each for six families) and one family waits.
    booked_at = now - dt.timedelta(days=3)
    for user, child in others[:6]:
        _book(user, child, first_upcoming, 2, booked_at)
        made += 1
    waiting_user, waiting_child = others[6]
    with on(booked_at):
        bookings.join_waiting_list(
            family=waiting_user,
            child=waiting_child,
            session=first_upcoming,
            places=1,
            now=booked_at,
        )
    _book(family, leo, second_upcoming, 1, booked_at)
    return made + 1


def _hours_story(service, provider, family, maya, others, now) -> int:
    asked_at = now - dt.timedelta(days=2)
    with on(asked_at - dt.timedelta(days=5)):
        offer = offers.save_offer(
            service=service,
            kind=OfferKind.HOURS,
            cost_option=service.cost_options.first(),
            by=provider,
            accepts_card=True,
            accepts_invoice=True,
            cancellation_policy=CancellationPolicy.FREE_48_HALF,
        )
    with on(asked_at):
        bookings.request_hours(
            family=family,
            child=maya,
            offer=offer,
            units=6,
            suitable_times="Weekday afternoons after school, from 4pm. Not Wednesdays.",
            method=PaymentMethod.INVOICE,
            now=asked_at,
        )
        user, child = others[3]
        bookings.request_hours(
            family=user,
            child=child,
            offer=offer,
            units=4,
            suitable_times="Saturday mornings.",
            method=PaymentMethod.INVOICE,
            now=asked_at,
        )
    return 2


def _bulk_offers(skip: OrganisationPage, now: dt.datetime) -> int:
    """Make every other priced listing bookable, sessions weekly for eight weeks."""
    rng = random.Random(SEED)
    services = list(
        ServicePage.objects.live()
        .exclude(path__startswith=skip.path)
        .filter(bookable_offer__isnull=True)
        .filter(cost_options__is_free=False, cost_options__amount__isnull=False)
        .distinct()
        .order_by("path")
        .prefetch_related("cost_options", "locations")
    )
    chosen = [service for index, service in enumerate(services) if index % BULK_SHARE == 0]
    # Half the organisations can take cards; the others are paid later on invoice.
    card_ready = {
        organisation_id
        for organisation_id in {service.get_parent().pk for service in chosen}
        if organisation_id % 2 == 0
    }
    new_offers = []
    for service in chosen:
        cost = next(c for c in service.cost_options.all() if c.amount is not None)
        organisation_id = service.get_parent().pk
        new_offers.append(
            BookableOffer(
                service=service,
                organisation_id=organisation_id,
                kind=OfferKind.HOURS if cost.unit == CostUnit.HOUR else OfferKind.SESSIONS,
                cost_option=cost,
                accepts_card=organisation_id in card_ready,
                accepts_invoice=organisation_id not in card_ready or rng.random() < 0.5,
                cancellation_policy=rng.choice(CancellationPolicy.values),
                created_at=now,
            )
        )
    made = BookableOffer.objects.bulk_create(new_offers)
    if settings.STRIPE_LOCAL_TEST_ACCOUNTS:
        for organisation in OrganisationPage.objects.filter(pk__in=card_ready):
            connect_local_test_account(organisation=organisation, by=None)
    sessions = []
    today = timezone.localdate(now)
    for offer in made:
        if offer.kind != OfferKind.SESSIONS:
            continue
        location = next(iter(offer.service.locations.all()), None)
        weekday = rng.randrange(7)
        start = dt.time(rng.choice([10, 13, 16]))
        first = today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)
        capacity = rng.choice([6, 8, 10, 12, 15])
        for week in range(WEEKS_AHEAD):
            day = first + dt.timedelta(weeks=week)
            starts_at = timezone.make_aware(dt.datetime.combine(day, start))
            sessions.append(
                Session(
                    offer=offer,
                    starts_at=starts_at,
                    ends_at=starts_at + dt.timedelta(hours=2),
                    location=location,
                    online=location is None,
                    capacity=capacity,
                    created_at=now,
                )
            )
    Session.objects.bulk_create(sessions)
    return len(made)
