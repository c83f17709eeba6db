"""The home page and the footer pages: accessibility statement, privacy, contact,
cookies."""

from . import contacts
from .blocks import (
    call_to_action,
    clean,
    contact_card,
    details,
    inset_text,
    page,
    related_links,
    rich_text,
    table,
    warning_text,
)

HOME = {
    "title": "Northbridge SEND Local Offer",
    "intro": clean(
        """
        <p>Welcome to the Northbridge SEND Local Offer. SEND means special educational
        needs and disabilities.</p>
        <p>This website is for children and young people aged 0 to 25 with SEND, and for
        their parents and carers. It explains the education, health and social care
        support in Northbridge, who it is for and how to get it. You can also search for
        local services and activities.</p>
        """
    ),
    "body": [
        rich_text(
            """
            <h2>Start here</h2>
            <ul>
            <li>Worried about your child's development or learning? Read about
            <a href="/education/early-years/">the early years</a> or
            <a href="/education/sen-support-in-mainstream-schools/">SEN support in
            schools</a>.</li>
            <li>Thinking about an education, health and care plan? Read
            <a href="/ehc-needs-assessments-and-plans/what-is-an-ehc-plan/">what an EHC
            plan is</a>.</li>
            <li>Want more say in your child's support? Read about
            <a href="/personal-budgets/what-is-a-personal-budget/">personal
            budgets</a>.</li>
            <li>Need someone to talk to? Contact
            <a href="/information-advice-and-support/sendiass/">SENDIASS</a> for free,
            impartial advice.</li>
            </ul>
            <p>We wrote this website with the Northbridge Parent Carer Forum and young
            people. You can also <a href="/information-advice-and-support/other-formats/">
            get this information by phone, in print or in other formats</a>.</p>
            """
        ),
        inset_text(
            """<p>Tell us what you think of the Local Offer. What is missing, what is
            wrong and what works well? You can leave feedback at the bottom of every page.
            We publish what you said and what we did about it on our
            <a href="/you-said-we-did/">You said, we did</a> page.</p>"""
        ),
        call_to_action(
            "Find services and activities",
            """Search the directory by need, age, cost and distance from your home.
            See prices, pictures and how to book.""",
            "Search the directory",
            "/services/",
        ),
    ],
}

ACCESSIBILITY_STATEMENT = page(
    slug="accessibility-statement",
    title="Accessibility statement for the Northbridge SEND Local Offer",
    summary="""How accessible this website is, known problems, how to report a problem and
    how we tested it.""",
    body=[
        rich_text(
            """
            <p>This accessibility statement applies to the Northbridge SEND Local Offer
            website, including the services directory and the family and provider
            accounts.</p>
            <p>This website is run by Northbridge Borough Council. We want as many people
            as possible to be able to use it. For example, you should be able to:</p>
            <ul>
            <li>change colours, contrast levels and fonts using your browser or device
            settings</li>
            <li>zoom in up to 400% without the text spilling off the screen</li>
            <li>move around the whole website using just a keyboard</li>
            <li>move around most of the website using speech recognition software</li>
            <li>listen to most of the website using a screen reader, including the most
            recent versions of JAWS, NVDA and VoiceOver</li>
            <li>use the website without JavaScript</li>
            </ul>
            <p>We have also made the text as simple as possible to understand.</p>
            <h2>How accessible this website is</h2>
            <p>We know some parts of this website are not fully accessible:</p>
            <ul>
            <li>some pictures added by providers to their listings do not have good text
            descriptions</li>
            <li>some video clips added by providers do not have captions or
            transcripts</li>
            <li>some older documents are PDFs that are not accessible to screen
            readers</li>
            </ul>
            <h2>Feedback and contact information</h2>
            <p>If you need information on this website in a different format, such as
            accessible PDF, large print, easy read, an audio recording or braille, contact
            the Local Offer team. We will consider your request and get back to you within
            10 working days. Read more about
            <a href="/information-advice-and-support/other-formats/">getting this
            information in other ways</a>.</p>
            <h2>Reporting accessibility problems with this website</h2>
            <p>We are always looking to improve the accessibility of this website. If you
            find any problems not listed on this page, or think we are not meeting
            accessibility requirements, contact the Local Offer team. Tell us the web
            address of the page and what the problem is.</p>
            """
        ),
        contacts.local_offer_team(),
        rich_text(
            """
            <h2>Enforcement procedure</h2>
            <p>The Equality and Human Rights Commission (EHRC) is responsible for enforcing
            the Public Sector Bodies (Websites and Mobile Applications) (No. 2)
            Accessibility Regulations 2018 (the "accessibility regulations"). If you are
            not happy with how we respond to your complaint, contact the
            <a href="https://www.equalityadvisoryservice.com/">Equality Advisory and Support
            Service (EASS)</a>.</p>
            <h2>Technical information about this website's accessibility</h2>
            <p>Northbridge Borough Council is committed to making its website accessible,
            in line with the accessibility regulations.</p>
            <h3>Compliance status</h3>
            <p>This website is partially compliant with the Web Content Accessibility
            Guidelines (WCAG) version 2.2 AA standard, due to the non-compliances listed
            below.</p>
            <h2>Non-accessible content</h2>
            <p>The content listed below is non-accessible for the following reasons.</p>
            <h3>Non-compliance with the accessibility regulations</h3>
            """
        ),
        table(
            "Known problems and when we will fix them",
            ["Problem", "WCAG 2.2 success criterion", "What we are doing"],
            [
                [
                    "Some provider images have missing or unhelpful text descriptions",
                    "1.1.1 Non-text content",
                    """Moderators now check every image description before a listing is
                    approved. We will review all older listings by December 2026""",
                ],
                [
                    "Some provider videos have no captions",
                    "1.2.2 Captions (prerecorded)",
                    """New videos must have captions before approval. Older videos without
                    captions will be hidden by December 2026 unless captions are added""",
                ],
                [
                    "Some older PDF documents are not tagged for screen readers",
                    "1.3.1 Info and relationships",
                    """We are replacing essential PDFs with web pages. Contact us for an
                    accessible version of any document now""",
                ],
            ],
        ),
        rich_text(
            """
            <h3>Disproportionate burden</h3>
            <p>We are not claiming disproportionate burden for any content.</p>
            <h3>Content that's not within the scope of the accessibility regulations</h3>
            <p>PDFs and other documents published before 23 September 2018 are exempt if
            they are not essential to providing our services. Live video is also
            exempt.</p>
            <h2>What we're doing to improve accessibility</h2>
            <p>We test new features with disabled people before we release them, including
            members of the Northbridge Parent Carer Forum and young people with SEND. We
            run automated accessibility checks every time we change the website.</p>
            <h2>Preparation of this accessibility statement</h2>
            <p>This statement was prepared on 15 September 2025. It was last reviewed on 2
            March 2026.</p>
            <p>This website was last tested in August 2025. The test was carried out by
            the council's digital team and checked by an independent accessibility
            auditor. We tested a sample of 40 pages, chosen to include every type of page
            and every main task, such as searching the directory, booking a service and
            leaving feedback.</p>
            <p>We tested using:</p>
            <ul>
            <li>automated testing tools</li>
            <li>keyboard-only navigation</li>
            <li>the screen readers NVDA with Firefox, JAWS with Chrome, and VoiceOver on
            iPhone and Mac</li>
            <li>zoom at 200% and 400%, and a screen width of 320 pixels</li>
            <li>Windows high contrast mode</li>
            <li>speech recognition software</li>
            <li>sessions with disabled users</li>
            </ul>
            """
        ),
    ],
)

PRIVACY = page(
    slug="privacy",
    title="Privacy notice for the Local Offer website",
    summary="""What information this website collects, why, how long we keep it and your
    rights.""",
    body=[
        rich_text(
            """
            <p>This privacy notice explains how Northbridge Borough Council uses
            information when you use the Local Offer website. The council is the data
            controller. This means we decide how your information is used and are
            responsible for keeping it safe.</p>
            <h2>If you just read the website</h2>
            <p>You do not need to give us any personal information to read the Local Offer
            or search the directory.</p>
            <p>Our web servers keep a short record of visits, including your IP address.
            An IP address is a number that identifies a device on the internet. We use this
            only to keep the website secure and working, and we delete it after 30
            days.</p>
            <p>We do not use analytics or advertising cookies. Read our
            <a href="/cookies/">cookies page</a>.</p>
            <h2>If you leave feedback</h2>
            <p>You can tell us what you think of the Local Offer using the feedback form.
            You do not need to give your name or any other personal information. We
            ask:</p>
            <ul>
            <li>which topic your feedback is about</li>
            <li>your comment</li>
            <li>if you want to, whether you are a parent or carer, a young person or a
            professional</li>
            </ul>
            <p>Please do not include names or details that could identify you or your
            child. If you do, we will remove them.</p>
            <p>The law says we must publish the comments we receive about the Local Offer
            and what we do about them. We publish anonymised summaries on our
            <a href="/you-said-we-did/">You said, we did</a> page. We never publish
            anything that could identify you.</p>
            <h2>Why we can use this information</h2>
            <p>We use feedback to carry out our public task. Section 30 of the Children and
            Families Act 2014 says we must keep the Local Offer under review, ask families
            for their views, and publish their comments and our response.</p>
            """
        ),
        table(
            "How long we keep information",
            ["Information", "How long we keep it"],
            [
                ["Web server records, including IP addresses", "30 days"],
                ["Feedback comments", "3 years, then deleted"],
                ["Published You said, we did summaries", "Permanently, with no personal details"],
                ["Session cookie", "Up to 2 weeks, or until you sign out"],
            ],
        ),
        rich_text(
            """
            <h2>If you create an account</h2>
            <p>Families and providers can create an account to shortlist, book and pay for
            services. When you sign up, we will show you a separate privacy notice that
            explains what we collect for accounts and bookings, and why. We never store
            your full card number. Card payments are handled by our payment provider.</p>
            <h2>Sharing information</h2>
            <p>We do not sell your information or share it for marketing. We only share
            information if the law requires it, for example to protect a child from
            harm.</p>
            <h2>Your rights</h2>
            <p>You have the right to:</p>
            <ul>
            <li>ask for a copy of the information we hold about you</li>
            <li>ask us to correct information that is wrong</li>
            <li>ask us to delete information, or to stop using it, in some cases</li>
            <li>object to how we use your information</li>
            </ul>
            <p>Because feedback is anonymous, we may not be able to find your comment
            unless you tell us enough to identify it.</p>
            <h2>Complaints</h2>
            <p>If you are unhappy with how we have used your information, contact our Data
            Protection Officer first. You can also complain to the Information
            Commissioner's Office (ICO), which regulates data protection in the UK.</p>
            """
        ),
        contact_card(
            name="Data Protection Officer",
            description="Northbridge Borough Council.",
            phone="01632 960 800",
            email="dpo@northbridge.example",
            website="https://www.northbridge.example/dataprotection",
            address="Data Protection Officer, " + contacts.CIVIC_CENTRE,
            opening_hours="Monday to Friday, 9am to 5pm.",
        ),
        rich_text("<p>This privacy notice was last updated on 15 September 2025.</p>"),
    ],
)

CONTACT = page(
    slug="contact",
    title="Contact the Local Offer team",
    summary="""How to contact the Local Offer team, and who to contact for help with
    other SEND services.""",
    body=[
        rich_text(
            """
            <p>The Local Offer team looks after this website and the services directory.
            Contact us if you:</p>
            <ul>
            <li>cannot find the information you need</li>
            <li>would like information by phone, by post or in another format</li>
            <li>have found something wrong or out of date</li>
            <li>run a service and want to be listed in the directory</li>
            </ul>
            <p>We aim to reply to emails and letters within 5 working days.</p>
            """
        ),
        contacts.local_offer_team(),
        warning_text(
            """If a child or young person is in danger now, call 999. If you are worried
            that a child is being harmed, call the Children's Advice and Support Hub on
            01632 960 300."""
        ),
        table(
            "Other useful contacts",
            ["For help with", "Contact", "Phone"],
            [
                [
                    "EHC needs assessments and plans",
                    "SEND Assessment and Planning Team",
                    "01632 960 210",
                ],
                ["Independent SEND advice", "Northbridge SENDIASS", "01632 960 100"],
                [
                    "Social care for disabled children",
                    "Children's Advice and Support Hub",
                    "01632 960 300",
                ],
                ["Short breaks and the Kite Card", "Short Breaks Team", "01632 960 330"],
                ["Direct payments", "Direct Payments Team", "01632 960 350"],
                ["School travel", "Travel Assistance Team", "01632 960 260"],
                ["Childcare and funded hours", "Family Information Service", "01632 960 150"],
                ["Children's health services", "Single point of access", "01632 960 450"],
                ["Complaints", "Customer Feedback and Complaints Team", "01632 960 600"],
            ],
        ),
        details(
            "Help with contacting us in other ways",
            """<p>If you are deaf or have a speech impairment, you can use Relay UK: dial
            18001 then 01632 960 500. You can also contact us in British Sign Language
            through our video relay service. If you need an interpreter for another
            language, call us and tell us which language you speak.</p>""",
        ),
        call_to_action(
            "Tell us what you think",
            """Your feedback helps us improve the Local Offer. Read what other people have
            said and what we did about it.""",
            "You said, we did",
            "/you-said-we-did/",
        ),
    ],
)

COOKIES = page(
    slug="cookies",
    title="Cookies",
    summary="""This website only uses essential cookies that make it work. We do not use
    analytics or advertising cookies.""",
    body=[
        rich_text(
            """
            <p>Cookies are small files saved on your phone, tablet or computer when you
            visit a website.</p>
            <p>This website only uses essential cookies. They make the website work and
            keep it secure. We do not use cookies to track you, to measure how you use the
            website, or for advertising.</p>
            <p>Because these cookies are essential, we do not need to ask for your
            permission to use them. That is why you do not see a cookie banner.</p>
            <h2>Essential cookies we use</h2>
            """
        ),
        table(
            "Essential cookies",
            ["Name", "Purpose", "Expires"],
            [
                [
                    "sessionid",
                    """Remembers you as you move between pages. For example, it keeps you
                    signed in and remembers your shortlist""",
                    "2 weeks, or when you sign out",
                ],
                [
                    "csrftoken",
                    """Protects forms on this website, such as the feedback form, from a type
                    of attack called cross-site request forgery""",
                    "1 year",
                ],
            ],
        ),
        rich_text(
            """
            <h2>Cookies from other websites</h2>
            <p>If you pay for a booking by card, you go to our payment provider's secure
            payment page. That page may set its own cookies, which it needs to process your
            payment safely and prevent fraud. Our payment provider's website explains
            these.</p>
            <p>Some links on this website go to other websites, such as GOV.UK. Those
            websites have their own cookie policies.</p>
            <h2>Turning cookies off</h2>
            <p>You can block cookies in your browser settings. If you block essential
            cookies, you will still be able to read the Local Offer and search the
            directory. But you will not be able to sign in, book services or send
            feedback.</p>
            """
        ),
        inset_text(
            """<p>If we ever want to use other cookies, for example to measure how
            people use the website, we will ask for your permission first and update this
            page. Saying no will not stop you using any part of the website.</p>"""
        ),
        related_links(
            "Related pages",
            [
                ("Privacy notice", "/privacy/"),
                ("Accessibility statement", "/accessibility-statement/"),
            ],
        ),
        rich_text("<p>This page was last updated on 15 September 2025.</p>"),
    ],
)

FOOTER_PAGES = [ACCESSIBILITY_STATEMENT, PRIVACY, CONTACT, COOKIES]
