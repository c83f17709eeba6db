"""Plain-English emails from templates, sent once the database change behind them commits.

Every email the site sends is plain text written for the person reading it: families,
small charities and council staff. Each has two templates, `<name>_subject.txt` and
`<name>.txt`; both get `site_url` and `service_name` so links are absolute and come from
the configured address (never the request's Host header, which a client controls).
"""

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string


def site_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def service_name() -> str:
    """The service's name from the default site's settings ("Northbridge SEND Local Offer")."""
    from wagtail.models import Site

    from localoffer.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).service_name if site else "the Local Offer"


def render_email(template: str, context: dict[str, Any]) -> tuple[str, str]:
    """The subject (one line) and body of an email template."""
    context = {"site_url": site_url(), "service_name": service_name(), **context}
    subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
    body = render_to_string(f"{template}.txt", context).strip() + "\n"
    return subject, body


def send_email(*, to: Iterable[str], template: str, context: dict[str, Any]) -> None:
    """Send one email to each address after the current transaction commits.

    One message per person, so nobody sees who else was told. Nothing is sent if the
    transaction rolls back, so a refused action never emails anyone.
    """
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    subject, body = render_email(template, context)

    def deliver() -> None:
        for address in recipients:
            EmailMessage(
                subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[address]
            ).send()

    transaction.on_commit(deliver)
