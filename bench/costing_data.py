"""The data of the costing benchmark (bench/costing.py): an organisation with 30 listings,
a costing of 30 services and 200 cost lines made through the costing services, and a year
so far of bookings, attendance, invoices, credit notes and payments made in bulk.

Imported by the benchmark's worker process once Django is set up.
"""

from __future__ import annotations

import random
import time

SERVICES, SESSION_SERVICES, LINES_PER_SERVICE, OVERHEAD_LINES = 30, 20, 6, 20
BATCH = 2000


def organisation_and_listings():
    from pricing.offers.enums import OfferKind
    from providers.organisations.access import grant_organisation_access
    from tests.factories import (
        OrganisationIndexPageFactory,
        OrganisationPageFactory,
        ServicePageFactory,
        UserFactory,
        site_tree,
    )
    from tests.pricing.factories import BookableOfferFactory

    organisation = OrganisationPageFactory(
        parent=OrganisationIndexPageFactory(parent=site_tree()),
        title="Northbridge Family Support",
        verified=True,
    )
    provider = UserFactory(email="finance@family-support.bench.example")
    grant_organisation_access(organisation=organisation, user=provider, admin=True)
    offers = []
    for number in range(SERVICES):
        listing = ServicePageFactory(parent=organisation, title=f"Service {number + 1:02d}")
        kind = OfferKind.SESSIONS if number < SESSION_SERVICES else OfferKind.HOURS
        offers.append(BookableOfferFactory(service=listing, kind=kind))
    return organisation, provider, offers


def build_costing(organisation, provider, offers, year_starts_on):
    from decimal import Decimal as D

    from pricing.costing.enums import DirectCostKind, OverheadPool, UnitsMethod
    from pricing.costing.services import finalise_costing, save_line, save_service, start_costing

    costing = start_costing(organisation=organisation, year_starts_on=year_starts_on, by=provider)
    kinds = list(DirectCostKind.values)[:LINES_PER_SERVICE]
    for number, offer in enumerate(offers):
        sessions = number < SESSION_SERVICES
        service = save_service(
            costing=costing,
            by=provider,
            name=offer.service.title,
            listing=offer.service,
            unit_label="place" if sessions else "hour",
            units_method=UnitsMethod.SESSIONS if sessions else UnitsMethod.HOURS,
            sessions=D(52) if sessions else None,
            places=D(30) if sessions else None,
            occupancy_percent=D(75) if sessions else None,
            staff_hours=None if sessions else D(1500 + 10 * number),
            chargeable_percent=None if sessions else D(80),
            headcount=D(1 + number % 4),
            staff_time=D(400 + 25 * number),
            floor_area=D(20 + number),
        )
        for index, kind in enumerate(kinds):
            amount = D(2500 + 185 * number + 555 * index) + D("0.45")
            save_line(costing=costing, by=provider, service=service, kind=kind, amount=amount)
    pools = list(OverheadPool.values)
    for index in range(OVERHEAD_LINES):
        pool = pools[index % len(pools)]
        amount = D(6000 + 265 * index) + D("0.10")
        save_line(costing=costing, by=provider, pool=pool, amount=amount)
    return finalise_costing(costing=costing, by=provider)


def _attendance(rng: random.Random) -> str:
    from pricing.bookings.enums import Attendance

    draw = rng.random()
    if draw < 0.85:
        return Attendance.ATTENDED
    if draw < 0.90:
        return Attendance.DID_NOT_ATTEND
    if draw < 0.93:
        return Attendance.CANCELLED_LATE
    return ""


def bookings_in_bulk(organisation, offers, year_starts_on, count: int) -> None:  # noqa: PLR0915
    import datetime as dt
    from decimal import Decimal as D

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from pricing.bookings.enums import BookingStatus, CancelledBy
    from pricing.bookings.models import Appointment, Booking
    from pricing.families.models import Child
    from pricing.invoices.enums import DocumentKind, PaymentWay
    from pricing.invoices.models import Document, InvoicePayment
    from pricing.offers.models import Session

    rng = random.Random(2026)
    started = time.perf_counter()
    today = timezone.localdate()
    since = timezone.make_aware(dt.datetime.combine(year_starts_on, dt.time(0)))
    now = timezone.now()
    users = get_user_model().objects.bulk_create(
        get_user_model()(email=f"family{n}@bench.example", first_name="Sam", password="!")  # noqa: S106 (an unusable password)
        for n in range(1000)
    )
    children = Child.objects.bulk_create(
        Child(family=u, first_name=f"Child{n}", date_of_birth=dt.date(2016, 5, 1))
        for n, u in enumerate(users)
    )
    sessions = []
    for offer in offers[:SESSION_SERVICES]:
        day = since + dt.timedelta(days=2, hours=10)
        while day.date() < today:
            sessions.append(
                Session(
                    offer=offer,
                    starts_at=day,
                    ends_at=day + dt.timedelta(hours=2),
                    online=True,
                    capacity=30,
                )
            )
            day += dt.timedelta(days=7)
    sessions = Session.objects.bulk_create(sessions, batch_size=BATCH)
    hours_offers = offers[SESSION_SERVICES:]
    on_sessions = count * 3 // 4
    bookings, visits = [], []
    for n in range(count):
        child = children[n % len(children)]
        cancelled = rng.random() < 0.08
        booking = Booking(
            reference=f"B{n:09d}",
            family_id=child.family_id,
            child=child,
            places=1,
            unit_price=D("24.00"),
            total=D("24.00"),
            method="invoice",
            status=BookingStatus.CANCELLED if cancelled else BookingStatus.CONFIRMED,
        )
        if n < on_sessions:
            session = sessions[n % len(sessions)]
            booking.offer_id, booking.session = session.offer_id, session
            booking.created_at = max(since, session.starts_at - dt.timedelta(days=3))
            booking.attendance = "" if cancelled else _attendance(rng)
        else:
            booking.offer = hours_offers[n % len(hours_offers)]
            booking.places, booking.total = 2, D("48.00")
            days = [rng.randrange(2, max((today - year_starts_on).days, 3)) for _ in range(2)]
            booking.created_at = since + dt.timedelta(days=min(days) - 1)
            visits.append((booking, days, cancelled))
        booking.confirmed_at = booking.created_at
        if cancelled:
            booking.cancelled_at = booking.created_at + dt.timedelta(hours=2)
            booking.cancelled_by = CancelledBy.FAMILY
        bookings.append(booking)
    Booking.objects.bulk_create(bookings, batch_size=BATCH)
    appointments = []
    for booking, days, cancelled in visits:
        for day in days:
            starts = since + dt.timedelta(days=day, hours=15)
            appointments.append(
                Appointment(
                    booking=booking,
                    starts_at=starts,
                    ends_at=starts + dt.timedelta(hours=1),
                    attendance="" if cancelled else _attendance(rng),
                )
            )
    Appointment.objects.bulk_create(appointments, batch_size=BATCH)

    party = {
        "organisation": organisation,
        "supplier_name": organisation.title,
        "supplier_address": "1 High Street\nNorthbridge",
        "supplier_email": "a@bench.example",
        "customer_name": "Sam Jones",
        "customer_email": "family@bench.example",
        "vat_total": D("0.00"),
    }
    invoices = Document.objects.bulk_create(
        (
            Document(
                kind=DocumentKind.INVOICE,
                sequence=n + 1,
                number=f"INV-{n + 1:06d}",
                source_key=f"booking:{b.reference}",
                issued_at=b.created_at,
                customer_id=b.family_id,
                child_id=b.child_id,
                booking_reference=b.reference,
                net_total=b.total,
                gross_total=b.total,
                **party,
            )
            for n, b in enumerate(bookings)
        ),
        batch_size=BATCH,
    )
    credits, receipts, paid = [], [], []
    for booking, invoice in zip(bookings, invoices, strict=True):
        if booking.status == BookingStatus.CANCELLED:
            credits.append(
                Document(
                    kind=DocumentKind.CREDIT_NOTE,
                    sequence=len(credits) + 1,
                    number=f"CN-{len(credits) + 1:06d}",
                    source_key=f"booking:{booking.reference}:cancel",
                    issued_at=booking.cancelled_at,
                    customer_id=booking.family_id,
                    booking_reference=booking.reference,
                    corrects=invoice,
                    reason="Cancelled",
                    net_total=booking.total,
                    gross_total=booking.total,
                    **party,
                )
            )
        elif rng.random() < 0.8:
            when = min(booking.created_at + dt.timedelta(days=2), now)
            receipts.append(
                Document(
                    kind=DocumentKind.RECEIPT,
                    sequence=len(receipts) + 1,
                    number=f"R-{len(receipts) + 1:06d}",
                    source_key=f"payment:{booking.reference}",
                    issued_at=when,
                    customer_id=booking.family_id,
                    booking_reference=booking.reference,
                    corrects=invoice,
                    payment_way=PaymentWay.BANK_TRANSFER,
                    net_total=booking.total,
                    gross_total=booking.total,
                    **party,
                )
            )
            paid.append((invoice, booking.total, timezone.localdate(when)))
    Document.objects.bulk_create(credits, batch_size=BATCH)
    receipts = Document.objects.bulk_create(receipts, batch_size=BATCH)
    InvoicePayment.objects.bulk_create(
        (
            InvoicePayment(
                invoice=invoice,
                receipt=receipt,
                amount=amount,
                received_on=day,
                way=PaymentWay.BANK_TRANSFER,
            )
            for (invoice, amount, day), receipt in zip(paid, receipts, strict=True)
        ),
        batch_size=BATCH,
    )
    print(
        f"bookings in bulk: {count:,} bookings ({on_sessions:,} on {len(sessions):,} sessions, "
        f"{len(appointments):,} appointments), {len(invoices):,} invoices, {len(credits):,} "
        f"credit notes, {len(receipts):,} payments: {time.perf_counter() - started:.1f} s",
        flush=True,
    )
