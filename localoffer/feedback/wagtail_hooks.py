"""Wagtail admin hooks for feedback: the moderation viewset and readable audit entries.

Imported by localoffer/wagtail_hooks.py, the module Wagtail discovers for the app.
"""

from wagtail import hooks
from wagtail.log_actions import LogActionRegistry, LogFormatter

from localoffer.feedback.services import ACTION_EDIT, ACTION_PUBLISH, ACTION_WITHDRAW
from localoffer.feedback.viewsets import FeedbackViewSet


@hooks.register("register_admin_viewset")
def register_feedback_viewset() -> FeedbackViewSet:
    return FeedbackViewSet()


class WithdrawFormatter(LogFormatter):
    label = "Not published"

    def format_message(self, log_entry) -> str:
        reason = (log_entry.data or {}).get("reason")
        return f"Marked not to be published: {reason}" if reason else "Marked not to be published"


@hooks.register("register_log_actions")
def register_feedback_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(
        ACTION_PUBLISH, "Publish with response", "Published with the council's response"
    )
    actions.register_action(ACTION_WITHDRAW)(WithdrawFormatter)
    actions.register_action(ACTION_EDIT, "Edit wording", "Edited the published wording or response")
