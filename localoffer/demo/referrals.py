"""The demo's referrals between its two providers, one each way.

Sunflower Sensory Centre sent one: Isla, who comes to its Saturday sessions, to Splash's
holiday swimming; her family agreed and Splash accepted, so the family can book. Splash
sent one the other way: Tobi, who swam with Splash, to Sunflower's support at home; his
family (the second demo family account) agreed and shared nothing, and it waits for
Sunflower's answer. The demo family's own children (Maya and Leo) have none, so a new user
can refer them from scratch.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from localoffer.demo.clock import on
from localoffer.demo.directory.organisations import (
    PARTNER_ORGANISATION,
    PROVIDER_ADMIN_ORGANISATION,
)
from localoffer.demo.features import HOURS_LISTING, PARTNER_LISTING
from pricing.families.models import Child
from pricing.referrals import services as referrals
from pricing.referrals.models import Referral
from providers.models import OrganisationPage, ServicePage

SENT_CHILD = "Isla"  # one of the marketplace story's other families
RECEIVED_CHILD = "Tobi"  # the second demo family's child


def ensure_demo_referrals(*, now: dt.datetime) -> dict[str, int]:
    if Referral.objects.exists():
        return {}
    User = get_user_model()
    sunflower = OrganisationPage.objects.filter(title=PROVIDER_ADMIN_ORGANISATION).first()
    splash = OrganisationPage.objects.filter(title=PARTNER_ORGANISATION).first()
    sunflower_admin = User.objects.filter(email="provider@northbridge.example").first()
    splash_admin = User.objects.filter(email="provider2@northbridge.example").first()
    if sunflower is None or splash is None or sunflower_admin is None or splash_admin is None:
        return {}
    swimming = ServicePage.objects.live().filter(title=PARTNER_LISTING).first()
    at_home = ServicePage.objects.live().filter(title=HOURS_LISTING).first()
    isla = Child.objects.filter(first_name=SENT_CHILD).first()
    tobi = Child.objects.filter(first_name=RECEIVED_CHILD).first()
    if swimming is None or at_home is None or isla is None or tobi is None:
        return {}
    made = 0
    asked = now - dt.timedelta(days=9)
    with on(asked):
        sent = referrals.refer_family(
            organisation=sunflower,
            child=isla,
            service=swimming,
            note="Isla loves the water play in our sensory room and her dad asked about "
            "swimming. Splash's small, quiet sessions should suit her: she finds loud "
            "pools hard.",
            ask_to_share_profile=False,
            by=sunflower_admin,
            now=asked,
        )
    with on(asked + dt.timedelta(days=1)):
        referrals.give_consent(referral=sent, by=isla.family, share_profile=False)
    with on(asked + dt.timedelta(days=3)):
        referrals.accept_referral(
            referral=sent,
            by=splash_admin,
            message="We would love to have Isla. Wednesday afternoons are our quietest sessions.",
        )
    made += 1
    asked = now - dt.timedelta(days=4)
    with on(asked):
        received = referrals.refer_family(
            organisation=splash,
            child=tobi,
            service=at_home,
            note="Tobi's mum says bath time and getting dressed are very hard at the moment. "
            "She asked us who could help at home with sensory needs.",
            ask_to_share_profile=False,
            by=splash_admin,
            now=asked,
        )
    with on(asked + dt.timedelta(hours=20)):
        referrals.give_consent(referral=received, by=tobi.family, share_profile=False)
    made += 1
    return {"referrals": made}
