"""Plans of organisations and services for the demo and for benchmarks, as plain data.

The generators here decide everything a listing says (words, ages, prices, places, times,
contacts, pictures) with a seeded `random.Random`, and return dataclasses. Writing them to
the database is someone else's job: `localoffer/demo/directory.py` creates real Wagtail
pages with revisions for the demo; `localoffer/demo/directory/bulk.py` inserts tens of thousands of
rows at once for benchmarks. Keeping the decisions here means both look the same.
"""

import datetime as dt
import random
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.text import slugify

from localoffer.core.money import round_money
from localoffer.demo.directory.images import DEMO_PICTURES, alt_text_for
from localoffer.demo.directory.organisations import (
    DEMO_ORGANISATIONS,
    NAME_PLACES,
    NAME_SUFFIXES,
    NAME_THEMES,
    DemoOrganisation,
)
from localoffer.demo.directory.postcodes import DEMO_POSTCODES, STREETS
from localoffer.demo.directory.templates import TEMPLATES, TOP_LEVEL_OF, ServiceTemplate
from providers.ages import describe_age_range
from providers.taxonomy_defaults import ACCESSIBILITY_FEATURES, NEEDS

DEMO_SEED = 2025


@dataclass(slots=True)
class Place:
    """A postcode with its position: a demo postcode or one made inside a real district."""

    postcode: str
    locality: str
    latitude: float
    longitude: float


@dataclass(slots=True)
class CostSpec:
    label: str
    is_free: bool
    amount: Decimal | None
    unit: str
    direct_payment_eligible: bool
    vat_treatment: str


@dataclass(slots=True)
class LocationSpec:
    name: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    latitude: float
    longitude: float
    hide_exact_address: bool
    accessibility: list[str]
    accessibility_notes: str


@dataclass(slots=True)
class ScheduleSpec:
    kind: str  # ScheduleKind value
    weekday: int | None
    date: dt.date | None
    start_time: dt.time
    end_time: dt.time
    period: str  # SchedulePeriod value
    notes: str = ""


@dataclass(slots=True)
class ContactSpec:
    name: str
    role: str
    phone: str
    email: str


@dataclass(slots=True)
class PictureSpec:
    picture_slug: str
    alt_text: str
    caption: str


@dataclass(slots=True)
class ServiceSpec:
    title: str
    slug: str
    summary: str
    description: str
    category_slugs: list[str]
    need_slugs: list[str]
    outcome_slugs: list[str]
    min_age_months: int
    max_age_months: int
    eligibility: str
    ehc_plan_required: bool
    referral_required: bool
    area_served: str
    delivered_in_person: bool
    delivered_online: bool
    delivered_at_home: bool
    languages: str
    how_to_access: str
    send_adjustments: str
    send_staff_training: str
    send_communication: str
    send_involvement: str
    send_transitions: str
    last_reviewed: dt.date
    costs: list[CostSpec]
    locations: list[LocationSpec]
    schedules: list[ScheduleSpec]
    contacts: list[ContactSpec]
    pictures: list[PictureSpec]
    live: bool = True


@dataclass(slots=True)
class OrganisationSpec:
    name: str
    slug: str
    organisation_type: str
    description: str
    charity_number: str
    company_number: str
    website: str
    email: str
    phone: str
    address_line_1: str
    address_line_2: str
    town: str
    postcode: str
    verified: bool
    services: list[ServiceSpec] = field(default_factory=list)

    @property
    def live(self) -> bool:
        # An organisation waiting for verification has not been published yet.
        return self.verified


# ---------------------------------------------------------------------------------------
# Word pools
# ---------------------------------------------------------------------------------------

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Emma",
    "Farah",
    "George",
    "Hannah",
    "Imran",
    "Jess",
    "Kofi",
    "Laura",
    "Mohammed",
    "Niamh",
    "Oliver",
    "Priya",
    "Rachel",
    "Sam",
    "Tom",
    "Uzma",
    "Vicky",
    "Wes",
    "Yasmin",
    "Zoe",
    "Agnieszka",
    "Callum",
    "Deepa",
    "Ellie",
    "Grace",
    "Harvey",
]
LAST_NAMES = [
    "Ahmed",
    "Brown",
    "Clarke",
    "Davies",
    "Evans",
    "Fisher",
    "Green",
    "Hussain",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "Okafor",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Walker",
    "Wright",
    "Young",
    "Begum",
    "Campbell",
    "Murphy",
    "Osei",
]
ROLES = [
    "Service manager",
    "Coordinator",
    "Bookings and enquiries",
    "Lead practitioner",
    "Family support worker",
    "Club leader",
    "Therapy lead",
    "Volunteer coordinator",
]
LANGUAGES = [
    "Polish",
    "Urdu, Punjabi",
    "Gujarati",
    "British Sign Language",
    "Romanian",
    "Arabic",
    "Somali",
    "Bengali",
    "Portuguese",
    "Makaton and British Sign Language",
    "Hindi, Gujarati",
]
VENUES = [
    "{locality} Community Centre",
    "{locality} Library",
    "{locality} Family Hub",
    "St Mark's Church Hall",
    "Northbridge Leisure Centre",
    "{locality} Primary School",
    "Northbridge College",
    "The Old Library",
    "{locality} Sports Centre",
    "Methodist Church Hall",
    "Northbridge Child Development Centre",
    "{locality} Scout Hut",
    "Riverside Park Pavilion",
]

SEND_ADJUSTMENTS = [
    "We meet every family before a child starts, to find out what helps and what to avoid. "
    "We can offer a quieter start time, a named key worker and a calm space.",
    "Activities are planned so every child can take part in their own way. We use visual "
    "timetables, give warnings before changes and keep groups small.",
    "We adapt equipment and activities for each child, and can arrange one-to-one support "
    "if a child needs it to take part safely.",
    "Sessions follow the same pattern every week. Children can take breaks whenever they "
    "need, and there is always an adult free to help.",
    "We write a short support plan with each family and review it every term.",
]
SEND_TRAINING = [
    "All staff have autism awareness, safeguarding and first aid training. Senior staff are "
    "trained in epilepsy medication and moving and handling.",
    "Our practitioners are registered with the Health and Care Professions Council and have "
    "at least three years' experience with children with SEND.",
    "Staff complete SEND induction training, Makaton level 1 and positive behaviour support "
    "training, with refreshers every year.",
    "Every session leader holds a relevant qualification and an enhanced DBS check. We have "
    "a trained SENCO who supports the team.",
    "Volunteers are trained and supervised by experienced staff, and we use specialist "
    "trainers from local special schools.",
]
SEND_COMMUNICATION = [
    "We use Makaton signs, symbols and visual timetables, and can use your child's own "
    "communication system, such as PECS or a communication aid.",
    "Staff speak clearly and simply and give time to respond. Information is available in "
    "easy read and we can book a BSL interpreter.",
    "We use pictures, objects of reference and signing alongside speech, and ask families "
    "to share what works at home.",
    "We follow each child's communication passport and check in with parents after every session.",
]
SEND_INVOLVEMENT = [
    "Children and young people tell us what they enjoy through regular feedback, and "
    "families are invited to review progress every term.",
    "Young people choose activities and help plan trips. Parents can stay for the first "
    "sessions and always get a short update afterwards.",
    "We agree goals with the child or young person and their family, and review them "
    "together. Families can contact the lead worker at any time.",
    "A youth forum helps run the service, and we hold a family open day every year.",
]
SEND_TRANSITIONS = [
    "New starters can visit first and have a photo book of the place and the staff. We "
    "share information with schools and the next service with your consent.",
    "We plan moves carefully, with extra visits and a named worker, and hand over a "
    "summary when a young person moves on.",
    "When a young person outgrows the service, we help them find what comes next and can "
    "go with them to their first session.",
    "We work with schools at key changes, such as starting school, moving to secondary "
    "school and leaving school.",
]
ELIGIBILITY_EXTRAS = [
    "You do not need a diagnosis.",
    "Children do not need an EHC plan.",
    "Brothers and sisters are welcome too.",
    "Young people can refer themselves.",
    "We can usually offer a place within four weeks.",
    "There is sometimes a waiting list; we will tell you how long when you contact us.",
]
STAFF_SENTENCES = [
    "Sessions are led by experienced staff who know each child well.",
    "Groups are small, so staff have time for every child.",
    "We have been running this service in Northbridge for more than ten years.",
    "Parents tell us the best thing is how welcome their child feels.",
    "We work closely with schools and other services, with your permission.",
]

ONE_OFF_EVENTS = ["Open day", "Taster session", "Information evening", "Family fun day"]


# ---------------------------------------------------------------------------------------
# Pieces
# ---------------------------------------------------------------------------------------


def months(years: int) -> int:
    return years * 12


def make_place(rng: random.Random, base: Place, *, jitter: float = 0.0) -> Place:
    """A postcode near `base`: the same one, or a new unit in the same district."""
    if jitter == 0.0:
        return base
    district = base.postcode.split(" ")[0]
    letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses in inward codes
    unit = f"{rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    return Place(
        postcode=f"{district} {unit}",
        locality=base.locality,
        latitude=round(base.latitude + rng.uniform(-jitter, jitter), 5),
        longitude=round(base.longitude + rng.uniform(-jitter, jitter) * 1.6, 5),
    )


def demo_places() -> list[Place]:
    return [Place(p.postcode, p.locality, p.latitude, p.longitude) for p in DEMO_POSTCODES]


def price_amount(rng: random.Random, low: str, high: str) -> Decimal:
    """A believable price in the range: whole pounds above £100, else to the 50p."""
    low_value, high_value = Decimal(low), Decimal(high)
    span = high_value - low_value
    value = low_value + span * Decimal(rng.randint(0, 100)) / 100
    if value >= 100:
        step = Decimal("5")
    elif value >= 20:
        step = Decimal("1")
    else:
        step = Decimal("0.50")
    value = (value / step).to_integral_value() * step
    return round_money(max(value, Decimal("0.50")))


def vat_for(rng: random.Random, organisation_type: str, subcategory: str) -> str:
    if subcategory == "equipment-and-adaptations" and organisation_type != "statutory":
        # Equipment for disabled people's personal use is zero rated (VAT Notice 701/7).
        return "zero"
    if organisation_type in ("charity", "cio", "statutory"):
        return "exempt"
    if organisation_type in ("sole_trader", "community_group"):
        return "not_registered"
    if organisation_type == "cic":
        return rng.choice(["exempt", "not_registered"])
    if subcategory in ("nurseries", "childcare", "tutoring", "education-support"):
        return "exempt"
    return rng.choice(["included", "included", "added"])


def make_costs(
    rng: random.Random, template: ServiceTemplate, organisation_type: str, subcategory: str
) -> list[CostSpec]:
    free_chance = template.free_chance
    if organisation_type == "statutory":
        free_chance = max(free_chance, 0.85)
    elif organisation_type == "community_group":
        free_chance = max(free_chance, 0.35)
    if not template.prices or rng.random() < free_chance:
        return [CostSpec("", True, None, "session", False, "exempt")]
    vat = vat_for(rng, organisation_type, subcategory)
    # Families can pay for most clubs and therapies with a direct payment; childcare and
    # tuition less often, since councils usually fund those another way.
    dp_chance = 0.3 if subcategory in ("childcare", "nurseries", "tutoring") else 0.6
    direct_payment = rng.random() < dp_chance
    chosen = list(template.prices[: rng.randint(1, len(template.prices))])
    costs = [
        CostSpec(
            # "Day: £60 per day" says it twice; a label is only kept when it adds something.
            "" if price.label.lower() == price.unit else price.label,
            False,
            price_amount(rng, price.low, price.high),
            price.unit,
            direct_payment,
            vat,
        )
        for price in chosen
    ]
    if len(costs) < 3 and organisation_type in ("charity", "cio", "cic") and rng.random() < 0.3:
        first = costs[0]
        concession = round_money(first.amount * Decimal("0.5"))  # type: ignore[operator]
        if concession > 0:
            costs.append(
                CostSpec(
                    "Concession (families on means-tested benefits)",
                    False,
                    concession,
                    first.unit,
                    direct_payment,
                    vat,
                )
            )
    return costs


def make_schedules(rng: random.Random, pattern: str, today: dt.date) -> list[ScheduleSpec]:
    def t(hour: int, minute: int = 0) -> dt.time:
        return dt.time(hour, minute)

    weekly, one_off = "weekly", "one_off"
    rows: list[ScheduleSpec] = []
    if pattern == "after_school":
        for day in sorted(rng.sample(range(5), rng.randint(1, 2))):
            start = rng.choice([t(15, 30), t(16), t(16, 30)])
            end = rng.choice([t(17, 30), t(18)])
            rows.append(ScheduleSpec(weekly, day, None, start, end, "term_time"))
    elif pattern == "weekend":
        day = rng.choice([5, 5, 5, 6])
        start_hour = rng.choice([9, 10, 10, 11, 13, 14])
        length = rng.choice([1, 2, 2, 3])
        period = rng.choice(["all_year", "all_year", "term_time"])
        rows.append(ScheduleSpec(weekly, day, None, t(start_hour), t(start_hour + length), period))
    elif pattern == "holidays":
        days = [0, 1, 2, 3, 4] if rng.random() < 0.6 else sorted(rng.sample(range(5), 3))
        start, end = rng.choice([(t(9), t(15)), (t(8, 30), t(17, 30)), (t(10), t(14))])
        rows.extend(ScheduleSpec(weekly, day, None, start, end, "holidays") for day in days)
    elif pattern == "weekly_daytime":
        for day in sorted(rng.sample(range(5), rng.randint(1, 2))):
            start_hour = rng.choice([9, 10, 10, 13])
            rows.append(
                ScheduleSpec(
                    weekly,
                    day,
                    None,
                    t(start_hour, 30),
                    t(start_hour + 2),
                    rng.choice(["all_year", "term_time"]),
                )
            )
    elif pattern == "evening":
        day = rng.randrange(5)
        start = rng.choice([t(18), t(18, 30), t(19)])
        end = dt.time(start.hour + 2, start.minute)
        rows.append(
            ScheduleSpec(weekly, day, None, start, end, rng.choice(["all_year", "term_time"]))
        )
    elif pattern == "nursery":
        rows.extend(ScheduleSpec(weekly, day, None, t(8), t(18), "all_year") for day in range(5))
    elif pattern == "term_mornings":
        rows.extend(ScheduleSpec(weekly, day, None, t(9), t(12), "term_time") for day in range(5))
    elif pattern == "monthly_morning":
        day = rng.randrange(5)
        which = rng.choice(["First", "Second", "Last"])
        weekday_name = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"][day]
        rows.append(
            ScheduleSpec(
                weekly,
                day,
                None,
                t(10),
                t(12),
                "all_year",
                f"{which} {weekday_name} of each month only",
            )
        )
    elif pattern == "office_hours":
        rows.extend(ScheduleSpec(weekly, day, None, t(9), t(17), "all_year") for day in range(4))
        rows.append(ScheduleSpec(weekly, 4, None, t(9), t(16, 30), "all_year"))
    elif pattern == "events":
        for _ in range(rng.randint(2, 3)):
            date = today + dt.timedelta(days=rng.randint(10, 150))
            rows.append(ScheduleSpec(one_off, None, date, t(10), t(13), "all_year"))
        rows.sort(key=lambda row: row.date or today)
    # "appointment": no fixed times; how_to_access explains how to book.
    if pattern not in ("appointment", "events") and rng.random() < 0.12:
        date = today + dt.timedelta(days=rng.randint(14, 120))
        date += dt.timedelta(days=(5 - date.weekday()) % 7)  # a Saturday
        rows.append(
            ScheduleSpec(one_off, None, date, t(10), t(12), "all_year", rng.choice(ONE_OFF_EVENTS))
        )
    return rows


def make_contacts(rng: random.Random, email_domain: str, count: int) -> list[ContactSpec]:
    contacts = []
    for _ in range(count):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        contacts.append(
            ContactSpec(
                name=f"{first} {last}",
                role=rng.choice(ROLES),
                phone=f"01632 960 {rng.randint(0, 999):03d}",
                email=f"{first.lower()}.{last.lower()}@{email_domain}",
            )
        )
    return contacts


def pictures_for(rng: random.Random, subcategory: str) -> list[PictureSpec]:
    suitable = [(i, p) for i, p in enumerate(DEMO_PICTURES) if subcategory in p.categories]
    others = [(i, p) for i, p in enumerate(DEMO_PICTURES) if subcategory not in p.categories]
    count = rng.choice([1, 1, 2, 2, 3])
    rng.shuffle(suitable)
    chosen = suitable[:count]
    if len(chosen) < count:
        chosen += rng.sample(others, count - len(chosen))
    return [
        PictureSpec(picture.slug, alt_text_for(picture, index), rng.choice(["", "", picture.label]))
        for index, picture in chosen
    ]


def how_to_access_html(
    rng: random.Random, template: ServiceTemplate, phone: str, email: str
) -> str:
    if template.referral_required:
        first = (
            "<p>You need a referral. Ask your GP, health visitor, school SENCO or social "
            "worker to refer your child. Young people over 16 can ask us about a self-referral.</p>"
        )
    elif template.schedule == "appointment":
        first = f"<p>Phone {phone} or email {email} to book an appointment.</p>"
    elif template.schedule in ("office_hours",):
        first = (
            f"<p>Phone {phone} or email {email}. You can also drop in during our opening hours.</p>"
        )
    else:
        first = rng.choice(
            [
                f"<p>Phone {phone} or email {email} to book a place. We will call you back to "
                "talk about your child's needs before their first session.</p>",
                "<p>Fill in our short booking form (we can email it to you), or phone "
                f"{phone}.</p>",
                "<p>Just turn up to your first session. You can stay with your child until "
                "they feel settled.</p>",
            ]
        )
    return first + rng.choice(
        [
            "",
            "<p>Tell us about any support your child needs when you book.</p>",
            "<p>You can pay with a direct payment. Ask us for an invoice.</p>",
        ]
    )


def description_html(
    rng: random.Random, template: ServiceTemplate, organisation: str, locality: str
) -> str:
    gains = "".join(f"<li>{gain}</li>" for gain in template.gains)
    closing = rng.choice(STAFF_SENTENCES)
    place = f" Most sessions take place in {locality}." if locality and rng.random() < 0.5 else ""
    return (
        f"<p>{template.what_happens}</p>"
        f"<h3>What children and young people get from it</h3><ul>{gains}</ul>"
        f"<p>{closing}{place} {organisation} is happy to answer any questions before you book.</p>"
    )


def age_phrase(min_months: int, max_months: int) -> str:
    """'aged 8 to 16 years', 'from birth to 5 years', 'of any age up to 25'."""
    text = describe_age_range(min_months, max_months)
    if text.startswith("All ages"):
        return "of any age up to 25"
    if text.startswith("Birth"):
        return "from " + text[0].lower() + text[1:]
    return f"aged {text}"


NEED_SLUGS = [slug for slug, _name, _synonyms in NEEDS]
FEATURE_SLUGS = [slug for slug, _name in ACCESSIBILITY_FEATURES]


def make_service(
    rng: random.Random,
    *,
    template: ServiceTemplate,
    subcategory: str,
    organisation_name: str,
    organisation_type: str,
    email_domain: str,
    home: Place,
    venue: str,
    places: list[Place],
    today: dt.date,
    slug: str,
) -> ServiceSpec:
    low, high = rng.choice(template.ages)
    min_age, max_age = months(low), months(high)
    needs = list(template.needs)
    if needs:
        needs = rng.sample(needs, rng.randint(max(1, len(needs) - 1), len(needs)))
        if rng.random() < 0.3:
            needs.append(rng.choice(NEED_SLUGS))
    else:
        needs = rng.sample(NEED_SLUGS, rng.randint(2, 5))
    needs = sorted(set(needs))
    outcomes = list(template.outcomes)
    if rng.random() < 0.25:
        outcomes.append(
            rng.choice(["good-health", "friends-relationships-community", "independent-living"])
        )
    delivery = template.delivery
    in_person = delivery in ("in_person", "in_person_online", "home_in_person")
    online = delivery in ("online", "in_person_online")
    at_home = delivery in ("home", "home_in_person")

    costs = make_costs(rng, template, organisation_type, subcategory)
    contacts = make_contacts(rng, email_domain, rng.choice([1, 1, 2]))
    locations: list[LocationSpec] = []
    if in_person:
        sites = [(home, venue)]
        if rng.random() < 0.2:
            other = rng.choice(places)
            sites.append((other, rng.choice(VENUES).format(locality=other.locality)))
        for place, name in sites:
            hide = organisation_type == "sole_trader" and subcategory == "childcare"
            hide = hide or rng.random() < 0.08
            features = rng.sample(FEATURE_SLUGS, rng.randint(1, 5))
            locations.append(
                LocationSpec(
                    name=name if not hide else f"{place.locality} (address given when you book)",
                    address_line_1=f"{rng.randint(1, 120)} {rng.choice(STREETS)}",
                    address_line_2=place.locality if rng.random() < 0.4 else "",
                    town="Northbridge" if place.postcode.startswith("NB") else place.locality,
                    postcode=place.postcode,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    hide_exact_address=hide,
                    accessibility=sorted(features),
                    accessibility_notes=rng.choice(
                        [
                            "",
                            "Parking outside the building.",
                            "The entrance has a ramp; ring the bell for help with the door.",
                            "Bus routes 4 and 12 stop outside.",
                        ]
                    ),
                )
            )
    eligibility = (
        f"For children and young people {age_phrase(min_age, max_age)}"
        f"{' with an EHC plan' if template.ehc_plan_required else ''}. "
        f"{rng.choice(ELIGIBILITY_EXTRAS)}"
    )
    if organisation_type == "statutory":
        area = "borough"
    elif online:
        area = rng.choice(["anywhere", "neighbouring"])
    else:
        area = rng.choice(["borough", "borough", "neighbouring"])
    return ServiceSpec(
        title=template.title,
        slug=slug,
        summary=template.summary,
        description=description_html(rng, template, organisation_name, home.locality),
        category_slugs=[subcategory, *template.extra_categories],
        need_slugs=needs,
        outcome_slugs=sorted(set(outcomes)),
        min_age_months=min_age,
        max_age_months=max_age,
        eligibility=eligibility,
        ehc_plan_required=template.ehc_plan_required,
        referral_required=template.referral_required,
        area_served=area,
        delivered_in_person=in_person,
        delivered_online=online,
        delivered_at_home=at_home,
        languages=rng.choice(LANGUAGES) if rng.random() < 0.3 else "",
        how_to_access=how_to_access_html(rng, template, contacts[0].phone, contacts[0].email),
        send_adjustments=rng.choice(SEND_ADJUSTMENTS),
        send_staff_training=rng.choice(SEND_TRAINING),
        send_communication=rng.choice(SEND_COMMUNICATION),
        send_involvement=rng.choice(SEND_INVOLVEMENT),
        send_transitions=rng.choice(SEND_TRANSITIONS),
        last_reviewed=today - dt.timedelta(days=rng.randint(5, 420)),
        costs=costs,
        locations=locations,
        schedules=make_schedules(rng, template.schedule, today),
        contacts=contacts,
        pictures=pictures_for(rng, subcategory),
    )


def choose_templates(
    rng: random.Random, focus: tuple[str, ...] | list[str], count: int
) -> list[tuple[str, ServiceTemplate]]:
    """`count` different templates, taking the focus sub-categories in turn.

    When a sub-category has no unused template left, a sibling sub-category (same top
    level) is used instead, as a real provider branches into related work.
    """
    chosen: list[tuple[str, ServiceTemplate]] = []
    used: set[str] = set()
    attempts = 0
    while len(chosen) < count and attempts < count * 10:
        subcategory = focus[attempts % len(focus)]
        attempts += 1
        options = [t for t in TEMPLATES[subcategory] if t.title not in used]
        if not options:
            top = TOP_LEVEL_OF[subcategory]
            siblings = [slug for slug, parent in TOP_LEVEL_OF.items() if parent == top]
            options_by_sibling = [
                (slug, t) for slug in siblings for t in TEMPLATES[slug] if t.title not in used
            ]
            if not options_by_sibling:
                continue
            subcategory, template = rng.choice(options_by_sibling)
        else:
            template = rng.choice(options)
        used.add(template.title)
        chosen.append((subcategory, template))
    if len(chosen) < count:
        # A large generated organisation can outgrow its own sub-categories.
        rest = [(slug, t) for slug, ts in TEMPLATES.items() for t in ts if t.title not in used]
        chosen += rng.sample(rest, min(count - len(chosen), len(rest)))
    return chosen


def unique_slug(base: str, taken: set[str]) -> str:
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    taken.add(slug)
    return slug


def registration_numbers(rng: random.Random, organisation_type: str) -> tuple[str, str]:
    charity = company = ""
    if organisation_type in ("charity", "cio"):
        charity = str(rng.randint(1_000_000, 1_209_999))
    if organisation_type in ("cic", "company"):
        company = f"{rng.randint(1_000_000, 16_999_999):08d}"
    if organisation_type == "charity" and rng.random() < 0.4:
        # Many older charities are also companies limited by guarantee.
        company = f"{rng.randint(1_000_000, 9_999_999):08d}"
    return charity, company


def email_domain_for(name: str) -> str:
    words = [w for w in slugify(name).split("-") if w not in ("ltd", "cic", "the", "nhs")]
    return f"{''.join(words[:3])}.example"


def make_organisation(
    rng: random.Random,
    *,
    name: str,
    slug: str,
    organisation_type: str,
    about: str,
    focus: tuple[str, ...] | list[str],
    service_count: int,
    verified: bool,
    places: list[Place],
    today: dt.date,
    home: Place | None = None,
) -> OrganisationSpec:
    home = home or rng.choice(places)
    domain = email_domain_for(name)
    charity, company = registration_numbers(rng, organisation_type)
    venue = (
        rng.choice(VENUES).format(locality=home.locality)
        if organisation_type in ("community_group", "statutory") or rng.random() < 0.4
        else f"{name.removesuffix(' Ltd').removesuffix(' CIC')} Centre"
    )
    kind_sentence = {
        "charity": f"We are a registered charity (number {charity}).",
        "cio": f"We are a charitable incorporated organisation (charity number {charity}).",
        "cic": "We are a community interest company: our profits go back into our work.",
        "company": "We are an independent company working with families, schools and the council.",
        "sole_trader": "I work on my own, so you will always see me.",
        "community_group": "We are a volunteer-run group. Everyone is welcome.",
        "statutory": "This is a public service. There is no charge.",
    }[organisation_type]
    organisation = OrganisationSpec(
        name=name,
        slug=slug,
        organisation_type=organisation_type,
        description=f"<p>{about}</p><p>{kind_sentence}</p>",
        charity_number=charity,
        company_number=company,
        website=f"https://www.{domain}",
        email=f"hello@{domain}",
        phone=f"01632 960 {rng.randint(0, 999):03d}",
        address_line_1=f"{rng.randint(1, 200)} {rng.choice(STREETS)}",
        address_line_2=home.locality if rng.random() < 0.5 else "",
        town="Northbridge" if home.postcode.startswith("NB") else home.locality,
        postcode=home.postcode,
        verified=verified,
    )
    taken: set[str] = set()
    for subcategory, template in choose_templates(rng, focus, service_count):
        organisation.services.append(
            make_service(
                rng,
                template=template,
                subcategory=subcategory,
                organisation_name=name,
                organisation_type=organisation_type,
                email_domain=domain,
                home=home,
                venue=venue,
                places=places,
                today=today,
                slug=unique_slug(slugify(template.title)[:70], taken),
            )
        )
    return organisation


# ---------------------------------------------------------------------------------------
# The demo directory and generated directories
# ---------------------------------------------------------------------------------------

# Draft services in verified organisations, beside those of the pending organisations.
DEMO_DRAFTS_IN_VERIFIED_ORGANISATIONS = 3


def plan_demo_directory(
    *, today: dt.date, seed: int = DEMO_SEED, limit_services: int | None = None
) -> list[OrganisationSpec]:
    """The Northbridge directory: about 60 organisations and 200 services.

    `limit_services` trims the plan (keeping every organisation and at least one service
    each while it can) so tests can build a smaller directory quickly; the same seed gives
    the same words either way.
    """
    rng = random.Random(seed)
    places = demo_places()
    organisations: list[OrganisationSpec] = []
    for demo in DEMO_ORGANISATIONS:
        organisations.append(_plan_demo_organisation(rng, demo, places, today))
    # A few services in verified organisations are drafts their provider is still writing.
    # They are chosen before any trimming, so a smaller build is a subset of the full one.
    verified_services = [
        service for org in organisations if org.verified for service in org.services
    ]
    for service in random.Random(seed + 1).sample(
        verified_services, min(DEMO_DRAFTS_IN_VERIFIED_ORGANISATIONS, len(verified_services))
    ):
        service.live = False
    for org in organisations:
        if not org.verified:
            for service in org.services:
                service.live = False
    if limit_services is not None:
        _trim(organisations, limit_services)
    return organisations


def _plan_demo_organisation(
    rng: random.Random, demo: DemoOrganisation, places: list[Place], today: dt.date
) -> OrganisationSpec:
    return make_organisation(
        rng,
        name=demo.name,
        slug=slugify(demo.name),
        organisation_type=demo.organisation_type,
        about=demo.about,
        focus=demo.focus,
        service_count=demo.services,
        verified=demo.verified,
        places=places,
        today=today,
    )


def _trim(organisations: list[OrganisationSpec], limit: int) -> None:
    """Keep about `limit` services, spread round-robin so every category stays covered."""
    kept: list[list[ServiceSpec]] = [[] for _ in organisations]
    total, round_number = 0, 0
    while total < limit:
        added = False
        for index, org in enumerate(organisations):
            if round_number < len(org.services) and total < limit:
                kept[index].append(org.services[round_number])
                total += 1
                added = True
        if not added:
            break
        round_number += 1
    for org, services in zip(organisations, kept, strict=True):
        org.services = services


def generated_organisation_name(rng: random.Random, organisation_type: str) -> str:
    suffix = rng.choice(NAME_SUFFIXES[organisation_type])
    return f"{rng.choice(NAME_PLACES)} {rng.choice(NAME_THEMES)} {suffix}"


GENERATED_TYPES = (
    ["charity"] * 8
    + ["cio"] * 2
    + ["cic"] * 4
    + ["company"] * 3
    + ["sole_trader"] * 2
    + ["community_group"] * 2
    + ["statutory"]
)
ALL_SUBCATEGORIES = list(TEMPLATES)


def generate_organisation(
    rng: random.Random,
    *,
    number: int,
    service_count: int,
    places: list[Place],
    today: dt.date,
) -> OrganisationSpec:
    """A generated organisation (for benchmarks) whose slug carries its unique number."""
    organisation_type = rng.choice(GENERATED_TYPES)
    name = generated_organisation_name(rng, organisation_type)
    focus = rng.sample(ALL_SUBCATEGORIES, rng.randint(2, 4))
    home = make_place(rng, rng.choice(places), jitter=0.01)
    return make_organisation(
        rng,
        name=name,
        slug=f"{slugify(name)}-{number}",
        organisation_type=organisation_type,
        about=(
            f"{name} supports children and young people with SEND and their families "
            f"in and around {home.locality}."
        ),
        focus=focus,
        service_count=service_count,
        verified=True,
        # Second venues stay near home, as a local organisation's would.
        places=[make_place(rng, home, jitter=0.03) for _ in range(3)],
        today=today,
        home=home,
    )
