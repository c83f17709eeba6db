"""Education section: early years, schools, special schools, post-16 and home education."""

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

EARLY_YEARS = page(
    slug="early-years",
    title="Early years (birth to 5)",
    summary="""Help for babies and young children with special educational needs or
    disabilities before they start school.""",
    body=[
        rich_text(
            """
            <p>Every child grows and learns at their own pace. Some babies and young
            children need extra help. Getting help early can make a big difference.</p>
            <p>This page explains who can help your child before they start school, and
            what nurseries, pre-schools and childminders must do.</p>
            <h2>If you are worried about your child</h2>
            <p>You know your child best. If you are worried about how your child moves,
            plays, talks, eats or sleeps, tell someone. You do not need a diagnosis to
            ask for help.</p>
            <p>You can talk to:</p>
            <ul>
            <li>your health visitor</li>
            <li>your GP (family doctor)</li>
            <li>your child's nursery, pre-school or childminder</li>
            <li>staff at your local family hub</li>
            </ul>
            <p>They can give you advice, or ask a specialist to see your child.</p>
            <h2>Health checks in the early years</h2>
            <p>Health visitors offer every family checks at set ages. These are when your
            baby is new, at 6 to 8 weeks, at about 1 year and at 2 to 2 and a half
            years. The check at age 2 looks at how your child talks, moves, plays and
            gets on with others.</p>
            <p>If your child goes to a nursery or childminder, they will also write a
            short progress check at age 2. In Northbridge we try to do both checks
            together, so you only have to tell your story once.</p>
            <h2>What early years settings must do</h2>
            <p>Nurseries, pre-schools and childminders that get government funding
            must:</p>
            <ul>
            <li>follow the Early Years Foundation Stage (EYFS). This is the set of
            standards for learning, development and care from birth to 5</li>
            <li>follow the SEND Code of Practice. This is the government's guidance on
            support for special educational needs and disabilities (SEND)</li>
            <li>have a special educational needs coordinator (SENCO) if they are a group
            setting, such as a nursery. Childminders can share a SENCO through a
            network</li>
            <li>make reasonable changes so that disabled children are not left out.
            This is a duty under the Equality Act 2010</li>
            <li>talk to you and agree what extra help your child will get</li>
            </ul>
            <h2>SEN support in early years</h2>
            <p>If your child needs extra help, the setting will use a cycle called
            assess, plan, do, review. They will look at what your child needs, agree a
            plan with you, put it in place, and then check how it is going. This is called SEN
            support (SEN means special educational needs). It works the same way as in school. Read
            more about
            <a href="/education/sen-support-in-mainstream-schools/">SEN support in
            schools</a>.</p>
            """
        ),
        accordion(
            "Extra help for young children in Northbridge",
            [
                (
                    "Area SENCOs",
                    "Specialist advice for nurseries and childminders",
                    """<p>Area SENCOs are experienced early years teachers who work for the
                    council. They visit settings, give advice and training, and help staff
                    plan support for your child. Your setting can ask for a visit. You
                    will be asked to agree first.</p>""",
                ),
                (
                    "Portage home visiting",
                    "Learning through play at home, for children under 3",
                    """<p>Portage is a home visiting service for young children with
                    complex needs. A Portage home visitor comes to your home every week or
                    two. They help you set small, clear goals and use play to reach them.
                    Your health visitor, doctor or therapist can refer you, or you can
                    contact the Early Years Inclusion Team yourself.</p>""",
                ),
                (
                    "The early years SEN inclusion fund",
                    "Extra money for settings",
                    """<p>Settings can ask the council for extra money to support a child
                    with special educational needs who is using funded hours. You do not
                    need to apply. Read more about
                    <a href="/childcare/funded-childcare/">funded childcare and
                    inclusion funding</a>.</p>""",
                ),
                (
                    "Child development centre",
                    "Assessments by doctors and therapists",
                    """<p>At Northbridge Child Development Centre, children's doctors
                    (community paediatricians) and therapists work together to assess
                    young children with developmental needs. A health visitor or GP
                    usually refers your child. Read more about
                    <a href="/health/health-services/">health services</a>.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>Starting school</h2>
            <p>Most children start in a Reception class in the September after they
            turn 4. Your child does not have to be in school until the term after their
            fifth birthday. If your child was born between April and August, you can ask
            for them to start Reception a year later, at age 5.</p>
            <p>Apply for a school place through the council's school admissions team.
            If your child has an education, health and care (EHC) plan, the school is
            named in the plan instead. Tell your setting early, so they can plan a good
            move with the new school.</p>
            """
        ),
        inset_text(
            """<p>If your child needs more help than their setting can give, you or the
            setting can ask the council for an
            <a href="/ehc-needs-assessments-and-plans/asking-for-an-ehc-needs-assessment/">
            EHC needs assessment</a>. There is no lower age limit.</p>"""
        ),
        services_in_topic(
            "Early years services in the directory",
            ["nurseries", "childcare", "speech-and-language-therapy", "parent-support"],
            6,
        ),
        contacts.early_years_inclusion_team(),
        related_links(
            "Related pages",
            [
                ("Finding childcare", "/childcare/finding-childcare/"),
                ("Funded childcare", "/childcare/funded-childcare/"),
                ("Health services", "/health/health-services/"),
                ("Parent carer forum", "/information-advice-and-support/parent-carer-forum/"),
            ],
        ),
    ],
)

SEN_SUPPORT = page(
    slug="sen-support-in-mainstream-schools",
    title="SEN support in mainstream schools",
    summary="""What mainstream schools must do for children with special educational
    needs, and how the assess, plan, do, review cycle works.""",
    body=[
        rich_text(
            """
            <p>Most children with special educational needs (SEN) go to a local
            mainstream school. Mainstream schools must do their best to give your child
            the help they need. The help a school gives is called SEN support.</p>
            <h2>What every school must do</h2>
            <p>All state-funded schools, including academies and free schools, must:</p>
            <ul>
            <li>use their "best endeavours" to get your child the help they need. This
            means they must try their hardest</li>
            <li>have a special educational needs coordinator (SENCO). The SENCO is a
            qualified teacher who organises SEN support in the school</li>
            <li>tell you when they start giving your child SEN support</li>
            <li>publish an SEN information report on their website each year. It says
            how the school supports pupils with SEN</li>
            <li>make reasonable adjustments for disabled pupils, and have a plan to make
            the school more accessible</li>
            <li>support pupils with medical conditions, for example with an individual
            healthcare plan</li>
            </ul>
            <h2>The four areas of need</h2>
            <p>Schools think about needs in four broad areas. Many children have needs in
            more than one.</p>
            <ul>
            <li>communication and interaction, for example speech and language needs or
            autism</li>
            <li>cognition and learning, for example dyslexia or a learning
            disability</li>
            <li>social, emotional and mental health</li>
            <li>sensory or physical needs, for example hearing loss, sight loss or a
            physical disability</li>
            </ul>
            <h2>The graduated approach: assess, plan, do, review</h2>
            <p>SEN support follows a cycle. The law calls this the graduated approach.
            Each time round the cycle, the school learns more about what works for your
            child. If your child needs more help, the support can grow.</p>
            """
        ),
        accordion(
            "The four stages",
            [
                (
                    "Assess",
                    "Find out what your child needs",
                    """<p>The class teacher and SENCO look at how your child is doing.
                    They use test results, what they see in class, and what you and your
                    child tell them. They may ask a specialist, such as an educational
                    psychologist or a speech and language therapist, for advice.</p>""",
                ),
                (
                    "Plan",
                    "Agree the support and the goals",
                    """<p>The school agrees a plan with you and your child. It should say
                    what help your child will get, who will give it, how often, and what
                    it should achieve. Schools call this an SEN support plan, a pupil
                    passport or a provision map. Ask for a copy.</p>""",
                ),
                (
                    "Do",
                    "Put the plan in place",
                    """<p>The class teacher is still responsible for your child's
                    learning every day, even if a teaching assistant or specialist also
                    works with them. The SENCO supports the teacher.</p>""",
                ),
                (
                    "Review",
                    "Check what is working",
                    """<p>The school checks how well the support is working, on the date
                    agreed in the plan. You and your child should be part of this. Then
                    the cycle starts again, with changes if needed.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>Working with the school</h2>
            <p>Schools should meet you at least 3 times a year to talk about your child's
            SEN support. These meetings are often at parents' evenings, but can be at
            other times. You can ask to meet the SENCO at any time if you are
            worried.</p>
            <p>Tips for meetings:</p>
            <ul>
            <li>write down your questions before you go</li>
            <li>bring anything useful, such as reports from doctors or therapists</li>
            <li>ask what the school will do, who will do it, and when it will be
            checked</li>
            <li>ask for notes of the meeting</li>
            <li>take a friend, or someone from <a
            href="/information-advice-and-support/sendiass/">SENDIASS</a>, our free and impartial
            advice service, if that would help</li>
            </ul>
            <h2>Money for SEN support</h2>
            <p>Every school has money in its budget for SEN support. If a child needs
            a lot of extra help, the school can ask the council for more money. You do
            not need to apply for this yourself.</p>
            <h2>If SEN support is not enough</h2>
            <p>Some children still do not make enough progress, even with good SEN
            support. If this happens, you or the school can ask the council for an
            <a href="/ehc-needs-assessments-and-plans/asking-for-an-ehc-needs-assessment/">
            education, health and care (EHC) needs assessment</a>. You do not have to
            wait for the school to agree.</p>
            """
        ),
        warning_text(
            """A school must not send your child home for part of the day, or ask you to
            keep them at home, unless it is a formal exclusion. If this happens, contact
            SENDIASS for advice."""
        ),
        services_in_topic(
            "Support for learning in the directory",
            ["education-support", "tutoring", "speech-and-language-therapy"],
            6,
        ),
        related_links(
            "Related pages",
            [
                ("What an EHC plan is", "/ehc-needs-assessments-and-plans/what-is-an-ehc-plan/"),
                ("Health services", "/health/health-services/"),
                ("How to complain", "/complaints-mediation-and-tribunal/how-to-complain/"),
                ("SENDIASS", "/information-advice-and-support/sendiass/"),
            ],
        ),
    ],
)

SPECIAL_SCHOOLS = page(
    slug="special-schools-and-resourced-provision",
    title="Special schools, resourced provision and independent special schools",
    summary="""Specialist school places in Northbridge and beyond, and how the council
    decides which school to name in an EHC plan.""",
    body=[
        rich_text(
            """
            <p>Most children with special educational needs and disabilities (SEND) learn
            in mainstream schools. Some children need a more specialist place. This page
            explains the choices and how places are decided.</p>
            <h2>Types of specialist place</h2>
            <ul>
            <li><strong>Special schools</strong> are only for pupils with special
            educational needs. Classes are small and staff have specialist training.</li>
            <li><strong>Resourced provision</strong> is a specialist base inside a
            mainstream school. Pupils get extra teaching in the base, and spend time in
            mainstream classes too. You may also hear it called a unit or an enhanced
            resource.</li>
            <li><strong>Non-maintained and independent special schools</strong> are not
            run by the council. The council pays for a place only if the school is named
            in your child's education, health and care (EHC) plan.</li>
            </ul>
            <p>Almost all pupils in these places have an EHC plan. The council decides
            places through the EHC plan process, not through normal school
            admissions.</p>
            """
        ),
        table(
            "Specialist schools and bases in Northbridge",
            ["School", "Type", "Ages", "Main needs"],
            [
                [
                    "Riverside School",
                    "Special school",
                    "2 to 19",
                    "Severe and profound learning difficulties, complex medical needs",
                ],
                ["Oakfield Academy", "Special academy", "4 to 16", "Autism"],
                [
                    "Hillcrest School",
                    "Special school",
                    "7 to 16",
                    "Social, emotional and mental health",
                ],
                [
                    "St Anne's Primary School",
                    "Resourced provision",
                    "4 to 11",
                    "Speech, language and communication",
                ],
                [
                    "Marlow Park Academy",
                    "Resourced provision",
                    "11 to 16",
                    "Autism",
                ],
                [
                    "Northbridge High School",
                    "Resourced provision",
                    "11 to 18",
                    "Deaf and hearing impaired",
                ],
            ],
        ),
        rich_text(
            """
            <h2>Independent special schools on the section 41 list</h2>
            <p>The government keeps a list of approved independent special schools and
            specialist colleges. It is called the section 41 list, after the part of the
            Children and Families Act 2014 that created it.</p>
            <p>You can ask for a school on this list to be named in your child's EHC
            plan, in the same way as a state school. The council must agree unless:</p>
            <ul>
            <li>the school is not suitable for your child's age, ability, aptitude or
            special educational needs, or</li>
            <li>your child going there would not fit with the efficient education of
            other children, or the efficient use of resources</li>
            </ul>
            <p>You can also ask for an independent school that is not on the list. The
            council must think about your request carefully, but the rules above do not
            apply in the same way.</p>
            <h2>How a school is named in an EHC plan</h2>
            <p>When the council sends you a draft EHC plan, you have 15 days to say which
            school or college you want. The council must then ask that school. The school
            has 15 days to reply. The council makes the final decision and names the
            school in section I of the plan.</p>
            <p>If you disagree with the school named, you can appeal to the
            <a href="/complaints-mediation-and-tribunal/send-tribunal/">First-tier
            Tribunal (SEND)</a>.</p>
            """
        ),
        details(
            "Help with visiting schools",
            """<p>Visit more than one school if you can. Take your child if it helps.
            You could ask:</p>
            <ul>
            <li>How many children are in each class, and how many adults?</li>
            <li>Which therapists work in the school, and how often?</li>
            <li>How do you help children settle when they start?</li>
            <li>How do you keep in touch with parents?</li>
            <li>What do pupils go on to do when they leave?</li>
            </ul>""",
        ),
        inset_text(
            """<p>There is a legal presumption in favour of mainstream education. This
            means your child should go to a mainstream school unless that is not what
            you want, or it would not work for other children. If you want a special
            school, you have the right to ask for one.</p>"""
        ),
        contacts.send_team(),
        related_links(
            "Related pages",
            [
                ("What an EHC plan is", "/ehc-needs-assessments-and-plans/what-is-an-ehc-plan/"),
                ("Statutory timescales", "/ehc-needs-assessments-and-plans/timescales/"),
                ("Home to school travel", "/travel/home-to-school-travel/"),
            ],
        ),
    ],
)

POST_16 = page(
    slug="post-16-education",
    title="Colleges, sixth forms and learning after 16",
    summary="""Your choices for learning after Year 11, including sixth forms, colleges,
    supported internships and money to help you study.""",
    body=[
        rich_text(
            """
            <p>In England, you must stay in education or training until you are 18. This
            does not have to mean staying at school. This page is for young people and
            their families.</p>
            <h2>Your choices at 16</h2>
            """
        ),
        accordion(
            "",
            [
                (
                    "School sixth form",
                    "Stay on at school, or move to another school's sixth form",
                    """<p>Many schools, including some special schools, teach students up
                    to 19. Courses include A levels, vocational courses and courses to get
                    ready for work and adult life.</p>""",
                ),
                (
                    "Further education college",
                    "A wide range of courses, from entry level up to degree level",
                    """<p>Northbridge College offers full-time and part-time courses at
                    every level. Its Foundation Learning department runs courses for
                    students with learning difficulties, focused on independence, work
                    skills, English and maths.</p>""",
                ),
                (
                    "Specialist college",
                    "For students with complex needs",
                    """<p>Specialist post-16 colleges give education, therapy and care
                    in one place. Some are residential. A place is usually only paid for
                    when it is named in an education, health and care (EHC) plan.</p>""",
                ),
                (
                    "Supported internship",
                    "A year of learning in a real workplace",
                    """<p>Supported internships are for young people aged 16 to 24 with an
                    EHC plan who want to work. You spend most of your week at an employer,
                    with a job coach. Read more on the
                    <a href="/preparing-for-adulthood/employment/">employment
                    page</a>.</p>""",
                ),
                (
                    "Apprenticeship",
                    "A paid job with training",
                    """<p>Apprentices earn a wage and study for a qualification. If you have
                    an EHC plan, the English and maths level you need may be lowered.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>Support at college</h2>
            <p>Colleges must do their best to meet your needs. Every college has a named
            person for special educational needs. Tell the college about your needs when
            you apply. You can visit and ask about support before you choose.</p>
            <p>If you have an EHC plan, your annual review in Year 11 should look at your
            choices. The council must finish that review and name your college or sixth
            form in your plan by 31 March in the year you move.</p>
            <h2>You can make your own decisions</h2>
            <p>After the end of the school year in which you turn 16, you have the right
            to make your own decisions about your education and your EHC plan. You can
            ask your parents or someone else to help you. If you find decisions hard,
            the law has rules to protect you.</p>
            <h2>EHC plans after 19</h2>
            <p>An EHC plan can last until you are 25, if you still need it to make
            progress in education or training. It does not carry on automatically. A
            plan usually ends if you go to university or start a paid job.</p>
            <h2>Money to help you study</h2>
            """
        ),
        table(
            "Help with costs",
            ["Help", "Who it is for", "How to get it"],
            [
                [
                    "16 to 19 Bursary Fund: vulnerable student bursary",
                    """Students aged 16 to 18 who are in care or leaving care, or who get
                    certain benefits in their own name, such as Universal Credit with
                    Disability Living Allowance or Personal Independence Payment""",
                    "Ask the student support office at your school or college",
                ],
                [
                    "16 to 19 Bursary Fund: discretionary bursary",
                    "Students who need help with costs such as travel, books or meals",
                    "Ask your school or college. Each one has its own rules",
                ],
                [
                    "Free meals in further education",
                    "Students from families on a low income",
                    "Ask your college",
                ],
                [
                    "Disabled Students' Allowance",
                    "Students at university with a disability or health condition",
                    "Apply through student finance when you apply for a student loan",
                ],
            ],
        ),
        services_in_topic(
            "Post-16 support in the directory",
            ["supported-internships", "employment-and-training", "independent-living-skills"],
            6,
        ),
        call_to_action(
            "Plan your next steps",
            """Our preparing for adulthood pages cover work, living independently,
            friends and health.""",
            "Preparing for adulthood",
            "/preparing-for-adulthood/planning-from-year-9/",
        ),
        related_links(
            "Related pages",
            [
                ("Post-16 travel", "/travel/post-16-travel/"),
                ("Annual reviews", "/ehc-needs-assessments-and-plans/annual-reviews/"),
                ("Employment", "/preparing-for-adulthood/employment/"),
            ],
        ),
    ],
)

HOME_EDUCATION = page(
    slug="home-education-and-eotas",
    title="Home education and education otherwise than at school",
    summary="""The difference between choosing to educate your child at home and the
    council arranging education outside school.""",
    body=[
        rich_text(
            """
            <p>Most children learn at school. But some children learn at home or in other
            places. There are two very different ways this can happen:</p>
            <ul>
            <li><strong>elective home education</strong>: you choose to teach your child
            yourself, and you are responsible for it</li>
            <li><strong>education otherwise than at school (EOTAS)</strong>: the council
            agrees that school is not right for your child, and arranges and pays for
            education somewhere else</li>
            </ul>
            """
        ),
        table(
            "Home education and EOTAS compared",
            ["", "Elective home education", "EOTAS"],
            [
                ["Who decides", "You", "The council, through the EHC plan"],
                ["Who arranges it", "You", "The council"],
                ["Who pays", "You", "The council"],
                [
                    "Does your child need an EHC plan?",
                    "No",
                    "Yes. It is written in section F of the plan",
                ],
            ],
        ),
        rich_text(
            """
            <h2>Elective home education</h2>
            <p>You have the right to educate your child at home. The education must be
            full-time and suitable for your child's age, ability and aptitude, and any
            special educational needs.</p>
            <p>To start, write to the head teacher and ask them to take your child off
            the school roll. If your child goes to a special school because of an
            education, health and care (EHC) plan, you need the council's agreement
            first.</p>
            <p>The council's Elective Home Education Team will contact you. They check
            that the education is suitable, and offer advice. You do not have to follow
            the national curriculum.</p>
            <h3>If your child has an EHC plan</h3>
            <p>The plan stays in place. The council must still review it at least every
            12 months. If the council agrees that your own arrangements are suitable, it
            does not have to arrange the special educational help in the plan. The
            health and social care parts of the plan still apply.</p>
            """
        ),
        warning_text(
            """No one should put pressure on you to home educate. If a school suggests it
            because they cannot meet your child's needs, talk to SENDIASS, the free and impartial
            advice service for families, before you decide."""
        ),
        rich_text(
            """
            <h2>Education otherwise than at school (EOTAS)</h2>
            <p>Sometimes school is not the right place for a child to get the help
            they need, even a special school. If the council agrees, it can arrange
            special educational provision outside school. For example, a package of
            tutors, therapy and activities. The law for this is section 61 of the
            Children and Families Act 2014.</p>
            <p>EOTAS is written into section F of the EHC plan. You can ask for it during
            an EHC needs assessment or at an annual review. You can ask to hold some of
            the money as a <a href="/personal-budgets/what-is-a-personal-budget/">personal
            budget</a>.</p>
            <h2>If your child is too ill to go to school</h2>
            <p>If your child cannot go to school because of their health, the council must
            arrange suitable education. This usually starts when your child will miss 15
            school days or more, in a row or added up over a school year. The Northbridge
            Medical Needs Tuition Service teaches children at home, in hospital or in
            small groups.</p>
            <p>Ask your child's school to refer them, with advice from a doctor.</p>
            """
        ),
        contact_card(
            name="Elective Home Education Team",
            description="Advice and support for families who educate their children at home.",
            phone="01632 960 230",
            email="ehe@northbridge.example",
            address=contacts.CIVIC_CENTRE,
            opening_hours=contacts.OFFICE_HOURS,
        ),
        services_in_topic(
            "Tutoring and learning support in the directory",
            ["tutoring", "education-support"],
            6,
        ),
        related_links(
            "Related pages",
            [
                ("SENDIASS", "/information-advice-and-support/sendiass/"),
                ("What an EHC plan is", "/ehc-needs-assessments-and-plans/what-is-an-ehc-plan/"),
                ("Direct payments", "/personal-budgets/direct-payments/"),
            ],
        ),
    ],
)

SECTION = {
    "slug": "education",
    "title": "Education",
    "intro": """Support for learning from birth to 25: nurseries, schools, special
    schools, colleges and other ways to learn.""",
    "pages": [EARLY_YEARS, SEN_SUPPORT, SPECIAL_SCHOOLS, POST_16, HOME_EDUCATION],
}
