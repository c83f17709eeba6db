"""Writes of shared bookings, one module per use case; the names are gathered here.

- `starting`: the organiser starts one (their place, the group's places kept, the link);
- `joining`: a family joins from the link; the organiser makes a new link;
- `collecting`: a share paid or committed, a card refused, the group confirmed;
- `ending`: released at the deadline (`release_due`, the job), cancelled by the organiser;
- `hooks`: how bookings ask about shares (connected in `PricingConfig.ready()`).
"""

from pricing.sharing.services.collecting import confirm_if_complete, funding_decided, refund_key
from pricing.sharing.services.common import (
    PayFrom,
    SharingError,
    default_deadline,
    latest_deadline,
    token_hash,
)
from pricing.sharing.services.ending import cancel_shared, release_due, release_shared
from pricing.sharing.services.joining import join_shared_booking, new_link, shared_for_token
from pricing.sharing.services.starting import (
    Started,
    group_terms,
    share_amounts,
    start_shared_booking,
)

__all__ = [
    "PayFrom",
    "SharingError",
    "Started",
    "cancel_shared",
    "confirm_if_complete",
    "default_deadline",
    "funding_decided",
    "group_terms",
    "join_shared_booking",
    "latest_deadline",
    "new_link",
    "refund_key",
    "release_due",
    "release_shared",
    "share_amounts",
    "shared_for_token",
    "start_shared_booking",
    "token_hash",
]
