"""Reads of moderation, one module per use case; the names are gathered here for callers.

- `cycles`: the open cycle, the next one, and the dates suggested for a new one;
- `queues`: the moderators' queues, decisions and the home panel's counts;
- `review`: comparing a submitted version with the published one;
- `figures`: the dashboard's per-cycle figures;
- `listings`: where each of a provider's listings stands, and what they can do next.
"""

from providers.moderation.selectors.cycles import (
    MONTHS_BETWEEN_OPENINGS,
    REVIEW_DAYS,
    SUBMISSION_DAYS,
    CycleSuggestion,
    current_cycle,
    next_cycle,
    season_name,
    suggested_cycle,
)
from providers.moderation.selectors.figures import (
    CycleFigures,
    cycle_figures,
    days_to_decision,
    median,
    ninetieth_percentile,
    review_started,
)
from providers.moderation.selectors.listings import ListingState, listing_states, provider_listings
from providers.moderation.selectors.queues import (
    age_band_q,
    cycle_queue,
    days_waiting,
    decisions,
    filter_submissions,
    organisations_with_submissions,
    page_decisions,
    queue_counts,
    urgent_queue,
    waiting_queue,
)
from providers.moderation.selectors.review import build_comparison, submitted_ages

__all__ = [
    "MONTHS_BETWEEN_OPENINGS",
    "REVIEW_DAYS",
    "SUBMISSION_DAYS",
    "CycleFigures",
    "CycleSuggestion",
    "ListingState",
    "age_band_q",
    "build_comparison",
    "current_cycle",
    "cycle_figures",
    "cycle_queue",
    "days_to_decision",
    "days_waiting",
    "decisions",
    "filter_submissions",
    "listing_states",
    "median",
    "next_cycle",
    "ninetieth_percentile",
    "organisations_with_submissions",
    "page_decisions",
    "provider_listings",
    "queue_counts",
    "review_started",
    "season_name",
    "submitted_ages",
    "suggested_cycle",
    "urgent_queue",
    "waiting_queue",
]
