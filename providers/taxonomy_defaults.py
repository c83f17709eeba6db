"""The starting taxonomies every council install gets; staff edit them afterwards."""

CATEGORIES: list[tuple[str, str, list[tuple[str, str]]]] = [
    (
        "education",
        "Education and learning",
        [
            ("education-support", "Education support"),
            ("tutoring", "Tutoring"),
            ("employment-and-training", "Employment and training"),
            ("supported-internships", "Supported internships"),
        ],
    ),
    (
        "health-and-therapy",
        "Health and therapy",
        [
            ("speech-and-language-therapy", "Speech and language therapy"),
            ("occupational-therapy", "Occupational therapy"),
            ("physiotherapy", "Physiotherapy"),
            ("mental-health-and-wellbeing", "Mental health and wellbeing"),
            ("health-services", "Health services"),
            ("equipment-and-adaptations", "Equipment and adaptations"),
        ],
    ),
    (
        "short-breaks-and-leisure",
        "Short breaks and leisure",
        [
            ("short-breaks", "Short breaks"),
            ("holiday-clubs", "Holiday clubs"),
            ("after-school-clubs", "After-school clubs"),
            ("sport-and-leisure", "Sport and leisure"),
            ("arts-and-music", "Arts and music"),
            ("play-and-youth-groups", "Play and youth groups"),
        ],
    ),
    (
        "childcare-and-early-years",
        "Childcare and early years",
        [
            ("childcare", "Childcare"),
            ("nurseries", "Nurseries and pre-schools"),
        ],
    ),
    (
        "family-support",
        "Family support and advice",
        [
            ("parent-support", "Parent and carer support"),
            ("advice-and-advocacy", "Advice and advocacy"),
            ("personal-assistants", "Personal assistants"),
        ],
    ),
    (
        "independence",
        "Independence and travel",
        [
            ("transport-and-travel-training", "Transport and travel training"),
            ("independent-living-skills", "Independent living skills"),
        ],
    ),
]

NEEDS: list[tuple[str, str, str]] = [
    ("autism", "Autism", "ASD, ASC, autistic spectrum, Asperger's"),
    ("adhd", "ADHD", "attention deficit, ADD, hyperactivity"),
    (
        "speech-language-and-communication",
        "Speech, language and communication",
        "SLCN, SLC, speech delay, DLD",
    ),
    ("learning-difficulties", "Learning difficulties", "MLD, SLD, PMLD, learning disability"),
    (
        "specific-learning-difficulties",
        "Specific learning difficulties",
        "SpLD, dyslexia, dyspraxia, dyscalculia, DCD",
    ),
    (
        "social-emotional-mental-health",
        "Social, emotional and mental health",
        "SEMH, anxiety, behaviour",
    ),
    ("hearing-impairment", "Hearing impairment", "deaf, HI, hard of hearing"),
    ("visual-impairment", "Visual impairment", "blind, VI, sight loss"),
    ("multi-sensory-impairment", "Multi-sensory impairment", "MSI, deafblind"),
    ("physical-disability", "Physical disability", "PD, wheelchair user, mobility"),
    ("medical-needs", "Medical needs", "epilepsy, diabetes, complex health"),
    ("down-syndrome", "Down syndrome", "Down's syndrome, trisomy 21"),
    ("sensory-processing", "Sensory processing", "sensory integration, SPD"),
]

# The four Preparing for Adulthood outcomes and the four broad areas of need in the
# SEND Code of Practice (section 6.28).
OUTCOMES: list[tuple[str, str, str]] = [
    ("employment", "Employment", "pfa"),
    ("independent-living", "Independent living", "pfa"),
    ("friends-relationships-community", "Friends, relationships and community", "pfa"),
    ("good-health", "Good health", "pfa"),
    ("communication-and-interaction", "Communication and interaction", "area_of_need"),
    ("cognition-and-learning", "Cognition and learning", "area_of_need"),
    ("social-emotional-mental-health", "Social, emotional and mental health", "area_of_need"),
    ("sensory-and-physical", "Sensory and/or physical", "area_of_need"),
]

ACCESSIBILITY_FEATURES: list[tuple[str, str]] = [
    ("step-free-access", "Step-free access"),
    ("accessible-toilet", "Accessible toilet"),
    ("changing-places-toilet", "Changing Places toilet"),
    ("hearing-loop", "Hearing loop"),
    ("quiet-room", "Quiet room or calm space"),
    ("blue-badge-parking", "Blue Badge parking"),
    ("lift", "Lift to all floors"),
    ("sensory-room", "Sensory room"),
    ("bsl-interpreter", "BSL interpreter on request"),
]


def install(apps) -> None:
    """Create the default taxonomies (idempotent); `apps` is a migration's app registry."""
    Category = apps.get_model("providers", "Category")
    Need = apps.get_model("providers", "Need")
    Outcome = apps.get_model("providers", "Outcome")
    AccessibilityFeature = apps.get_model("providers", "AccessibilityFeature")
    for order, (slug, name, children) in enumerate(CATEGORIES):
        parent, _ = Category.objects.get_or_create(
            slug=slug, defaults={"name": name, "sort_order": order}
        )
        for child_order, (child_slug, child_name) in enumerate(children):
            Category.objects.get_or_create(
                slug=child_slug,
                defaults={"name": child_name, "parent": parent, "sort_order": child_order},
            )
    for slug, name, synonyms in NEEDS:
        Need.objects.get_or_create(slug=slug, defaults={"name": name, "synonyms": synonyms})
    for order, (slug, name, group) in enumerate(OUTCOMES):
        Outcome.objects.get_or_create(
            slug=slug, defaults={"name": name, "group": group, "sort_order": order}
        )
    for slug, name in ACCESSIBILITY_FEATURES:
        AccessibilityFeature.objects.get_or_create(slug=slug, defaults={"name": name})
