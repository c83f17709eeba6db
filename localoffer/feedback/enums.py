from django.db import models


class FeedbackTopic(models.TextChoices):
    EDUCATION = "education", "Education"
    EHC = "ehc-needs-assessments-and-plans", "EHC needs assessments and plans"
    HEALTH = "health", "Health"
    SOCIAL_CARE = "social-care", "Social care"
    ADULTHOOD = "preparing-for-adulthood", "Preparing for adulthood"
    TRAVEL = "travel", "Travel"
    CHILDCARE = "childcare", "Childcare"
    LEISURE = "leisure-and-short-breaks", "Leisure and short breaks"
    ADVICE = "information-advice-and-support", "Information, advice and support"
    BUDGETS = "personal-budgets", "Personal budgets"
    COMPLAINTS = "complaints-mediation-and-tribunal", "Complaints, mediation and tribunal"
    DIRECTORY = "directory", "Finding services"
    WEBSITE = "the-website", "This website"
    OTHER = "other", "Something else"


class FeedbackStatus(models.TextChoices):
    NEW = "new", "New"
    PUBLISHED = "published", "Published with a response"
    NOT_PUBLISHED = "not_published", "Not published"


# Allowed moves of the feedback state machine. A published comment can be withdrawn
# (for example if it turns out to identify a child) and a withdrawn one republished.
FEEDBACK_TRANSITIONS: dict[str, set[str]] = {
    FeedbackStatus.NEW: {FeedbackStatus.PUBLISHED, FeedbackStatus.NOT_PUBLISHED},
    FeedbackStatus.PUBLISHED: {FeedbackStatus.NOT_PUBLISHED},
    FeedbackStatus.NOT_PUBLISHED: {FeedbackStatus.PUBLISHED},
}
