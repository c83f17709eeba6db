"""Health section: health services, mental health, personal health budgets."""

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

HEALTH_SERVICES = page(
    slug="health-services",
    title="Health services for children and young people with SEND",
    summary="""NHS services for children and young people with special educational needs
    and disabilities, from health visitors to wheelchair services.""",
    body=[
        rich_text(
            """
            <p>Many NHS services help children and young people with special educational
            needs and disabilities (SEND). In Northbridge, most community health services
            for children are run by Northbridge Community Health NHS Trust. The local
            NHS body that plans and pays for them is NHS Northbridge Integrated Care
            Board (ICB).</p>
            <p>Your GP (family doctor) is often the first person to talk to. Many services
            also take referrals from health visitors, school nurses and schools. Some
            services let you refer your child yourself.</p>
            """
        ),
        accordion(
            "Services and how to get them",
            [
                (
                    "Health visitors",
                    "For families with children under 5",
                    """<p>Health visitors are nurses or midwives with extra training. They
                    check how your baby and young child is growing and developing, and
                    give advice on feeding, sleep and behaviour. They can refer your child
                    to other services. You can self-refer.</p>""",
                ),
                (
                    "School nurses",
                    "For children and young people aged 5 to 19",
                    """<p>School nurses work with schools and families on health needs,
                    such as continence, sleep and emotional health. They help schools write
                    individual healthcare plans for pupils with medical conditions. You
                    can self-refer. Young people can also text the school nursing service
                    confidentially.</p>""",
                ),
                (
                    "Community paediatrics",
                    "Children's doctors who assess development and disability",
                    """<p>Community paediatricians are children's doctors who see children
                    with developmental delay, disability or complex needs. They lead
                    assessments for autism in children under 5 and give health advice for
                    EHC needs assessments. Your GP, health visitor or school nurse can
                    refer your child.</p>""",
                ),
                (
                    "Speech and language therapy",
                    "Help with talking, understanding, eating and drinking",
                    """<p>Speech and language therapists help children who find it hard to
                    communicate, or to eat, drink and swallow safely. They work with you,
                    and with staff at your child's nursery or school. You can self-refer
                    for children under 5. For older children, the school usually
                    refers.</p>""",
                ),
                (
                    "Occupational therapy",
                    "Help with everyday tasks such as dressing, writing and eating",
                    """<p>Occupational therapists help children take part in everyday
                    activities. The NHS service helps with physical and motor needs. The
                    council's occupational therapists look at equipment and changes to
                    your home. Your GP, school or social worker can refer you.</p>""",
                ),
                (
                    "Physiotherapy",
                    "Help with movement, posture and strength",
                    """<p>Children's physiotherapists help with movement, balance and
                    posture. They may set exercises, advise on equipment such as standing
                    frames, and train school staff. Your GP or paediatrician can refer
                    your child.</p>""",
                ),
                (
                    "Mental health services",
                    "Help with emotional wellbeing and mental health",
                    """<p>Read about
                    <a href="/health/mental-health-and-wellbeing/">mental health and
                    wellbeing support</a>, including CAMHS (child and adolescent mental
                    health services).</p>""",
                ),
                (
                    "Children's continuing care",
                    "For children with very complex health needs",
                    """<p>Some children under 18 have health needs so complex that
                    ordinary NHS services cannot meet them. They may be eligible for a
                    package of continuing care, arranged by the ICB. A nurse assesses your
                    child using a national framework. If your child is eligible, you have
                    the right to a <a href="/health/personal-health-budgets/">personal
                    health budget</a>.</p>""",
                ),
                (
                    "Wheelchair service",
                    "Wheelchairs and seating for children who need them every day",
                    """<p>The wheelchair service assesses children and young people who
                    need a wheelchair for everyday use. It provides, fits and repairs
                    chairs. You can ask for a personal wheelchair budget, which lets you
                    choose a different chair and add money if you want to. Your GP or
                    therapist can refer your child.</p>""",
                ),
                (
                    "Specialist nursing",
                    "Community children's nurses, epilepsy and diabetes nurses",
                    """<p>Community children's nurses care for children with complex or
                    long-term conditions at home and in school. Specialist nurses support
                    children with conditions such as epilepsy and diabetes. The hospital
                    or your GP usually refers your child.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>Health and EHC plans</h2>
            <p>If your child is having an education, health and care (EHC) needs
            assessment, health professionals who know your child will send advice. Health
            care that your child needs because of their SEND is written in section G of
            the plan. The NHS must make sure it is provided.</p>
            <p>The ICB has a Designated Clinical Officer (DCO). The DCO makes sure health
            services play their part in SEND. If health advice is late or unclear, you can
            contact the DCO.</p>
            <h2>Waiting times</h2>
            <p>Some services have long waits. We publish average waiting times each
            quarter. While you wait, ask the service what support is available, and look
            at the directory for groups and activities that may help.</p>
            """
        ),
        services_in_topic(
            "Therapy and health services in the directory",
            [
                "health-services",
                "speech-and-language-therapy",
                "occupational-therapy",
                "physiotherapy",
                "equipment-and-adaptations",
            ],
            8,
        ),
        contacts.childrens_community_health(),
        contact_card(
            name="Designated Clinical Officer for SEND",
            description="NHS Northbridge Integrated Care Board.",
            phone="01632 960 470",
            email="dco@northbridge.example",
            opening_hours="Monday to Friday, 9am to 5pm.",
        ),
        related_links(
            "Related pages",
            [
                ("Personal health budgets", "/health/personal-health-budgets/"),
                ("Good health as an adult", "/preparing-for-adulthood/good-health/"),
                ("How to complain", "/complaints-mediation-and-tribunal/how-to-complain/"),
            ],
        ),
    ],
)

MENTAL_HEALTH = page(
    slug="mental-health-and-wellbeing",
    title="Mental health and emotional wellbeing",
    summary="""Where children and young people can get help with worries, low mood,
    anxiety and other mental health needs.""",
    body=[
        warning_text(
            """If a child or young person is in danger now, call 999 or go to
            A&E (accident and emergency).
            For urgent help that is not an emergency, call NHS 111 and choose the mental
            health option. It is open 24 hours a day."""
        ),
        rich_text(
            """
            <p>Children and young people with special educational needs and disabilities
            are more likely to have mental health needs. Getting help early makes a
            difference. You do not need a diagnosis to get support.</p>
            <h2>Help in school or college</h2>
            <p>Schools and colleges have a senior mental health lead. Many Northbridge
            schools also have a mental health support team. These teams give short,
            practical help for mild to moderate worries, low mood and anxiety. They also
            help parents. Ask the school's special educational needs coordinator (SENCO) or mental
            health lead.</p>
            <h2>Help you can get yourself</h2>
            <ul>
            <li>your GP can talk to you and refer you to other services</li>
            <li>school nurses offer drop-in sessions in secondary schools</li>
            <li>young people aged 11 to 25 can use free online counselling through the
            council's "Talk it Through" service, without a referral</li>
            <li>local groups and activities in the directory can help with confidence and
            friendships</li>
            </ul>
            """
        ),
        accordion(
            "Specialist mental health services",
            [
                (
                    "Child and adolescent mental health services (CAMHS)",
                    "For children and young people up to age 18",
                    """<p>Northbridge CAMHS helps children and young people with more
                    serious or long-lasting mental health needs. It includes a learning
                    disability team, who understand how mental health needs can look
                    different in children with learning disabilities or autism. Referrals
                    come from GPs, schools, social workers and other professionals. Young
                    people aged 16 and over can refer themselves.</p>""",
                ),
                (
                    "Autism and ADHD assessments",
                    "The neurodevelopmental pathway",
                    """<p>Children aged 5 and over are assessed for autism and attention
                    deficit hyperactivity disorder (ADHD) through the neurodevelopmental
                    pathway. Waiting times are long. Your child can get support at school
                    and in the community while they wait. A diagnosis is not needed for
                    SEN support or an EHC needs assessment.</p>""",
                ),
                (
                    "Eating disorders",
                    "A specialist team for young people",
                    """<p>The community eating disorder service sees young people with
                    eating disorders. Urgent cases are seen within 1 week. GPs refer, or
                    young people can self-refer.</p>""",
                ),
                (
                    "Moving to adult mental health services",
                    "Planning from age 17",
                    """<p>If a young person still needs help at 18, CAMHS should start
                    planning the move to adult services at least 6 months before. Read
                    about <a href="/preparing-for-adulthood/good-health/">good health in
                    adulthood</a>.</p>""",
                ),
            ],
        ),
        details(
            "Help with looking after yourself as a parent or carer",
            """<p>Caring for a child with SEND can be tiring and stressful. Your own
            wellbeing matters. Talk to your GP, or refer yourself to NHS Talking
            Therapies. You can also ask for a
            <a href="/social-care/carers-assessments/">parent carer needs
            assessment</a>, or meet other parents through the
            <a href="/information-advice-and-support/parent-carer-forum/">parent carer
            forum</a>.</p>""",
        ),
        inset_text(
            """<p>A young person with mental health needs may be able to get an education,
            health and care (EHC) plan if those needs affect their learning. Social,
            emotional and mental health is one of the four areas of special educational
            need.</p>"""
        ),
        services_in_topic(
            "Wellbeing services in the directory",
            ["mental-health-and-wellbeing", "parent-support", "play-and-youth-groups"],
            6,
        ),
        contact_card(
            name="Northbridge CAMHS",
            description="""Child and adolescent mental health services, run by Northbridge
            Community Health NHS Trust.""",
            phone="01632 960 460",
            email="camhs@northbridge.example",
            address="The Willows, 22 Station Road, Northbridge NB1 4HW",
            opening_hours="""Monday to Friday, 9am to 5pm. At other times, call NHS 111 and
            choose the mental health option.""",
        ),
    ],
)

PERSONAL_HEALTH_BUDGETS = page(
    slug="personal-health-budgets",
    title="Personal health budgets",
    summary="""An amount of NHS money to meet a child or young person's health needs in
    a way that suits them, planned with the NHS.""",
    body=[
        rich_text(
            """
            <p>A personal health budget is an amount of money to support a person's
            health and wellbeing needs. You plan it with your NHS team. It gives you more
            choice and control over the care your child gets.</p>
            <p>It is not new money. It is the money the NHS would spend on your child's
            care anyway, used in a way that suits your child and your family better.</p>
            <h2>Who has the right to one</h2>
            <p>You have a legal right to a personal health budget if your child or young
            person:</p>
            <ul>
            <li>is eligible for children's continuing care (under 18)</li>
            <li>is eligible for NHS continuing healthcare (18 and over)</li>
            <li>needs a wheelchair for everyday use. This is called a personal wheelchair
            budget</li>
            <li>gets aftercare under section 117 of the Mental Health Act 1983</li>
            </ul>
            <p>NHS Northbridge Integrated Care Board (ICB) may also offer a personal
            health budget to other children and young people with long-term health needs.
            You can ask, and the ICB must think about your request. If your child has an
            education, health and care (EHC) plan, you can ask for health money to be part
            of their <a href="/personal-budgets/what-is-a-personal-budget/">personal
            budget</a>.</p>
            <h2>How it works</h2>
            <ol>
            <li>The NHS assesses your child's health needs.</li>
            <li>You are told how much money is available.</li>
            <li>You write a personalised care and support plan with the NHS. It says what
            your child needs, what will help, and how the money will be spent.</li>
            <li>The NHS agrees the plan and the money is set up.</li>
            <li>The plan is reviewed after 3 months, then at least once a year.</li>
            </ol>
            """
        ),
        table(
            "Ways to hold a personal health budget",
            ["Option", "How it works"],
            [
                [
                    "Notional budget",
                    "The NHS holds the money and arranges the care you have agreed",
                ],
                [
                    "Third party budget",
                    "An organisation holds the money for you and pays for the care",
                ],
                [
                    "Direct payment",
                    """The money is paid to you to buy the care yourself. You must keep
                    records and show how it was spent""",
                ],
            ],
        ),
        rich_text(
            """
            <h2>What it can pay for</h2>
            <p>A personal health budget can pay for things in the care plan that meet your
            child's health needs. For example, carers or personal assistants, therapy, or
            equipment.</p>
            <h2>What it cannot pay for</h2>
            <ul>
            <li>emergency or urgent care</li>
            <li>services from your GP</li>
            <li>medicines and prescriptions</li>
            <li>vaccinations, screening and NHS health checks</li>
            <li>dental charges</li>
            <li>hospital treatment such as surgery</li>
            <li>alcohol, tobacco, gambling or paying off debt</li>
            </ul>
            """
        ),
        inset_text(
            """<p>You can get help to plan and manage a personal health budget. The ICB's
            personal health budgets team can put you in touch with an independent support
            organisation.</p>"""
        ),
        contact_card(
            name="Personal Health Budgets Team",
            description="NHS Northbridge Integrated Care Board.",
            phone="01632 960 475",
            email="phb@northbridge.example",
            opening_hours="Monday to Friday, 9am to 5pm.",
        ),
        related_links(
            "Related pages",
            [
                ("Direct payments", "/personal-budgets/direct-payments/"),
                ("Funding streams and pooling", "/personal-budgets/funding-streams/"),
                ("Health services", "/health/health-services/"),
            ],
        ),
    ],
)

SECTION = {
    "slug": "health",
    "title": "Health",
    "intro": """NHS health services for children and young people with SEND, mental
    health support, and personal health budgets.""",
    "pages": [HEALTH_SERVICES, MENTAL_HEALTH, PERSONAL_HEALTH_BUDGETS],
}
