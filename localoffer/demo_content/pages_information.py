"""Information, advice and support: SENDIASS, independent supporters, the parent carer
forum, other formats, using the directory."""

from . import contacts
from .blocks import (
    accordion,
    call_to_action,
    details,
    inset_text,
    page,
    related_links,
    rich_text,
    table,
    warning_text,
)

SENDIASS = page(
    slug="sendiass",
    title="SENDIASS: free, impartial SEND advice",
    summary="""Northbridge SENDIASS gives free, confidential and impartial information,
    advice and support about SEND to families and young people.""",
    body=[
        rich_text(
            """
            <p>SENDIASS stands for the Special Educational Needs and Disabilities
            Information, Advice and Support Service. Every council must have one. It is
            free, confidential and impartial. Impartial means it does not take sides.</p>
            <p>Northbridge SENDIASS is paid for by the council and the NHS, but it runs at
            arm's length. Its staff do not make decisions about your child, and they will
            not share what you tell them without your agreement, unless someone is at
            risk of harm.</p>
            <h2>Who it is for</h2>
            <ul>
            <li>parents and carers of children and young people aged 0 to 25 with special
            educational needs or disabilities (SEND)</li>
            <li>children and young people with SEND, who can contact the service
            themselves</li>
            </ul>
            <p>You do not need a diagnosis or an education, health and care (EHC) plan
            to get help.</p>
            <h2>How SENDIASS can help</h2>
            """
        ),
        accordion(
            "",
            [
                (
                    "Information and advice",
                    "By phone, email or at a drop-in",
                    """<p>Advice on the law, your rights and local services. For example,
                    what a school should do for your child, how to ask for an assessment, or
                    how personal budgets work.</p>""",
                ),
                (
                    "Help with paperwork",
                    "Letters, forms and draft plans",
                    """<p>Help to write a request for an EHC needs assessment, give your
                    views for a plan, check a draft EHC plan or write a complaint.</p>""",
                ),
                (
                    "Support at meetings",
                    "For families who need it most",
                    """<p>A caseworker can help you prepare for a meeting with a school or
                    the council. Sometimes they can come with you.</p>""",
                ),
                (
                    "Disagreements and appeals",
                    "Mediation, tribunal and complaints",
                    """<p>Help to understand your options if you disagree with a decision,
                    including <a href="/complaints-mediation-and-tribunal/mediation/">
                    mediation</a> and <a href="/complaints-mediation-and-tribunal/send-tribunal/">
                    appeals</a>.</p>""",
                ),
                (
                    "Support for young people",
                    "Ages 16 to 25",
                    """<p>A young people's adviser helps young people speak up for
                    themselves, understand their EHC plan and make decisions about their
                    future.</p>""",
                ),
                (
                    "Workshops",
                    "Free training for parents",
                    """<p>Regular online and face-to-face workshops on topics such as SEN
                    support, EHC plans and annual reviews.</p>""",
                ),
            ],
        ),
        inset_text(
            """<p>SENDIASS is busy at the start of each term. If your question is urgent,
            for example about an appeal deadline or an exclusion, say so when you
            call.</p>"""
        ),
        contacts.sendiass(),
        related_links(
            "Related pages",
            [
                (
                    "Independent supporters",
                    "/information-advice-and-support/independent-supporters/",
                ),
                ("Parent carer forum", "/information-advice-and-support/parent-carer-forum/"),
            ],
        ),
    ],
)

INDEPENDENT_SUPPORTERS = page(
    slug="independent-supporters",
    title="Independent supporters",
    summary="""Trained people, independent of the council, who help families and young
    people through the EHC needs assessment and planning process.""",
    body=[
        rich_text(
            """
            <p>An independent supporter is a trained person who helps you through an
            education, health and care (EHC) needs assessment and the writing of an EHC
            plan. They do not work for the council. In Northbridge, independent
            supporters are part of <a
            href="/information-advice-and-support/sendiass/">SENDIASS</a>, the Special Educational
            Needs and Disabilities (SEND) Information, Advice and Support Service.</p>
            <h2>What an independent supporter does</h2>
            <ul>
            <li>explains each step of the process, and what the letters you get mean</li>
            <li>helps you and your child give your views, for section A of the plan</li>
            <li>helps you understand advice and reports from professionals</li>
            <li>helps you check the draft plan and write your comments</li>
            <li>helps you think about the school or college you want</li>
            <li>explains personal budgets</li>
            <li>helps you talk to professionals, so everyone understands each other</li>
            </ul>
            <p>An independent supporter will not make decisions for you. They will not
            tell you what to choose. They help you make your own choices.</p>
            <h2>Who can have one</h2>
            <p>Independent supporters are mostly for families who would find the process
            hard without help. For example, if you:</p>
            <ul>
            <li>have a disability or health condition yourself</li>
            <li>find reading or writing difficult</li>
            <li>speak little English</li>
            <li>are a young person going through the process yourself</li>
            <li>are a young carer, or care for more than one person</li>
            </ul>
            <p>If there are no independent supporters free, SENDIASS will still give you
            advice and information.</p>
            """
        ),
        details(
            "Help with what to expect",
            """<p>After you contact SENDIASS, someone will call you within 5 working days
            to talk about what help you need. If an independent supporter is right for
            you, they will get in touch and arrange to meet, at home, at a library or
            online. They usually stay with you until the final plan is issued.</p>""",
        ),
        call_to_action(
            "Ask for an independent supporter",
            "Contact SENDIASS and say you would like an independent supporter.",
            "Contact SENDIASS",
            "/information-advice-and-support/sendiass/",
        ),
        contacts.sendiass(),
    ],
)

PARENT_CARER_FORUM = page(
    slug="parent-carer-forum",
    title="Northbridge Parent Carer Forum",
    summary="""An independent group of parents and carers who work with the council and
    the NHS to improve SEND services.""",
    body=[
        rich_text(
            """
            <p>Northbridge Parent Carer Forum is an independent group of parents and
            carers of children and young people aged 0 to 25 with special educational
            needs and disabilities (SEND). It is run by parents, for parents. It is free
            to join.</p>
            <p>Every area in England has a parent carer forum. Forums are part of a
            national network and get a grant from the Department for Education.</p>
            <h2>What the forum does</h2>
            <p>The forum gathers the views of local families and uses them to improve
            services. It works with the council and the NHS as an equal partner. This is
            called co-production: families and professionals plan and design services
            together.</p>
            <p>For example, forum members:</p>
            <ul>
            <li>sit on the SEND partnership board, which plans SEND services</li>
            <li>helped write the short breaks statement and the pages on this website</li>
            <li>run surveys so that families can have their say</li>
            <li>test new forms and letters before the council uses them</li>
            </ul>
            <h2>What you get from joining</h2>
            <ul>
            <li>a monthly newsletter with news, events and chances to have your say</li>
            <li>coffee mornings and online chats with other parents</li>
            <li>talks from local services, where you can ask questions</li>
            <li>the chance to get involved as much or as little as you like</li>
            </ul>
            """
        ),
        inset_text(
            """<p>The forum does not give advice on individual cases or help with
            complaints. For help with your own child's situation, contact the free and impartial
            advice service,
            <a href="/information-advice-and-support/sendiass/">SENDIASS</a>.</p>"""
        ),
        table(
            "Regular forum meetings",
            ["Meeting", "When", "Where"],
            [
                ["Coffee morning", "First Tuesday of the month, 10am", "Central Library café"],
                ["Evening online chat", "Third Thursday of the month, 7:30pm", "Online"],
                ["Dads' group", "Last Saturday of the month, 10am", "Greenway Park café"],
            ],
        ),
        contacts.parent_carer_forum(),
        related_links(
            "Related pages",
            [
                ("You said, we did", "/you-said-we-did/"),
                ("Short breaks statement", "/social-care/short-breaks/"),
            ],
        ),
    ],
)

OTHER_FORMATS = page(
    slug="other-formats",
    title="Get this information in other ways",
    summary="""Use the Local Offer by phone, by post, in print at libraries, in large
    print, easy read, other languages or British Sign Language.""",
    body=[
        rich_text(
            """
            <p>Not everyone can or wants to use a website. You can get all the
            information in the Local Offer in other ways. It is free.</p>
            <h2>By phone</h2>
            <p>Call the Local Offer team on 01632 960 500. We can read information to you,
            search the directory for you, and post or email what you need.</p>
            <p>If you are deaf or have a speech impairment, you can use Relay UK. Dial
            18001 then 01632 960 500.</p>
            <h2>By post</h2>
            <p>Write to: Local Offer team, Northbridge Civic Centre, Market Square,
            Northbridge NB1 1NB. Tell us what you need and how you would like it.</p>
            <h2>At libraries and family hubs</h2>
            <p>Printed copies of the main Local Offer pages and the directory are at every
            Northbridge library and family hub. Library staff can help you use the website
            on a free public computer.</p>
            """
        ),
        table(
            "Where to find printed copies",
            ["Place", "Address"],
            [
                ["Central Library", "Market Square, Northbridge NB1 1NB"],
                ["Eastfield Library", "12 Eastfield Parade, Northbridge NB5 3AP"],
                ["Hollins Library and Family Hub", "Hollins Road, Northbridge NB6 8RR"],
                ["Westgate Family Hub", "40 Westgate, Northbridge NB2 7JD"],
            ],
        ),
        accordion(
            "Other formats and languages",
            [
                (
                    "Large print and braille",
                    "",
                    "<p>We can send any page in large print or braille.</p>",
                ),
                (
                    "Easy read",
                    "Short sentences with pictures",
                    """<p>Easy read versions of the main pages are available now. We can
                    make easy read versions of other pages on request.</p>""",
                ),
                (
                    "Audio",
                    "",
                    """<p>We can send an audio recording of any page. Most phones and
                    computers can also read web pages aloud.</p>""",
                ),
                (
                    "Other languages",
                    "Free interpreting and translation",
                    """<p>Call us and tell us your language. We will call you back with a
                    phone interpreter. We can also translate key information.</p>""",
                ),
                (
                    "British Sign Language (BSL)",
                    "Contact us through a video relay service",
                    """<p>You can contact us in BSL using our free video relay service.
                    An interpreter joins the call on your phone, tablet or computer.
                    We can also book a BSL interpreter for meetings.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>How long it takes</h2>
            <p>We will send printed, large print, easy read and audio versions within 10
            working days. Braille and translations can take up to 20 working days. If you
            need information urgently, tell us and we will help you by phone first.</p>
            """
        ),
        call_to_action(
            "Contact us in British Sign Language",
            "Use our free video relay service, Monday to Friday, 9am to 5pm.",
            "Start a BSL video call",
            "https://www.northbridge.example/bsl",
        ),
        contacts.local_offer_team(),
    ],
)

USING_THE_DIRECTORY = page(
    slug="using-the-directory",
    title="How to use the services directory",
    summary="""Search for services and activities, read what each listing tells you, and
    shortlist, book and pay.""",
    body=[
        rich_text(
            """
            <p>The directory lists services and activities for children and young people
            aged 0 to 25 with special educational needs and disabilities (SEND), and their
            families. It includes council and NHS services, charities, community groups
            and private providers.</p>
            <h2>Searching</h2>
            <p>Type what you are looking for, such as "swimming" or "speech therapy". Then
            use the filters to narrow your search. You can filter by:</p>
            <ul>
            <li>category, such as short breaks or tutoring</li>
            <li>need, such as autism, sensory, physical, learning, or social, emotional
            and mental health</li>
            <li>age</li>
            <li>distance from a postcode</li>
            <li>cost: free, paid, or a price range</li>
            <li>whether you can pay with a direct payment</li>
            <li>days and times</li>
            <li>access, such as step-free entry or a Changing Places toilet</li>
            </ul>
            <h2>What a listing tells you</h2>
            <p>Each listing tells you what the service offers, who it is for, and which
            outcomes it can help with. It shows the cost for each unit, such as an hour,
            session, day or place. This helps you compare services and plan how to use a
            personal budget. Listings also show where and when, pictures and video, how
            to book, and who runs the service.</p>
            """
        ),
        accordion(
            "Shortlists, bookings and payments",
            [
                (
                    "Shortlist",
                    "Save services to look at later",
                    """<p>Add services you are interested in to your shortlist. Then you
                    can compare their costs, times and what they offer side by side.</p>""",
                ),
                (
                    "Book",
                    "Some services can be booked online",
                    """<p>You need a free account to book. Some providers confirm bookings
                    straight away. Others will accept or decline your request.</p>""",
                ),
                (
                    "Pay",
                    "By card or from a council-managed budget",
                    """<p>Pay by card, or, if the council manages your child's personal
                    budget, against that budget. You get an invoice and a receipt for every
                    booking. You can see what you have spent from your budget, against
                    which outcome, and what is left.</p>""",
                ),
                (
                    "Cancel",
                    "Check each provider's cancellation terms",
                    """<p>You can cancel from your account. The listing tells you if you
                    will get a refund.</p>""",
                ),
            ],
        ),
        warning_text(
            """The council checks that organisations in the directory are real, and reviews
            listings before they are published. But we do not recommend any provider. Always
            check that a service is right and safe for your child."""
        ),
        rich_text(
            """
            <h2>How listings are kept up to date</h2>
            <p>Providers write their own listings. They can send changes every 2 to 3
            months, when the council opens a submission window. Council staff check each
            change before it goes live. If you find something wrong or out of date, use the
            "Report a problem with this listing" link on the listing, or tell the Local
            Offer team.</p>
            <p>Are you a provider? You can register your organisation and add your
            services through the provider area.</p>
            """
        ),
        call_to_action(
            "Search the directory",
            "Find services, activities and support near you.",
            "Search services",
            "/services/",
        ),
        contacts.local_offer_team(),
    ],
)

SECTION = {
    "slug": "information-advice-and-support",
    "title": "Information, advice and support",
    "intro": """Free, impartial advice from SENDIASS, the parent carer forum, getting
    this information in other ways, and how to use the directory.""",
    "pages": [
        SENDIASS,
        INDEPENDENT_SUPPORTERS,
        PARENT_CARER_FORUM,
        OTHER_FORMATS,
        USING_THE_DIRECTORY,
    ],
}
