"""Northbridge's budget questionnaire, version 1: a resource allocation system written from
the seeds (Cheshire East's personal budgets slides, the DfE pathfinder evaluation's chapter
on resource allocation, Ealing's guidance).

As the evaluation describes: 8 domains of 1 to 3 questions, each answered with a descriptor
from "no extra need" to "very high need" with a score; some domains shared between streams
(half education, half social care); the raw score adjusted for age (a young child's needs
count less, as any parent gives them much care); and a banded funding matrix per stream
giving an indicative budget for a year. The tool guides: people decide.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from pricing.allocation.enums import NeedLevel
from pricing.allocation.models import (
    AgeAdjustment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
    QuestionnaireVersion,
)
from pricing.allocation.services.questionnaire import publish

L = NeedLevel
SCORES = {L.NONE: 0, L.LOW: 2, L.MODERATE: 4, L.HIGH: 6, L.VERY_HIGH: 8}
LEVELS = [L.NONE, L.LOW, L.MODERATE, L.HIGH, L.VERY_HIGH]

# (name, description, shares, [(question, hint, five answers from no extra need up)])
DOMAINS: list[tuple[str, str, dict[str, int], list[tuple[str, str, list[str]]]]] = [
    (
        "Communication and learning",
        "Understanding and being understood; learning at school or college.",
        {"education_share": 100},
        [
            (
                "How does your child understand others and let people know what they want?",
                "Think of speech, signs, pictures or a communication aid.",
                [
                    "They communicate like other children of their age.",
                    "They sometimes need things said simply or repeated.",
                    "They often need signs, pictures or extra time to understand or to be "
                    "understood.",
                    "Most of the time only people who know them well understand them.",
                    "They need a communication aid or a trained adult to communicate at all.",
                ],
            ),
            (
                "How much help does your child need to learn and join in at school or college?",
                "",
                [
                    "They learn without help beyond what the class gets.",
                    "A little extra help in some lessons.",
                    "Regular help from an adult in most lessons.",
                    "An adult with them for most of the day.",
                    "One or more adults with them all day, with a specialist programme.",
                ],
            ),
        ],
    ),
    (
        "Social, emotional and mental health",
        "Feelings, behaviour, worries and wellbeing.",
        {"education_share": 50, "social_care_share": 50},
        [
            (
                "How does your child manage their feelings and behaviour?",
                "For example anger, upset or anxiety, at home or at school.",
                [
                    "Like other children of their age.",
                    "Sometimes they need help to calm down.",
                    "Most days they need an adult to help them manage.",
                    "Their feelings or behaviour often stop them taking part or put them at risk.",
                    "They need an adult with them all the time to stay calm and safe.",
                ],
            ),
            (
                "How is your child's mental health?",
                "Think about the last six months.",
                [
                    "They are generally happy and well.",
                    "They have some worries that pass with support from family or school.",
                    "They get help from a counsellor or a school wellbeing service.",
                    "They are seen by the children's mental health service (CAMHS).",
                    "They need intensive or crisis support from mental health services.",
                ],
            ),
        ],
    ),
    (
        "Sensory and physical",
        "Seeing, hearing, moving about, and sensitivity to noise, light or touch.",
        {"education_share": 50, "health_share": 50},
        [
            (
                "How much help does your child need with seeing, hearing or moving about?",
                "",
                [
                    "None beyond what other children of their age need.",
                    "Glasses, hearing aids or a little help with stairs or long walks.",
                    "Equipment or adult help for some everyday tasks.",
                    "A wheelchair, specialist equipment or help with most movement.",
                    "Help with all movement and positioning, or with every sensory need.",
                ],
            ),
        ],
    ),
    (
        "Personal care and daily living",
        "Washing, dressing, eating, using the toilet, and nights.",
        {"social_care_share": 100},
        [
            (
                "How much help does your child need with washing, dressing, eating and the toilet?",
                "Compared with other children of their age.",
                [
                    "No more than other children of their age.",
                    "Reminders or a little help with one or two things.",
                    "Help with several things every day.",
                    "Help with almost everything, every day.",
                    "Two adults, or specialist help, for personal care.",
                ],
            ),
            (
                "How much help does your child need at night?",
                "",
                [
                    "They sleep through, or need no more than other children of their age.",
                    "They wake and need someone once or twice a week.",
                    "They wake and need someone most nights.",
                    "They need someone several times every night.",
                    "They need someone awake with them through the night.",
                ],
            ),
        ],
    ),
    (
        "Health",
        "Health conditions, medicines, treatments and therapies.",
        {"health_share": 100},
        [
            (
                "How much help does your child need with a health condition or medicines?",
                "For example epilepsy, diabetes, tube feeding or breathing support.",
                [
                    "No health condition needing extra care.",
                    "Medicines or checks that a parent gives easily.",
                    "Daily care of a condition, with training for those who give it.",
                    "Care by trained staff several times a day, or frequent hospital visits.",
                    "Constant care by trained staff, such as for breathing or seizures.",
                ],
            ),
            (
                "How much therapy does your child need, such as physiotherapy?",
                "",
                [
                    "None.",
                    "A programme the family follows at home with occasional checks.",
                    "Sessions with a therapist every month.",
                    "Sessions with a therapist every week.",
                    "Several sessions a week from more than one therapist.",
                ],
            ),
        ],
    ),
    (
        "Keeping safe",
        "Awareness of danger, at home and out.",
        {"social_care_share": 100},
        [
            (
                "How much watching over does your child need to keep safe?",
                "At home and when out, compared with other children of their age.",
                [
                    "No more than other children of their age.",
                    "Someone nearby, checking now and then.",
                    "Someone with them when out, and checking often at home.",
                    "Someone with them all the time they are awake.",
                    "Someone with them all the time, day and night, or two people when out.",
                ],
            ),
        ],
    ),
    (
        "Family and carers' support",
        "How the family is managing, and breaks from caring.",
        {"social_care_share": 100},
        [
            (
                "How are you and your family managing with caring for your child?",
                "",
                [
                    "We are managing well.",
                    "We manage, with help from family and friends.",
                    "We manage but it is hard, and affects work or the other children.",
                    "We are struggling and our health is suffering.",
                    "We cannot carry on without more help.",
                ],
            ),
            (
                "How often do you get a break from caring?",
                "A break is time when someone else looks after your child.",
                [
                    "As often as other parents do.",
                    "Most weeks, from family or friends.",
                    "Once or twice a month.",
                    "Rarely, a few times a year.",
                    "Never.",
                ],
            ),
        ],
    ),
    (
        "Friendships, community and leisure",
        "Friends, clubs and activities, and getting about the community.",
        {"social_care_share": 50, "education_share": 50},
        [
            (
                "How much help does your child need to see friends and join in activities?",
                "For example clubs, sport, youth groups or going to the shops.",
                [
                    "They join in like other children of their age.",
                    "A little help to get started or to get there.",
                    "An adult with them for most activities.",
                    "An adult with them for every activity, or a specialist club.",
                    "Two adults, or specialist activities only.",
                ],
            ),
        ],
    ),
]

AGES = [(0, 4, "60"), (5, 10, "80"), (11, 25, "100")]

# Points after the age adjustment: band start, amount for a year. The highest education
# band is about what a year of high-needs top-up for support in a mainstream school costs.
BANDS: dict[str, list[tuple[str, str]]] = {
    "education": [("0", "0"), ("4", "1500"), ("8", "3500"), ("12", "6000"), ("17", "9000")]
    + [("22", "12000")],
    "social_care": [("0", "0"), ("6", "1500"), ("12", "3500"), ("20", "6500"), ("30", "10000")]
    + [("40", "15000")],
    "health": [("0", "0"), ("4", "1000"), ("8", "3000"), ("12", "5500"), ("16", "8000")],
}

NOTES = (
    "The first version: eight areas of life from the pathfinder evaluation's common approach, "
    "with the age adjustment and a funding matrix for each stream."
)


@transaction.atomic
def ensure_demo_questionnaire(council: Any) -> QuestionnaireVersion:
    """Northbridge's published version 1; nothing is done if the council has a version."""
    existing = QuestionnaireVersion.objects.filter(council=council).order_by("-number").first()
    if existing is not None:
        return existing
    version = QuestionnaireVersion.objects.create(council=council, number=1, notes=NOTES)
    for position, (name, description, shares, questions) in enumerate(DOMAINS, start=1):
        domain = Domain.objects.create(
            version=version, position=position, name=name, description=description, **shares
        )
        for number, (text, hint, answers) in enumerate(questions, start=1):
            question = Question.objects.create(
                domain=domain, position=number, text=text, help_text=hint
            )
            Descriptor.objects.bulk_create(
                Descriptor(
                    question=question,
                    position=level_number,
                    text=answer,
                    score=SCORES[level],
                    need_level=level,
                )
                for level_number, (level, answer) in enumerate(zip(LEVELS, answers, strict=True))
            )
    for low, high, percent in AGES:
        AgeAdjustment.objects.create(
            version=version, from_age=low, to_age=high, percent=Decimal(percent)
        )
    for stream, bands in BANDS.items():
        for letter, (points, amount) in zip("ABCDEF", bands, strict=False):
            FundingBand.objects.create(
                version=version,
                stream=stream,
                name=f"Band {letter}",
                from_points=Decimal(points),
                amount=Decimal(amount),
            )
    return publish(version, by=None)


def ensure_demo_questionnaire_made(council: Any) -> dict[str, int]:
    """The loader's summary line: how many versions this run made (0 or 1)."""
    had = QuestionnaireVersion.objects.filter(council=council).exists()
    ensure_demo_questionnaire(council)
    return {"questionnaire versions": 0 if had else 1}
