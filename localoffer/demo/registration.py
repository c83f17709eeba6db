"""Demo data for registration: one organisation registered online and waiting to be checked.

Registered by the demo provider (provider@northbridge.example), who is then the admin of
two organisations: the verified "Sunflower Sensory Centre" and this one, so the admin home
page shows both states, and moderators have a full registration to verify or refuse.

Built directly rather than through `register_organisation`, which would email the
moderators and the demo provider every time the demo is loaded.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from localoffer.demo.access import make_organisation_admin
from providers.enums import OrganisationType, VerificationStatus
from providers.models import OrganisationIndexPage, OrganisationPage, OrganisationRegistration
from providers.organisations import policy

DEMO_REGISTRANT = "provider@northbridge.example"
DEMO_NAME = "Harbour Lane Inclusive Theatre"


def ensure_demo_registration(index: OrganisationIndexPage) -> int:
    """Create the waiting organisation if it is missing. Returns how many were created."""
    if OrganisationPage.objects.child_of(index).filter(title=DEMO_NAME).exists():
        return 0
    registrant = get_user_model().objects.filter(email=DEMO_REGISTRANT).first()
    if registrant is None:
        return 0
    now = timezone.now()
    registered_at = now - dt.timedelta(days=2)
    page = OrganisationPage(
        title=DEMO_NAME,
        slug="harbour-lane-inclusive-theatre",
        live=False,
        owner=registrant,
        organisation_type=OrganisationType.COMMUNITY_GROUP,
        description=(
            "<p>A drama group for disabled and non-disabled young people aged 11 to 18. "
            "We meet on Tuesday evenings and put on a show every summer.</p>"
            "<p>Sessions are relaxed: there is a quiet room, and you can come and watch first.</p>"
        ),
        email="hello@harbourlanetheatre.example.org",
        phone="01632 960 418",
        address_line_1="Harbour Lane Community Hall",
        address_line_2="12 Harbour Lane",
        town="Northbridge",
        postcode="NB3 5TR",
        verification_status=VerificationStatus.PENDING,
    )
    index.add_child(instance=page)
    page.save_revision(user=registrant, clean=False, log_action=False)
    OrganisationRegistration.objects.create(
        organisation=page,
        safeguarding_lead_name="Dee Okafor",
        safeguarding_lead_role="Designated Safeguarding Lead",
        safeguarding_lead_email="dee@harbourlanetheatre.example.org",
        safeguarding_lead_phone="07700 900 418",
        insurance_held=True,
        insurance_expires_on=timezone.localdate() + dt.timedelta(days=200),
        dbs_checks_confirmed=True,
        safeguarding_policy_confirmed=True,
        terms_version=policy.LISTING_TERMS_VERSION,
        terms_accepted_at=registered_at,
        registered_by=registrant,
        registered_at=registered_at,
    )
    make_organisation_admin(organisation=page, user=registrant)
    return 1
