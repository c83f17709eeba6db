"""Complaints, mediation and tribunal."""

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

HOW_TO_COMPLAIN = page(
    slug="how-to-complain",
    title="How to complain",
    summary="""How to complain about a school, the council, social care or the NHS, and
    what to do if you are still unhappy.""",
    body=[
        rich_text(
            """
            <p>If you are unhappy with a service, it is usually best to talk to the person
            involved first. Many problems can be sorted out quickly this way. If that does
            not work, you can make a formal complaint.</p>
            <p>Who you complain to depends on who provides the service. If your complaint
            is about more than one service, you can send it to the council. We will work
            with the school or the NHS so that you get one joined-up reply.</p>
            """
        ),
        accordion(
            "Who to complain to",
            [
                (
                    "A school or college",
                    "Use the school or college's complaints procedure",
                    """<p>Every school must publish a complaints procedure, usually on its
                    website. It normally has stages: the class teacher or special educational needs
                    coordinator (SENCO), then the head teacher, then the governors or academy
                    trust. If you have been
                    through every stage and think the school did not follow its own
                    procedure, you can contact the Department for Education.</p>
                    <p>If you think a school has discriminated against your disabled child,
                    you can make a claim to the
                    <a href="/complaints-mediation-and-tribunal/send-tribunal/">First-tier
                    Tribunal (SEND)</a>, within 6 months.</p>""",
                ),
                (
                    "The council",
                    "For SEND services, travel assistance and most council services",
                    """<p>Our complaints procedure has two stages.</p>
                    <ul>
                    <li>Stage 1: a manager from the service looks into your complaint and
                    replies within 10 working days</li>
                    <li>Stage 2: if you are still unhappy, a senior officer reviews it and
                    replies within 20 working days</li>
                    </ul>""",
                ),
                (
                    "Children's social care",
                    "A procedure set out in law, with three stages",
                    """<ul>
                    <li>Stage 1: local resolution by the team, usually within 10 working
                    days, and no more than 20</li>
                    <li>Stage 2: an investigation by someone independent, within 25 to 65
                    working days</li>
                    <li>Stage 3: a review panel, if you are still unhappy</li>
                    </ul>
                    <p>Children and young people can complain themselves, and can have a
                    free advocate to help them.</p>""",
                ),
                (
                    "The NHS",
                    "Complain to the service or to the Integrated Care Board",
                    """<p>Complain to the NHS service, such as the hospital or community
                    health trust, or to NHS Northbridge Integrated Care Board. You should
                    complain within 12 months. A free, independent NHS complaints advocacy
                    service can help you.</p>
                    <p>If you are still unhappy, you can go to the Parliamentary and
                    Health Service Ombudsman.</p>""",
                ),
                (
                    "A nursery or childminder",
                    "Complain to the provider, then Ofsted",
                    """<p>Early years providers must have a complaints procedure. If you are
                    still worried, you can contact Ofsted.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>The Local Government and Social Care Ombudsman</h2>
            <p>If you have been through the council's complaints procedure and are still
            unhappy, you can ask the Local Government and Social Care Ombudsman to look at
            your complaint. The Ombudsman is independent and free. It can look at how the
            council has dealt with things such as education, health and care (EHC) needs
            assessments, delays, short
            breaks and travel assistance.</p>
            <p>You should usually contact the Ombudsman within 12 months of finding out
            about the problem. The Ombudsman usually cannot look at things you can appeal
            to the SEND Tribunal.</p>
            <h2>Making your complaint</h2>
            <ul>
            <li>say clearly what went wrong and when</li>
            <li>say what you would like to happen to put it right</li>
            <li>include copies of letters or emails</li>
            <li>keep a copy of everything</li>
            </ul>
            """
        ),
        details(
            "Help with making a complaint",
            """<p>SENDIASS, our free and impartial advice service, can help you write a complaint.
            If you have a disability or do
            not speak English, tell us and we will help you make your complaint in the way
            that suits you, for example by phone or in person.</p>""",
        ),
        call_to_action(
            "Make a complaint to the council",
            "Use our online form. You can also complain by phone, email or letter.",
            "Make a complaint",
            "https://www.northbridge.example/complaints",
        ),
        contacts.complaints_team(),
        related_links(
            "Related pages",
            [
                (
                    "Disagreement resolution",
                    "/complaints-mediation-and-tribunal/disagreement-resolution/",
                ),
                ("Mediation", "/complaints-mediation-and-tribunal/mediation/"),
                ("Local Government and Social Care Ombudsman", "https://www.lgo.org.uk"),
            ],
        ),
    ],
)

DISAGREEMENT_RESOLUTION = page(
    slug="disagreement-resolution",
    title="Disagreement resolution services",
    summary="""A free, independent service to help sort out disagreements about special
    educational needs before they become bigger problems.""",
    body=[
        rich_text(
            """
            <p>Sometimes families, schools, colleges, the council and the NHS disagree
            about a child's special educational needs (SEN) or the help they get. The council
            must provide a free disagreement resolution service to help. In Northbridge it
            is run by Common Ground Mediation, which is independent of the council.</p>
            <h2>What it can help with</h2>
            <p>You can use it for disagreements about:</p>
            <ul>
            <li>how a school, college or early years setting is supporting your child. This
            includes children on SEN support, not just those with an education, health and
            care (EHC) plan</li>
            <li>how the council is carrying out its duties, for example during an EHC needs
            assessment</li>
            <li>health or social care support during an EHC needs assessment or in an EHC
            plan</li>
            </ul>
            <p>It can also help when the council and the NHS disagree with each
            other.</p>
            <h2>How it works</h2>
            <p>An independent facilitator meets with everyone involved. They help each side
            listen and understand the other, and look for a way forward that everyone can
            accept. The facilitator does not take sides and does not make decisions.</p>
            <p>Everyone has to agree to take part. You can stop at any time.</p>
            """
        ),
        table(
            "Disagreement resolution and mediation compared",
            ["", "Disagreement resolution", "Mediation"],
            [
                [
                    "What it is for",
                    "Any disagreement about SEN, at any time",
                    "Decisions you could appeal to the SEND Tribunal",
                ],
                [
                    "Needed before an appeal?",
                    "No",
                    "You must at least get mediation information first, for most appeals",
                ],
                ["Cost to you", "Free", "Free"],
                ["Who runs it", "Common Ground Mediation", "Common Ground Mediation"],
            ],
        ),
        inset_text(
            """<p>Using disagreement resolution does not affect your right to appeal to the
            SEND Tribunal or to make a complaint. But time limits for appeals still apply,
            so check them.</p>"""
        ),
        contacts.mediation_service(),
        related_links(
            "Related pages",
            [
                ("Mediation", "/complaints-mediation-and-tribunal/mediation/"),
                ("How to complain", "/complaints-mediation-and-tribunal/how-to-complain/"),
            ],
        ),
    ],
)

MEDIATION = page(
    slug="mediation",
    title="Mediation",
    summary="""Before most appeals to the SEND Tribunal you must think about mediation.
    How it works and the time limits.""",
    body=[
        rich_text(
            """
            <p>Mediation is a meeting, led by an independent mediator, to help you and the
            council reach an agreement. It is free, confidential and often quicker than an
            appeal.</p>
            <h2>When you must think about mediation</h2>
            <p>Before you can appeal to the First-tier Tribunal (SEND) you must contact a
            mediation adviser and get a certificate. You do not have to go to mediation.
            You only have to find out about it.</p>
            <p>You do not need a certificate if your appeal is only about the school or
            college named in section I of the plan, or about disability
            discrimination.</p>
            <h2>Steps and time limits</h2>
            """
        ),
        table(
            "Mediation time limits",
            ["Step", "Time limit"],
            [
                [
                    "You contact Common Ground Mediation",
                    """As soon as you can. You have 2 months from the date of the decision
                    letter to appeal""",
                ],
                [
                    "You decide not to mediate: you get a certificate",
                    "Within 3 working days of contacting the mediation adviser",
                ],
                [
                    "You decide to mediate: the mediation meeting takes place",
                    "Within 30 days of the council being told",
                ],
                ["You get a certificate after mediation", "Within 3 working days of it ending"],
                [
                    "You appeal to the Tribunal",
                    """Within 2 months of the decision, or 1 month from the date of the
                    certificate, whichever is later""",
                ],
            ],
        ),
        rich_text(
            """
            <h2>At the mediation meeting</h2>
            <ul>
            <li>the meeting is usually at a neutral place, or online</li>
            <li>the council must send someone who can make decisions</li>
            <li>you can bring a friend, relative or an adviser such as someone from SENDIASS, our
            free and impartial advice service</li>
            <li>your child or young person can take part, in a way that suits them</li>
            <li>if the disagreement includes health or social care, people from those
            services will be there too</li>
            </ul>
            <p>If you reach an agreement, the mediator writes it down. The council must
            then do what was agreed, within set time limits.</p>
            <p>If you do not agree, you can still appeal. The mediator will give you a
            certificate.</p>
            """
        ),
        warning_text(
            """The time limit for appealing keeps running while you think about mediation.
            You will always have at least 1 month from the date of your certificate, but it
            is best to contact the mediation adviser early."""
        ),
        details(
            "Help with young people aged 16 to 25",
            """<p>Young people can ask for mediation themselves. If a young person lacks
            the mental capacity to make this decision, a parent or other representative can
            act for them. An advocate can help a young person take part.</p>""",
        ),
        contacts.mediation_service(),
        related_links(
            "Related pages",
            [
                (
                    "Appealing to the SEND Tribunal",
                    "/complaints-mediation-and-tribunal/send-tribunal/",
                ),
                ("Statutory timescales", "/ehc-needs-assessments-and-plans/timescales/"),
            ],
        ),
    ],
)

TRIBUNAL = page(
    slug="send-tribunal",
    title="Appealing to the First-tier Tribunal (SEND)",
    summary="""What you can appeal to the SEND Tribunal, the time limits, extended appeals
    about health and social care, and how to get help.""",
    body=[
        rich_text(
            """
            <p>The First-tier Tribunal (Special Educational Needs and Disability) is an
            independent court. People often call it the SEND Tribunal. It hears appeals
            against council decisions about education, health and care (EHC) needs
            assessments and plans. It is free to appeal.</p>
            <p>Parents can appeal for children up to the end of the school year in which
            they turn 16. After that, young people can appeal themselves, with help if
            they need it.</p>
            <h2>What you can appeal</h2>
            <ul>
            <li>a decision not to carry out an EHC needs assessment or a reassessment</li>
            <li>a decision not to issue an EHC plan after an assessment</li>
            <li>the description of needs in section B of the plan</li>
            <li>the special educational help in section F</li>
            <li>the school or college named in section I, or that no school is named</li>
            <li>a decision not to change a plan after a review or reassessment</li>
            <li>a decision to stop (cease) a plan</li>
            </ul>
            <p>You can also make a claim that a school discriminated against your child
            because of their disability.</p>
            <h2>Time limits</h2>
            <p>You must appeal within 2 months of the date on the council's decision
            letter, or within 1 month of the date on your mediation certificate, whichever
            is later. Read about <a href="/complaints-mediation-and-tribunal/mediation/">
            mediation</a>.</p>
            <p>For disability discrimination claims, the time limit is 6 months from the
            discrimination.</p>
            """
        ),
        accordion(
            "Extended appeals: health and social care",
            [
                (
                    "What an extended appeal is",
                    "",
                    """<p>When you appeal about an EHC plan, you can also ask the Tribunal
                    to look at the health and social care parts of the plan. This is called
                    an extended appeal. It was first tested in a national trial, and families
                    can still ask for it.</p>""",
                ),
                (
                    "What the Tribunal can do",
                    "",
                    """<p>The Tribunal can make recommendations about health and social care
                    needs and provision, in sections C, D, G and H of the plan. These
                    recommendations are not binding. But the NHS or the council must reply in
                    writing within 5 weeks. If they decide not to follow a recommendation,
                    they must explain why.</p>""",
                ),
                (
                    "When you can ask",
                    "",
                    """<p>You must be appealing about an education part of the plan too,
                    such as section B, F or I, or a refusal to issue a plan. You cannot
                    bring an appeal only about health or social care.</p>""",
                ),
            ],
        ),
        rich_text(
            """
            <h2>How to appeal</h2>
            <ol>
            <li>Get your mediation certificate, if you need one.</li>
            <li>Fill in the appeal form. You can do this online on GOV.UK.</li>
            <li>Send it with a copy of the decision letter, the certificate, and the EHC
            plan if there is one.</li>
            <li>The Tribunal will tell you the date of the hearing and what evidence to send
            before then.</li>
            </ol>
            <p>Hearings are less formal than other courts. There is usually a panel of
            three: a judge and two members who know about special educational needs and
            disability. Your child's views are important, and they can take part.</p>
            <h2>After the decision</h2>
            <p>The council must do what the Tribunal orders within set time limits. These
            are usually between 2 and 5 weeks. If you appeal against a decision to stop a
            plan, the plan stays in place until the appeal is decided.</p>
            """
        ),
        inset_text(
            """<p>The council will still talk to you after you appeal. Many appeals are
            settled before the hearing, when the council and the family agree. Keep
            talking to your case officer.</p>"""
        ),
        details(
            "Help with appealing",
            """<p>SENDIASS, our free and impartial advice service, can explain the process, help
            you with the forms and help you
            prepare. National charities also give free legal advice on SEND law. You may
            be able to get legal aid, depending on your income.</p>""",
        ),
        contacts.sendiass(),
        related_links(
            "Related pages",
            [
                (
                    "Appeal to the SEND Tribunal on GOV.UK",
                    "https://www.gov.uk/special-educational-needs-disability-tribunal",
                ),
                ("Statutory timescales", "/ehc-needs-assessments-and-plans/timescales/"),
                ("Mediation", "/complaints-mediation-and-tribunal/mediation/"),
            ],
        ),
    ],
)

SECTION = {
    "slug": "complaints-mediation-and-tribunal",
    "title": "Complaints, mediation and the SEND Tribunal",
    "intro": """What to do if you are unhappy or disagree with a decision: complaints,
    disagreement resolution, mediation and appeals.""",
    "pages": [HOW_TO_COMPLAIN, DISAGREEMENT_RESOLUTION, MEDIATION, TRIBUNAL],
}
