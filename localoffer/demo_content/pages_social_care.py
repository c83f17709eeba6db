"""Social care section: assessments, short breaks, carers, moving to adult social care."""

from . import contacts
from .blocks import (
    accordion,
    call_to_action,
    contact_card,
    details,
    inset_text,
    page,
    rich_text,
    services_in_topic,
    table,
    warning_text,
)

ASSESSMENTS = page(
    slug="social-care-assessments",
    title="Social care assessments for disabled children",
    summary="""How to ask children's social care for help, what a child in need
    assessment is, and what the Disabled Children's Team does.""",
    body=[
        rich_text(
            """
            <p>Social care can help disabled children and their families with everyday
            life. For example, help with personal care, short breaks, equipment, or
            support to join in activities.</p>
            <h2>Disabled children are "children in need"</h2>
            <p>The law says every disabled child is a "child in need". This comes from
            section 17 of the Children Act 1989. It does not mean anyone thinks you are
            doing anything wrong. It means the council has a duty to assess your child's
            needs if you ask, and to think about how to help.</p>
            <h2>How to ask for help</h2>
            <p>Contact the Children's Advice and Support Hub. You can call, email or fill
            in the online form. A teacher, doctor or other professional can also contact
            the hub for you, with your agreement.</p>
            <p>A worker will talk to you about what is happening and what help you need.
            Many families get the help they need from early help services, or from
            <a href="/leisure-and-short-breaks/short-breaks-without-an-assessment/">short
            breaks that do not need an assessment</a>. If your child needs more help, a
            social worker will do a full assessment.</p>
            <h2>The assessment</h2>
            <p>A social worker will visit you at home. They will talk with you, with your
            child and with other people who know your family. They will look at:</p>
            <ul>
            <li>your child's needs, and what matters to them</li>
            <li>what you and your family need to care for your child well</li>
            <li>what is working and what is not</li>
            <li>brothers and sisters, and anyone else at home</li>
            </ul>
            <p>The assessment should be finished within 45 working days. Many are
            quicker. You will get a copy.</p>
            """
        ),
        table(
            "Possible outcomes of an assessment",
            ["Outcome", "What it means"],
            [
                [
                    "Advice and information",
                    "You are told about services that can help, such as clubs and groups",
                ],
                [
                    "Early help",
                    "A family support worker helps you for a short time",
                ],
                [
                    "Child in need plan",
                    """A social worker from the Disabled Children's Team agrees a plan with
                    you. It may include short breaks, a direct payment or equipment""",
                ],
            ],
        ),
        rich_text(
            """
            <h2>The Disabled Children's Team</h2>
            <p>The Disabled Children's Team works with children and young people aged 0
            to 18 who have a disability that has a substantial and long-term effect on
            their daily life. For example, a severe learning disability, a physical
            disability, complex health needs, or autism with significant extra needs.</p>
            <p>Social workers in the team plan support with you, review it at least every
            6 months, and work with schools and health services. They can also contribute
            social care advice to an education, health and care (EHC) needs
            assessment.</p>
            <h2>Help with equipment and adaptations</h2>
            <p>Occupational therapists from the council can assess your child for
            equipment, such as bath seats or hoists, and for changes to your home. Large
            changes, such as a ground-floor bedroom or a wet room, may be paid for by a
            Disabled Facilities Grant. For children, this grant is not means-tested.</p>
            """
        ),
        details(
            "Help with direct payments for social care",
            """<p>If your child is eligible for social care support, you can ask for it
            as a <a href="/personal-budgets/direct-payments/">direct payment</a>. This
            means the council pays you the money so that you can arrange the support
            yourself. For example, by employing a personal assistant.</p>""",
        ),
        warning_text(
            """If you are worried that a child is being harmed or is at risk of harm,
            call the Children's Advice and Support Hub on 01632 960 300. If a child is in
            danger now, call 999."""
        ),
        contacts.children_hub(),
        contacts.disabled_childrens_team(),
    ],
)

SHORT_BREAKS = page(
    slug="short-breaks",
    title="Short breaks and our short breaks statement",
    summary="""Short breaks give disabled children time to have fun and give parents and
    carers a break. Read what is available and who can get it.""",
    body=[
        rich_text(
            """
            <p>A short break is time away from the family for a disabled child or young
            person. It gives the child new experiences and friendships. It gives you, as
            a parent or carer, time to rest, spend time with your other children, or do
            everyday things.</p>
            <p>A short break can last a few hours, a day, an evening, a weekend or longer.
            It can happen in your home, in the community, or in a specialist setting.</p>
            <h2>Our short breaks statement</h2>
            <p>The law says every council must publish a short breaks services statement.
            It must say what short breaks are available, who can use them, and how to get
            them. This page is a summary of Northbridge's statement for 2025 to 2026. You
            can <a href="/information-advice-and-support/other-formats/">ask for the full
            statement in another format</a>.</p>
            <p>We review the statement every year with the
            <a href="/information-advice-and-support/parent-carer-forum/">Northbridge
            Parent Carer Forum</a> and with young people.</p>
            <h2>Three levels of short breaks</h2>
            """
        ),
        table(
            "Short breaks in Northbridge",
            ["Level", "Examples", "How to get them"],
            [
                [
                    "Universal",
                    "Clubs, leisure centres, libraries, youth groups open to all children",
                    "No referral. Providers must make reasonable adjustments",
                ],
                [
                    "Targeted",
                    """Specialist holiday schemes, after-school clubs, youth clubs and
                    family activity days for disabled children""",
                    """No social care assessment. Check eligibility and book
                    directly""",
                ],
                [
                    "Specialist",
                    """Overnight breaks, support at home, personal assistants, a direct
                    payment, and residential short breaks""",
                    "After a social care assessment by the Disabled Children's Team",
                ],
            ],
        ),
        rich_text(
            """
            <h2>Who can use targeted short breaks</h2>
            <p>Targeted short breaks are for children and young people aged 0 to 18 who
            live in Northbridge and have a disability or special educational needs. You
            will usually need to show one of these:</p>
            <ul>
            <li>an education, health and care (EHC) plan</li>
            <li>Disability Living Allowance or Personal Independence Payment</li>
            <li>a letter from a health professional about your child's diagnosis or
            needs</li>
            </ul>
            <p>Read more about
            <a href="/leisure-and-short-breaks/short-breaks-without-an-assessment/">short
            breaks you can get without an assessment</a>.</p>
            <h2>Specialist short breaks</h2>
            <p>Specialist short breaks are for children with the most complex needs. A
            social worker will assess your family and agree a plan. Overnight breaks are
            available at Beech House, the council's short breaks home, and with approved
            short break foster carers.</p>
            """
        ),
        inset_text(
            """<p>In 2025 to 2026, the council is spending £2.4 million on short breaks.
            About 1,150 children and young people used a targeted short break last
            year.</p>"""
        ),
        services_in_topic(
            "Short breaks in the directory",
            ["short-breaks", "holiday-clubs", "after-school-clubs"],
            8,
        ),
        contacts.short_breaks_team(),
    ],
)

CARERS = page(
    slug="carers-assessments",
    title="Support for parent carers and young carers",
    summary="""How parents, carers and young carers can ask for an assessment of their
    own needs, and the help that is available.""",
    body=[
        rich_text(
            """
            <p>Caring for a disabled child or young person can be rewarding. It can also
            be tiring, lonely and hard to fit around work and family life. You have a
            right to ask for help for yourself, not just for the person you care
            for.</p>
            """
        ),
        accordion(
            "Types of carer's assessment",
            [
                (
                    "Parent carer needs assessment",
                    "For parents and carers of a disabled child under 18",
                    """<p>This assessment looks at your needs as a carer. It asks whether
                    you are able to keep caring, and whether you want to work, study or
                    have time for yourself. The council must carry it out if you ask, or
                    if it seems you may need support. It can be done at the same time as
                    your child's assessment.</p>""",
                ),
                (
                    "Young carer's needs assessment",
                    "For children under 18 who care for someone",
                    """<p>A young carer is a child or young person who helps to look after
                    a family member who is ill, disabled, or has a mental health or drug or
                    alcohol problem. Many brothers and sisters of disabled children are
                    young carers. The council must assess a young carer if they or their
                    parent ask, or if it seems they may need support. The assessment looks
                    at whether the caring is right for their age, and how it affects their
                    schooling and wellbeing.</p>""",
                ),
                (
                    "Carer's assessment for carers of adults",
                    "For people caring for someone aged 18 or over",
                    """<p>When the person you care for turns 18, you can have a carer's
                    assessment from adult social care. This is under the Care Act 2014.
                    You can ask for one before they turn 18, to plan ahead.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>What help you might get</h2>
            <ul>
            <li>information, advice and emotional support</li>
            <li>short breaks for the person you care for, so you can have a rest</li>
            <li>a one-off carer's grant, for example towards a course, a gym membership
            or a break</li>
            <li>help to plan for emergencies, with a carer's emergency card</li>
            <li>for young carers, clubs and trips with other young carers, and help at
            school</li>
            </ul>
            <h2>Money for carers</h2>
            <p>You may be able to get Carer's Allowance if you care for someone for at
            least 35 hours a week and they get certain disability benefits. There is a
            limit on how much you can earn. SENDIASS, our free and impartial advice service, or a
            benefits adviser can help you check.</p>
            """
        ),
        details(
            "Help for young carers at school",
            """<p>Young carers can tell their school about caring. Schools can give extra
            time for homework, a quiet place at lunch, or someone to talk to. The
            Northbridge Young Carers Service can help a young carer talk to their school
            if they want.</p>""",
        ),
        services_in_topic(
            "Support for parents and carers in the directory",
            ["parent-support", "advice-and-advocacy", "short-breaks"],
            6,
        ),
        contacts.children_hub(),
        contact_card(
            name="Northbridge Young Carers Service",
            description="""Support, activities and a safe place to talk for young carers
            aged 5 to 18. Young people can contact us themselves.""",
            phone="01632 960 340",
            email="youngcarers@northbridge.example",
            address="Northbridge Youth Hub, 3 Bridge Street, Northbridge NB1 2DX",
            opening_hours="Monday to Friday, 10am to 6pm.",
        ),
    ],
)

ADULT_SOCIAL_CARE = page(
    slug="moving-to-adult-social-care",
    title="Moving to adult social care",
    summary="""How the move from children's to adult social care works, when to start
    planning and what changes at 18.""",
    body=[
        rich_text(
            """
            <p>Children's social care stops at 18. If a young person is likely to need
            care and support as an adult, they should have an assessment from adult social
            care before their 18th birthday. This is called a transition assessment. It
            helps the move to adult services go smoothly.</p>
            <h2>When to start</h2>
            <p>The council should start planning from around age 14, as part of the
            young person's preparing for adulthood reviews. A transition assessment should
            happen when it will be of "significant benefit". For most young people, that
            is between 16 and 17 and a half.</p>
            <p>The Preparing for Adulthood Team links children's and adult services. If
            your young person has a social worker, they will refer them. If not, you or
            the young person can ask.</p>
            """
        ),
        table(
            "What happens at each age",
            ["Age", "What happens"],
            [
                [
                    "14",
                    """Preparing for adulthood is discussed at reviews. The Preparing for
                    Adulthood Team may be invited""",
                ],
                [
                    "16",
                    """The young person can make decisions for themselves under the Mental
                    Capacity Act 2005, unless they lack capacity for that decision.
                    Disability Living Allowance changes to Personal Independence
                    Payment""",
                ],
                [
                    "16 to 17",
                    "Transition assessment. Carers can ask for their own assessment too",
                ],
                [
                    "17 and a half",
                    "Adult social care confirms what support will be in place at 18",
                ],
                [
                    "18",
                    """Adult social care takes over. Children's services stay involved until
                    the new support is working""",
                ],
            ],
        ),
        rich_text(
            """
            <h2>What is different in adult social care</h2>
            <ul>
            <li><strong>Eligibility</strong>: adult social care uses national rules from
            the Care Act 2014. The assessment looks at whether the young person's needs
            mean they cannot do two or more everyday things, such as looking after
            themselves or keeping safe, and whether this has a big effect on their
            wellbeing.</li>
            <li><strong>Paying for care</strong>: adult care is not always free. The young
            person will have a financial assessment. This looks at their own income and
            savings, not their parents'.</li>
            <li><strong>Who decides</strong>: the young person makes decisions about their
            care, with support if they need it. If they cannot make a decision, it must be
            made in their best interests.</li>
            <li><strong>Personal budgets</strong>: adults who are eligible get a personal
            budget. They can take it as a direct payment.</li>
            </ul>
            <h2>EHC plans and adult care</h2>
            <p>An education, health and care (EHC) plan can carry on until 25 while the
            young person is in education. Adult social care provision is written into the
            EHC plan, in the same way as children's social care.</p>
            """
        ),
        details(
            "Help with making decisions after 16",
            """<p>Some young people cannot make some decisions for themselves, even with
            support. Parents do not automatically have the right to decide for an adult
            child. For money matters, you may need to become an appointee for benefits, or
            apply to the Court of Protection to be a deputy. Talk to the Preparing for Adulthood
            Team, or to SENDIASS (our free and impartial advice service), before your young person
            turns 18.</p>""",
        ),
        call_to_action(
            "Plan the move to adult life",
            "Read about work, housing, friendships and health after school.",
            "Preparing for adulthood",
            "/preparing-for-adulthood/planning-from-year-9/",
        ),
        contacts.preparing_for_adulthood_team(),
        contacts.adult_social_care(),
    ],
)

SECTION = {
    "slug": "social-care",
    "title": "Social care",
    "intro": """Help from children's social care, short breaks, support for parent carers
    and young carers, and moving to adult social care.""",
    "pages": [ASSESSMENTS, SHORT_BREAKS, CARERS, ADULT_SOCIAL_CARE],
}
