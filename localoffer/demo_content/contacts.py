"""Shared, fictional contact details used on several pages.

All phone numbers are in the 01632 960xxx range that Ofcom keeps for drama.
All email addresses use the reserved .example domain. Each function returns a
fresh contact_card block so that no two pages share one dict.
"""

from .blocks import contact_card

CIVIC_CENTRE = "Northbridge Civic Centre, Market Square, Northbridge NB1 1NB"
OFFICE_HOURS = "Monday to Thursday, 9am to 5pm. Friday, 9am to 4:30pm."
SITE = "https://www.northbridge.example"


def send_team():
    return contact_card(
        name="SEND Assessment and Planning Team",
        description="""Questions about EHC needs assessments, EHC plans, annual reviews
        and personal budgets in EHC plans. Ask for your case officer by name if you have one.""",
        phone="01632 960 210",
        email="send.team@northbridge.example",
        website=f"{SITE}/send",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def sendiass():
    return contact_card(
        name="Northbridge SENDIASS",
        description="""The SEND Information, Advice and Support Service. Free, confidential
        and impartial advice for parents, carers, children and young people up to 25.
        It is run at arm's length from the council.""",
        phone="01632 960 100",
        email="sendiass@northbridge.example",
        website=f"{SITE}/sendiass",
        address="The Old Library, 14 Church Lane, Northbridge NB2 3LQ",
        opening_hours="""Monday to Friday, 9:30am to 4:30pm. Leave a message at other
        times and we will call you back within 2 working days.""",
    )


def local_offer_team():
    return contact_card(
        name="Local Offer team",
        description="""Help finding information on this website, printed copies, other
        formats, and changes to a service listing.""",
        phone="01632 960 500",
        email="localoffer@northbridge.example",
        website=f"{SITE}/localoffer",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def children_hub():
    return contact_card(
        name="Children's Advice and Support Hub",
        description="""The first place to call if you need help from children's social care,
        including early help. If a child is in danger now, call 999.""",
        phone="01632 960 300",
        email="childrenshub@northbridge.example",
        address=CIVIC_CENTRE,
        opening_hours="""Monday to Thursday, 8:30am to 5pm. Friday, 8:30am to 4:30pm.
        Out of hours emergency duty team: 01632 960 999.""",
    )


def disabled_childrens_team():
    return contact_card(
        name="Disabled Children's Team",
        description="""Social workers for disabled children and young people aged 0 to 18
        and their families.""",
        phone="01632 960 320",
        email="dct@northbridge.example",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def short_breaks_team():
    return contact_card(
        name="Short Breaks Team",
        description="""Short breaks, the short breaks statement and the Kite Card.""",
        phone="01632 960 330",
        email="shortbreaks@northbridge.example",
        website=f"{SITE}/shortbreaks",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def direct_payments_team():
    return contact_card(
        name="Direct Payments Team",
        description="""Setting up and running a direct payment, payment dates, quarterly
        returns and help with employing a personal assistant.""",
        phone="01632 960 350",
        email="directpayments@northbridge.example",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def preparing_for_adulthood_team():
    return contact_card(
        name="Preparing for Adulthood Team",
        description="""Works with young people aged 14 to 25, their families, schools,
        colleges and adult services to plan the move to adult life.""",
        phone="01632 960 410",
        email="pfa@northbridge.example",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def adult_social_care():
    return contact_card(
        name="Adult Social Care Front Door",
        description="""Advice, assessments and support for adults aged 18 and over,
        and for carers of adults.""",
        phone="01632 960 400",
        email="adultcare@northbridge.example",
        address=CIVIC_CENTRE,
        opening_hours="Monday to Friday, 8:30am to 5pm.",
    )


def travel_assistance_team():
    return contact_card(
        name="Travel Assistance Team",
        description="""Home to school travel, post-16 travel, travel training and
        travel appeals.""",
        phone="01632 960 260",
        email="travel.assistance@northbridge.example",
        website=f"{SITE}/schooltravel",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def family_information_service():
    return contact_card(
        name="Northbridge Family Information Service",
        description="""Free help to find childcare, check if you can get funded hours
        and find holiday activities.""",
        phone="01632 960 150",
        email="fis@northbridge.example",
        website=f"{SITE}/fis",
        address=CIVIC_CENTRE,
        opening_hours="Monday to Friday, 9am to 5pm.",
    )


def early_years_inclusion_team():
    return contact_card(
        name="Early Years Inclusion Team",
        description="""Area SENCOs, Portage home visitors and the early years SEN
        inclusion fund. Settings and parents can both contact us.""",
        phone="01632 960 160",
        email="earlyyears.inclusion@northbridge.example",
        address=CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def childrens_community_health():
    return contact_card(
        name="Children's Community Health Services: single point of access",
        description="""Run by Northbridge Community Health NHS Trust. Referrals and
        questions about community paediatrics, therapies, school nursing and
        health visiting.""",
        phone="01632 960 450",
        email="childrens.health@northbridge.example",
        address="Northbridge Child Development Centre, Elm Road, Northbridge NB3 5TR",
        opening_hours="Monday to Friday, 8:30am to 5pm.",
    )


def complaints_team():
    return contact_card(
        name="Customer Feedback and Complaints Team",
        description="""Complaints about council services, including SEND, social care
        and travel assistance.""",
        phone="01632 960 600",
        email="complaints@northbridge.example",
        website=f"{SITE}/complaints",
        address="Freepost NORTHBRIDGE COMPLAINTS, " + CIVIC_CENTRE,
        opening_hours=OFFICE_HOURS,
    )


def mediation_service():
    return contact_card(
        name="Common Ground Mediation",
        description="""The independent mediation and disagreement resolution service
        paid for by Northbridge Borough Council. It is free for families.""",
        phone="01632 960 700",
        email="mediation@northbridge.example",
        website=f"{SITE}/mediation",
        address="Unit 4, Canal Wharf, Northbridge NB4 2WF",
        opening_hours="Monday to Friday, 9am to 5pm.",
    )


def parent_carer_forum():
    return contact_card(
        name="Northbridge Parent Carer Forum",
        description="""An independent group of parents and carers of children and young
        people with SEND. Free to join.""",
        phone="01632 960 120",
        email="forum@northbridge.example",
        website=f"{SITE}/parentcarerforum",
        opening_hours="Phone line staffed Tuesday and Thursday, 10am to 2pm.",
    )
