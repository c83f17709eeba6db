"""Working out a budget, as data: questionnaire versions, need levels, assessments' and
panel decisions' states, and how often a piece of provision happens.

Read as tables in docs/decisions/0018-working-out-a-budget.md."""

from __future__ import annotations

from decimal import Decimal

from django.db import models


class VersionStatus(models.TextChoices):
    """A questionnaire is edited as a draft; once published it is frozen for ever, so an
    assessment made with it always shows the working it was made with."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class NeedLevel(models.TextChoices):
    """The need band an answer describes, in the words families see."""

    NONE = "none", "No extra need"
    LOW = "low", "Low need"
    MODERATE = "moderate", "Moderate need"
    HIGH = "high", "High need"
    VERY_HIGH = "very_high", "Very high need"


class AssessmentKind(models.TextChoices):
    SELF = "self", "Self-assessment by the family"
    COORDINATOR = "coordinator", "Assessment with the coordinator"


class AssessmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    # A self-assessment the family has sent to the council; a coordinator may start from it.
    SENT = "sent", "Sent to the council"
    # The coordinator has finished: the answers and the working are fixed.
    COMPLETED = "completed", "Completed"
    AT_PANEL = "at_panel", "Waiting for the panel"
    DECIDED = "decided", "Decided"
    WITHDRAWN = "withdrawn", "Withdrawn"


S = AssessmentStatus
ASSESSMENT_TRANSITIONS: dict[str, frozenset[str]] = {
    S.IN_PROGRESS: frozenset({S.SENT, S.COMPLETED, S.WITHDRAWN}),
    S.SENT: frozenset(),  # a self-assessment ends here; the coordinator's copy goes on
    # Costed provision may still be changed until the coordinator sends it to the panel.
    S.COMPLETED: frozenset({S.AT_PANEL, S.WITHDRAWN}),
    S.AT_PANEL: frozenset({S.DECIDED}),
    S.DECIDED: frozenset(),
    S.WITHDRAWN: frozenset(),
}


class Frequency(models.TextChoices):
    """How often a piece of provision is used; `PER_YEAR` says how many times that is a
    year, which is how a costed provision line becomes an annual cost."""

    PER_WEEK = "week", "each week"
    PER_TERM_WEEK = "term_week", "each week in term time"
    PER_MONTH = "month", "each month"
    PER_TERM = "term", "each term"
    PER_YEAR = "year", "each year"
    ONCE = "once", "once"


# Schools in England are open 39 weeks a year, in three terms.
TIMES_A_YEAR: dict[str, Decimal] = {
    Frequency.PER_WEEK: Decimal(52),
    Frequency.PER_TERM_WEEK: Decimal(39),
    Frequency.PER_MONTH: Decimal(12),
    Frequency.PER_TERM: Decimal(3),
    Frequency.PER_YEAR: Decimal(1),
    Frequency.ONCE: Decimal(1),
}


class LookAgainStatus(models.TextChoices):
    """A family's request for the working or the decision to be looked at again."""

    OPEN = "open", "Waiting for an answer"
    ANSWERED = "answered", "Answered"
