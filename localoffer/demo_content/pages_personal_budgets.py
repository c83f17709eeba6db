"""Personal budgets: what they are, ways to hold them, direct payments, what they can pay
for, funding streams, how the amount is worked out, sharing costs."""

from . import contacts
from .blocks import (
    accordion,
    details,
    inset_text,
    page,
    related_links,
    rich_text,
    services_in_topic,
    table,
    warning_text,
)

WHAT_IS = page(
    slug="what-is-a-personal-budget",
    title="What a personal budget is",
    summary="""A personal budget is an amount of money to pay for some of the support in
    an EHC plan, so you have more say in how it is provided.""",
    body=[
        rich_text(
            """
            <p>A personal budget is an amount of money the council, and sometimes the NHS,
            sets aside to pay for some of the support your child or young person needs.
            You know how much money there is, and you have a say in how it is used.</p>
            <p>It is not extra money on top of your child's support. It is a different way
            of arranging some of that support, so it fits your child and your family
            better.</p>
            <h2>Who can ask for one</h2>
            <p>You can ask for a personal budget if your child or young person has an
            education, health and care (EHC) plan, or the council has agreed to write one.
            You can ask:</p>
            <ul>
            <li>when the council has decided to write an EHC plan, before the plan is
            final</li>
            <li>at an annual review, or any other review of the plan</li>
            </ul>
            <p>Parents can ask for a child under 16. Young people aged 16 to 25 can ask for
            themselves.</p>
            <p>Families can also get a personal budget from social care or the NHS without
            an EHC plan, if the child is eligible for those services. Read about
            <a href="/social-care/social-care-assessments/">social care assessments</a>
            and <a href="/health/personal-health-budgets/">personal health
            budgets</a>.</p>
            <h2>Personal budget or direct payment?</h2>
            <p>People often mix these up:</p>
            <ul>
            <li>a <strong>personal budget</strong> is the amount of money. You know how
            much is in the pot</li>
            <li>a <strong>direct payment</strong> is one way to hold that money. The money
            is paid to you and you buy the support yourself</li>
            </ul>
            <p>You can have a personal budget without taking a direct payment. Read about
            <a href="/personal-budgets/ways-to-hold-a-personal-budget/">the four ways to
            hold a personal budget</a>.</p>
            <h2>How it fits into the EHC plan</h2>
            <p>The plan sets out the outcomes your child is working towards. A personal
            budget can only be spent on support that helps meet those outcomes. Section J
            of the plan says what the budget pays for, how much it is, and how it is
            held.</p>
            """
        ),
        accordion(
            "The steps to getting a personal budget",
            [
                (
                    "1. Tell us you are interested",
                    "As early as you can",
                    """<p>Tell your case officer during the EHC needs assessment or before
                    a review. We will explain how personal budgets work, and send you this
                    information in a format that suits you.</p>""",
                ),
                (
                    "2. We work out an indicative budget",
                    "A guide to how much money there might be",
                    """<p>After the assessment, we use a questionnaire to work out a
                    starting amount. Read
                    <a href="/personal-budgets/how-your-budget-is-worked-out/">how your
                    budget is worked out</a>.</p>""",
                ),
                (
                    "3. You plan how to use it",
                    "At a planning meeting",
                    """<p>At the EHC planning meeting, we agree the outcomes and the
                    indicative budget with you. Then you meet your case officer to plan
                    exactly what support the budget will buy.</p>""",
                ),
                (
                    "4. The amount is agreed",
                    "By the SEND panel",
                    """<p>A panel with people from education, health and social care
                    agrees the final amount. It is written in section J of the plan.</p>""",
                ),
                (
                    "5. The support starts",
                    "And is checked at each review",
                    """<p>If you chose a direct payment, we set it up with you. The budget
                    is checked at every review of the plan.</p>""",
                ),
            ],
        ),
        inset_text(
            """<p>Having a personal budget is your choice. If you do not want one, your
            child will still get all the support in their plan.</p>"""
        ),
        contacts.send_team(),
    ],
)

WAYS_TO_HOLD = page(
    slug="ways-to-hold-a-personal-budget",
    title="The four ways to hold a personal budget",
    summary="""You can take a personal budget as a direct payment, let the council or
    school arrange it, use a third party, or mix these.""",
    body=[
        rich_text(
            """
            <p>There are four ways to hold a personal budget. You can choose the one that
            suits you. You can change your mind later, and you can mix them.</p>
            """
        ),
        accordion(
            "Ways to hold a personal budget",
            [
                (
                    "Direct payment",
                    "The money is paid to you",
                    """<p>The council pays the money into a bank account that you use only
                    for the budget. You choose and pay for the support, and keep records of
                    what you spend.</p>
                    <p><strong>Good for:</strong> families who want the most choice and
                    control, for example to employ their own personal assistant.</p>
                    <p><strong>Think about:</strong> the time it takes to manage, and your
                    responsibilities if you employ someone. Read more about
                    <a href="/personal-budgets/direct-payments/">direct
                    payments</a>.</p>""",
                ),
                (
                    "Notional budget, also called a council-managed arrangement",
                    "The council or school holds the money and arranges the support",
                    """<p>The council, or your child's school or college, keeps the money.
                    They buy the support you have agreed together. You know how much the
                    budget is and have a say in how it is spent, but you do not handle the
                    money. You can book some services through the directory and pay from the
                    budget.</p>
                    <p><strong>Good for:</strong> families who want a say without the
                    paperwork.</p>
                    <p><strong>Think about:</strong> you may have less choice over who
                    provides the support.</p>""",
                ),
                (
                    "Third-party arrangement",
                    "An organisation holds the money for you",
                    """<p>A broker, a care provider or a support organisation holds the
                    money and pays for the support. They can also handle payroll if you
                    employ a personal assistant. The council pays them, not you.</p>
                    <p><strong>Good for:</strong> families who want a lot of choice but
                    not the day-to-day money management.</p>
                    <p><strong>Think about:</strong> some organisations charge a fee. This
                    comes out of the budget, so ask about it first.</p>""",
                ),
                (
                    "A combination",
                    "Mix the options",
                    """<p>You can use different ways for different parts of the budget. For
                    example, the school could arrange speech and language therapy, while
                    you take a direct payment to pay a personal assistant to help your child
                    go to a youth club.</p>
                    <p><strong>Good for:</strong> most families. You can take control of
                    the parts that matter most to you.</p>""",
                ),
            ],
        ),
        table(
            "The four ways compared",
            ["", "Who holds the money", "Who arranges support", "Paperwork for you"],
            [
                ["Direct payment", "You", "You", "Receipts, bank statements, quarterly return"],
                ["Notional budget", "Council, school or college", "They do, with you", "None"],
                [
                    "Third-party arrangement",
                    "An organisation",
                    "The organisation, with you",
                    "Very little",
                ],
                [
                    "Combination",
                    "Depends on each part",
                    "Depends on each part",
                    "Depends on each part",
                ],
            ],
        ),
        details(
            "Help with choosing",
            """<p>Ask yourself:</p>
            <ul>
            <li>How much control do I want over who supports my child?</li>
            <li>How much time do I have for paperwork?</li>
            <li>Do I want to be an employer?</li>
            <li>Is there someone I trust who could help me manage the money?</li>
            </ul>
            <p>SENDIASS, our free and impartial advice service, and the parent carer forum can put
            you in touch with families who
            already have a personal budget.</p>""",
        ),
        contacts.direct_payments_team(),
        related_links(
            "Related pages",
            [
                ("Direct payments", "/personal-budgets/direct-payments/"),
                (
                    "What a personal budget can pay for",
                    "/personal-budgets/what-a-personal-budget-can-pay-for/",
                ),
            ],
        ),
    ],
)

DIRECT_PAYMENTS = page(
    slug="direct-payments",
    title="Direct payments",
    summary="""How direct payments work: payments every 4 weeks, keeping records,
    saving money for later, reviews and employing a personal assistant.""",
    body=[
        rich_text(
            """
            <p>A direct payment is money the council pays to you, so that you can buy the
            support agreed in your child's education, health and care (EHC) plan or social
            care plan. It gives you choice and control over who supports your child, and
            when.</p>
            <p>Direct payments from education, social care and health can all be paid into
            the same account.</p>
            <h2>Before it starts</h2>
            <p>You will sign a direct payment agreement. It explains what the money is for,
            how much you will get and what records you must keep. The council must be sure
            that you can manage the direct payment, with help if you need it. If you cannot
            manage it yourself, someone you trust can do it for you.</p>
            <h2>How you are paid</h2>
            <ul>
            <li>you open a separate bank account, only for the direct payment</li>
            <li>we pay the money into it every 4 weeks, in advance</li>
            <li>some one-off costs, such as equipment, are paid as a single payment</li>
            </ul>
            <h2>Keeping records</h2>
            <ul>
            <li>keep receipts or invoices for anything you buy that costs more than
            £5</li>
            <li>fill in a short return every 3 months (quarterly). It lists what you spent
            and which outcome it was for</li>
            <li>send your bank statements with the return. We check them</li>
            </ul>
            <p>If you book and pay for services through our directory, your invoices and
            receipts are saved in your account for you.</p>
            """
        ),
        accordion(
            "Questions families often ask",
            [
                (
                    "Can I save money for later?",
                    "Yes, if it is for something in the plan",
                    """<p>Your child's needs may change from week to week, and some
                    activities only happen at certain times. You can spend less in some
                    weeks and "bank" the money for later. For example, to save up for a
                    short break in the summer holidays. Tell us what you are saving for, so
                    we know the money is planned.</p>""",
                ),
                (
                    "What happens to money I do not spend?",
                    "We may ask for it back",
                    """<p>If money builds up and is not planned for anything, we will talk
                    to you. We may ask for it back, or lower future payments. We will also
                    ask for money back if it was not spent on what was agreed. If we think
                    money has been used dishonestly, we will investigate.</p>""",
                ),
                (
                    "When is it reviewed?",
                    "Within 3 months, then at least every year",
                    """<p>We review how the direct payment is working within the first 3
                    months. We check that you are happy to carry on, whether you need any
                    help, and that the money is being spent on what was agreed. After that,
                    it is reviewed at least once a year, usually with the EHC plan.</p>""",
                ),
                (
                    "Can I stop?",
                    "Yes, at any time",
                    """<p>You can stop having a direct payment at any time. The council
                    will then arrange the support instead.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>Employing a personal assistant</h2>
            <p>Many families use a direct payment to employ a personal assistant (PA). A PA
            supports your child in the way that suits them. For example, at home, at clubs
            or on days out. If you employ a PA, you become an employer. This means you
            must:</p>
            <ul>
            <li>give them a written contract</li>
            <li>pay at least the National Minimum Wage, and holiday pay</li>
            <li>run a payroll and deal with tax and National Insurance</li>
            <li>have employer's liability insurance</li>
            <li>get a Disclosure and Barring Service (DBS) check</li>
            <li>enrol them in a workplace pension if they qualify</li>
            </ul>
            <p>This sounds like a lot, but you do not have to do it alone. The Direct
            Payments Team can give you help with recruiting, contracts and payroll. Our
            directory lists local PAs and agencies.</p>
            """
        ),
        warning_text(
            """As a rule, you cannot use a direct payment to pay a family member who lives
            in the same home as your child. We only agree to this in exceptional
            circumstances."""
        ),
        services_in_topic(
            "Personal assistants and support in the directory",
            ["personal-assistants", "advice-and-advocacy"],
            6,
        ),
        contacts.direct_payments_team(),
    ],
)

WHAT_IT_CAN_PAY_FOR = page(
    slug="what-a-personal-budget-can-pay-for",
    title="What a personal budget can and cannot pay for",
    summary="""A personal budget can pay for support that meets outcomes in the EHC plan.
    There are some things it cannot be used for.""",
    body=[
        rich_text(
            """
            <p>The most important rule is simple. A personal budget must be spent on
            support that helps your child meet the outcomes agreed in their education,
            health and care (EHC) plan.</p>
            <p>Within that rule, you can be creative. Think about what would make a real
            difference to your child and your family.</p>
            <h2>Examples of what it can pay for</h2>
            <ul>
            <li>a personal assistant to help your child join a club or go out with
            friends</li>
            <li>short breaks</li>
            <li>sport, arts or cultural activities</li>
            <li>equipment to help with communication or learning, such as a tablet and a
            communication app</li>
            <li>extra specialist input, such as a music therapist</li>
            <li>work experience or learning in the workplace</li>
            <li>travel to school or to activities</li>
            <li>someone to go with you on a day out, so you have time for your other
            children</li>
            </ul>
            """
        ),
        table(
            "Things a personal budget cannot pay for",
            ["You cannot use it for", "Why"],
            [
                ["Services from your GP", "These are free from the NHS"],
                ["Prescriptions and medicines", "These come through the NHS"],
                ["Vaccinations and immunisations", "These come through the NHS"],
                ["NHS health checks and screening", "These come through the NHS"],
                ["Dental charges", "These are not part of a personal budget"],
                [
                    "A place at a school or college",
                    "School places are decided through the EHC plan",
                ],
                [
                    "Anything that does not meet an outcome in the plan",
                    "The budget is only for the outcomes agreed",
                ],
                ["Alcohol, tobacco, gambling or debt", "These are never allowed"],
            ],
        ),
        rich_text(
            """
            <h2>Rules about particular things</h2>
            <h3>Family members</h3>
            <p>As a rule, you cannot pay a family member who lives with your child. In
            exceptional cases we may agree. For example, if no one else can meet your
            child's needs.</p>
            <h3>Support in school or college</h3>
            <p>If the support will happen in your child's school or college, the head
            teacher or principal must agree first. This is because it affects how the
            school runs and the other pupils. The school does not have to give money from
            its own budget, but some schools choose to.</p>
            <h3>Value for money and other children</h3>
            <p>The council can say no to a direct payment for special educational support
            if it would cost more than arranging the support another way, or if it would
            affect support for other children with EHC plans.</p>
            """
        ),
        inset_text(
            """<p>If the council says no to a direct payment, it must tell you why in
            writing. You can ask it to look at the decision again.</p>"""
        ),
        details(
            "Help with an example",
            """<p>Maya is 9 and autistic. One outcome in her plan is to join in a group
            activity with other children each week without becoming upset. Her family use a direct
            payment to pay a personal assistant (PA) who goes with her to a drama
            club. After 6 months, Maya goes to the club with a friend, and the PA helps her
            at a second club instead.</p>""",
        ),
        related_links(
            "Related pages",
            [
                ("Direct payments", "/personal-budgets/direct-payments/"),
                (
                    "Sharing costs with other families",
                    "/personal-budgets/sharing-costs-with-other-families/",
                ),
                ("What an EHC plan is", "/ehc-needs-assessments-and-plans/what-is-an-ehc-plan/"),
            ],
        ),
    ],
)

FUNDING_STREAMS = page(
    slug="funding-streams",
    title="Where the money comes from: funding streams and pooling",
    summary="""A personal budget can include money from education, social care and
    health, and these can be brought together into one budget.""",
    body=[
        rich_text(
            """
            <p>Money for a personal budget can come from three places. These are called
            funding streams. Each one has its own rules about who can have it and what it
            can pay for.</p>
            """
        ),
        table(
            "Funding streams for personal budgets",
            ["Funding stream", "Where it comes from", "Examples of what it can pay for"],
            [
                [
                    "Education",
                    """The council's high needs budget, for children and young people with
                    education, health and care (EHC) plans""",
                    """Extra learning support, specialist teaching, equipment for learning,
                    travel to school""",
                ],
                [
                    "Social care",
                    "The council's budget for disabled children and adults",
                    "Short breaks, personal assistants, support at home",
                ],
                [
                    "Health",
                    "The NHS, as a personal health budget",
                    "Care for complex health needs, therapy, equipment",
                ],
            ],
        ),
        rich_text(
            """
            <h2>Education funding</h2>
            <p>Every school gets money to support pupils with special educational needs.
            When a child needs more help than that money can buy, the council pays the
            school extra from its high needs budget. A personal budget for education comes
            from this extra money. It can also come from a school or college's own budget
            if the head teacher or principal agrees.</p>
            <p>A personal budget for education is not the total cost of your child's
            education. It does not include the cost of the school place.</p>
            <h2>Social care funding</h2>
            <p>If your child is eligible for social care support after an
            <a href="/social-care/social-care-assessments/">assessment</a>, the support can
            be given as a personal budget. Most families with a social care personal budget
            use it for short breaks.</p>
            <h2>Health funding</h2>
            <p>Some children and young people have a right to a
            <a href="/health/personal-health-budgets/">personal health budget</a>. For
            example, those who get children's continuing care.</p>
            <h2>Pooling: one budget instead of three</h2>
            <p>If your child gets support from more than one service, the money can be
            brought together. This is called pooling. You get one personal budget, one
            plan for how to spend it, and one set of records. If you take direct payments,
            all of them can go into the same bank account.</p>
            <p>Each service still decides its own part of the budget. This happens
            together at the EHC planning meeting and the SEND panel, so that nothing is
            paid for twice and nothing is missed.</p>
            """
        ),
        inset_text(
            """<p>Pooling keeps the paperwork simpler for you. On your quarterly return,
            you show which outcome each payment was for. We work out which funding stream
            it came from.</p>"""
        ),
        contacts.send_team(),
        related_links(
            "Related pages",
            [
                (
                    "How your budget is worked out",
                    "/personal-budgets/how-your-budget-is-worked-out/",
                ),
                ("Personal health budgets", "/health/personal-health-budgets/"),
            ],
        ),
    ],
)

HOW_WORKED_OUT = page(
    slug="how-your-budget-is-worked-out",
    title="How your personal budget is worked out",
    summary="""We use a questionnaire called a Resource Allocation System to work out an
    indicative budget. It is a guide, not the final decision.""",
    body=[
        rich_text(
            """
            <p>To make sure budgets are fair, we use the same method for every family. It
            is called a Resource Allocation System (RAS). It gives a starting amount,
            called an indicative budget.</p>
            <p>The indicative budget guides the people planning your child's support. It
            does not decide the final amount on its own.</p>
            <h2>The questionnaire</h2>
            <p>After your child's assessment, your case officer fills in a questionnaire
            with you. It uses the reports from the assessment. The questionnaire has 8
            areas, called domains. Each domain has between 1 and 5 questions.</p>
            <p>For each question, you choose the statement that best describes your child.
            Each statement has a score. For example, under "getting about", the statements
            go from "needs no extra help" to "needs two adults to help at all times".</p>
            """
        ),
        table(
            "The 8 domains in the Northbridge questionnaire",
            ["Domain", "What it asks about"],
            [
                ["Communication", "Understanding others and being understood"],
                ["Learning", "How your child learns and the help they need in education"],
                ["Personal care", "Washing, dressing, eating and toileting"],
                ["Health", "Health needs and care needed day and night"],
                ["Emotional wellbeing and behaviour", "Feelings, anxiety and behaviour"],
                ["Safety", "Awareness of danger and supervision needed"],
                ["Getting about and joining in", "Travel, activities and friendships"],
                ["Family and carers", "How caring affects the family, and other support"],
            ],
        ),
        rich_text(
            """
            <h2>From a score to a budget</h2>
            <ol>
            <li>The scores for all the answers are added up. This is the raw score.</li>
            <li>The raw score is adjusted for your child's age. This is because all young
            children need a lot of help with some things.</li>
            <li>The adjusted score falls into a band in our funding table. Each band has a
            range of money.</li>
            <li>This gives the indicative budget.</li>
            </ol>
            """
        ),
        table(
            "Funding bands (example for 2025 to 2026)",
            ["Band", "Adjusted score", "Indicative budget each year"],
            [
                ["A", "0 to 20", "Up to £1,500"],
                ["B", "21 to 40", "£1,500 to £3,500"],
                ["C", "41 to 60", "£3,500 to £6,500"],
                ["D", "61 to 80", "£6,500 to £10,000"],
                ["E", "81 and over", "Set by the panel for each child"],
            ],
        ),
        rich_text(
            """
            <h2>What happens next</h2>
            <p>At the education, health and care (EHC) planning meeting, we talk with you about the
            indicative budget
            and the outcomes for your child. You then plan how to use it. The budget can go
            up or down, depending on the real cost of the support your child needs.</p>
            <p>The SEND panel, with people from education, health and social care, makes
            the final decision. We will tell you the amount in writing, and it will be in
            section J of the plan.</p>
            <p>No questionnaire suits every child. For example, it may not fully show the
            needs of some autistic children or children with mental health needs. If you
            think the score does not reflect your child, tell us. The panel can look at
            your child's needs in the round.</p>
            """
        ),
        warning_text(
            """If you disagree with the amount, talk to your case officer first. You can
            ask for the decision to be looked at again, and you can use the council's
            complaints process. You cannot appeal the amount of a personal budget to the
            SEND Tribunal, but you can appeal the support written in section F of the
            plan."""
        ),
        contacts.send_team(),
    ],
)

SHARING_COSTS = page(
    slug="sharing-costs-with-other-families",
    title="Sharing costs with other families",
    summary="""Families can join together and share the cost of an activity or support
    for two or more children.""",
    body=[
        rich_text(
            """
            <p>Some support costs less per child when it is shared. Families with personal
            budgets can join together and share the cost of an activity for two or more
            children. It can also help children make friends.</p>
            <h2>Examples</h2>
            <ul>
            <li>three families book a swimming teacher for a small group lesson</li>
            <li>two families share a personal assistant who takes their children to a
            youth club together</li>
            <li>a group of families hire a minibus for a day trip</li>
            <li>several families pay for a drama workshop for their children in the
            holidays</li>
            </ul>
            """
        ),
        table(
            "Example: sharing a swimming teacher",
            ["", "Booked alone", "Shared by 3 families"],
            [
                ["Cost of a 1-hour lesson", "£36.00", "£36.00"],
                ["Each family pays", "£36.00", "£12.00"],
                ["Lessons from £144 in a budget", "4", "12"],
            ],
        ),
        rich_text(
            """
            <h2>How to do it</h2>
            <ol>
            <li>Check that the shared activity meets an outcome in each child's education,
            health and care (EHC) plan.</li>
            <li>Agree with the other families how the cost will be split, and put it in
            writing.</li>
            <li>Ask the provider to send each family its own invoice for its share.</li>
            <li>Each family pays from its own budget and keeps its own receipts.</li>
            </ol>
            <p>If a child stops coming, the others may have to pay more. Agree what will
            happen before you start.</p>
            """
        ),
        inset_text(
            """<p>Our directory shows the cost of each service per hour, session, day or
            place. This makes it easier to work out each family's share. Some providers
            also offer group sessions at a lower price per child.</p>"""
        ),
        details(
            "Help with finding other families",
            """<p>The <a href="/information-advice-and-support/parent-carer-forum/">parent
            carer forum</a> and local support groups are good places to meet families who
            might want to share. Your child's school may also know families with similar
            interests. Never share information about another family without their
            agreement.</p>""",
        ),
        services_in_topic(
            "Group activities in the directory",
            ["sport-and-leisure", "arts-and-music", "short-breaks"],
            6,
        ),
        contacts.direct_payments_team(),
    ],
)

SECTION = {
    "slug": "personal-budgets",
    "title": "Personal budgets",
    "intro": """What a personal budget is, the ways to hold one, direct payments, what the
    money can pay for and how the amount is worked out.""",
    "pages": [
        WHAT_IS,
        WAYS_TO_HOLD,
        DIRECT_PAYMENTS,
        WHAT_IT_CAN_PAY_FOR,
        FUNDING_STREAMS,
        HOW_WORKED_OUT,
        SHARING_COSTS,
    ],
}
