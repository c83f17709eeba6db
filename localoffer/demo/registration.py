"""Demo data for registration: one organisation registered online and waiting to be checked.

Registered two days ago by the demo provider (provider@northbridge.example) through
`register_organisation`, as the online form does, so the provider is then the admin of
two organisations: the verified "Sunflower Sensory Centre" and this one. The admin home
page shows both states, and moderators have a full registration to verify or refuse.
`build_demo` runs it with mail switched off (`localoffer.demo.clock.quietly`).
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from localoffer.demo.clock import at, on
from providers.enums import OrganisationType
from providers.models import OrganisationIndexPage, OrganisationPage
from providers.organisations.services import RegistrationDetails, register_organisation

DEMO_REGISTRANT = "provider@northbridge.example"
DEMO_NAME = "Harbour Lane Inclusive Theatre"


def _details(today: dt.date) -> RegistrationDetails:
    return RegistrationDetails(
        name=DEMO_NAME,
        organisation_type=OrganisationType.COMMUNITY_GROUP,
        description=(
            "A drama group for disabled and non-disabled young people aged 11 to 18. "
            "We meet on Tuesday evenings and put on a show every summer.\n\n"
            "Sessions are relaxed: there is a quiet room, and you can come and watch first."
        ),
        email="hello@harbourlanetheatre.example.org",
        phone="01632 960 418",
        address_line_1="Harbour Lane Community Hall",
        address_line_2="12 Harbour Lane",
        town="Northbridge",
        postcode="NB3 5TR",
        safeguarding_lead_name="Dee Okafor",
        safeguarding_lead_role="Designated Safeguarding Lead",
        safeguarding_lead_email="dee@harbourlanetheatre.example.org",
        safeguarding_lead_phone="07700 900 418",
        insurance_held=True,
        insurance_expires_on=today + dt.timedelta(days=200),
        dbs_checks_confirmed=True,
        safeguarding_policy_confirmed=True,
        terms_accepted=True,
    )


def ensure_demo_registration(index: OrganisationIndexPage, today: dt.date | None = None) -> int:
    """Register the waiting organisation if it is missing. Returns how many were made."""
    if OrganisationPage.objects.child_of(index).filter(title=DEMO_NAME).exists():
        return 0
    registrant = get_user_model().objects.filter(email=DEMO_REGISTRANT).first()
    if registrant is None:
        return 0
    today = today or timezone.localdate()
    with on(at(today - dt.timedelta(days=2), 14)):
        register_organisation(user=registrant, details=_details(today))
    return 1
