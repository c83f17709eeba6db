"""The family's answers: agree (and perhaps share the one-page profile), say no, withdraw.

Consent is the family's own act. The words recorded are made by the same functions that
write them on the family's page (`consent_statement`, `profile_statement`), so what is
kept is what was shown.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from localoffer.core.transitions import lock
from pricing.families.models import ProfileShare
from pricing.families.services import share_profile as share_child_profile
from pricing.families.services import withdraw_share
from pricing.referrals import notifications
from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import Referral
from pricing.referrals.services.common import ReferralError, check_family, moment, move


def consent_statement(referral: Referral) -> str:
    child, receiver = referral.child.first_name, referral.receiving_organisation.title
    return (
        f"I agree that {referral.referring_organisation.title} may refer {child} to "
        f"{receiver} for “{referral.service_title}”. {receiver} will see {child}'s first "
        f"name, age and needs and the note above, so that they can decide whether they "
        f"can offer {child} a place."
    )


def profile_statement(referral: Referral) -> str:
    return (
        f"I agree to share {referral.child.first_name}'s one-page profile with "
        f"{referral.receiving_organisation.title}. I can stop sharing it at any time."
    )


def purpose(referral: Referral) -> str:
    return f"Referral {referral.reference}"


def give_consent(
    *, referral: Referral, by: Any, share_profile: bool, now: dt.datetime | None = None
) -> Referral:
    """The family agrees: consent recorded (who, when, the words shown), the referral is
    sent to the receiving organisation and, if asked and agreed, the child's one-page
    profile is shared with it for the referral."""
    check_family(referral, by)
    if share_profile and not referral.ask_to_share_profile:
        raise ReferralError(
            "This referral does not ask to share the one-page profile", field="share_profile"
        )
    words = consent_statement(referral)
    if share_profile:
        words += " " + profile_statement(referral)
    with transaction.atomic():
        sent = move(
            referral,
            ReferralStatus.SENT,
            by=by,
            event="sent",
            changes={"consented_at": moment(now), "consented_by": by, "consent_words": words},
            message="You have already answered this referral, or it has been closed",
        )
        if share_profile:
            organisation = sent.receiving_organisation
            shared_before = (
                ProfileShare.objects.active()
                .filter(child=sent.child, organisation=organisation)
                .exists()
            )
            sent.profile_shared_with = share_child_profile(
                child=sent.child, organisation=organisation, by=by, purpose=purpose(sent)
            )
            sent.profile_share_made = not shared_before
            sent.save(update_fields=["profile_shared_with", "profile_share_made"])
        notifications.tell_received(sent)
    return sent


def refuse_consent(*, referral: Referral, by: Any, now: dt.datetime | None = None) -> Referral:
    """The family says no: the receiving organisation never hears of it."""
    check_family(referral, by)
    with transaction.atomic():
        refused = move(
            referral,
            ReferralStatus.DECLINED_BY_FAMILY,
            by=by,
            event="declined_by_family",
            changes={"ended_at": moment(now), "ended_by": by},
            message="You have already answered this referral, or it has been closed",
        )
        notifications.tell_family_said_no(refused)
    return refused


def withdraw_referral(*, referral: Referral, by: Any, now: dt.datetime | None = None) -> Referral:
    """The family calls it off (before it is booked). A profile share made for the
    referral ends with it; one the family had given before (for a booking) stays."""
    check_family(referral, by)
    with transaction.atomic():
        receiver_had_it = lock(referral).consented_at is not None
        withdrawn = move(
            referral,
            ReferralStatus.WITHDRAWN,
            by=by,
            event="withdrawn",
            changes={"ended_at": moment(now), "ended_by": by},
            message="This referral is closed, so it cannot be withdrawn",
        )
        share = withdrawn.profile_shared_with
        if withdrawn.profile_share_made and share is not None and share.is_active:
            withdraw_share(share=share, by=by)
        notifications.tell_withdrawn(withdrawn, receiver_had_it=receiver_had_it)
    return withdrawn
