"""What demo services say about themselves, per category, in plain English.

Each sub-category of providers/taxonomy_defaults.py has a few service templates. A
template gives the words (title, summary, what happens, what a child gains), realistic
ages, prices in pounds as families in England pay them, when it usually runs and who it
suits. The generators pick from these with a seeded random.Random, so every demo and
benchmark build is the same. Plain data: no Django imports.
"""

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Price:
    """A price range for one cost option; the generator picks a value inside it."""

    label: str
    low: str
    high: str
    unit: str  # a providers.enums.CostUnit value


@dataclass(frozen=True)
class ServiceTemplate:
    title: str
    summary: str
    what_happens: str
    gains: tuple[str, ...]
    # Age ranges in whole years (youngest, oldest); one is chosen.
    ages: tuple[tuple[int, int], ...]
    # Cost options the service may offer; the generator uses one to three of them.
    prices: tuple[Price, ...] = ()
    # How likely the service is free (statutory and most advice services always are).
    free_chance: float = 0.25
    # A key of SCHEDULE_PATTERNS in localoffer/demo/directory/listings.py.
    schedule: str = "weekly_daytime"
    needs: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    # "in_person", "home", "online", "in_person_online", "home_in_person"
    delivery: str = "in_person"
    referral_required: bool = False
    ehc_plan_required: bool = False
    extra_categories: tuple[str, ...] = field(default=())


T = ServiceTemplate
P = Price

TEMPLATES: dict[str, list[ServiceTemplate]] = {
    # Education and learning -------------------------------------------------------------
    "education-support": [
        T(
            "Specialist teaching support",
            "Specialist teachers who help schools and families plan learning for children "
            "with SEND.",
            "A specialist teacher meets you and your child's school, watches how your child "
            "learns in class, and writes clear, practical ideas the school can start using "
            "straight away. They come back after six weeks to see what is working.",
            (
                "learning that builds on what they can already do",
                "a plan the school understands",
                "fewer worries about the next step",
            ),
            ((4, 16), (5, 11), (11, 16)),
            (P("Visit and written advice", "180", "260", "item"),),
            free_chance=0.4,
            schedule="appointment",
            outcomes=("cognition-and-learning", "communication-and-interaction"),
            delivery="in_person",
            referral_required=True,
        ),
        T(
            "Homework and study club",
            "A quiet, friendly after-school club where children with SEND get help with homework.",
            "Children arrive after school, have a drink and a snack, and then work in small "
            "groups of four with a trained helper. There is a calm corner and movement breaks "
            "for anyone who needs them.",
            (
                "homework finished without battles at home",
                "confidence to ask for help",
                "a routine that suits them",
            ),
            ((8, 16), (11, 16)),
            (P("Session", "6", "10", "session"), P("Term", "60", "90", "term")),
            schedule="after_school",
            outcomes=("cognition-and-learning", "social-emotional-mental-health"),
        ),
        T(
            "Learning mentor sessions",
            "One-to-one mentoring for pupils who find school hard to cope with or are out of "
            "school.",
            "A learning mentor meets your child once a week, at home, in school or in the "
            "library. Together they set small goals, work on reading, writing and maths, and "
            "plan a gentle return to full-time learning.",
            ("a trusted adult to talk to", "small steps back into learning", "better attendance"),
            ((11, 16), (8, 18)),
            (P("One-to-one hour", "28", "40", "hour"),),
            free_chance=0.2,
            schedule="weekly_daytime",
            needs=("social-emotional-mental-health", "autism", "adhd"),
            outcomes=("cognition-and-learning", "social-emotional-mental-health"),
            delivery="home_in_person",
        ),
        T(
            "Early reading and phonics support",
            "Short, fun reading sessions for children with learning difficulties or Down syndrome.",
            "Each session uses pictures, signing and games to practise sounds and words. "
            "Parents get a pack of activities to use at home between sessions.",
            (
                "reading words that matter to them",
                "enjoying books",
                "signs and words to share at home",
            ),
            ((4, 11), (5, 11)),
            (P("Session", "12", "20", "session"),),
            schedule="weekly_daytime",
            needs=("down-syndrome", "learning-difficulties", "speech-language-and-communication"),
            outcomes=("cognition-and-learning", "communication-and-interaction"),
        ),
    ],
    "tutoring": [
        T(
            "Specialist dyslexia tutoring",
            "One-to-one tutoring from a qualified specialist teacher for children with dyslexia.",
            "Lessons are structured, multi-sensory and paced for your child. The tutor "
            "starts with a short assessment and agrees goals with you, then sends a short "
            "note after every lesson so you can see progress.",
            (
                "reading and spelling that improve week by week",
                "ways to learn that work for them",
                "more confidence in class",
            ),
            ((7, 16), (8, 18)),
            (P("One-to-one hour", "35", "48", "hour"), P("Assessment", "90", "150", "item")),
            free_chance=0.05,
            schedule="after_school",
            needs=("specific-learning-difficulties",),
            outcomes=("cognition-and-learning",),
            delivery="in_person_online",
        ),
        T(
            "Maths tutoring for children with SEND",
            "Patient, practical maths tutoring for children who find numbers hard.",
            "The tutor uses objects, pictures and real-life problems such as shopping and "
            "time. Sessions are 45 minutes with a break, at home or online.",
            (
                "understanding, not just answers",
                "maths for everyday life",
                "less anxiety about maths",
            ),
            ((6, 11), (11, 16)),
            (P("Lesson (45 minutes)", "28", "40", "session"),),
            free_chance=0.05,
            schedule="after_school",
            needs=("specific-learning-difficulties", "learning-difficulties", "adhd"),
            outcomes=("cognition-and-learning",),
            delivery="home_in_person",
        ),
        T(
            "GCSE and college catch-up tutoring",
            "Small-group tutoring for young people with SEND preparing for GCSEs or college "
            "courses.",
            "Groups of up to three meet weekly. Tutors help with revision plans, exam "
            "access arrangements and study skills, and keep in touch with the school's SENCO.",
            ("a revision plan they can follow", "practice in calm conditions", "exam confidence"),
            ((14, 18), (15, 19)),
            (P("Group session", "18", "25", "session"), P("One-to-one hour", "38", "50", "hour")),
            free_chance=0.05,
            schedule="evening",
            outcomes=("cognition-and-learning", "employment"),
            delivery="in_person_online",
        ),
    ],
    "employment-and-training": [
        T(
            "Work skills course",
            "A 12-week course for young people with SEND to build confidence and skills for work.",
            "Young people practise real tasks, from answering the phone to following a rota. "
            "There are visits to local employers and a week of work experience at the end.",
            ("a CV and references", "real work experience", "skills employers ask for"),
            ((16, 25), (18, 25)),
            (P("Day", "40", "65", "day"),),
            free_chance=0.3,
            schedule="weekly_daytime",
            needs=("learning-difficulties", "autism"),
            outcomes=("employment", "independent-living"),
        ),
        T(
            "Job coaching",
            "A job coach who helps a young person find a job and supports them while they "
            "settle in.",
            "The job coach gets to know what the young person enjoys and is good at, finds "
            "suitable employers, helps with applications and interviews, and then works "
            "alongside them in the first weeks of the job.",
            ("a paid job that suits them", "support on the job", "help to keep the job"),
            ((16, 25), (18, 25)),
            (P("Hour", "25", "38", "hour"),),
            free_chance=0.3,
            schedule="appointment",
            outcomes=("employment",),
        ),
        T(
            "Computer and digital skills club",
            "Learn to use computers, stay safe online and make things with technology.",
            "Members work at their own pace on typing, email, online safety and simple "
            "coding and design projects, with two tutors in every session.",
            ("digital skills for work and college", "safe habits online", "a friendly group"),
            ((11, 18), (14, 25)),
            (P("Session", "4", "8", "session"),),
            free_chance=0.2,
            schedule="after_school",
            outcomes=("employment", "friends-relationships-community"),
        ),
    ],
    "supported-internships": [
        T(
            "Supported internship programme",
            "A year-long study programme, mostly at a real workplace, for young people with "
            "an EHC plan.",
            "Interns spend most of the week at an employer's site with a job coach, and "
            "one day a week in the classroom on English, maths and work skills. Most interns "
            "aim to be in paid work at the end of the year.",
            ("three work placements", "a job coach", "a route into paid work"),
            ((16, 24), (17, 25)),
            (),
            free_chance=1.0,
            schedule="weekly_daytime",
            outcomes=("employment", "independent-living"),
            ehc_plan_required=True,
            referral_required=True,
        ),
        T(
            "Horticulture traineeship",
            "Learn gardening and growing skills in a working market garden, with support.",
            "Trainees grow fruit and vegetables, look after animals and sell produce at the "
            "farm shop. Tasks are broken into steps and supervisors know every trainee well.",
            ("practical skills outdoors", "working in a team", "a reference for future jobs"),
            ((16, 25),),
            (P("Day", "45", "75", "day"),),
            free_chance=0.2,
            schedule="weekly_daytime",
            needs=("learning-difficulties", "autism", "social-emotional-mental-health"),
            outcomes=("employment", "good-health"),
        ),
    ],
    # Health and therapy ------------------------------------------------------------------
    "speech-and-language-therapy": [
        T(
            "Speech and language therapy assessment",
            "A full assessment of your child's speech, language and communication, with a "
            "written report.",
            "A qualified speech and language therapist registered with the Health and Care "
            "Professions Council (HCPC) plays with your child, talks with you and, if you "
            "agree, visits nursery or school. You get a written report with advice.",
            (
                "a clear picture of their communication",
                "practical advice for home and school",
                "evidence that can support an EHC needs assessment",
            ),
            ((2, 18), (0, 11), (3, 16)),
            (P("Assessment and report", "180", "320", "item"),),
            free_chance=0.05,
            schedule="appointment",
            needs=("speech-language-and-communication", "autism", "down-syndrome"),
            outcomes=("communication-and-interaction",),
            delivery="home_in_person",
        ),
        T(
            "Speech and language therapy sessions",
            "One-to-one therapy sessions at home, in school or in our clinic, from an "
            "HCPC-registered therapist.",
            "Sessions follow goals agreed with you. The therapist shows you and school staff "
            "how to carry on the work every day, because little and often works best.",
            ("clearer speech", "more words and longer sentences", "ways to be understood"),
            ((2, 18), (3, 11), (5, 16)),
            (P("Session (45 minutes)", "45", "70", "session"), P("Hour", "55", "85", "hour")),
            free_chance=0.05,
            schedule="appointment",
            needs=("speech-language-and-communication", "autism", "learning-difficulties"),
            outcomes=("communication-and-interaction",),
            delivery="home_in_person",
        ),
        T(
            "Talking together group",
            "A small group for young children who are late to talk, with songs, games and signing.",
            "Up to six children and their parents meet for an hour. A therapist leads songs "
            "and games using Makaton signs and pictures, and shows parents simple ideas to "
            "try at home.",
            ("first words and signs", "fun with other children", "ideas to use at home"),
            ((1, 4), (2, 5)),
            (P("Group session", "5", "12", "session"),),
            free_chance=0.3,
            schedule="weekly_daytime",
            needs=("speech-language-and-communication", "down-syndrome"),
            outcomes=("communication-and-interaction",),
        ),
    ],
    "occupational-therapy": [
        T(
            "Sensory integration assessment",
            "An occupational therapy assessment of how your child processes touch, sound and "
            "movement.",
            "An occupational therapist watches your child play in our sensory gym, asks you "
            "about daily routines and gives you a report with a sensory diet: activities that "
            "help your child stay calm and ready to learn.",
            (
                "a sensory plan for home and school",
                "calmer routines",
                "understanding their reactions",
            ),
            ((3, 16), (4, 18)),
            (
                P("Assessment and report", "250", "420", "item"),
                P("Therapy session", "60", "85", "session"),
            ),
            free_chance=0.05,
            schedule="appointment",
            needs=("sensory-processing", "autism", "adhd"),
            outcomes=("sensory-and-physical",),
        ),
        T(
            "Handwriting and fine motor skills group",
            "A six-week group to build hand strength, coordination and handwriting.",
            "Children use play dough, pegs, games and writing tasks in a small group. "
            "Parents get a home programme with ten-minute activities.",
            (
                "stronger hands and better pencil grip",
                "neater, faster writing",
                "independence with buttons and cutlery",
            ),
            ((5, 11),),
            (
                P("Course of six sessions", "120", "180", "place"),
                P("Session", "20", "30", "session"),
            ),
            free_chance=0.2,
            schedule="after_school",
            needs=("specific-learning-difficulties", "physical-disability", "sensory-processing"),
            outcomes=("sensory-and-physical", "independent-living"),
        ),
        T(
            "Occupational therapy at home",
            "Home visits to help with everyday tasks like dressing, washing, eating and "
            "getting about.",
            "The therapist looks at what your child can do and what gets in the way, then "
            "suggests techniques, small changes to your home and equipment that may help.",
            ("more independence in daily routines", "a safer home", "advice on equipment"),
            ((0, 18), (2, 25)),
            (P("Home visit", "75", "110", "session"),),
            free_chance=0.3,
            schedule="appointment",
            needs=("physical-disability", "learning-difficulties", "medical-needs"),
            outcomes=("independent-living", "sensory-and-physical"),
            delivery="home",
            referral_required=True,
        ),
    ],
    "physiotherapy": [
        T(
            "Children's physiotherapy",
            "Physiotherapy for babies, children and young people with movement difficulties.",
            "A paediatric physiotherapist assesses your child's movement, strength and "
            "balance, agrees goals with you and gives you a programme of exercises to do "
            "together. Sessions can be at home, at school or in our clinic.",
            (
                "stronger muscles and better balance",
                "more comfortable posture",
                "exercises you can do together",
            ),
            ((0, 18), (0, 5), (2, 16)),
            (P("Session", "55", "75", "session"),),
            free_chance=0.3,
            schedule="appointment",
            needs=("physical-disability", "medical-needs", "down-syndrome"),
            outcomes=("sensory-and-physical", "good-health"),
            delivery="home_in_person",
            referral_required=True,
        ),
        T(
            "Hydrotherapy sessions",
            "Exercise in a warm-water pool with a physiotherapist, for children with "
            "physical disabilities.",
            "The pool is heated to 34 degrees, which helps muscles relax. There is a hoist, "
            "a changing bench and a Changing Places toilet next to the pool.",
            ("easier movement in water", "less pain and stiffness", "fun and confidence in water"),
            ((2, 18), (4, 25)),
            (P("Session (30 minutes)", "35", "55", "session"),),
            free_chance=0.1,
            schedule="weekly_daytime",
            needs=("physical-disability", "medical-needs"),
            outcomes=("sensory-and-physical", "good-health"),
        ),
        T(
            "Riding therapy",
            "Therapeutic horse riding that builds balance, strength and confidence.",
            "Riders are matched with calm, well-trained ponies and supported by a coach and "
            "two volunteers. Ramps and a hoist help riders with limited mobility get on safely.",
            (
                "better posture and core strength",
                "time outdoors with animals",
                "a sense of achievement",
            ),
            ((4, 18), (5, 25)),
            (P("Lesson", "20", "35", "session"),),
            free_chance=0.1,
            schedule="weekend",
            needs=("physical-disability", "autism", "learning-difficulties"),
            outcomes=("sensory-and-physical", "good-health"),
        ),
    ],
    "mental-health-and-wellbeing": [
        T(
            "Counselling for young people",
            "Free, confidential counselling for young people who feel anxious, low or overwhelmed.",
            "Young people meet the same counsellor for up to 12 weekly sessions, face to face "
            "or online. Counsellors are trained to adapt sessions for autistic young people "
            "and those with learning difficulties.",
            (
                "someone to talk to in confidence",
                "ways to manage worries",
                "feeling more in control",
            ),
            ((11, 18), (11, 25), (13, 25)),
            (P("Session", "35", "50", "session"),),
            free_chance=0.4,
            schedule="appointment",
            needs=("social-emotional-mental-health", "autism"),
            outcomes=("social-emotional-mental-health", "good-health"),
            delivery="in_person_online",
        ),
        T(
            "Calm and confident anxiety group",
            "A six-week group that teaches children practical ways to cope with anxiety.",
            "Children learn about feelings through games, drawing and breathing exercises. "
            "Parents come to the last part of each session to learn the same ideas.",
            (
                "names for feelings",
                "calming techniques that work for them",
                "less anxiety at school",
            ),
            ((7, 11), (8, 12)),
            (P("Course of six sessions", "60", "120", "place"),),
            free_chance=0.3,
            schedule="after_school",
            needs=("social-emotional-mental-health", "autism", "adhd"),
            outcomes=("social-emotional-mental-health",),
        ),
        T(
            "Music therapy",
            "Music therapy with an HCPC-registered music therapist, for children who find "
            "words hard.",
            "Children make music with a wide range of instruments, their voice and "
            "technology. The therapist follows the child's lead to build communication and "
            "help them express feelings.",
            ("a way to express feelings", "more shared attention and turn-taking", "enjoyment"),
            ((2, 18), (4, 25)),
            (P("Session (45 minutes)", "45", "65", "session"),),
            free_chance=0.05,
            schedule="appointment",
            needs=("autism", "learning-difficulties", "speech-language-and-communication"),
            outcomes=("communication-and-interaction", "social-emotional-mental-health"),
        ),
        T(
            "Children's yoga and relaxation",
            "Gentle yoga, stretching and relaxation for children who need help to feel calm.",
            "Classes are small and predictable, with pictures showing each pose. Children can "
            "join in as much or as little as they like, and finish with a quiet story.",
            ("calmer bodies and minds", "better sleep", "flexibility and balance"),
            ((4, 11), (5, 16)),
            (P("Class", "5", "9", "session"), P("Half term", "30", "50", "term")),
            free_chance=0.15,
            schedule="weekend",
            needs=("sensory-processing", "adhd", "social-emotional-mental-health"),
            outcomes=("social-emotional-mental-health", "good-health"),
        ),
    ],
    "health-services": [
        T(
            "Child development assessment clinic",
            "Assessment of children under 5 whose development is slower than expected.",
            "A paediatrician and therapists see your child together, usually over two "
            "appointments, so you only tell your story once. You get a report and a plan.",
            ("a clear picture of their needs", "the right referrals", "a named contact"),
            ((0, 5),),
            (),
            free_chance=1.0,
            schedule="appointment",
            outcomes=("good-health", "communication-and-interaction"),
            referral_required=True,
        ),
        T(
            "Sleep support service",
            "Help for families of children with SEND who have problems sleeping.",
            "A trained sleep practitioner looks at your child's sleep diary with you and "
            "agrees a plan that fits your family. They phone every week to see how it is going.",
            (
                "better sleep for the whole family",
                "a bedtime routine that works",
                "fewer night wakings",
            ),
            ((2, 18),),
            (P("Six-week programme", "90", "180", "place"),),
            free_chance=0.35,
            schedule="appointment",
            needs=("autism", "adhd", "learning-difficulties", "sensory-processing"),
            outcomes=("good-health",),
            delivery="in_person_online",
        ),
        T(
            "Specialist school nursing",
            "School nurses who support children with complex health needs in special schools.",
            "Nurses train school staff in tube feeding, epilepsy rescue medicine and other "
            "care, write health care plans with families and attend annual reviews.",
            ("safe care at school", "a health care plan everyone follows", "fewer missed days"),
            ((2, 19),),
            (),
            free_chance=1.0,
            schedule="appointment",
            needs=("medical-needs", "physical-disability"),
            outcomes=("good-health",),
            referral_required=True,
        ),
        T(
            "Learning disability annual health check support",
            "Help for young people aged 14 and over to get ready for their annual health check.",
            "A health facilitator explains what happens at the check, practises it with the "
            "young person and can come along to the GP surgery.",
            (
                "a check that goes smoothly",
                "health worries picked up early",
                "a health action plan",
            ),
            ((14, 25),),
            (),
            free_chance=1.0,
            schedule="appointment",
            needs=("learning-difficulties", "down-syndrome"),
            outcomes=("good-health", "independent-living"),
        ),
    ],
    "equipment-and-adaptations": [
        T(
            "Sensory equipment loan library",
            "Borrow sensory toys, weighted blankets and communication aids before you buy.",
            "Families can borrow up to three items for four weeks. Staff help you choose "
            "items that suit your child and show you how to use them safely.",
            ("try before you buy", "equipment that helps at home", "advice on what works"),
            ((0, 18), (0, 25)),
            (P("Loan for four weeks", "3", "10", "item"),),
            free_chance=0.2,
            schedule="weekly_daytime",
            needs=("sensory-processing", "autism", "multi-sensory-impairment"),
            outcomes=("sensory-and-physical",),
        ),
        T(
            "Specialist seating and equipment",
            "Supply and fitting of specialist seating, standing frames and bathing aids.",
            "An assessor visits your home to measure your child, brings equipment to try and "
            "fits it. Prices include delivery and a year of repairs; disabled people's "
            "equipment is usually zero rated for VAT.",
            ("comfortable, safe posture", "easier care at home", "equipment that grows with them"),
            ((0, 25),),
            (P("Bath seat", "180", "450", "item"), P("Activity chair", "650", "1800", "item")),
            free_chance=0.0,
            schedule="appointment",
            needs=("physical-disability", "medical-needs"),
            outcomes=("sensory-and-physical", "independent-living"),
            delivery="home",
        ),
    ],
    # Short breaks and leisure -------------------------------------------------------------
    "short-breaks": [
        T(
            "Saturday short breaks club",
            "A fun Saturday club for disabled children, giving families a break.",
            "Children take part in games, crafts, cooking and outings with a high staff "
            "ratio of one adult to every two children, or one to one where needed. Staff are "
            "trained in personal care, medication and moving and handling.",
            (
                "new friends and activities",
                "time away from home with trusted staff",
                "a break for parents",
            ),
            ((5, 18), (8, 18)),
            (P("Day", "55", "95", "day"), P("Half day", "30", "50", "session")),
            free_chance=0.2,
            schedule="weekend",
            outcomes=("friends-relationships-community", "social-emotional-mental-health"),
        ),
        T(
            "Overnight short breaks",
            "Overnight stays in a homely residential unit, for children with complex needs.",
            "Children stay one or two nights a month in a house with a garden, sensory room "
            "and accessible bedrooms. Nursing staff are on site for children with health needs.",
            ("a home from home", "activities with friends", "rest for the whole family"),
            ((8, 18),),
            (P("Night", "180", "350", "place"),),
            free_chance=0.3,
            schedule="weekend",
            needs=("physical-disability", "medical-needs", "learning-difficulties", "autism"),
            outcomes=("friends-relationships-community", "independent-living"),
            referral_required=True,
        ),
        T(
            "Sensory play sessions",
            "Relaxed play sessions in a sensory room and soft play, for disabled children "
            "and siblings.",
            "Families book a one-hour slot for their own group, so it is never crowded. Lights "
            "and sounds can be changed to suit your child.",
            ("play at their own pace", "time together as a family", "somewhere calm to go"),
            ((0, 11), (0, 16)),
            (P("Family session (1 hour)", "8", "18", "session"),),
            free_chance=0.2,
            schedule="weekend",
            needs=(
                "sensory-processing",
                "autism",
                "multi-sensory-impairment",
                "physical-disability",
            ),
            outcomes=("sensory-and-physical", "friends-relationships-community"),
        ),
        T(
            "Youth short breaks evenings",
            "Evening clubs for disabled teenagers: bowling, cinema, cooking and going out "
            "with friends.",
            "Young people choose the activities. Staff support them to plan trips, use money "
            "and travel together, so the club builds independence as well as friendships.",
            ("nights out with friends", "more independence", "a break for parents"),
            ((12, 18), (13, 19)),
            (P("Evening", "20", "40", "session"),),
            free_chance=0.2,
            schedule="evening",
            outcomes=("friends-relationships-community", "independent-living"),
        ),
    ],
    "holiday-clubs": [
        T(
            "Inclusive holiday club",
            "A holiday club for disabled children and their brothers and sisters, with "
            "trained staff.",
            "Each day has a theme, with outdoor play, crafts, a trip or visitor, and quiet "
            "time. There is a sensory room, and staff can give medicines and personal care.",
            ("a fun holiday with friends", "new experiences", "childcare while parents work"),
            ((5, 11), (4, 14), (5, 16)),
            (P("Day", "40", "70", "day"), P("Week", "160", "280", "week")),
            free_chance=0.1,
            schedule="holidays",
            outcomes=("friends-relationships-community", "social-emotional-mental-health"),
        ),
        T(
            "Holiday activities and food programme",
            "Free holiday activities with a healthy lunch, for children who get free school meals.",
            "Sessions run for four hours a day during the Easter, summer and Christmas holidays, "
            "with sport, cooking and arts. Places with one-to-one support are available.",
            ("a healthy meal every day", "active, fun holidays", "time with friends"),
            ((5, 16),),
            (),
            free_chance=1.0,
            schedule="holidays",
            outcomes=("good-health", "friends-relationships-community"),
        ),
        T(
            "Forest school holiday days",
            "Outdoor holiday days in the woods: building dens, cooking on fires and "
            "exploring nature.",
            "Groups are small and staff are forest school trained. Children with SEND are "
            "welcome; we plan each child's day with their family.",
            ("time outdoors", "confidence and problem solving", "new friends"),
            ((4, 11), (5, 12)),
            (P("Day", "35", "55", "day"),),
            free_chance=0.05,
            schedule="holidays",
            needs=("adhd", "autism", "social-emotional-mental-health"),
            outcomes=("good-health", "social-emotional-mental-health"),
        ),
    ],
    "after-school-clubs": [
        T(
            "After-school club with SEND support",
            "An after-school club at a local school, with staff trained to support children "
            "with SEND.",
            "Children are collected from school, have a snack and choose from play, crafts, "
            "sport and quiet activities until parents collect them.",
            ("childcare after school", "play with friends", "a calm end to the day"),
            ((4, 11), (5, 12)),
            (P("Session (until 6pm)", "12", "18", "session"),),
            free_chance=0.05,
            schedule="after_school",
            outcomes=("friends-relationships-community",),
        ),
        T(
            "Lego club",
            "A weekly Lego-based club that builds social skills through building together.",
            "Children work in threes as engineer, supplier and builder, taking turns and "
            "talking about what they make. Groups are run by trained Lego-based therapy leaders.",
            ("turn-taking and teamwork", "friends with shared interests", "confidence talking"),
            ((6, 11), (7, 14)),
            (P("Session", "6", "12", "session"),),
            free_chance=0.2,
            schedule="after_school",
            needs=("autism", "speech-language-and-communication"),
            outcomes=("communication-and-interaction", "friends-relationships-community"),
        ),
        T(
            "Multi-sports club",
            "After-school sports for children who want to try lots of sports in a relaxed way.",
            "Coaches adapt every activity so all children can join in, including wheelchair "
            "users. Each week is a different sport.",
            ("fitness and coordination", "fun without pressure", "a sense of belonging"),
            ((5, 11), (7, 14)),
            (P("Session", "4", "8", "session"),),
            free_chance=0.2,
            schedule="after_school",
            needs=("physical-disability", "adhd", "learning-difficulties"),
            outcomes=("good-health", "friends-relationships-community"),
        ),
    ],
    "sport-and-leisure": [
        T(
            "Inclusive swimming lessons",
            "Small-group and one-to-one swimming lessons for children with SEND.",
            "Lessons are in a quieter teaching pool with warm water. Teachers have SEND "
            "training and there is a hoist and a Changing Places toilet.",
            ("water confidence and safety", "swimming badges", "exercise they enjoy"),
            ((4, 16), (3, 11)),
            (
                P("Group lesson", "7", "11", "session"),
                P("One-to-one lesson", "18", "28", "session"),
            ),
            free_chance=0.05,
            schedule="weekend",
            outcomes=("good-health", "sensory-and-physical"),
        ),
        T(
            "Wheelchair basketball",
            "Wheelchair basketball for young people, with sports chairs to borrow.",
            "Players of all abilities train together, and there are friendly matches with "
            "other clubs. You do not need to use a wheelchair day to day to join.",
            ("fitness and skills", "being part of a team", "matches and competitions"),
            ((8, 18), (10, 25)),
            (P("Session", "3", "6", "session"),),
            free_chance=0.2,
            schedule="weekend",
            needs=("physical-disability",),
            outcomes=("good-health", "friends-relationships-community"),
        ),
        T(
            "Disability football",
            "Football sessions for children and young people with any disability, run by "
            "qualified coaches.",
            "Sessions focus on fun and skills, with small-sided games. Players can join the "
            "club's teams in local disability leagues.",
            ("fitness and football skills", "friends and teamwork", "playing in a league"),
            ((6, 16), (8, 18)),
            (P("Session", "3", "5", "session"),),
            free_chance=0.2,
            schedule="weekend",
            outcomes=("good-health", "friends-relationships-community"),
        ),
        T(
            "Inclusive climbing sessions",
            "Climbing and bouldering with instructors trained to support disabled climbers.",
            "Climbers use auto-belays and adaptive harnesses. Sessions can be booked for a "
            "family or a small group, so they are never too busy.",
            ("strength and coordination", "confidence and trust", "a new hobby"),
            ((6, 18), (8, 25)),
            (P("Session (90 minutes)", "12", "20", "session"),),
            free_chance=0.05,
            schedule="after_school",
            outcomes=("good-health", "sensory-and-physical"),
        ),
        T(
            "Relaxed trampolining",
            "Trampolining with fewer people, quieter music and trained coaches.",
            "Relaxed sessions keep numbers low and lights and music soft. Coaches can work "
            "one to one with jumpers who need support.",
            ("exercise that feels like play", "better balance", "a fun outing"),
            ((4, 16), (5, 25)),
            (P("Session (1 hour)", "8", "14", "session"),),
            free_chance=0.05,
            schedule="weekend",
            needs=("autism", "sensory-processing", "adhd"),
            outcomes=("good-health", "sensory-and-physical"),
        ),
    ],
    "arts-and-music": [
        T(
            "Inclusive art club",
            "An art club where children with SEND explore painting, clay and printmaking.",
            "Artists lead each session and adapt tools so everyone can take part, with "
            "chunky brushes, easels at wheelchair height and a calm space.",
            ("creativity and self-expression", "new skills", "an exhibition of their work"),
            ((5, 11), (8, 16)),
            (P("Session", "6", "12", "session"), P("Term", "50", "90", "term")),
            free_chance=0.2,
            schedule="weekend",
            outcomes=("social-emotional-mental-health", "friends-relationships-community"),
        ),
        T(
            "Drama and performance group",
            "A drama group for young people with SEND, putting on a show every summer.",
            "Members warm up with games, then create scenes, songs and characters together. "
            "Scripts are in easy read and everyone who wants a speaking part gets one.",
            (
                "confidence and communication",
                "friends who share an interest",
                "performing on a real stage",
            ),
            ((11, 18), (14, 25)),
            (P("Session", "5", "10", "session"),),
            free_chance=0.2,
            schedule="evening",
            outcomes=("communication-and-interaction", "friends-relationships-community"),
        ),
        T(
            "Music making sessions",
            "Make music with instruments, technology and your voice, whatever your ability.",
            "Musicians bring instruments that are easy to play, including switch-operated "
            "and touch-screen instruments for young people with limited movement.",
            ("joy in making music", "communication through sound", "playing in a band"),
            ((5, 18), (11, 25)),
            (P("Session", "5", "12", "session"),),
            free_chance=0.15,
            schedule="after_school",
            outcomes=("communication-and-interaction", "social-emotional-mental-health"),
        ),
    ],
    "play-and-youth-groups": [
        T(
            "Inclusive youth club",
            "A weekly youth club for young people with and without SEND.",
            "Members play pool and games, cook, go on trips and plan their own projects. "
            "Youth workers make sure everyone can join in.",
            (
                "friends and somewhere to belong",
                "a say in what happens",
                "trips and new experiences",
            ),
            ((11, 18), (11, 19), (13, 25)),
            (P("Session", "1", "4", "session"),),
            free_chance=0.3,
            schedule="evening",
            outcomes=("friends-relationships-community", "independent-living"),
        ),
        T(
            "Siblings group",
            "A group for brothers and sisters of disabled children to have fun and share "
            "experiences.",
            "Siblings meet once a month for activities and trips, with time to talk about "
            "what life is like at home if they want to.",
            ("time that is just for them", "others who understand", "fun trips"),
            ((7, 16),),
            (),
            free_chance=1.0,
            schedule="weekend",
            outcomes=("social-emotional-mental-health", "friends-relationships-community"),
        ),
        T(
            "Adventure playground",
            "An accessible adventure playground with staffed play sessions for disabled children.",
            "The playground has a wheelchair-accessible swing, sensory garden and indoor play "
            "room. Playworkers support children to play their own way.",
            ("free play outdoors", "taking safe risks", "making friends"),
            ((5, 16), (4, 13)),
            (P("Session", "2", "5", "session"),),
            free_chance=0.3,
            schedule="after_school",
            outcomes=("good-health", "friends-relationships-community"),
        ),
        T(
            "Deaf children's social club",
            "A monthly club where deaf children meet others, with activities in BSL and "
            "spoken English.",
            "Deaf youth workers run crafts, games and trips. Parents can meet in another room "
            "and learn some British Sign Language.",
            ("deaf role models", "friends who sign", "confidence in their identity"),
            ((5, 18),),
            (),
            free_chance=1.0,
            schedule="weekend",
            needs=("hearing-impairment", "multi-sensory-impairment"),
            outcomes=("communication-and-interaction", "friends-relationships-community"),
        ),
    ],
    # Childcare and early years ----------------------------------------------------------
    "childcare": [
        T(
            "Childminding with SEND experience",
            "A registered childminder with experience of caring for children with SEND, in a "
            "family home.",
            "Children are cared for in a small group in a home setting, with trips to the park, "
            "library and toddler groups. The childminder is rated good by Ofsted.",
            (
                "a home-from-home",
                "routines that fit your family",
                "funded hours for eligible children",
            ),
            ((0, 5), (0, 11)),
            (P("Hour", "6", "8.50", "hour"), P("Day (8am to 6pm)", "55", "75", "day")),
            free_chance=0.0,
            schedule="nursery",
            outcomes=("communication-and-interaction", "friends-relationships-community"),
        ),
        T(
            "Specialist childcare for children with complex needs",
            "Childcare with nurses on site, for children with complex health needs.",
            "The setting has trained staff for gastrostomy feeding, oxygen and seizure "
            "management, a sensory room and specialist seating.",
            ("safe care so parents can work", "play and learning", "time with other children"),
            ((0, 5), (0, 8)),
            (P("Day", "70", "110", "day"), P("Half day", "40", "60", "session")),
            free_chance=0.0,
            schedule="nursery",
            needs=("medical-needs", "physical-disability"),
            outcomes=("good-health", "friends-relationships-community"),
        ),
    ],
    "nurseries": [
        T(
            "Day nursery with an inclusion room",
            "A day nursery with a quiet inclusion room and a SENCO who works closely with "
            "families.",
            "Children spend time in their main room and can use the inclusion room for "
            "small-group and one-to-one activities. The SENCO writes an individual plan with you.",
            ("learning through play", "early help with their needs", "a smooth move to school"),
            ((0, 5),),
            (P("Day", "55", "75", "day"), P("Hour", "6.50", "9", "hour")),
            free_chance=0.0,
            schedule="nursery",
            outcomes=("communication-and-interaction", "cognition-and-learning"),
        ),
        T(
            "Pre-school playgroup",
            "A friendly term-time pre-school for 2 to 4 year olds, taking funded hours.",
            "Sessions run in the morning or afternoon, with free play, story time, outdoor "
            "play and snacks. We use Makaton and visual timetables every day.",
            ("play and friendships", "getting ready for school", "communication support"),
            ((2, 4),),
            (P("Session (3 hours)", "18", "26", "session"),),
            free_chance=0.2,
            schedule="term_mornings",
            outcomes=("communication-and-interaction", "friends-relationships-community"),
        ),
        T(
            "Baby and toddler group",
            "A welcoming stay-and-play group for parents and young children with additional needs.",
            "Parents stay with their child for play, songs and a chat with other families. "
            "Health visitors and the early years team visit once a month.",
            ("play and songs together", "meeting other families", "advice on the spot"),
            ((0, 4), (0, 5)),
            (P("Session", "1", "3", "session"),),
            free_chance=0.3,
            schedule="weekly_daytime",
            outcomes=("friends-relationships-community", "communication-and-interaction"),
        ),
    ],
    # Family support and advice ---------------------------------------------------------
    "parent-support": [
        T(
            "Parent carer support group",
            "A friendly monthly group for parents and carers of children with SEND.",
            "Parents meet over coffee to share experiences and tips. Some meetings have a "
            "guest speaker, for example from the SEND team, a benefits adviser or a therapist.",
            (
                "support from people who understand",
                "information and tips",
                "a break and a cup of tea",
            ),
            ((0, 25),),
            (),
            free_chance=1.0,
            schedule="monthly_morning",
            outcomes=("social-emotional-mental-health",),
        ),
        T(
            "Understanding autism course for parents",
            "A six-week course for parents and carers of autistic children, after or waiting "
            "for diagnosis.",
            "Each week covers one topic: communication, sensory needs, behaviour, sleep, "
            "school and looking after yourself. Courses run in the evening and online.",
            (
                "understanding your child's autism",
                "practical strategies",
                "other parents to talk to",
            ),
            ((2, 18),),
            (P("Course of six sessions", "20", "60", "place"),),
            free_chance=0.4,
            schedule="evening",
            needs=("autism",),
            outcomes=("communication-and-interaction", "social-emotional-mental-health"),
            delivery="in_person_online",
        ),
        T(
            "Young carers project",
            "Support, breaks and activities for young people who help look after a family member.",
            "Young carers get a key worker, trips and activities with others in the same "
            "situation, and help talking to their school about being a carer.",
            ("time to be young", "support at school", "someone to talk to"),
            ((8, 18), (8, 25)),
            (),
            free_chance=1.0,
            schedule="evening",
            outcomes=("social-emotional-mental-health", "friends-relationships-community"),
        ),
        T(
            "Dads' and male carers' group",
            "A relaxed group for dads and male carers of children with SEND.",
            "Meets once a month for a walk, a game of pool or breakfast, with a chat. Children "
            "are welcome at the weekend meet-ups.",
            ("support from other dads", "information about services", "friendship"),
            ((0, 25),),
            (),
            free_chance=1.0,
            schedule="monthly_morning",
            outcomes=("social-emotional-mental-health",),
        ),
    ],
    "advice-and-advocacy": [
        T(
            "SEND information, advice and support",
            "Free, confidential and impartial advice about SEND for parents, children and "
            "young people.",
            "Advisers answer questions by phone, email and face to face, help with letters "
            "and forms, and can come to meetings about EHC needs assessments, plans and reviews.",
            ("clear information about the law", "help with paperwork", "support at meetings"),
            ((0, 25),),
            (),
            free_chance=1.0,
            schedule="office_hours",
            outcomes=("social-emotional-mental-health",),
            delivery="in_person_online",
        ),
        T(
            "Benefits advice for families",
            "Help to claim Disability Living Allowance, Carer's Allowance and other benefits.",
            "An adviser checks what your family can claim, helps you fill in the forms and "
            "can help you ask for a decision to be looked at again.",
            ("the money you are entitled to", "forms filled in well", "help with appeals"),
            ((0, 25),),
            (),
            free_chance=1.0,
            schedule="office_hours",
            outcomes=("independent-living",),
            delivery="in_person_online",
        ),
        T(
            "Independent advocacy for young people",
            "An independent advocate who helps young people say what they want and be heard.",
            "Advocates meet young people wherever they feel comfortable and go with them to "
            "meetings such as reviews, so their views are part of every decision.",
            ("their views heard", "support to make choices", "confidence to speak up"),
            ((11, 25), (16, 25)),
            (),
            free_chance=1.0,
            schedule="appointment",
            outcomes=("independent-living", "social-emotional-mental-health"),
        ),
    ],
    "personal-assistants": [
        T(
            "Personal assistant support",
            "Trained personal assistants who support children and young people at home and "
            "in the community.",
            "We match your family with a personal assistant who shares your child's "
            "interests, and cover holidays and sickness. Families can pay with a direct payment.",
            ("support to go out and do things", "more independence", "a break for parents"),
            ((5, 25), (11, 25)),
            (P("Hour", "16", "24", "hour"),),
            free_chance=0.0,
            schedule="appointment",
            outcomes=("independent-living", "friends-relationships-community"),
            delivery="home_in_person",
        ),
        T(
            "Community support worker",
            "A support worker who helps a young adult use buses, shops, the gym and college.",
            "Support is planned around goals, for example going to the gym alone or "
            "shopping for the week, and reduced as the young person grows in confidence.",
            ("confidence in the community", "new routines", "less reliance on family"),
            ((16, 25),),
            (P("Hour", "17", "23", "hour"),),
            free_chance=0.0,
            schedule="appointment",
            outcomes=("independent-living", "friends-relationships-community"),
            delivery="home_in_person",
        ),
    ],
    # Independence and travel -------------------------------------------------------------
    "transport-and-travel-training": [
        T(
            "Independent travel training",
            "One-to-one training for young people to learn to travel safely on their own.",
            "A trainer travels the route with the young person until they can do it alone, "
            "covering road safety, timetables, money and what to do if something goes wrong.",
            (
                "travelling to school, college or work alone",
                "confidence and safety",
                "more freedom",
            ),
            ((11, 25), (14, 25)),
            (P("Hour", "22", "35", "hour"),),
            free_chance=0.4,
            schedule="appointment",
            outcomes=("independent-living", "employment"),
            referral_required=True,
        ),
        T(
            "Community transport for disabled young people",
            "Accessible minibus trips to clubs, activities and appointments.",
            "Our minibuses have wheelchair lifts and trained drivers and escorts. Book at "
            "least two days ahead.",
            ("getting to activities", "door-to-door journeys", "trained escorts"),
            ((5, 25),),
            (P("Journey", "3", "8", "item"),),
            free_chance=0.1,
            schedule="office_hours",
            needs=("physical-disability", "learning-difficulties", "visual-impairment"),
            outcomes=("independent-living", "friends-relationships-community"),
        ),
    ],
    "independent-living-skills": [
        T(
            "Cooking and life skills course",
            "Learn to plan meals, shop, cook and budget, in a real kitchen.",
            "Groups of up to six cook a meal each week and eat it together. Between sessions "
            "they practise at home with a recipe card in easy read.",
            (
                "cooking simple meals",
                "shopping and budgeting",
                "confidence for living independently",
            ),
            ((14, 25), (16, 25)),
            (
                P("Session", "12", "25", "session"),
                P("Course of ten sessions", "100", "200", "place"),
            ),
            free_chance=0.15,
            schedule="weekly_daytime",
            outcomes=("independent-living", "good-health"),
        ),
        T(
            "Moving on skills for young people with sight loss",
            "Mobility and daily living skills training for young people who are blind or "
            "partially sighted.",
            "Qualified habilitation specialists teach cane skills, routes, cooking and using "
            "technology, at home, at school and in the community.",
            (
                "getting around safely",
                "skills for daily life",
                "using technology to live independently",
            ),
            ((5, 25),),
            (P("Session", "40", "60", "session"),),
            free_chance=0.3,
            schedule="appointment",
            needs=("visual-impairment", "multi-sensory-impairment"),
            outcomes=("independent-living", "sensory-and-physical"),
            delivery="home_in_person",
        ),
        T(
            "Money and independence workshops",
            "Workshops on handling money, staying safe and living on your own.",
            "Young adults learn about bank cards, bills, scams and keeping safe at home, "
            "with real-life practice and easy read handouts.",
            ("managing money", "keeping safe", "planning for their own home"),
            ((16, 25),),
            (P("Workshop", "10", "20", "session"),),
            free_chance=0.3,
            schedule="events",
            outcomes=("independent-living",),
        ),
    ],
}

# Every template names its own sub-category; these are the top-level parents' slugs.
TOP_LEVEL_OF: dict[str, str] = {}


def _index_top_levels() -> None:
    from providers.taxonomy_defaults import CATEGORIES

    for parent_slug, _name, children in CATEGORIES:
        for child_slug, _child_name in children:
            TOP_LEVEL_OF[child_slug] = parent_slug


_index_top_levels()
