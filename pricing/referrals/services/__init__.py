"""Referral writes: each a named function that checks who acts and the state, locks,
audits, and emails once the change commits (docs: ARCHITECTURE.md, convention 2)."""

from pricing.referrals.services.answering import (
    accept_referral,
    booking_changed,
    decline_referral,
    mark_booked,
)
from pricing.referrals.services.common import ReferralError
from pricing.referrals.services.family import (
    consent_statement,
    give_consent,
    profile_statement,
    refuse_consent,
    withdraw_referral,
)
from pricing.referrals.services.referring import cancel_referral, refer_family

__all__ = [
    "ReferralError",
    "accept_referral",
    "booking_changed",
    "cancel_referral",
    "consent_statement",
    "decline_referral",
    "give_consent",
    "mark_booked",
    "profile_statement",
    "refer_family",
    "refuse_consent",
    "withdraw_referral",
]
