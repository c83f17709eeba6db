"""Childcare section: finding childcare, funded hours, holiday childcare."""

from . import contacts
from .blocks import (
    accordion,
    call_to_action,
    details,
    inset_text,
    page,
    related_links,
    rich_text,
    services_in_topic,
    table,
    warning_text,
)

FINDING_CHILDCARE = page(
    slug="finding-childcare",
    title="Finding childcare for a child with SEND",
    summary="""How to find childcare that meets your child's needs, what to ask, and
    help with the cost.""",
    body=[
        rich_text(
            """
            <p>Every child has the right to go to childcare. Childcare providers must not
            turn a child away because of their special educational needs or disability
            (SEND). They must make reasonable changes so your child can join in.</p>
            <p>The council also has a duty to make sure there is enough childcare in
            Northbridge for working parents, including parents of disabled children.</p>
            <h2>Types of childcare</h2>
            <ul>
            <li><strong>nurseries and pre-schools</strong>, for children from birth to
            5</li>
            <li><strong>childminders</strong>, who look after small groups of children
            in their own home</li>
            <li><strong>breakfast and after-school clubs</strong>, for school-age
            children</li>
            <li><strong>holiday clubs and playschemes</strong>. Read about
            <a href="/childcare/holiday-childcare/">holiday childcare</a></li>
            <li><strong>nannies</strong>, who care for children in your home</li>
            </ul>
            <p>Most childcare must be registered with Ofsted, the national inspection
            body. You can read each provider's latest Ofsted report online.</p>
            <h2>Finding a place</h2>
            <p>Search the directory for nurseries, childminders and clubs near you. The
            Family Information Service can also search for you, and contact providers
            on your behalf if you would like.</p>
            """
        ),
        details(
            "Help with questions to ask a childcare provider",
            """<ul>
            <li>Have you cared for children with needs like my child's before?</li>
            <li>Who is your special educational needs coordinator (SENCO)?</li>
            <li>What training do your staff have?</li>
            <li>How will you help my child settle?</li>
            <li>How will you tell me how my child is getting on?</li>
            <li>Can my child's therapist visit or give you advice?</li>
            <li>How do you manage medicines and personal care?</li>
            </ul>""",
        ),
        rich_text(
            """
            <h2>Help with the cost</h2>
            <p>There are several ways to get help with childcare costs:</p>
            <ul>
            <li><a href="/childcare/funded-childcare/">funded hours</a> for children aged
            9 months to 4 years</li>
            <li>Tax-Free Childcare: for every £8 you pay in, the government adds £2. For a
            disabled child, you can get up to £4,000 a year, until they are 16</li>
            <li>help through Universal Credit, which can pay back up to 85% of your
            childcare costs</li>
            <li>if your child has a personal budget, it may pay for extra support in
            childcare, if this meets an outcome in their plan</li>
            </ul>
            """
        ),
        inset_text(
            """<p>If a provider says they cannot meet your child's needs, contact the
            Family Information Service. We can talk to the provider, arrange advice from an
            area SENCO, or help you find another place.</p>"""
        ),
        services_in_topic(
            "Childcare in the directory",
            ["childcare", "nurseries", "after-school-clubs"],
            8,
        ),
        contacts.family_information_service(),
    ],
)

FUNDED_CHILDCARE = page(
    slug="funded-childcare",
    title="Funded childcare and extra help for children with SEND",
    summary="""Free early education hours for 2, 3 and 4-year-olds and younger children
    of working parents, plus the Disability Access Fund and SEN inclusion fund.""",
    body=[
        rich_text(
            """
            <p>The government pays for some hours of early education and childcare. This page also
            explains extra help for children with special educational needs and disabilities
            (SEND). You
            can use them at a nursery, pre-school or childminder that offers funded
            places. Funded hours are usually for 38 weeks a year. Some providers let you
            spread them across the year, using fewer hours each week.</p>
            """
        ),
        table(
            "Funded hours",
            ["Who", "Hours", "How to get it"],
            [
                [
                    "All 3 and 4-year-olds",
                    "15 hours a week",
                    "Ask your provider. No application needed",
                ],
                [
                    "Children aged 9 months to 4 years of eligible working parents",
                    "30 hours a week",
                    """Apply for a code on GOV.UK the term before you want it to start.
                    Reconfirm every 3 months""",
                ],
                [
                    """2-year-olds whose family gets certain benefits, or who have an education,
                    health and care (EHC) plan, get Disability Living Allowance, or are or have
                    been in care""",
                    "15 hours a week",
                    "Apply to the Family Information Service",
                ],
            ],
        ),
        rich_text(
            """
            <h2>Funding for 2-year-olds with SEND</h2>
            <p>Your 2-year-old can get 15 free hours, whatever your income, if they:</p>
            <ul>
            <li>have an EHC plan, or</li>
            <li>get Disability Living Allowance</li>
            </ul>
            <p>Funding starts the term after your child's second birthday.</p>
            <h2>Extra money for your child's setting</h2>
            """
        ),
        accordion(
            "",
            [
                (
                    "Disability Access Fund (DAF)",
                    "A yearly payment to your provider",
                    """<p>If your child gets Disability Living Allowance and uses funded
                    hours, their provider can get a payment once a year. The provider uses
                    it to make the setting more accessible, for example to buy equipment or
                    pay for staff training. Tell your provider that your child gets
                    Disability Living Allowance. They will ask you for proof.</p>""",
                ),
                (
                    "SEN inclusion fund",
                    "Extra support for children with emerging needs",
                    """<p>The SEN inclusion fund is money the council gives providers to
                    support children with special educational needs who use funded hours.
                    Your child does not need a diagnosis or an EHC plan. The provider
                    applies to the council, with your agreement, and explains what extra
                    help the money will pay for. This might be extra staff time,
                    training or resources.</p>""",
                ),
                (
                    "Early years pupil premium",
                    "Extra money for children from low-income families",
                    """<p>Providers get extra money for children whose families get
                    certain benefits. Ask your provider about it.</p>""",
                ),
            ],
        ),
        warning_text(
            """Providers must not charge you for funded hours. They can charge for meals,
            nappies or extra activities, but these must be optional. If you are asked to
            pay a top-up fee for funded hours, contact the Family Information Service."""
        ),
        call_to_action(
            "Check if you can get funded hours",
            "Answer a few questions to see which funded hours and other help you can get.",
            "Check what you can get",
            "https://www.northbridge.example/fis/funded-childcare",
        ),
        contacts.family_information_service(),
        related_links(
            "Related pages",
            [
                ("Early years (birth to 5)", "/education/early-years/"),
                ("Finding childcare", "/childcare/finding-childcare/"),
            ],
        ),
    ],
)

HOLIDAY_CHILDCARE = page(
    slug="holiday-childcare",
    title="Holiday childcare",
    summary="""Holiday clubs and playschemes for school-age children with SEND, and help
    with the cost.""",
    body=[
        rich_text(
            """
            <p>School holidays can be hard for working parents, and for children who find
            changes in routine difficult. Holiday childcare gives your child something fun
            to do and lets you work.</p>
            <h2>Types of holiday childcare</h2>
            <ul>
            <li><strong>holiday clubs</strong> run by schools, leisure centres and
            community groups, open to all children</li>
            <li><strong>specialist playschemes</strong> for children with special
            educational needs and disabilities (SEND), with higher staff numbers and
            trained staff</li>
            <li><strong>childminders</strong>, many of whom look after school-age
            children in the holidays</li>
            </ul>
            <h2>Choosing a holiday club</h2>
            <p>Book early, especially for the summer holiday. Specialist playschemes fill
            up quickly. Visit before the holiday if you can, so your child can meet the
            staff and see the building.</p>
            <p>Give the club a one-page profile of your child. Include what your child
            likes, what upsets them, how they communicate and any care they need.</p>
            """
        ),
        table(
            "Holiday childcare in Northbridge",
            ["Scheme", "Ages", "Cost per day"],
            [
                [
                    "Beech House Playscheme (specialist)",
                    "5 to 18",
                    "£18, or free with a short breaks plan",
                ],
                ["Northbridge Leisure Centre Holiday Camp", "5 to 14", "£28"],
                ["Riverside Summer Club (specialist, summer only)", "5 to 19", "£15"],
                ["Holiday activities and food programme", "5 to 16", "Free if eligible"],
            ],
        ),
        rich_text(
            """
            <h2>Help with the cost</h2>
            <ul>
            <li>Tax-Free Childcare and Universal Credit can help with registered holiday
            clubs</li>
            <li>children who get benefits-related free school meals can go to free
            <a href="/leisure-and-short-breaks/holiday-activities-and-food/">holiday
            activities with food</a></li>
            <li>some specialist playschemes are
            <a href="/social-care/short-breaks/">short breaks</a>, and may be free or
            paid for by a direct payment</li>
            </ul>
            """
        ),
        inset_text(
            """<p>Every mainstream holiday club must make reasonable adjustments for
            disabled children. If your child needs one-to-one support to attend, ask the
            Short Breaks Team about the inclusion support scheme.</p>"""
        ),
        services_in_topic(
            "Holiday clubs in the directory",
            ["holiday-clubs", "short-breaks"],
            8,
        ),
        contacts.family_information_service(),
    ],
)

SECTION = {
    "slug": "childcare",
    "title": "Childcare",
    "intro": """Find childcare that meets your child's needs, check what funded hours
    you can get, and plan for the school holidays.""",
    "pages": [FINDING_CHILDCARE, FUNDED_CHILDCARE, HOLIDAY_CHILDCARE],
}
