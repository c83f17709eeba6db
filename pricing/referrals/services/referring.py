"""The referring provider's actions: refer a family (asking the family first), cancel."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from wagtail.log_actions import log

from localoffer.core.transitions import lock
from pricing.families.models import Child
from pricing.referrals import notifications
from pricing.referrals.enums import ReferralStatus
from pricing.referrals.models import NOTE_MAX_LENGTH, Referral
from pricing.referrals.selectors import children_known_to, listing_to_refer_to
from pricing.referrals.services.common import (
    ACTION,
    ReferralError,
    check_member,
    moment,
    move,
    new_reference,
)
from providers.models import OrganisationPage, ServicePage


def _check_listing(organisation: OrganisationPage, service: ServicePage) -> OrganisationPage:
    """The listing's organisation, if the listing may be referred to; refuses otherwise."""
    receiving = service.organisation
    if receiving is not None and receiving.pk == organisation.pk:
        raise ReferralError(
            "You cannot refer a family to your own organisation's listing", field="service"
        )
    if receiving is None or listing_to_refer_to(organisation, service.pk) is None:
        raise ReferralError("Choose a listing that is published in the directory", field="service")
    return receiving


def refer_family(
    *,
    organisation: OrganisationPage,
    child: Child,
    service: ServicePage,
    note: str,
    ask_to_share_profile: bool,
    by: Any,
    now: dt.datetime | None = None,
) -> Referral:
    """Suggest another organisation's listing for a child the organisation knows.

    Nothing goes to the other organisation yet: the family is asked to agree first
    (AWAITING_CONSENT), by email and on their referrals page. Only a child with a booking
    at one of the organisation's listings can be referred, only by its team, and only to
    a live listing of another organisation.
    """
    check_member(organisation, by)
    note = note.strip()
    if not note:
        raise ReferralError("Enter why you are referring the family", field="note")
    if len(note) > NOTE_MAX_LENGTH:
        raise ReferralError(f"The note must be {NOTE_MAX_LENGTH} characters or fewer", field="note")
    if not children_known_to(organisation).filter(pk=child.pk).exists():
        raise ReferralError(
            "You can only refer a child your organisation has a booking for", field="child"
        )
    receiving = _check_listing(organisation, service)
    with transaction.atomic():
        # Serialise referrals of one child, so two clicks cannot make two open referrals.
        lock(child)
        already = Referral.objects.open().filter(child=child, service=service).first()
        if already is not None:
            raise ReferralError(
                f"{child.first_name} already has a referral to {service.title} that is not "
                f"finished ({already.reference})",
                field="service",
            )
        referral = Referral.objects.create(
            reference=new_reference(),
            child=child,
            referring_organisation=organisation,
            referred_by=by,
            receiving_organisation=receiving,
            service=service,
            service_title=service.title,
            note=note,
            ask_to_share_profile=ask_to_share_profile,
            status=ReferralStatus.AWAITING_CONSENT,
            created_at=moment(now),
        )
        log(
            instance=referral,
            action=ACTION + "made",
            user=by,
            data={"reference": referral.reference, "to_organisation": receiving.pk},
        )
        notifications.tell_consent_asked(referral)
    return referral


def cancel_referral(*, referral: Referral, by: Any, now: dt.datetime | None = None) -> Referral:
    """The referring provider calls it off, before the receiving organisation accepts."""
    check_member(referral.referring_organisation, by)
    with transaction.atomic():
        receiver_had_it = lock(referral).consented_at is not None
        cancelled = move(
            referral,
            ReferralStatus.CANCELLED,
            by=by,
            event="cancelled",
            changes={"ended_at": moment(now), "ended_by": by},
            message=(
                "This referral cannot be cancelled now: only a referral that has not been "
                "accepted or closed can be cancelled"
            ),
        )
        notifications.tell_cancelled(cancelled, receiver_had_it=receiver_had_it)
    return cancelled
