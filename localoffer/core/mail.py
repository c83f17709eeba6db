"""Plain-English emails from templates, sent once the database change behind them commits.

Every email the site sends is plain text written for the person reading it: families,
small charities and council staff. Each has two templates, `<name>_subject.txt` and
`<name>.txt`; both get `site_url` and `service_name` so links are absolute and come from
the configured address (never the request's Host header, which a client controls).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from wagtail.models import Site

# The site's editable settings (its service name) belong to the CMS at the top of the
# project; they are found by label so this bottom layer never imports the CMS package.
SITE_SETTINGS_MODEL = "localoffer.SiteSettings"
FALLBACK_SERVICE_NAME = "the Local Offer"


def site_url() -> str:
    """The site's configured address without a trailing slash (SITE_URL, read into
    WAGTAILADMIN_BASE_URL), so links in mail cannot be pointed elsewhere by a forged Host."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def service_name(*, request: HttpRequest | None = None) -> str:
    """The service's name ("Northbridge SEND Local Offer") from the settings of the site
    the request is for, or of the default site (mail sent outside a request)."""
    if request is not None:
        site = Site.find_for_request(request)
    else:
        site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return FALLBACK_SERVICE_NAME
    return apps.get_model(SITE_SETTINGS_MODEL).for_site(site).service_name


def site_contact_email() -> str:
    """The Local Offer's public contact address from the default site's settings, or ""."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    return apps.get_model(SITE_SETTINGS_MODEL).for_site(site).contact_email or ""


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
