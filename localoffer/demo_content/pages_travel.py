"""Travel section: home to school travel, post-16 travel, travel training, Blue Badge."""

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

HOME_TO_SCHOOL = page(
    slug="home-to-school-travel",
    title="Home to school travel assistance",
    summary="""Who can get free travel to school, the kinds of help available, how to
    apply and how to appeal.""",
    body=[
        rich_text(
            """
            <p>Most children get to school with their family, on foot, by bike or by
            public transport. The council must help some children get to school. This
            help is called travel assistance.</p>
            <h2>Who can get free travel assistance</h2>
            <p>Children aged 5 to 16 can get free travel assistance if they go to their
            nearest suitable school and one of these applies:</p>
            <ul>
            <li>they live more than the statutory walking distance from school. This is 2
            miles for children under 8, and 3 miles for children aged 8 and over</li>
            <li>they cannot reasonably be expected to walk to school, even with an adult,
            because of their special educational needs, disability or mobility
            problem</li>
            <li>the walking route is not safe, even with an adult</li>
            <li>your family has a low income, and the school is within certain
            distances</li>
            </ul>
            <p>In Northbridge we also consider children in Reception who are not yet 5, in
            the same way.</p>
            <p>Having an education, health and care (EHC) plan does not mean your child
            will automatically get travel assistance. We look at your child's needs and
            the journey. We also look at whether they could travel with you, with
            reasonable help.</p>
            <h2>Types of help</h2>
            """
        ),
        accordion(
            "",
            [
                (
                    "A free bus or train pass",
                    "",
                    "<p>For children who can use public transport.</p>",
                ),
                (
                    "A personal travel budget",
                    "Money for you to arrange the journey",
                    """<p>We pay you an amount each term to get your child to school in a
                    way that suits your family. For example, driving them yourself, sharing
                    lifts, or paying a relative or a taxi. You choose how to use it, as
                    long as your child gets to school safely and on time.</p>""",
                ),
                (
                    "Independent travel training",
                    "Learn to travel safely alone",
                    """<p>For children who could learn to travel on their own. Read about
                    <a href="/travel/travel-training/">travel training</a>.</p>""",
                ),
                (
                    "A seat on a shared minibus or taxi",
                    "With a passenger assistant if needed",
                    """<p>For children who cannot use public transport or a personal
                    travel budget. Routes are shared where possible. A passenger assistant
                    travels with children who need support on the journey.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>How to apply</h2>
            <p>Apply online. If your child is starting a new school in September, apply by
            31 May so that help is ready in time. You can apply at any time of year if
            your circumstances change. We aim to decide within 20 working days.</p>
            <p>You will need:</p>
            <ul>
            <li>your child's details and school</li>
            <li>your child's EHC plan, if they have one</li>
            <li>information about why your child needs help to travel, such as letters
            from doctors or therapists</li>
            </ul>
            <h2>How to appeal</h2>
            <p>If we say no, or you disagree with the type of help we offer, you can ask us
            to look again. There are two stages.</p>
            """
        ),
        table(
            "Travel assistance appeal stages",
            ["Stage", "What you do", "What we do"],
            [
                [
                    "Stage 1: review",
                    """Write to us within 20 working days of our decision. Say why you
                    disagree and send any evidence""",
                    """A senior officer looks at the decision again and replies in writing
                    within 20 working days""",
                ],
                [
                    "Stage 2: independent appeal panel",
                    """Write to us within 20 working days of the stage 1 reply. You can
                    speak at the panel hearing""",
                    """A panel of people who were not involved hears the appeal. You get
                    the decision in writing within 5 working days of the hearing. The
                    whole stage takes no more than 40 working days""",
                ],
            ],
        ),
        inset_text(
            """<p>If you think we did not follow the right process, you can then complain
            to the Local Government and Social Care Ombudsman.</p>"""
        ),
        warning_text(
            """Tell the Travel Assistance Team straight away if your address, your child's
            school or your child's needs change. Travel assistance may need to be
            reviewed."""
        ),
        contacts.travel_assistance_team(),
        related_links(
            "Related pages",
            [
                ("Post-16 travel", "/travel/post-16-travel/"),
                ("How to complain", "/complaints-mediation-and-tribunal/how-to-complain/"),
            ],
        ),
    ],
)

POST_16_TRAVEL = page(
    slug="post-16-travel",
    title="Travel for students aged 16 to 25",
    summary="""Help with travel to school, sixth form or college after Year 11, and for
    learners aged 19 to 25 with an EHC plan.""",
    body=[
        rich_text(
            """
            <p>Free home to school travel stops at the end of Year 11. After that, there
            is no automatic right to free travel. But there is still help for students
            who need it.</p>
            <h2>Our post-16 transport policy statement</h2>
            <p>Every year, by 31 May, the council publishes a post-16 transport policy
            statement. It explains what help students aged 16 to 18, and older students
            who started their course before 19, can get in the next school year. You can
            <a href="/information-advice-and-support/other-formats/">ask for a printed
            copy</a>.</p>
            <h2>Students aged 16 to 18</h2>
            <p>Help may include:</p>
            <ul>
            <li>a discounted bus pass for all students in full-time education</li>
            <li>a personal travel budget, or a seat on shared transport, for students
            who cannot use public transport because of their special educational needs or
            disability</li>
            <li>travel training</li>
            <li>help from your college's bursary fund</li>
            </ul>
            <p>We ask most families to pay a contribution towards shared transport. The
            contribution for 2025 to 2026 is £660 a year. It can be paid in monthly
            instalments. Families on a low income pay £330, and care leavers pay
            nothing.</p>
            <h2>Learners aged 19 to 25</h2>
            <p>If you are aged 19 to 25, have an education, health and care (EHC) plan and
            need help to get to your course, the council must think about your needs. Any
            travel help we agree for you is free. We look at your needs and the journey.
            We also consider what other help you have, such as a Motability car or a
            disabled person's bus pass.</p>
            """
        ),
        table(
            "Post-16 travel at a glance",
            ["Age", "Who decides", "Do I pay?"],
            [
                [
                    "16 to 18",
                    "The council, using the post-16 transport policy statement",
                    "Usually a contribution",
                ],
                ["19 to 25 with an EHC plan", "The council, looking at your needs", "No"],
                ["19 and over without an EHC plan", "Your college may help", "Usually yes"],
            ],
        ),
        rich_text(
            """
            <h2>How to apply</h2>
            <p>Apply online between 1 April and 30 June for travel from September. You
            must apply again each year. Late applications are accepted, but help may not be
            ready for the start of term.</p>
            <p>If we refuse your application, you can use the same
            <a href="/travel/home-to-school-travel/">two-stage appeal process</a> as for
            school travel.</p>
            """
        ),
        details(
            "Help with planning ahead",
            """<p>Talk about travel at your Year 10 and Year 11 annual reviews. Learning to
            travel on your own opens up more choices of college, work and social life.
            Ask about <a href="/travel/travel-training/">travel training</a> early.</p>""",
        ),
        contacts.travel_assistance_team(),
    ],
)

TRAVEL_TRAINING = page(
    slug="travel-training",
    title="Independent travel training",
    summary="""One-to-one training that helps children and young people learn to travel
    safely on their own.""",
    body=[
        rich_text(
            """
            <p>Learning to travel on your own is a big step towards independence. It means
            you can get to school, college or work, see friends and go out when you
            want.</p>
            <p>Northbridge's independent travel training is free. It is for children and
            young people aged 10 to 25 with special educational needs or disabilities who
            live in Northbridge.</p>
            <h2>How it works</h2>
            <p>A trained travel trainer works with you one-to-one. Together you learn one
            journey, usually to school, college or work. Training takes as long as you
            need, often between 6 and 12 weeks.</p>
            """
        ),
        accordion(
            "The steps",
            [
                (
                    "1. Getting to know you",
                    "",
                    """<p>The trainer meets you and your family. They find out what you can
                    already do, what worries you, and the journey you want to learn.</p>""",
                ),
                (
                    "2. Travelling together",
                    "",
                    """<p>At first, the trainer travels with you and shows you each part of
                    the journey. You practise buying a ticket, reading a timetable,
                    crossing roads and knowing where to get off.</p>""",
                ),
                (
                    "3. Stepping back",
                    "",
                    """<p>Bit by bit, the trainer does less. They might sit further away on
                    the bus, then follow you at a distance.</p>""",
                ),
                (
                    "4. Travelling on your own",
                    "",
                    """<p>When you and your family are confident, you travel on your own.
                    The trainer checks in with you for the first few weeks.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>What you learn</h2>
            <ul>
            <li>planning a journey and using timetables and apps</li>
            <li>paying for a ticket or using a bus pass</li>
            <li>road safety</li>
            <li>what to do if something goes wrong, such as a late bus or getting
            lost</li>
            <li>how to ask for help, and who to ask</li>
            <li>keeping safe, and keeping your phone and money safe</li>
            </ul>
            <h2>How to get it</h2>
            <p>You, your family, your school, college or social worker can ask for travel
            training. If you get school travel assistance, we may suggest it at your
            review. You will not lose other travel help while you train.</p>
            """
        ),
        inset_text(
            """<p>Last year, 74 young people in Northbridge finished travel training. Most
            now travel to school or college on their own.</p>"""
        ),
        services_in_topic(
            "Travel training in the directory",
            ["transport-and-travel-training"],
            4,
        ),
        contacts.travel_assistance_team(),
    ],
)

BLUE_BADGE = page(
    slug="blue-badge-and-concessionary-travel",
    title="Blue Badge, bus passes and railcards",
    summary="""Parking help with a Blue Badge, free bus travel with a disabled person's
    bus pass, and discounted rail travel.""",
    body=[
        rich_text(
            """
            <h2>Blue Badge</h2>
            <p>A Blue Badge lets you park closer to where you are going. For example, on
            yellow lines for up to 3 hours, or in disabled parking bays. The badge belongs
            to the disabled person. It can be used in any car they travel in.</p>
            <h3>Who can get one</h3>
            <p>Some people get a Blue Badge automatically. For example, if they:</p>
            <ul>
            <li>get the higher rate of the mobility part of Disability Living
            Allowance</li>
            <li>get Personal Independence Payment and scored 8 points or more for
            "moving around", or 10 points for "planning and following journeys"</li>
            <li>are registered blind (severely sight impaired)</li>
            </ul>
            <p>Others can apply and be assessed. This includes people who find walking
            very difficult, and people with a hidden disability, such as autism, who find
            journeys very distressing or are at risk of serious harm near traffic.</p>
            <p>Children under 3 can get a badge if they need bulky medical equipment, or
            must be kept near a vehicle in case they need emergency treatment.</p>
            <h3>How to apply</h3>
            <p>Apply online on GOV.UK. It costs £10 if your application is successful. A
            badge lasts up to 3 years.</p>
            """
        ),
        warning_text(
            """Only use the Blue Badge when the badge holder is travelling with you, or you
            are picking them up or dropping them off. Misusing a badge can lead to a fine
            of up to £1,000."""
        ),
        rich_text(
            """
            <h2>Disabled person's bus pass</h2>
            <p>A disabled person's bus pass gives free travel on local buses across
            England. You can use it from 9:30am to 11pm on weekdays, and at any time at
            weekends and on bank holidays. In Northbridge, you can also use it before
            9:30am on weekdays to get to school, college or work.</p>
            <p>You may be eligible if you are aged 5 or over and, for example, you:</p>
            <ul>
            <li>are blind or partially sighted</li>
            <li>are profoundly or severely deaf</li>
            <li>cannot speak</li>
            <li>have a learning disability</li>
            <li>have a disability that makes walking very difficult</li>
            <li>would be refused a driving licence because of a medical condition</li>
            </ul>
            <p>If you need someone to travel with you, you can ask for a companion pass.
            This lets one person travel with you for free.</p>
            """
        ),
        table(
            "Other help with travel costs",
            ["Help", "What it gives you"],
            [
                [
                    "Disabled Persons Railcard",
                    "A third off most rail fares for you and one adult travelling with you",
                ],
                [
                    "16-25 Railcard",
                    "A third off most rail fares for young people aged 16 to 25",
                ],
                [
                    "Motability scheme",
                    """Lease a car, scooter or powered wheelchair using the mobility part of
                    your disability benefits""",
                ],
                [
                    "Free vehicle tax",
                    """If you get the higher rate mobility part of Disability Living Allowance
                    or the enhanced mobility part of Personal Independence Payment""",
                ],
            ],
        ),
        call_to_action(
            "Apply for a bus pass or companion pass",
            "Apply online. You will need a photo and proof of your disability.",
            "Apply for a bus pass",
            "https://www.northbridge.example/buspass",
        ),
        contact_card(
            name="Blue Badge and Concessionary Travel Team",
            description="Blue Badges, disabled person's bus passes and companion passes.",
            phone="01632 960 270",
            email="bluebadge@northbridge.example",
            address=contacts.CIVIC_CENTRE,
            opening_hours=contacts.OFFICE_HOURS,
        ),
        related_links(
            "Related pages",
            [
                ("Apply for a Blue Badge on GOV.UK", "https://www.gov.uk/apply-blue-badge"),
                ("Accessible days out", "/leisure-and-short-breaks/accessible-days-out/"),
            ],
        ),
    ],
)

SECTION = {
    "slug": "travel",
    "title": "Travel",
    "intro": """Help getting to school or college, learning to travel on your own, and
    discounts such as the Blue Badge and bus passes.""",
    "pages": [HOME_TO_SCHOOL, POST_16_TRAVEL, TRAVEL_TRAINING, BLUE_BADGE],
}
