"""Reads for reviewing one submission: what changed, and the ages it is for."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail.models import Page

from providers.ages import describe_age_range
from providers.moderation.models import Submission


def build_comparison(request: HttpRequest, page: Page, submission: Submission) -> dict[str, Any]:
    """The submitted revision against the published version, with Wagtail's compare panels.

    As Wagtail's own revisions compare view does, the page's edit handler gives one
    comparison per panel field. Changed fields come first. A page never published is
    compared with an empty page of its type, so every field it has shows as new.
    """
    if submission.revision is None:
        raise ValueError("The submitted revision was deleted, so there is nothing to compare.")
    specific = page.specific
    submitted = submission.revision.as_object()
    if specific.live:
        published, is_new = specific, False
    elif specific.live_revision_id:
        published, is_new = specific.live_revision.as_object(), False
    else:
        published, is_new = specific.specific_class(), True
    panel = specific.get_edit_handler().get_bound_panel(
        instance=specific, request=request, form=None
    )
    changed, unchanged = [], []
    for comparison_class in panel.get_comparison():
        comparison = comparison_class(published, submitted)
        if is_new or comparison.has_changed():
            # The published value alone: the same comparison with nothing changed.
            before = None if is_new else comparison_class(published, published)
            changed.append({"comp": comparison, "before": before})
        else:
            unchanged.append(comparison)
    return {"is_new": is_new, "changed": changed, "unchanged": unchanged}


def submitted_ages(submission: Submission) -> str:
    """The age range of the submitted version, in words ("" for an organisation page)."""
    content = submission.revision.content if submission.revision is not None else {}
    low, high = content.get("min_age_months"), content.get("max_age_months")
    if low is None or high is None:
        return ""
    return describe_age_range(int(low), int(high))
