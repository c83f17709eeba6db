"""EHC needs assessments and plans: the plan, asking for an assessment, timescales,
annual reviews."""

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

WHAT_IS_AN_EHC_PLAN = page(
    slug="what-is-an-ehc-plan",
    title="What an EHC plan is",
    summary="""An education, health and care plan is a legal document that describes a
    child or young person's needs and the help they must get.""",
    body=[
        rich_text(
            """
            <p>An education, health and care (EHC) plan is a legal document for a child
            or young person aged 0 to 25 with special educational needs (SEN). It describes
            their needs, what they want to achieve, and the help they must get to
            achieve it.</p>
            <p>Most children with special educational needs get the help they need
            through <a href="/education/sen-support-in-mainstream-schools/">SEN
            support</a> at their nursery, school or college. An EHC plan is for children
            and young people who need more help than that.</p>
            <h2>Why an EHC plan matters</h2>
            <ul>
            <li>The council must make sure your child gets the special educational help
            written in the plan</li>
            <li>The NHS must make sure your child gets the health care written in the
            plan</li>
            <li>You can ask for a particular school or college to be named</li>
            <li>You can ask for a <a href="/personal-budgets/what-is-a-personal-budget/">
            personal budget</a></li>
            <li>The plan must be reviewed at least once a year</li>
            <li>You can appeal to a tribunal if you disagree with parts of it</li>
            </ul>
            <h2>What is in a plan</h2>
            <p>Every EHC plan has the same sections, from A to K. Councils can choose
            how the plan looks, but these sections must be there.</p>
            """
        ),
        table(
            "The sections of an EHC plan",
            ["Section", "What it says"],
            [
                ["A", "The views, interests and hopes of your child and your family"],
                ["B", "Your child's special educational needs"],
                ["C", "Health needs linked to their special educational needs or disability"],
                ["D", "Social care needs linked to their special educational needs or disability"],
                ["E", "The outcomes: what your child should achieve, by when"],
                ["F", "The special educational help your child must get"],
                ["G", "Health care linked to their needs, such as therapy"],
                [
                    "H1 and H2",
                    """Social care linked to their needs. H1 is care the council must give
                    under the Chronically Sick and Disabled Persons Act 1970. H2 is any
                    other social care""",
                ],
                ["I", "The name and type of school, college or other setting"],
                [
                    "J",
                    """The personal budget, if there is one. It says how the money will be
                    used to meet the outcomes, and how it is held""",
                ],
                ["K", "A list of the advice and information gathered during the assessment"],
            ],
        ),
        rich_text(
            """
            <h2>What a good plan looks like</h2>
            <p>A good plan is clear about who will do what, how often and for how long.
            For example, "30 minutes of speech and language therapy each week, given by a
            speech and language therapist" is clear. "Access to speech and language
            therapy" is not. If something in the draft plan is vague, say so when you
            send your comments.</p>
            <p>Outcomes in section E should be about real changes in your child's life.
            They should be specific and it should be possible to check them. For
            example: "By the end of Year 4, Sam will be able to ask an adult for help
            when he is stuck, using words or his picture cards."</p>
            """
        ),
        details(
            "Help with section J: personal budgets",
            """<p>Section J only has content if you have asked for a personal budget. It
            must say which help will be paid for with the budget, how it meets the
            outcomes in section E, and how the money is held. For example, as a
            <a href="/personal-budgets/direct-payments/">direct payment</a>. You can ask
            for a personal budget when the plan is being written or when it is reviewed.
            Read about <a href="/personal-budgets/ways-to-hold-a-personal-budget/">the
            ways to hold a personal budget</a>.</p>""",
        ),
        rich_text(
            """
            <h2>When a plan ends</h2>
            <p>The council can stop a plan when it is no longer needed. For example, when
            your child has met their outcomes, or when a young person starts university
            or a paid job. A plan also ends at age 25. The council must tell you in
            writing and explain how to appeal.</p>
            """
        ),
        call_to_action(
            "Think your child needs an EHC plan?",
            "Find out who can ask for an EHC needs assessment and what happens next.",
            "Asking for an assessment",
            "/ehc-needs-assessments-and-plans/asking-for-an-ehc-needs-assessment/",
        ),
        related_links(
            "Related pages",
            [
                ("Statutory timescales", "/ehc-needs-assessments-and-plans/timescales/"),
                ("Annual reviews", "/ehc-needs-assessments-and-plans/annual-reviews/"),
                (
                    "Appealing to the SEND Tribunal",
                    "/complaints-mediation-and-tribunal/send-tribunal/",
                ),
            ],
        ),
    ],
)

ASKING_FOR_AN_ASSESSMENT = page(
    slug="asking-for-an-ehc-needs-assessment",
    title="Asking for an EHC needs assessment",
    summary="""Who can ask the council to assess a child or young person for an EHC plan,
    how to ask and what happens next.""",
    body=[
        rich_text(
            """
            <p>An education, health and care (EHC) needs assessment is the first step to
            getting an EHC plan. The council gathers advice about your child's needs and
            decides whether a plan is needed.</p>
            <h2>Who can ask</h2>
            <ul>
            <li>a parent or carer of a child under 16</li>
            <li>a young person aged 16 to 25, for themselves</li>
            <li>a nursery, school or college, with the family's knowledge</li>
            </ul>
            <p>Anyone else, such as a doctor, health visitor or social worker, can tell
            the council that a child may need an assessment.</p>
            <h2>When the council must assess</h2>
            <p>The council must carry out an assessment if your child has, or may have, special
            educational needs (SEN), and may need help through an EHC plan. Your child
            does not need a diagnosis. The school does not have to agree. You do not have
            to wait until a set amount of SEN support has been tried.</p>
            <h2>How to ask</h2>
            <p>Write to the SEND Assessment and Planning Team. You can use the online form,
            send an email or send a letter. Keep a copy and note the date you sent it. The
            timescales start from the day the council receives your request.</p>
            """
        ),
        details(
            "Help with writing your request",
            """<p>Say clearly that you are asking for an EHC needs assessment under
            section 36 of the Children and Families Act 2014. Then explain:</p>
            <ul>
            <li>your child's name, date of birth and school or setting</li>
            <li>what your child finds hard, with examples from home and school</li>
            <li>what help they get now, and why it is not enough</li>
            <li>the names of professionals who know your child</li>
            </ul>
            <p>Attach any reports you have. If you would like help, SENDIASS, our free and
            impartial advice service, can help you write your request.</p>""",
        ),
        rich_text("<h2>What happens next</h2>"),
        accordion(
            "",
            [
                (
                    "1. The council decides whether to assess",
                    "Within 6 weeks",
                    """<p>Your case officer will contact you. They ask your child's school
                    or setting for information. A group of professionals, called the SEND
                    panel, looks at the evidence. The council must tell you its decision
                    within 6 weeks of getting your request.</p>""",
                ),
                (
                    "2. The council gathers advice",
                    "Usually within 6 weeks of asking for it",
                    """<p>If the council agrees to assess, it asks for advice from you,
                    your child, the school, an educational psychologist, health services
                    and social care. Each of them should send their advice within 6
                    weeks.</p>""",
                ),
                (
                    "3. The council decides whether to write a plan",
                    "By week 16",
                    """<p>The council looks at all the advice. If it decides not to
                    write a plan, it must tell you within 16 weeks of your request. It
                    should explain what support your child can get instead.</p>""",
                ),
                (
                    "4. You get a draft plan",
                    "You have 15 days to comment",
                    """<p>If the council decides to write a plan, it sends you a draft.
                    You have 15 days to comment, ask for changes, ask for a meeting and
                    say which school or college you would like.</p>""",
                ),
                (
                    "5. The final plan is issued",
                    "Within 20 weeks of your request",
                    """<p>The council sends you the final plan. The letter explains your
                    right to mediation and to appeal.</p>""",
                ),
            ],
        ),
        warning_text(
            """If the council decides not to assess, or not to write a plan, it must tell
            you in writing. You have the right to appeal. The time limit for appealing is
            2 months from the date of the letter."""
        ),
        inset_text(
            """<p>See all the deadlines on our
            <a href="/ehc-needs-assessments-and-plans/timescales/">statutory timescales
            page</a>. If you disagree with a decision, read about
            <a href="/complaints-mediation-and-tribunal/mediation/">mediation</a> and
            <a href="/complaints-mediation-and-tribunal/send-tribunal/">appeals</a>.</p>"""
        ),
        call_to_action(
            "Ask for an EHC needs assessment",
            "Use our online form. It takes about 20 minutes. You can save it and come back.",
            "Start your request",
            "https://www.northbridge.example/send/request-an-assessment",
        ),
        contacts.send_team(),
        contacts.sendiass(),
    ],
)

TIMESCALES = page(
    slug="timescales",
    title="Statutory timescales for EHC needs assessments and plans",
    summary="""The legal deadlines for EHC needs assessments, draft and final plans,
    annual reviews, moving between schools, mediation and appeals.""",
    body=[
        rich_text(
            """
            <p>The law sets deadlines for each step of the education, health and care
            (EHC) process. They are in the Special Educational Needs and Disability
            Regulations 2014 and the SEND Code of Practice. The council must keep to
            them.</p>
            <p>Weeks are counted from the day the council receives your request for an
            assessment, unless the table says otherwise.</p>
            """
        ),
        table(
            "Assessment and new plans",
            ["What happens", "Time limit"],
            [
                [
                    "The council tells you whether it will carry out an EHC needs assessment",
                    "6 weeks from your request",
                ],
                [
                    "Professionals send their advice to the council",
                    "6 weeks from when the council asks them",
                ],
                [
                    "The council tells you it has decided not to issue a plan after assessing",
                    "16 weeks from your request",
                ],
                [
                    "You comment on the draft plan and ask for a school or college",
                    "15 days from the day the draft plan is sent",
                ],
                ["The council issues the final plan", "20 weeks from your request"],
            ],
        ),
        table(
            "Reviews and moving between phases",
            ["What happens", "Time limit"],
            [
                ["Annual review of the plan", "At least every 12 months"],
                [
                    "Review for a child under 5",
                    "At least every 6 months. Every 3 to 6 months is recommended",
                ],
                [
                    "Papers sent to everyone before a review meeting",
                    "At least 2 weeks before the meeting",
                ],
                ["School or college sends the review report", "2 weeks after the meeting"],
                [
                    "Council decides to keep, change or end the plan",
                    "4 weeks after the review meeting",
                ],
                [
                    "Council issues an amended plan",
                    "8 weeks after it sends you the proposed changes",
                ],
                [
                    "Plan reviewed and changed for a move from primary to secondary school",
                    "By 15 February in the year of the move",
                ],
                [
                    "Plan reviewed and changed for a move from secondary school to post-16",
                    "By 31 March in the year of the move",
                ],
            ],
        ),
        table(
            "Mediation and appeals",
            ["What happens", "Time limit"],
            [
                [
                    "Mediation adviser gives you a certificate if you do not want mediation",
                    "3 working days from when you contact them",
                ],
                [
                    "Mediation meeting takes place, if you want it",
                    "Within 30 days of the council being told",
                ],
                [
                    "Certificate issued after mediation",
                    "3 working days after mediation ends",
                ],
                [
                    "Appeal to the First-tier Tribunal (SEND)",
                    """2 months from the date of the decision letter, or 1 month from the
                    date of the mediation certificate, whichever is later""",
                ],
            ],
        ),
        rich_text(
            """
            <h2>When the timescales can be longer</h2>
            <p>The law allows a few exceptions. For example, if you or your child are away
            for 4 weeks or more, if there are exceptional personal circumstances, or if
            the school or college is closed for 4 weeks or more, such as in the summer
            holiday. The council must tell you if an exception applies, and still act as
            quickly as it can.</p>
            <p>The 15 days to comment on a draft plan are calendar days. Weekends
            count.</p>
            <h2>If a deadline is missed</h2>
            <ol>
            <li>Contact your case officer and ask when you will hear. Ask them to reply in
            writing.</li>
            <li>If there is no good answer, make a complaint to the council.</li>
            <li>If you are still unhappy, you can complain to the Local Government and
            Social Care Ombudsman.</li>
            </ol>
            <p>Read <a href="/complaints-mediation-and-tribunal/how-to-complain/">how to
            complain</a>. SENDIASS, our free and impartial advice service, can help you.</p>
            """
        ),
        inset_text(
            """<p>Each year we publish how many new plans were issued within 20 weeks. In
            2025, 61% of new EHC plans in Northbridge were issued on time. We know this is
            not good enough. Read what we are doing about it on our
            <a href="/you-said-we-did/">You said, we did</a> page.</p>"""
        ),
        related_links(
            "Related pages",
            [
                (
                    "Asking for an EHC needs assessment",
                    "/ehc-needs-assessments-and-plans/asking-for-an-ehc-needs-assessment/",
                ),
                ("Annual reviews", "/ehc-needs-assessments-and-plans/annual-reviews/"),
                ("Mediation", "/complaints-mediation-and-tribunal/mediation/"),
                (
                    "Appealing to the SEND Tribunal",
                    "/complaints-mediation-and-tribunal/send-tribunal/",
                ),
            ],
        ),
    ],
)

ANNUAL_REVIEWS = page(
    slug="annual-reviews",
    title="Annual reviews of EHC plans",
    summary="""How an EHC plan is checked at least once a year, how to prepare for the
    meeting and what happens afterwards.""",
    body=[
        rich_text(
            """
            <p>An education, health and care (EHC) plan must be reviewed at least once
            every 12 months. For children under 5, it should be reviewed every 3 to 6
            months, because young children change quickly.</p>
            <p>The review checks how your child is doing, whether they are meeting their
            outcomes, and whether the plan still describes their needs and the help they
            get.</p>
            <h2>Who arranges the review</h2>
            <p>The council is responsible for the review. It usually asks your child's
            school or college to organise the meeting. You, your child and the
            professionals who work with your child will be invited.</p>
            <p>At least 2 weeks before the meeting, you should be sent the advice and
            information that people have written for it. If you do not get it, ask.</p>
            """
        ),
        accordion(
            "How to prepare",
            [
                (
                    "Read the current plan",
                    "",
                    """<p>Read the plan again. Mark anything that is out of date,
                    anything that is not happening, and anything that is vague.</p>""",
                ),
                (
                    "Ask your child what they think",
                    "",
                    """<p>Your child's views are important. They could come to part of the
                    meeting, draw a picture, make a short video or fill in a simple form
                    with an adult they trust. Ask the school how they will include your
                    child.</p>""",
                ),
                (
                    "Write down your own views",
                    "",
                    """<p>Think about what has gone well, what has not, and what you would
                    like to change. A useful way is: what should we stop, keep and
                    start?</p>""",
                ),
                (
                    "Think about money",
                    "",
                    """<p>The review is a good time to ask for a
                    <a href="/personal-budgets/what-is-a-personal-budget/">personal
                    budget</a>, or to change one you already have.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>After the meeting</h2>
            <ol>
            <li>The school or college sends a report of the meeting to the council and to
            everyone invited, within 2 weeks.</li>
            <li>Within 4 weeks of the meeting, the council tells you whether it will keep
            the plan as it is, change it, or end it.</li>
            <li>If it will change the plan, it sends you the proposed changes. You have 15
            days to comment and ask for a different school or college.</li>
            <li>The council sends the final amended plan within 8 weeks of sending the
            proposed changes.</li>
            </ol>
            <p>If you disagree with the amended plan, or with a decision not to change or
            to end the plan, you can appeal. The letter will explain how.</p>
            <h2>Reviews before a change of school</h2>
            <p>Moving school or college is a big step. The review in the year before the
            move should look at the choices. The plan must be changed to name the new
            school by 15 February for a move to secondary school, and by 31 March for a
            move from secondary school to post-16 education.</p>
            <h2>Reviews from Year 9</h2>
            <p>From Year 9 (age 13 to 14), every review must look at preparing for adult
            life. This includes work, where your child might live, friends and being part
            of the community, and staying healthy. Read about
            <a href="/preparing-for-adulthood/planning-from-year-9/">preparing for
            adulthood</a>.</p>
            """
        ),
        inset_text(
            """<p>You do not have to wait for the annual review if things change. You or
            the school can ask for an early review at any time.</p>"""
        ),
        contacts.send_team(),
        related_links(
            "Related pages",
            [
                ("Statutory timescales", "/ehc-needs-assessments-and-plans/timescales/"),
                ("What an EHC plan is", "/ehc-needs-assessments-and-plans/what-is-an-ehc-plan/"),
                ("SENDIASS", "/information-advice-and-support/sendiass/"),
            ],
        ),
    ],
)

SECTION = {
    "slug": "ehc-needs-assessments-and-plans",
    "title": "EHC needs assessments and plans",
    "intro": """What an education, health and care (EHC) plan is, how to ask for an
    assessment, the legal deadlines, and how plans are reviewed.""",
    "pages": [WHAT_IS_AN_EHC_PLAN, ASKING_FOR_AN_ASSESSMENT, TIMESCALES, ANNUAL_REVIEWS],
}
