"""What a family does with their children's records: add, change, remove, profile, consent.

Each function checks the person acting is the child's family (the views only ever load a
family's own children, but a service must not rely on how it was reached), works in one
transaction and audits what a provider or the council may later need to account for:
consent given and withdrawn.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.utils import timezone
from django.utils.text import get_text_list
from wagtail.log_actions import log

from localoffer.core.transitions import DomainError, lock
from pricing.families.models import (
    YOUNG_PERSON_MAX_AGE,
    YOUNG_PERSON_MIN_AGE,
    Child,
    OnePageProfile,
    ProfileShare,
    age_on,
)

ACTION_SHARE = "pricing.share_profile"
ACTION_WITHDRAW_SHARE = "pricing.withdraw_profile_share"


class FamilyError(DomainError):
    """A family's change to a child's record was refused."""


@dataclass(frozen=True, kw_only=True)
class ChildDetails:
    first_name: str
    date_of_birth: Any
    needs: Iterable[Any] = field(default_factory=tuple)
    needs_notes: str = ""
    has_ehc_plan: bool = False
    is_account_holder: bool = False

    @classmethod
    def from_form(cls, data: dict[str, Any]) -> ChildDetails:
        return cls(**{name: data[name] for name in cls.__dataclass_fields__ if name in data})


def _check_family(child: Child, by: Any) -> None:
    if child.family_id != getattr(by, "pk", None):
        raise FamilyError("Only the child's own family can do this.")


def _check_account_holder(*, family: Any, details: ChildDetails, child: Child | None) -> None:
    """ "This is me" only for a young person of 16 to 25, and once per account."""
    if not details.is_account_holder:
        return
    age = age_on(details.date_of_birth, timezone.localdate())
    if not YOUNG_PERSON_MIN_AGE <= age <= YOUNG_PERSON_MAX_AGE:
        raise FamilyError(
            f"You can only say this is you if you are aged {YOUNG_PERSON_MIN_AGE} to "
            f"{YOUNG_PERSON_MAX_AGE}",
            field="is_account_holder",
        )
    others = Child.objects.filter(family=family, is_account_holder=True)
    if child is not None:
        others = others.exclude(pk=child.pk)
    if others.exists():
        raise FamilyError(
            f"You have already said {others.first()} is you: an account can belong to one "
            "young person only",
            field="is_account_holder",
        )


def _lock_family(family: Any) -> None:
    """Serialise a family's changes, so two tabs cannot both say "This is me"."""
    get_user_model()._default_manager.select_for_update().filter(pk=family.pk).first()


def add_child(*, family: Any, details: ChildDetails) -> Child:
    with transaction.atomic():
        _lock_family(family)
        _check_account_holder(family=family, details=details, child=None)
        child = Child.objects.create(
            family=family,
            first_name=details.first_name,
            date_of_birth=details.date_of_birth,
            needs_notes=details.needs_notes,
            has_ehc_plan=details.has_ehc_plan,
            is_account_holder=details.is_account_holder,
        )
        child.needs.set(list(details.needs))
    return child


def change_child(*, child: Child, details: ChildDetails, by: Any) -> Child:
    _check_family(child, by)
    with transaction.atomic():
        _lock_family(child.family)
        locked = lock(child)
        _check_account_holder(family=child.family, details=details, child=locked)
        locked.first_name = details.first_name
        locked.date_of_birth = details.date_of_birth
        locked.needs_notes = details.needs_notes
        locked.has_ehc_plan = details.has_ehc_plan
        locked.is_account_holder = details.is_account_holder
        locked.save(
            update_fields=[
                "first_name",
                "date_of_birth",
                "needs_notes",
                "has_ehc_plan",
                "is_account_holder",
            ]
        )
        locked.needs.set(list(details.needs))
    return locked


def remove_child(*, child: Child, by: Any) -> None:
    """Remove a child with their profile, consent records and view log.

    Refused while anything kept for others points at the child with `PROTECT` (a
    booking, an invoice line): those records must stay, and must still say whom they were
    for. Django refuses the whole delete before removing anything, so a refusal leaves
    everything as it was.
    """
    _check_family(child, by)
    with transaction.atomic():
        locked = lock(child)
        try:
            with transaction.atomic():
                locked.delete()
        except (ProtectedError, RestrictedError) as error:
            blocking: Iterable[Any] = (
                getattr(error, "protected_objects", None)
                or getattr(error, "restricted_objects", None)
                or ()
            )
            kinds = sorted({str(obj._meta.verbose_name_plural) for obj in blocking})
            raise FamilyError(
                f"You cannot remove {locked.first_name} because they have "
                f"{get_text_list(kinds, 'and')}. These records must be kept."
            ) from None


def save_profile(
    *,
    child: Child,
    by: Any,
    like_and_admire: str,
    important_to_me: str,
    how_to_support: str,
) -> OnePageProfile:
    """Write the child's one-page profile (made the first time); providers who may see
    it see these words from now on."""
    _check_family(child, by)
    with transaction.atomic():
        lock(child)
        profile, _ = OnePageProfile.objects.get_or_create(child=child)
        profile.like_and_admire = like_and_admire
        profile.important_to_me = important_to_me
        profile.how_to_support = how_to_support
        profile.updated_at = timezone.now()
        profile.save(update_fields=[*OnePageProfile.SECTIONS, "updated_at"])
    return profile


def share_profile(*, child: Child, organisation: Any, by: Any, purpose: str = "") -> ProfileShare:
    """Record the family's consent for `organisation` to read the child's profile.

    Sharing again with an organisation that already has an active share keeps the first
    consent (and its date): a family booking a second session with the same provider has
    not agreed to anything new. Audited, so the consent can be shown later.
    """
    _check_family(child, by)
    with transaction.atomic():
        lock(child)
        share = ProfileShare.objects.active().filter(child=child, organisation=organisation).first()
        if share is not None:
            return share
        share = ProfileShare.objects.create(
            child=child, organisation=organisation, granted_by=by, purpose=purpose[:200]
        )
        log(
            instance=share,
            action=ACTION_SHARE,
            user=by,
            data={"organisation": organisation.pk, "child": child.pk, "purpose": share.purpose},
        )
    return share


def withdraw_share(*, share: ProfileShare, by: Any) -> ProfileShare:
    """Withdraw consent: from now on the organisation cannot open the profile."""
    _check_family(share.child, by)
    with transaction.atomic():
        locked = lock(share)
        if locked.withdrawn_at is not None:
            raise FamilyError("You have already stopped sharing this profile.")
        locked.withdrawn_at = timezone.now()
        locked.withdrawn_by = by
        locked.save(update_fields=["withdrawn_at", "withdrawn_by"])
        log(
            instance=locked,
            action=ACTION_WITHDRAW_SHARE,
            user=by,
            data={"organisation": locked.organisation_id, "child": locked.child_id},
        )
    return locked
