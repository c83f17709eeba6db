"""Writes of full cost recovery costings, one module per use case; gathered here for callers.

- `costings`: start a costing (or a new draft from a saved version) and save a version;
- `rows`: change a draft's services, cost lines and drivers;
- `prices`: "Use this as my price", a listing's new price sent to the council.
"""

from pricing.costing.services.common import LOG_ACTIONS, CostingError
from pricing.costing.services.costings import finalise_costing, start_costing
from pricing.costing.services.prices import proposal_note, use_as_price
from pricing.costing.services.rows import (
    remove_line,
    remove_service,
    save_line,
    save_service,
    set_driver,
)

__all__ = [
    "LOG_ACTIONS",
    "CostingError",
    "finalise_costing",
    "proposal_note",
    "remove_line",
    "remove_service",
    "save_line",
    "save_service",
    "set_driver",
    "start_costing",
    "use_as_price",
]
