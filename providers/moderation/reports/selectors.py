"""Reads for reported problems: who is told, and what a provider may see."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from localoffer.core.mail import site_contact_email
from providers.models import ServicePage
from providers.moderation.reports.models import ListingReport
from providers.organisations.selectors import moderator_emails
from providers.selectors import organisations_of_user

PROVIDER_PANEL_LIMIT = 10


def live_service_or_none(page_id: int) -> ServicePage | None:
    """A published, public listing; reports are taken only about what families can see."""
    return ServicePage.objects.live().public().filter(pk=page_id).first()


def report_recipients() -> list[str]:
    """Where reports go in the council: the moderators, or the Local Offer's contact
    address if there are none yet, so that no report (least of all a safeguarding
    concern) goes nowhere."""
    emails = [email for email in moderator_emails() if email]
    if emails:
        return emails
    contact = site_contact_email()
    return [contact] if contact else []


def reports_for_provider(user: Any) -> QuerySet[ListingReport]:
    """Open reports about the person's organisations' listings, never safeguarding ones."""

    return (
        ListingReport.objects.for_providers()
        .open()
        .filter(organisation__in=organisations_of_user(user).values("pk"))
        .order_by("-created_at")
    )
