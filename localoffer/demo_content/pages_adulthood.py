"""Preparing for adulthood: overview from Year 9 and the four outcomes."""

from . import contacts
from .blocks import (
    accordion,
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

OVERVIEW = page(
    slug="planning-from-year-9",
    title="Preparing for adulthood from Year 9",
    summary="""Planning for adult life starts in Year 9, at age 13 to 14. Find out what
    to think about and when.""",
    body=[
        rich_text(
            """
            <p>Growing up brings big changes for every young person. For young people
            with special educational needs and disabilities (SEND), good planning makes
            those changes easier. Planning should start early, in Year 9, when you are 13
            or 14.</p>
            <p>This page is for young people and their families. "You" means the young
            person.</p>
            <h2>The four preparing for adulthood outcomes</h2>
            <p>Young people told the government what matters most to them as adults. These
            became the four preparing for adulthood outcomes:</p>
            <ul>
            <li><a href="/preparing-for-adulthood/employment/">Employment</a>: getting a
            job, including paid work, volunteering and running your own business</li>
            <li><a href="/preparing-for-adulthood/independent-living/">Independent
            living</a>: choosing where you live, who you live with and how you are
            supported</li>
            <li><a href="/preparing-for-adulthood/friends-relationships-and-community/">
            Friends, relationships and community</a>: having friends, relationships and
            a part to play in your community</li>
            <li><a href="/preparing-for-adulthood/good-health/">Good health</a>: being
            as healthy as you can be in adult life</li>
            </ul>
            <h2>Your reviews from Year 9</h2>
            <p>If you have an education, health and care (EHC) plan, every annual review
            from Year 9 must think about these four outcomes. Your plan should have
            outcomes about the adult life you want. The people at your review should
            talk to you first, and listen.</p>
            <p>If you do not have an EHC plan, your school should still help you plan,
            through careers advice and SEN support.</p>
            """
        ),
        table(
            "Key ages and stages",
            ["Age", "What to think about"],
            [
                [
                    "13 to 14 (Year 9)",
                    """First preparing for adulthood review. Start thinking about what you
                    enjoy and what you might want to do after school""",
                ],
                [
                    "14",
                    """If you have a learning disability, you can have a free annual health
                    check with your GP""",
                ],
                [
                    "15 to 16 (Year 11)",
                    """Choose what to do after Year 11. Your EHC plan must name your next
                    school or college by 31 March""",
                ],
                [
                    "16",
                    """You can make more of your own decisions. Disability Living Allowance
                    ends and you can apply for Personal Independence Payment. You may be
                    able to claim some benefits in your own name""",
                ],
                [
                    "16 to 17",
                    """Transition assessments for adult social care and health, if you
                    need them""",
                ],
                [
                    "18",
                    """You are an adult in law. Adult social care and most adult health
                    services take over. You can vote""",
                ],
                [
                    "19 to 25",
                    """Your EHC plan can continue if you still need it to make progress in
                    education or training""",
                ],
            ],
        ),
        details(
            "Help with questions to ask at your review",
            """<ul>
            <li>What do I want to be doing in 5 years?</li>
            <li>What skills do I need to learn before I leave school?</li>
            <li>Can I try work experience?</li>
            <li>Can I learn to travel on my own?</li>
            <li>Who will help me when I turn 18?</li>
            </ul>""",
        ),
        inset_text(
            """<p>"Nothing about us without us." Your views matter most. You can bring
            someone to support you, and you can ask for information in a way you
            understand, such as easy read.</p>"""
        ),
        contacts.preparing_for_adulthood_team(),
        related_links(
            "Related pages",
            [
                ("Colleges and learning after 16", "/education/post-16-education/"),
                ("Moving to adult social care", "/social-care/moving-to-adult-social-care/"),
                ("Travel training", "/travel/travel-training/"),
            ],
        ),
    ],
)

EMPLOYMENT = page(
    slug="employment",
    title="Employment",
    summary="""Getting ready for work: supported internships, apprenticeships, job
    coaching and Access to Work.""",
    body=[
        rich_text(
            """
            <p>Most young people with special educational needs and disabilities (SEND)
            can work, with the right support. Work can mean paid work, volunteering or
            running your own business. This page explains the help you can get.</p>
            <h2>Start early</h2>
            <p>From Year 9, your school should give you careers advice and chances to
            learn about work. Work experience helps you find out what you like and what
            you are good at. If you have an education, health and care (EHC) plan, it can
            include outcomes about work.</p>
            """
        ),
        accordion(
            "Routes into work",
            [
                (
                    "Supported internships",
                    "For young people aged 16 to 24 with an EHC plan",
                    """<p>A supported internship is a study programme based mostly at a
                    real employer. It usually lasts one academic year. You learn the skills
                    for a job, with help from a job coach. You also study English and maths
                    at the right level for you. The aim is a paid job at the end.</p>
                    <p>In Northbridge, supported internships run with Northbridge College
                    at the hospital, the council, a hotel and a supermarket.</p>""",
                ),
                (
                    "Apprenticeships",
                    "A real job with training, for anyone aged 16 or over",
                    """<p>Apprentices are paid a wage and spend time learning, usually at a
                    college or training provider. If you have an EHC plan, the English and
                    maths level you need can be lowered. Employers can get extra money to
                    support apprentices with an EHC plan.</p>""",
                ),
                (
                    "Job coaching",
                    "One-to-one help to learn a job",
                    """<p>A job coach helps you learn the tasks of a job, in the workplace.
                    They also help the employer understand how to support you. Over time,
                    the job coach steps back as you become more confident.</p>""",
                ),
                (
                    "Volunteering",
                    "Build skills and confidence",
                    """<p>Volunteering helps you try different kinds of work, meet people
                    and build your CV. The Northbridge Volunteer Centre has roles that
                    welcome young people with SEND.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>Access to Work</h2>
            <p>Access to Work is a grant from the Department for Work and Pensions. It
            pays for practical help at work that is more than an employer must provide
            through reasonable adjustments. For example:</p>
            <ul>
            <li>a job coach or support worker</li>
            <li>special equipment or software</li>
            <li>taxis to work if you cannot use public transport</li>
            <li>a British Sign Language (BSL) interpreter</li>
            </ul>
            <p>You can apply if you have a paid job, or a job offer. Young people on a
            supported internship can also apply. You do not have to pay it back.</p>
            <h2>Your rights at work</h2>
            <p>The Equality Act 2010 protects disabled people at work. Employers must
            make reasonable adjustments, such as changing your hours or giving you
            written instructions. You can choose whether to tell an employer about your
            disability.</p>
            <h2>Work and benefits</h2>
            <p>Many disabled people can work and still get some benefits. Before you
            start work, ask a benefits adviser what will change. The Jobcentre has
            disability employment advisers who can help.</p>
            """
        ),
        services_in_topic(
            "Employment support in the directory",
            ["supported-internships", "employment-and-training"],
            6,
        ),
        contact_card(
            name="Northbridge Supported Employment Service",
            description="""Job coaching, supported internships and help to find work for
            people aged 16 and over with a learning disability, autism or mental health
            needs.""",
            phone="01632 960 420",
            email="supported.employment@northbridge.example",
            address=contacts.CIVIC_CENTRE,
            opening_hours=contacts.OFFICE_HOURS,
        ),
        related_links(
            "Related pages",
            [
                ("Colleges and learning after 16", "/education/post-16-education/"),
                ("Travel training", "/travel/travel-training/"),
                (
                    "Preparing for adulthood from Year 9",
                    "/preparing-for-adulthood/planning-from-year-9/",
                ),
            ],
        ),
    ],
)

INDEPENDENT_LIVING = page(
    slug="independent-living",
    title="Independent living",
    summary="""Choices about where to live, learning everyday skills, and managing
    money as a young adult.""",
    body=[
        rich_text(
            """
            <p>Independent living means having choice and control over your life. It does
            not mean doing everything on your own. It means deciding where you live, who
            you live with, and what support you get.</p>
            <h2>Learning everyday skills</h2>
            <p>Skills for adult life can be learned at home, at school or college, and in
            the community. For example:</p>
            <ul>
            <li>cooking simple meals and shopping</li>
            <li>keeping your home clean and doing laundry</li>
            <li>looking after your money</li>
            <li>getting around on your own. Read about
            <a href="/travel/travel-training/">travel training</a></li>
            <li>staying safe at home, online and when you are out</li>
            </ul>
            <p>Your education, health and care (EHC) plan can include outcomes about
            these skills, and the help you need to learn them.</p>
            <h2>Housing options</h2>
            """
        ),
        accordion(
            "",
            [
                (
                    "Living with your family",
                    "",
                    """<p>Many young adults live with their family for longer. You can
                    still have more independence, for example with a personal assistant or
                    by doing more for yourself at home.</p>""",
                ),
                (
                    "Supported living",
                    "Your own tenancy, with support",
                    """<p>In supported living you have your own home or room, with your own
                    tenancy. Support staff visit or are on site. The amount of support
                    depends on your needs and is usually arranged by adult social
                    care.</p>""",
                ),
                (
                    "Shared Lives",
                    "Living with an approved carer in their home",
                    """<p>A Shared Lives carer is someone who shares their home and family
                    life with you. It can be long-term, or for short breaks.</p>""",
                ),
                (
                    "Your own tenancy",
                    "Renting from the council, a housing association or a private landlord",
                    """<p>You can join the Northbridge housing register from age 16. You
                    may get priority if you have a disability. Housing advisers can explain
                    your chances and other options.</p>""",
                ),
                (
                    "Residential care",
                    "For people with very high needs",
                    """<p>Some people need care 24 hours a day in a care home. Adult social
                    care will look at other options first.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>Money</h2>
            <p>When you turn 16, your benefits may change. Common benefits for young
            disabled people are:</p>
            <ul>
            <li>Personal Independence Payment (PIP), which replaces Disability Living
            Allowance from age 16</li>
            <li>Universal Credit, which you may be able to claim in your own name from 16
            in some cases, and from 18 in most cases</li>
            </ul>
            <p>You will need a bank account. If you cannot manage your own money, someone
            can be made your appointee to manage benefits for you. Think about this before
            you turn 18.</p>
            """
        ),
        warning_text(
            """Some people may try to take advantage of young adults, for example by asking
            to borrow money or use their bank card. If you are worried, talk to someone you
            trust or call the Adult Social Care Front Door on 01632 960 400."""
        ),
        services_in_topic(
            "Independent living support in the directory",
            ["independent-living-skills", "personal-assistants", "equipment-and-adaptations"],
            6,
        ),
        contacts.preparing_for_adulthood_team(),
        related_links(
            "Related pages",
            [
                ("Moving to adult social care", "/social-care/moving-to-adult-social-care/"),
                ("Direct payments", "/personal-budgets/direct-payments/"),
            ],
        ),
    ],
)

FRIENDS = page(
    slug="friends-relationships-and-community",
    title="Friends, relationships and community",
    summary="""Making and keeping friends, staying safe in relationships, and being part
    of your community.""",
    body=[
        rich_text(
            """
            <p>Friends and relationships matter to everyone. Young people with special
            educational needs and disabilities (SEND) often tell us that feeling lonely is
            one of the hardest things about leaving school.</p>
            <h2>Making and keeping friends</h2>
            <p>Friendships often start with shared interests. Clubs, sports, youth groups,
            faith groups and volunteering are good places to meet people. Some groups are
            just for young people with SEND. Others are open to everyone and can make
            changes so you can join in.</p>
            <p>When you leave school, you might lose daily contact with friends. Plan how
            to stay in touch. For example, by meeting at a regular club, or using social
            media safely.</p>
            <h2>Relationships and sex</h2>
            <p>Every young person has the right to learn about relationships, consent and
            sexual health, in a way they understand. Schools and colleges teach this.
            The school nursing service and local sexual health clinic offer
            confidential advice to young people.</p>
            <h2>Being part of your community</h2>
            <p>Being part of your community can mean many things:</p>
            <ul>
            <li>using shops, libraries, cafes and leisure centres</li>
            <li>going to a place of worship</li>
            <li>volunteering or joining a local group</li>
            <li>voting in elections from age 18</li>
            <li>having a say in local services, for example through the Northbridge Youth
            Voice SEND group</li>
            </ul>
            """
        ),
        accordion(
            "Help to join in",
            [
                (
                    "A personal assistant",
                    "",
                    """<p>A personal assistant (PA) can go with you to activities until
                    you feel confident. If you have a personal budget, you may be able to
                    use it to pay a PA. Read about
                    <a href="/personal-budgets/direct-payments/">direct payments</a>.</p>""",
                ),
                (
                    "Friendship and social groups",
                    "",
                    """<p>Local groups run evenings out, clubs and trips for young people
                    and adults with learning disabilities or autism. Search the directory
                    for play and youth groups.</p>""",
                ),
                (
                    "Travelling on your own",
                    "",
                    """<p>Being able to travel makes it easier to see friends. Read about
                    <a href="/travel/travel-training/">travel training</a> and
                    <a href="/travel/blue-badge-and-concessionary-travel/">bus passes and
                    railcards</a>.</p>""",
                ),
            ],
        ),
        details(
            "Help with staying safe online",
            """<p>The internet can help you keep in touch with friends. But some people
            online are not who they say they are. Never share your address, passwords or
            bank details. Do not meet someone you only know online without telling a
            trusted adult. If something online upsets you, tell someone you trust.</p>""",
        ),
        services_in_topic(
            "Clubs and groups in the directory",
            ["play-and-youth-groups", "sport-and-leisure", "arts-and-music"],
            8,
        ),
        related_links(
            "Related pages",
            [
                ("Activities and clubs", "/leisure-and-short-breaks/activities-and-clubs/"),
                ("The Kite Card", "/leisure-and-short-breaks/kite-card/"),
            ],
        ),
    ],
)

GOOD_HEALTH = page(
    slug="good-health",
    title="Good health as you become an adult",
    summary="""Moving from children's to adult health services, annual health checks
    from 14, and looking after your own health.""",
    body=[
        rich_text(
            """
            <p>Good health helps you do the things you want to do. As you grow up, you
            will start to take more charge of your own health. Your family, doctors and
            nurses can help you learn how.</p>
            <h2>Annual health checks from age 14</h2>
            <p>If you have a learning disability and are aged 14 or over, you can have a
            free health check with your GP surgery every year. It is called an annual
            health check. It helps find health problems early.</p>
            <p>To get one, you need to be on your GP's learning disability register. Ask
            your GP surgery to check. At the check, you can also ask for a health action
            plan, which sets out what you will do to stay healthy.</p>
            <h2>Moving to adult health services</h2>
            <p>Most children's health services stop between 16 and 19. Each service
            should plan the move with you, well before it happens. This is often called
            transition.</p>
            """
        ),
        table(
            "When children's health services usually end",
            ["Service", "Usual age the move happens"],
            [
                ["Community paediatrics", "16, or 19 if you are at a special school"],
                ["CAMHS (child and adolescent mental health services)", "18"],
                [
                    "Speech and language therapy",
                    "19 if you are at school or have an education, health and care (EHC) plan",
                ],
                ["Physiotherapy and occupational therapy", "19 if you are at a special school"],
                ["Children's continuing care", "18, when it may become NHS continuing healthcare"],
                ["Wheelchair service", "18"],
            ],
        ),
        rich_text(
            """
            <h2>Tips for the move</h2>
            <ul>
            <li>ask each service when your care will move, and who to</li>
            <li>ask to meet the new team before you move</li>
            <li>keep a list of your conditions, medicines and important contacts</li>
            <li>practise talking to your doctor yourself, with your parent there to
            help</li>
            <li>make a hospital passport. It tells hospital staff what they need to
            know about you</li>
            </ul>
            <h2>Making your own choices</h2>
            <p>From 16, you can agree to your own treatment if you understand what it
            means. You can choose whether your parents come to appointments. If you find
            it hard to make a decision, the people caring for you must help you
            understand. If you still cannot decide, they must act in your best
            interests.</p>
            """
        ),
        inset_text(
            """<p>Young people with a learning disability are also entitled to reasonable
            adjustments in the NHS. For example, a longer appointment, the first
            appointment of the day, or information in easy read.</p>"""
        ),
        services_in_topic(
            "Health and wellbeing services in the directory",
            ["health-services", "mental-health-and-wellbeing", "sport-and-leisure"],
            6,
        ),
        related_links(
            "Related pages",
            [
                ("Health services", "/health/health-services/"),
                ("Personal health budgets", "/health/personal-health-budgets/"),
                ("Mental health and wellbeing", "/health/mental-health-and-wellbeing/"),
            ],
        ),
    ],
)

SECTION = {
    "slug": "preparing-for-adulthood",
    "title": "Preparing for adulthood",
    "intro": """Planning for adult life from Year 9: work, independent living, friends and
    community, and good health.""",
    "pages": [OVERVIEW, EMPLOYMENT, INDEPENDENT_LIVING, FRIENDS, GOOD_HEALTH],
}
