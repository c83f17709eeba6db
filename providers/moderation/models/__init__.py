from providers.moderation.freshness.models import ListingConfirmation, ListingFreshness
from providers.moderation.models import record  # noqa: F401  (connects the receiver)
from providers.moderation.models.submissions import Submission, SubmissionCycle
from providers.moderation.reports.models import ListingReport

__all__ = [
    "ListingConfirmation",
    "ListingFreshness",
    "ListingReport",
    "Submission",
    "SubmissionCycle",
]
