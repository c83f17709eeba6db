from moderation.freshness.models import ListingConfirmation, ListingFreshness
from moderation.models.submissions import Submission, SubmissionCycle
from moderation.reports.models import ListingReport

__all__ = [
    "ListingConfirmation",
    "ListingFreshness",
    "ListingReport",
    "Submission",
    "SubmissionCycle",
]
