"""Shared bookings in the admin: the audit labels of their log entries.

Imported by pricing/wagtail_hooks.py (Wagtail loads only the app's own hooks module).
"""

from wagtail import hooks

SHARED_LOG_ACTIONS = {
    "pricing.shared_started": "Shared booking started",
    "pricing.shared_joined": "Family joined a shared booking",
    "pricing.shared_share_paid": "Share paid or committed",
    "pricing.shared_card_failed": "Card payment for a share failed",
    "pricing.shared_confirmed": "Shared booking confirmed",
    "pricing.shared_not_confirmed": "Shared booking could not be confirmed",
    "pricing.shared_refund_owed": "Share to be refunded",
    "pricing.shared_released": "Shared booking released at its deadline",
    "pricing.shared_cancelled": "Shared booking cancelled by its organiser",
    "pricing.shared_session_cancelled": "Shared booking ended: session cancelled",
    "pricing.shared_new_link": "New invitation link made",
    "pricing.shared_share_freed": "Share free again: its budget would not pay",
}


@hooks.register("register_log_actions")
def register_shared_log_actions(actions) -> None:
    for action, label in SHARED_LOG_ACTIONS.items():
        actions.register_action(action, label, label)
