"""Working out a budget's models, one module per part (imported by `pricing.models`)."""

from pricing.allocation.models.assessment import (
    Answer,
    Assessment,
    CostedAdjustment,
    DomainScore,
    PlannedOutcome,
    ProvisionLine,
    StreamResult,
)
from pricing.allocation.models.panel import (
    DecisionLetter,
    LookAgainRequest,
    PanelMember,
    StreamDecision,
)
from pricing.allocation.models.questionnaire import (
    AgeAdjustment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
    QuestionnaireVersion,
)

__all__ = [
    "AgeAdjustment",
    "Answer",
    "Assessment",
    "CostedAdjustment",
    "DecisionLetter",
    "Descriptor",
    "Domain",
    "DomainScore",
    "FundingBand",
    "LookAgainRequest",
    "PanelMember",
    "PlannedOutcome",
    "ProvisionLine",
    "Question",
    "QuestionnaireVersion",
    "StreamDecision",
    "StreamResult",
]
