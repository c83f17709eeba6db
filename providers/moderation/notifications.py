"""The emails of moderation: a decision to the organisation, suggested urgency to moderators.

Sent through `localoffer.core.mail.send_email`, so only once the decision commits.
"""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from wagtail.models import Page

from localoffer.core.mail import send_email, site_url
from providers.moderation.enums import SubmissionStatus, UrgentReason
from providers.moderation.models import Submission
from providers.moderation.selectors.cycles import current_cycle
from providers.organisations.selectors import moderator_emails
from providers.selectors import organisation_members


def listing_links(page: Page) -> dict[str, str]:
    links = {"edit_url": site_url() + reverse("wagtailadmin_pages:edit", args=[page.pk])}
    parts = page.get_url_parts()
    if page.live and parts:
        links["live_url"] = site_url() + parts[2]
    return links


def tell_organisation_decision(submission: Submission, page: Page, organisation: Any) -> None:

    templates: dict[str, str] = {
        SubmissionStatus.APPROVED: "moderation/email/approved",
        SubmissionStatus.CHANGES_REQUESTED: "moderation/email/changes_requested",
        SubmissionStatus.REJECTED: "moderation/email/rejected",
    }
    template = templates[submission.status]
    send_email(
        to=organisation_members(organisation).values_list("email", flat=True),
        template=template,
        context={
            "listing_title": page.title,
            "organisation_name": organisation.title,
            "reason": submission.decision_reason,
            "open_cycle": current_cycle(),
            **listing_links(page),
        },
    )


def tell_moderators_urgency_suggested(
    submission: Submission, page: Page, organisation: Any
) -> None:
    send_email(
        to=moderator_emails(),
        template="moderation/email/urgency_suggested",
        context={
            "listing_title": page.title,
            "organisation_name": organisation.title,
            "urgent_reason": UrgentReason(submission.urgent_reason).label,
            "note": submission.note,
            "review_url": site_url() + reverse("moderation:review", args=[submission.pk]),
        },
    )
