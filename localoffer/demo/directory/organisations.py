"""The fictional organisations of the Northbridge demo, and names for generated ones.

Every name is invented. Registered numbers are generated in the right shape (7-digit
charity numbers, 8-digit company numbers) by the listing generator, so none is copied from
a real register. Plain data: no Django imports.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class DemoOrganisation:
    name: str
    organisation_type: str  # a providers.enums.OrganisationType value
    # Sub-category slugs the organisation's services come from, most important first.
    focus: tuple[str, ...]
    about: str
    verified: bool = True
    # How many services it lists (its first services use `focus` in order).
    services: int = 3


O = DemoOrganisation  # noqa: E741 - short, so the table below stays readable

DEMO_ORGANISATIONS: list[DemoOrganisation] = [
    # Registered charities
    O(
        "Northbridge Autism Support",
        "charity",
        ("parent-support", "play-and-youth-groups", "short-breaks", "after-school-clubs"),
        "A parent-led charity for autistic children, young people and their families in "
        "Northbridge, started in 2004 by three mums who met in a hospital waiting room.",
        services=5,
    ),
    O(
        "Riverside Family Carers",
        "charity",
        ("parent-support", "advice-and-advocacy"),
        "Support for parents and carers of disabled children in the north of the borough.",
        services=4,
    ),
    O(
        "Kite Trust Short Breaks",
        "charity",
        ("short-breaks", "holiday-clubs", "play-and-youth-groups"),
        "Short breaks for disabled children and young people, so families get a rest and "
        "children have fun.",
        services=5,
    ),
    O(
        "Northbridge Mencap",
        "charity",
        (
            "play-and-youth-groups",
            "independent-living-skills",
            "short-breaks",
            "employment-and-training",
        ),
        "Our local Mencap group supports people with a learning disability, their families "
        "and carers, from early childhood to adult life.",
        services=5,
    ),
    O(
        "Eastfield Deaf Children's Society",
        "charity",
        ("play-and-youth-groups", "advice-and-advocacy"),
        "Run by deaf and hearing volunteers, we support deaf children and their families "
        "with clubs, advice and family sign language classes.",
        services=3,
    ),
    O(
        "Sightline Northbridge",
        "charity",
        ("independent-living-skills", "sport-and-leisure"),
        "Helping blind and partially sighted children and young people to live, learn and "
        "play independently.",
        services=4,
    ),
    O(
        "Hollins Cross Youth Project",
        "charity",
        ("play-and-youth-groups", "mental-health-and-wellbeing"),
        "A youth charity in Hollins Cross with an open-door youth centre and targeted "
        "support for young people who are struggling.",
        services=4,
    ),
    O(
        "Young Minds Matter Northbridge",
        "charity",
        ("mental-health-and-wellbeing", "parent-support"),
        "Free counselling and wellbeing support for children and young people up to 25.",
        services=5,
    ),
    O(
        "Northbridge Down Syndrome Group",
        "charity",
        ("education-support", "speech-and-language-therapy", "parent-support"),
        "Families supporting families of children and adults with Down syndrome, with "
        "learning and speech groups run by specialists.",
        services=4,
    ),
    O(
        "Ashby Green Adventure Playground",
        "charity",
        ("play-and-youth-groups", "holiday-clubs"),
        "An accessible adventure playground run by the community since 1979.",
        services=4,
    ),
    O(
        "Northbridge Riding for the Disabled",
        "charity",
        ("physiotherapy", "sport-and-leisure"),
        "Volunteers and ponies giving disabled children and adults the chance to ride.",
        services=3,
    ),
    O(
        "Wyke Valley Farm Trust",
        "charity",
        ("supported-internships", "employment-and-training"),
        "A working farm in Upper Wyke where young people with learning disabilities learn "
        "skills for work.",
        services=4,
    ),
    O(
        "Pathways to Work Northbridge",
        "charity",
        ("employment-and-training", "supported-internships"),
        "Helping young people with SEND into paid work through training, job coaching and "
        "supported internships.",
        services=5,
    ),
    O(
        "Northbridge Carers Centre",
        "charity",
        ("parent-support", "advice-and-advocacy"),
        "Information, advice and breaks for unpaid carers of all ages, including young carers.",
        services=4,
    ),
    O(
        "Little Steps Conductive Education Centre",
        "charity",
        ("physiotherapy", "education-support"),
        "Conductive education for babies and children with motor disorders such as cerebral palsy.",
        services=4,
    ),
    O(
        "Northbridge Wheelchair Sports Club",
        "charity",
        ("sport-and-leisure",),
        "Wheelchair sports for children, young people and adults of every ability.",
        services=3,
    ),
    O(
        "Fenby Community Transport",
        "charity",
        ("transport-and-travel-training",),
        "Accessible transport for people who cannot use buses, run by volunteer drivers.",
        services=2,
    ),
    O(
        "Open Door Counselling",
        "charity",
        ("mental-health-and-wellbeing", "parent-support"),
        "Low-cost counselling for young people and parents, on a sliding scale of fees.",
        services=4,
    ),
    O(
        "Northbridge Dyslexia Association",
        "charity",
        ("tutoring", "education-support"),
        "Advice, assessments and specialist tuition for people with dyslexia and other "
        "specific learning difficulties.",
        services=4,
    ),
    O(
        "Bright Futures Music Trust",
        "charity",
        ("arts-and-music", "mental-health-and-wellbeing"),
        "Making music accessible to every child in Northbridge, whatever their ability.",
        services=4,
    ),
    O(
        "Northbridge Toy Library",
        "charity",
        ("equipment-and-adaptations", "nurseries"),
        "Lending toys and sensory equipment to families of young disabled children.",
        services=3,
    ),
    # Charitable incorporated organisations
    O(
        "Sunflower Sensory Centre",
        "cio",
        ("short-breaks", "nurseries", "equipment-and-adaptations"),
        "A sensory centre with soft play, a sensory room and a café, built by parents.",
        services=5,
    ),
    O(
        "Kingsmead Community Allotment",
        "cio",
        ("supported-internships", "independent-living-skills"),
        "Growing food, skills and friendships on a community allotment in Kingsmead.",
        services=3,
    ),
    O(
        "Northbridge Parent Carer Forum",
        "cio",
        ("parent-support", "advice-and-advocacy"),
        "The independent voice of parent carers in Northbridge, working with the council "
        "and NHS to improve services.",
        services=3,
    ),
    O(
        "Splash Inclusive Swimming",
        "cio",
        ("sport-and-leisure",),
        "Swimming lessons and family swims for disabled children in a warm, quiet pool.",
        services=4,
    ),
    O(
        "The Calm Space",
        "cio",
        ("mental-health-and-wellbeing",),
        "A drop-in and counselling service for young people's emotional wellbeing.",
        services=3,
    ),
    # Community interest companies
    O(
        "Little Acorns Forest School CIC",
        "cic",
        ("holiday-clubs", "childcare", "nurseries"),
        "Outdoor learning and forest school for under-12s, including children with SEND.",
        services=4,
    ),
    O(
        "Talk Together Speech and Language CIC",
        "cic",
        ("speech-and-language-therapy",),
        "A social enterprise of HCPC-registered speech and language therapists.",
        services=4,
    ),
    O(
        "Move and Grow Therapy CIC",
        "cic",
        ("occupational-therapy", "physiotherapy"),
        "Occupational therapists and physiotherapists working with children at home and in school.",
        services=5,
    ),
    O(
        "Northbridge Inclusive Arts CIC",
        "cic",
        ("arts-and-music",),
        "Artists, musicians and performers making the arts open to disabled young people.",
        services=4,
    ),
    O(
        "Next Step Travel Training CIC",
        "cic",
        ("transport-and-travel-training", "independent-living-skills"),
        "Travel training and independence skills for young people aged 11 to 25.",
        services=4,
    ),
    O(
        "Bounce Inclusive Trampolining CIC",
        "cic",
        ("sport-and-leisure", "holiday-clubs"),
        "Trampolining and rebound therapy in a relaxed, accessible setting.",
        services=4,
    ),
    O(
        "Cook Well Live Well CIC",
        "cic",
        ("independent-living-skills",),
        "Cooking, budgeting and healthy living courses for young adults.",
        services=3,
    ),
    O(
        "Ready for Work CIC",
        "cic",
        ("supported-internships", "employment-and-training"),
        "Supported internships and job coaching in partnership with local employers.",
        services=4,
    ),
    O(
        "Play Inclusive CIC",
        "cic",
        ("after-school-clubs",),
        "A new after-school club for children with SEND, opening in Eastfield.",
        verified=False,
        services=1,
    ),
    O(
        "Drama Without Limits CIC",
        "cic",
        ("arts-and-music", "mental-health-and-wellbeing"),
        "Drama and performance groups for young people with learning disabilities and autism.",
        services=4,
    ),
    # Companies
    O(
        "Northbridge Paediatric Therapy Ltd",
        "company",
        ("speech-and-language-therapy", "occupational-therapy", "physiotherapy"),
        "An independent team of children's therapists offering assessments and therapy.",
        services=5,
    ),
    O(
        "Bright Sparks Nursery Ltd",
        "company",
        ("nurseries", "childcare"),
        "A family-run day nursery for children from 3 months to 5 years, rated good by Ofsted.",
        services=3,
    ),
    O(
        "Tutor Tree Ltd",
        "company",
        ("tutoring",),
        "Qualified teachers offering one-to-one and small-group tutoring, at home and online.",
        services=4,
    ),
    O(
        "Able Living Equipment Ltd",
        "company",
        ("equipment-and-adaptations",),
        "Specialist seating, bathing and mobility equipment for children and young people.",
        services=3,
    ),
    O(
        "CarePlus Personal Assistants Ltd",
        "company",
        ("personal-assistants",),
        "A care agency that recruits, trains and supports personal assistants.",
        services=3,
    ),
    O(
        "Kingsmead Day Nursery Ltd",
        "company",
        ("nurseries", "childcare"),
        "A day nursery with an inclusion room and a specialist SENCO.",
        services=3,
    ),
    O(
        "Active Kids Clubs Ltd",
        "company",
        ("after-school-clubs", "holiday-clubs"),
        "After-school and holiday clubs in schools across Northbridge.",
        services=5,
    ),
    O(
        "Northbridge Climbing Centre Ltd",
        "company",
        ("sport-and-leisure",),
        "An indoor climbing and bouldering centre with inclusive sessions every week.",
        services=3,
    ),
    # Sole traders
    O(
        "Sarah Okafor Speech and Language Therapy",
        "sole_trader",
        ("speech-and-language-therapy",),
        "I am an HCPC-registered speech and language therapist with 15 years' NHS experience.",
        services=2,
    ),
    O(
        "Ben Marsh Music Therapy",
        "sole_trader",
        ("mental-health-and-wellbeing", "arts-and-music"),
        "I am an HCPC-registered music therapist working with children and young adults.",
        services=2,
    ),
    O(
        "Priya Shah Childminding",
        "sole_trader",
        ("childcare",),
        "I am a registered childminder in Ashby Green with experience of autism and ADHD.",
        services=1,
    ),
    O(
        "Jo Whitfield Occupational Therapy",
        "sole_trader",
        ("occupational-therapy",),
        "I am a children's occupational therapist specialising in sensory processing.",
        services=2,
    ),
    O(
        "Tom Reilly Personal Assistant Services",
        "sole_trader",
        ("personal-assistants",),
        "I am a self-employed personal assistant supporting young men to get out and about.",
        services=1,
    ),
    O(
        "Helen Price SEN Tutoring",
        "sole_trader",
        ("tutoring", "education-support"),
        "I am a qualified SENCO and teacher offering tutoring and learning support.",
        services=2,
    ),
    O(
        "Maya Green Yoga for Children",
        "sole_trader",
        ("mental-health-and-wellbeing", "sport-and-leisure"),
        "I teach yoga and relaxation to children, including children with SEND.",
        services=2,
    ),
    O(
        "Daniel Hughes Swim Coaching",
        "sole_trader",
        ("sport-and-leisure",),
        "I am a swimming teacher offering one-to-one lessons for children with SEND.",
        verified=False,
        services=1,
    ),
    # Community groups
    O(
        "Eastfield Parents' Coffee Club",
        "community_group",
        ("parent-support",),
        "A volunteer-run coffee morning for parents and carers of children with SEND.",
        services=1,
    ),
    O(
        "Saturday Stars Youth Club",
        "community_group",
        ("play-and-youth-groups",),
        "A Saturday club for young people with learning disabilities, run by volunteers.",
        services=1,
    ),
    O(
        "Marston Vale Baby and Toddler Group",
        "community_group",
        ("nurseries",),
        "A village stay-and-play group where children with additional needs are welcome.",
        services=1,
    ),
    O(
        "Northbridge Dads' Network",
        "community_group",
        ("parent-support",),
        "Dads and male carers of children with SEND supporting each other.",
        services=1,
    ),
    O(
        "Hollins Cross Inclusive Football",
        "community_group",
        ("sport-and-leisure",),
        "Football for children and young people with any disability.",
        services=2,
    ),
    # Statutory services
    O(
        "Northbridge Borough Council Short Breaks Team",
        "statutory",
        ("short-breaks", "holiday-clubs", "transport-and-travel-training"),
        "The council's team that plans and pays for short breaks for disabled children and "
        "runs the Kite Card scheme.",
        services=4,
    ),
    O(
        "Northbridge Children's Therapy Service (NHS)",
        "statutory",
        (
            "speech-and-language-therapy",
            "occupational-therapy",
            "physiotherapy",
            "equipment-and-adaptations",
        ),
        "NHS speech and language therapy, occupational therapy and physiotherapy for children "
        "and young people, run by Northbridge Community Health NHS Trust.",
        services=5,
    ),
    O(
        "Northbridge Children and Young People's Mental Health Service (NHS)",
        "statutory",
        ("mental-health-and-wellbeing", "health-services"),
        "The NHS service for children and young people with mental health difficulties, "
        "sometimes called CAMHS.",
        services=4,
    ),
    O(
        "Northbridge SENDIASS",
        "statutory",
        ("advice-and-advocacy", "parent-support"),
        "The SEND Information, Advice and Support Service: free, confidential and impartial, "
        "and run at arm's length from the council.",
        services=3,
    ),
]

# The demo's provider admin runs this organisation (localoffer/demo/users.py).
PROVIDER_ADMIN_ORGANISATION = "Sunflower Sensory Centre"

# Words for generated organisation names (benchmarks): "Oakfield Play Trust".
NAME_PLACES = [
    "Oakfield",
    "Brookside",
    "Hillcrest",
    "Meadowbank",
    "Ashford",
    "Willowbrook",
    "Kingsley",
    "Elmhurst",
    "Fairview",
    "Greenacre",
    "Riverside",
    "Stonebridge",
    "Westbury",
    "Millfield",
    "Highgate",
    "Lakeside",
    "Newbold",
    "Thornton",
    "Holmwood",
    "Beechwood",
    "Castleford",
    "Northfield",
    "Southmead",
    "Eastcote",
    "Sunnyside",
    "Rosedale",
    "Fernhill",
    "Larkspur",
]
NAME_THEMES = [
    "Play",
    "Sensory",
    "Therapy",
    "Family Support",
    "Youth",
    "Learning",
    "Inclusion",
    "Music",
    "Arts",
    "Sports",
    "Swimming",
    "Short Breaks",
    "Carers",
    "Autism",
    "Communication",
    "Independence",
    "Wellbeing",
    "Early Years",
    "Outdoor",
    "Horizons",
]
NAME_SUFFIXES = {
    "charity": ["Trust", "Charity", "Association", "Project"],
    "cio": ["Centre", "Foundation"],
    "cic": ["CIC", "Community Interest Company"],
    "company": ["Ltd", "Services Ltd"],
    "sole_trader": ["Services"],
    "community_group": ["Group", "Club", "Network"],
    "statutory": ["Service"],
}
