"""When a cycle opens: every provider is asked to confirm their listings.

Run as a background task (`providers.moderation.tasks.request_confirmations_task`),
enqueued by `open_cycle` once the opening commits: it mails every member of every
organisation, which must not hold up the moderator's click or the opening's transaction.
"""

from __future__ import annotations

from localoffer.core.mail import send_email
from providers.models import ServicePage
from providers.moderation.freshness.links import confirmation_url, expires_on
from providers.moderation.freshness.models import ListingFreshness
from providers.moderation.freshness.selectors import members_by_organisation
from providers.moderation.freshness.services.common import (
    by_organisation,
    chunks,
    dashboard_url,
    ensure_records,
)
from providers.moderation.models import SubmissionCycle
from providers.moderation.progress import LOGGED, Progress


def request_confirmations(*, cycle: SubmissionCycle, progress: Progress = LOGGED) -> int:
    """Email every member of every organisation a link per live listing; returns emails sent.

    One email per person per organisation (a provider with ten listings gets one message
    with ten links), each link signed for that person.
    """
    ensure_records()
    listings = list(
        ServicePage.objects.live().order_by("path").only("pk", "title", "path", "depth")
    )
    flagged = set(
        ListingFreshness.objects.flagged().filter(page__live=True).values_list("page_id", flat=True)
    )
    grouped = by_organisation(listings)
    organisations = list(grouped)
    emails = 0
    without_members = 0
    with progress.bar("Asking providers to confirm their listings", len(listings)) as update:
        for chunk in chunks(organisations):
            members = members_by_organisation([organisation.pk for organisation in chunk])
            for organisation in chunk:
                pages = grouped[organisation]
                people = members.get(organisation.pk, [])
                if not people:
                    without_members += 1
                for member in people:
                    rows = [
                        {
                            "title": page.title,
                            "flagged": page.pk in flagged,
                            "confirm_url": confirmation_url(
                                page_id=page.pk, cycle_id=cycle.pk, user_id=member.pk
                            ),
                        }
                        for page in pages
                    ]
                    send_email(
                        to=[member.email],
                        template="moderation/freshness/email/confirmation_request",
                        context={
                            "recipient": member,
                            "organisation": organisation,
                            "cycle": cycle,
                            "listings": rows,
                            "any_flagged": any(row["flagged"] for row in rows),
                            "expires_on": expires_on(cycle),
                            "dashboard_url": dashboard_url(),
                        },
                    )
                    emails += 1
                update(len(pages))
    progress.note(
        f"Asked providers to confirm {len(listings)} listing(s) of "
        f"{len(organisations)} organisation(s): {emails} email(s)"
    )
    if without_members:
        progress.note(f"{without_members} organisation(s) have nobody to ask")
    return emails
