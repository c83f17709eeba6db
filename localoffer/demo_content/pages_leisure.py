"""Leisure and short breaks: activities, HAF, short breaks without an assessment,
accessible days out, the Kite Card."""

from . import contacts
from .blocks import (
    accordion,
    call_to_action,
    contact_card,
    details,
    inset_text,
    page,
    related_links,
    rich_text,
    services_in_topic,
    table,
    warning_text,
)

ACTIVITIES = page(
    slug="activities-and-clubs",
    title="Activities and clubs",
    summary="""Sport, arts, music, youth groups and other things to do for children and
    young people with SEND in Northbridge.""",
    body=[
        rich_text(
            """
            <p>Activities and clubs are a chance to have fun, make friends, get fit and
            learn new things. Children and young people with special educational needs
            and disabilities (SEND) have the same right to join in as everyone else.</p>
            <h2>Clubs open to everyone</h2>
            <p>Most clubs and activities in Northbridge are open to all children. Under
            the Equality Act 2010, they must make reasonable adjustments so that disabled
            children can take part. For example:</p>
            <ul>
            <li>allowing a parent or personal assistant to stay</li>
            <li>giving information in pictures</li>
            <li>offering a quiet space</li>
            <li>letting your child visit before their first session</li>
            </ul>
            <p>If a club is not sure how to include your child, the Short Breaks Team can
            give them advice and training.</p>
            <h2>Specialist clubs and groups</h2>
            <p>Some clubs are just for children and young people with SEND. Staff have
            extra training and there are more adults. Many young people enjoy both kinds
            of club.</p>
            """
        ),
        accordion(
            "Ideas for things to do",
            [
                (
                    "Sport and swimming",
                    "",
                    """<p>Northbridge Leisure Centre runs inclusive swimming sessions on
                    Saturday mornings, with quieter changing rooms and lower music. Local
                    clubs offer wheelchair basketball, boccia, football for children with
                    learning disabilities and adapted cycling at Greenway Park.</p>""",
                ),
                (
                    "Arts, drama and music",
                    "",
                    """<p>Look for relaxed performances at the Northbridge Playhouse,
                    music groups using adapted instruments, and art clubs at the Central
                    Library.</p>""",
                ),
                (
                    "Youth clubs",
                    "",
                    """<p>The Northbridge Youth Hub runs an inclusive youth club on
                    Wednesday evenings for ages 11 to 19, and a Friday social group for
                    young adults aged 18 to 25 with learning disabilities.</p>""",
                ),
                (
                    "Uniformed groups",
                    "",
                    """<p>Scouts, Guides and cadet groups welcome young people with SEND.
                    Leaders can get training and support from their national
                    organisations.</p>""",
                ),
            ],
        ),
        details(
            "Help with paying for activities",
            """<p>Many activities are free or low cost. The
            <a href="/leisure-and-short-breaks/kite-card/">Kite Card</a> gives discounts at
            many local places. If your child has a personal budget, you may be able to use
            it for activities that meet an outcome in their plan. You could also
            <a href="/personal-budgets/sharing-costs-with-other-families/">share the cost
            with other families</a>.</p>""",
        ),
        services_in_topic(
            "Activities in the directory",
            [
                "sport-and-leisure",
                "arts-and-music",
                "play-and-youth-groups",
                "after-school-clubs",
            ],
            8,
        ),
        related_links(
            "Related pages",
            [
                (
                    "Short breaks without an assessment",
                    "/leisure-and-short-breaks/short-breaks-without-an-assessment/",
                ),
                (
                    "Friends, relationships and community",
                    "/preparing-for-adulthood/friends-relationships-and-community/",
                ),
            ],
        ),
    ],
)

HAF = page(
    slug="holiday-activities-and-food",
    title="Holiday activities and food (HAF)",
    summary="""Free holiday clubs with a healthy meal for children who get
    benefits-related free school meals, and places for children with SEND.""",
    body=[
        rich_text(
            """
            <p>The holiday activities and food programme (HAF) gives children free
            activities and a healthy meal during the school holidays. It is paid for by
            the Department for Education. In Northbridge it is called Holiday Fun.</p>
            <h2>When it runs</h2>
            <ul>
            <li>Easter holidays: 4 days</li>
            <li>summer holidays: 16 days, over 4 weeks</li>
            <li>Christmas holidays: 4 days</li>
            </ul>
            <p>Each session lasts at least 4 hours and includes a healthy meal. Clubs
            offer things like sport, arts, cooking and trips.</p>
            <h2>Who can go</h2>
            <p>Children in Reception to Year 11 who get free school meals because of
            benefits your family receives. This does not include universal infant free
            school meals, which all children in Reception, Year 1 and Year 2 get.</p>
            <p>We keep some places for children who do not get free school meals but
            would benefit. This includes children with special educational needs and
            disabilities (SEND), young carers and children supported by a social
            worker.</p>
            """
        ),
        table(
            "Holiday Fun clubs with SEND places",
            ["Club", "Ages", "Support"],
            [
                ["Riverside Summer Club", "5 to 16", "Specialist staff, 1 adult to 2 children"],
                ["Greenway Park Adventure Days", "8 to 16", "Inclusive, quiet room available"],
                ["Northbridge Youth Hub Holiday Kitchen", "11 to 16", "Inclusive, small groups"],
                ["St Anne's Play Days", "5 to 11", "Inclusive, sensory room"],
            ],
        ),
        rich_text(
            """
            <h2>How to book</h2>
            <p>If your child gets benefits-related free school meals, their school will
            send you a booking code before each holiday. Use the code to book on the Holiday
            Fun website. If you have not had a code, ask your child's school or contact the
            Family Information Service.</p>
            <p>For a SEND place, contact the Family Information Service. Tell us about your
            child's needs and we will help you choose a club that suits them.</p>
            """
        ),
        inset_text(
            """<p>Tell the club about any food allergies, feeding needs or eating
            difficulties when you book. Clubs must provide meals that meet your child's
            dietary needs.</p>"""
        ),
        services_in_topic(
            "Holiday clubs in the directory",
            ["holiday-clubs"],
            6,
        ),
        contacts.family_information_service(),
    ],
)

SHORT_BREAKS_NO_ASSESSMENT = page(
    slug="short-breaks-without-an-assessment",
    title="Short breaks you can get without an assessment",
    summary="""Targeted short breaks such as specialist clubs and holiday schemes, which
    you can book without a social worker.""",
    body=[
        rich_text(
            """
            <p>Short breaks give disabled children and young people fun things to do, and
            give parents and carers a break. Many short breaks in Northbridge do not need
            a social care assessment. These are called targeted short breaks.</p>
            <h2>Who can use them</h2>
            <p>Children and young people aged 0 to 18 who live in Northbridge and have a
            disability or special educational needs. When you book, you will usually need
            to show one of:</p>
            <ul>
            <li>an education, health and care (EHC) plan</li>
            <li>Disability Living Allowance or Personal Independence Payment</li>
            <li>a letter from a doctor, therapist or special educational needs coordinator (SENCO)
            about your child's needs</li>
            <li>a <a href="/leisure-and-short-breaks/kite-card/">Kite Card</a></li>
            </ul>
            <h2>What is available</h2>
            """
        ),
        table(
            "Targeted short breaks",
            ["Short break", "Ages", "When", "Cost to you"],
            [
                ["Saturday Club at Beech House", "5 to 12", "Saturdays, 10am to 3pm", "Free"],
                ["Teen Zone youth club", "12 to 18", "Tuesdays, 6pm to 8:30pm", "£2 a session"],
                ["Holiday playschemes", "5 to 18", "Most school holidays", "£18 a day"],
                ["Family activity days", "0 to 18", "Monthly, Sundays", "Free"],
                ["Sibling group", "Brothers and sisters aged 7 to 14", "Fortnightly", "Free"],
            ],
        ),
        rich_text(
            """
            <h2>The short breaks grant</h2>
            <p>Some families would rather choose their own activities. You can apply for a
            short breaks grant of up to £400 a year. You can spend it on activities or
            breaks that give your child fun and give you a break. For example, a
            membership, a holiday club or a day trip. You will need to keep receipts.</p>
            <p>The grant is for families who do not already get a short breaks package
            from the Disabled Children's Team.</p>
            <h2>How to book or apply</h2>
            <p>Book directly with the club, or through the directory. To apply for a
            grant, fill in the online form or call the Short Breaks Team.</p>
            """
        ),
        inset_text(
            """<p>If your child needs more support than targeted short breaks can give,
            ask for a <a href="/social-care/social-care-assessments/">social care
            assessment</a>. Read our
            <a href="/social-care/short-breaks/">short breaks statement</a>.</p>"""
        ),
        call_to_action(
            "Apply for a short breaks grant",
            "The online form takes about 10 minutes.",
            "Apply for a grant",
            "https://www.northbridge.example/shortbreaks/grant",
        ),
        services_in_topic(
            "Short breaks in the directory",
            ["short-breaks", "holiday-clubs", "play-and-youth-groups"],
            8,
        ),
        contacts.short_breaks_team(),
    ],
)

DAYS_OUT = page(
    slug="accessible-days-out",
    title="Accessible days out",
    summary="""Ideas for days out in and around Northbridge, with tips on planning and
    finding accessible places.""",
    body=[
        rich_text(
            """
            <p>Days out can be great fun for the whole family. A little planning helps
            them go well. This page has ideas for places to go and tips for making the day
            easier.</p>
            <h2>Planning your day</h2>
            <ul>
            <li>check the place's website for an accessibility guide or a social story.
            This is a short guide with pictures that shows what will happen</li>
            <li>ask if there are quiet times, quiet rooms or sensory bags</li>
            <li>ask about Changing Places toilets. These are larger accessible toilets
            with a hoist and an adult-sized changing bench</li>
            <li>ask about free carer tickets and queue help</li>
            <li>check parking and step-free routes</li>
            </ul>
            <p>The sunflower lanyard is a way to show, if you choose, that you or your
            child has a hidden disability. Many places in Northbridge recognise it.</p>
            """
        ),
        table(
            "Places to visit in and near Northbridge",
            ["Place", "Access highlights"],
            [
                [
                    "Greenway Park",
                    """Accessible play area, wheelchair swing, adapted bikes to hire,
                    Changing Places toilet""",
                ],
                [
                    "Northbridge Museum",
                    "Quiet mornings on the first Saturday of each month, sensory backpacks",
                ],
                [
                    "Northbridge Playhouse",
                    """Relaxed performances, captioned shows and British Sign Language (BSL)
                    interpreted shows""",
                ],
                [
                    "Canal Wharf boat trips",
                    "Wheelchair accessible boat, carers travel free",
                ],
                [
                    "Hollins Farm Park",
                    "Step-free paths, Changing Places toilet, quiet hour on Sundays",
                ],
                [
                    "Northbridge Leisure Centre",
                    "Pool hoist, inclusive swimming sessions, sensory room",
                ],
            ],
        ),
        details(
            "Help with finding a Changing Places toilet",
            """<p>There are Changing Places toilets at Greenway Park, Northbridge Civic
            Centre, the Market Street shopping centre, Hollins Farm Park and Northbridge
            General Hospital. Use a national map online to find others when you travel
            further.</p>""",
        ),
        rich_text(
            """
            <h2>Saving money</h2>
            <p>Many places offer a free ticket for a carer. Show your
            <a href="/leisure-and-short-breaks/kite-card/">Kite Card</a> for discounts at
            local attractions. A
            <a href="/travel/blue-badge-and-concessionary-travel/">Disabled Persons
            Railcard</a> can save money on train travel.</p>
            """
        ),
        services_in_topic(
            "Leisure in the directory",
            ["sport-and-leisure", "arts-and-music"],
            6,
        ),
        related_links(
            "Related pages",
            [
                ("The Kite Card", "/leisure-and-short-breaks/kite-card/"),
                (
                    "Blue Badge, bus passes and railcards",
                    "/travel/blue-badge-and-concessionary-travel/",
                ),
            ],
        ),
    ],
)

KITE_CARD = page(
    slug="kite-card",
    title="The Kite Card: discounts for children and young people with SEND",
    summary="""A free card for children and young people with SEND aged 0 to 25 that
    gives discounts at local attractions and activities.""",
    body=[
        rich_text(
            """
            <p>The Kite Card is a free discount card for families of children and young
            people with special educational needs and disabilities (SEND) who live in
            Northbridge. It is run by the council's Short Breaks Team.</p>
            <h2>What the card gives you</h2>
            <ul>
            <li>discounts at local attractions, leisure centres and activities</li>
            <li>free or cheaper entry for a carer at many places</li>
            <li>a monthly email about events and offers</li>
            <li>proof of eligibility for targeted short breaks</li>
            </ul>
            <p>The card does not show your child's diagnosis. It shows their first name,
            a photo if you want one, and the expiry date.</p>
            <h2>Who can get one</h2>
            <p>Children and young people aged 0 to 25 who live in Northbridge and have one
            of these:</p>
            <ul>
            <li>an education, health and care (EHC) plan</li>
            <li>SEN support at school or college</li>
            <li>Disability Living Allowance or Personal Independence Payment</li>
            <li>a diagnosis of a disability or long-term condition, confirmed by a letter
            from a professional</li>
            </ul>
            <p>Young people aged 16 and over can apply for their own card.</p>
            """
        ),
        table(
            "Some Kite Card offers",
            ["Place", "Offer"],
            [
                ["Northbridge Leisure Centre", "Half-price swimming, carer free"],
                ["Hollins Farm Park", "20% off entry, carer free"],
                ["Northbridge Playhouse", "£5 off relaxed performances"],
                ["Canal Wharf boat trips", "Family ticket at child price"],
                ["Bounce Zone trampoline park", "Free entry to SEND sessions"],
            ],
        ),
        rich_text(
            """
            <h2>How to apply</h2>
            <p>Apply online, or ask for a paper form. You will need proof of your address
            and proof that your child or young person is eligible. Your card will arrive by
            post within 3 weeks. It lasts for 3 years.</p>
            """
        ),
        warning_text(
            """Only the child or young person named on the card, and the people with them,
            can use the offers. The card cannot be used by anyone else."""
        ),
        call_to_action(
            "Apply for a Kite Card",
            "It is free and takes about 5 minutes.",
            "Apply for a Kite Card",
            "https://www.northbridge.example/kitecard",
        ),
        contact_card(
            name="Kite Card",
            description="Applications, lost cards and offers. Run by the Short Breaks Team.",
            phone="01632 960 335",
            email="kitecard@northbridge.example",
            address=contacts.CIVIC_CENTRE,
            opening_hours=contacts.OFFICE_HOURS,
        ),
        inset_text(
            """<p>Are you a business or organisation that would like to offer a Kite Card
            discount? Contact the Short Breaks Team.</p>"""
        ),
    ],
)

SECTION = {
    "slug": "leisure-and-short-breaks",
    "title": "Leisure and short breaks",
    "intro": """Things to do, holiday clubs, short breaks you can book yourself,
    accessible days out and the Kite Card discount scheme.""",
    "pages": [ACTIVITIES, HAF, SHORT_BREAKS_NO_ASSESSMENT, DAYS_OUT, KITE_CARD],
}
