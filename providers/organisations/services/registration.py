"""Registering an organisation online: the page, the private registration row, the admin.

Registration is serialised on the directory's index page (see `register_organisation`).
The page's own rules (a charity needs its number, formats) are the model's
(`OrganisationPage.clean`), which the form runs too, so both say the same thing.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import slugify
from wagtail.coreutils import find_available_slug
from wagtail.log_actions import log

from localoffer.core.mail import send_email, site_url
from localoffer.core.transitions import DomainError
from providers.enums import VerificationStatus
from providers.models import OrganisationIndexPage, OrganisationPage, OrganisationRegistration
from providers.organisations import policy, selectors
from providers.organisations.access import grant_organisation_access
from providers.validators import normalise_registered_number

ACTION_REGISTER = "providers.register"


class RegistrationError(DomainError):
    """A registration the rules refuse; may name the form field it is about."""


@dataclasses.dataclass(frozen=True, kw_only=True)
class RegistrationDetails:
    """What a person tells the council when registering an organisation."""

    name: str
    organisation_type: str
    description: str
    email: str
    phone: str
    address_line_1: str
    town: str
    postcode: str
    safeguarding_lead_name: str
    safeguarding_lead_role: str
    safeguarding_lead_email: str
    safeguarding_lead_phone: str
    insurance_expires_on: dt.date | None
    insurance_held: bool
    dbs_checks_confirmed: bool
    safeguarding_policy_confirmed: bool
    terms_accepted: bool
    charity_number: str = ""
    company_number: str = ""
    website: str = ""
    address_line_2: str = ""

    @classmethod
    def from_form(cls, cleaned_data: Mapping[str, Any]) -> RegistrationDetails:
        names = {field.name for field in dataclasses.fields(cls)}
        return cls(**{name: value for name, value in cleaned_data.items() if name in names})


def register_organisation(*, user: Any, details: RegistrationDetails) -> OrganisationPage:
    """Create an organisation waiting for verification, with its registrant as its admin.

    Creates, all or nothing: the unpublished organisation page with its first revision,
    the private registration row (safeguarding lead, declarations, terms) and the
    registrant's admin access. Emails the registrant and the council's moderators.
    """
    data = details
    if not (user.is_authenticated and user.is_active):
        raise RegistrationError("Sign in to register an organisation.")
    declarations = {
        "insurance_held": "Confirm that your organisation has public liability insurance",
        "dbs_checks_confirmed": "Confirm that staff and volunteers working with children "
        "have enhanced DBS checks",
        "safeguarding_policy_confirmed": "Confirm that your organisation has a safeguarding policy",
        "terms_accepted": "Confirm that you accept the listing terms",
    }
    for name, message in declarations.items():
        if not getattr(data, name):
            raise RegistrationError(message, field=name)
    if not data.insurance_expires_on:
        raise RegistrationError("Enter the date your insurance ends", field="insurance_expires_on")
    if selectors.pending_registrations_by(user) >= policy.MAX_PENDING_REGISTRATIONS_PER_PERSON:
        raise RegistrationError(
            f"You already have {policy.MAX_PENDING_REGISTRATIONS_PER_PERSON} organisations "
            "waiting for us to check them. We will check those first. Contact us if you "
            "need to register another one now."
        )
    charity_number = normalise_registered_number(data.charity_number)
    company_number = normalise_registered_number(data.company_number)

    with transaction.atomic():
        # Registrations are serialised on the directory's index page: it stops two people
        # registering the same charity at the same moment, and treebeard gives two pages
        # added under one parent at once the same tree path unless they take turns.
        index = OrganisationIndexPage.objects.select_for_update().first()
        if index is None:
            raise RegistrationError("Registration is not open yet. Please try again later.")
        if selectors.charity_number_taken(charity_number):
            raise RegistrationError(
                "An organisation with this charity number is already registered. Ask its "
                "admin to invite you to its team",
                field="charity_number",
            )
        if selectors.company_number_taken(company_number):
            raise RegistrationError(
                "An organisation with this company number is already registered. Ask its "
                "admin to invite you to its team",
                field="company_number",
            )
        name = data.name.strip()
        page = OrganisationPage(
            title=name,
            slug=find_available_slug(index, slugify(name)[:200] or "organisation"),
            live=False,
            owner=user,
            organisation_type=data.organisation_type,
            charity_number=charity_number,
            company_number=company_number,
            description=linebreaks(data.description.strip(), autoescape=True),
            website=data.website,
            email=data.email.strip().lower(),
            phone=data.phone.strip(),
            address_line_1=data.address_line_1.strip(),
            address_line_2=data.address_line_2.strip(),
            town=data.town.strip(),
            postcode=data.postcode,
            verification_status=VerificationStatus.PENDING,
        )
        index.add_child(instance=page)
        try:
            # Wagtail validates only the title and slug of an unpublished page on save;
            # the organisation's own rules (numbers by type, formats) are checked here.
            page.full_clean()
        except ValidationError as error:
            field, messages = next(iter(error.message_dict.items()))
            raise RegistrationError(" ".join(messages), field=field) from error
        revision = page.save_revision(user=user, log_action=False, clean=False)
        now = timezone.now()
        registration = OrganisationRegistration.objects.create(
            organisation=page,
            safeguarding_lead_name=data.safeguarding_lead_name.strip(),
            safeguarding_lead_role=data.safeguarding_lead_role.strip(),
            safeguarding_lead_email=data.safeguarding_lead_email.strip().lower(),
            safeguarding_lead_phone=data.safeguarding_lead_phone.strip(),
            insurance_held=True,
            insurance_expires_on=data.insurance_expires_on,
            dbs_checks_confirmed=True,
            safeguarding_policy_confirmed=True,
            terms_version=policy.LISTING_TERMS_VERSION,
            terms_accepted_at=now,
            registered_by=user,
            registered_at=now,
        )
        grant_organisation_access(organisation=page, user=user, admin=True, granted_by=user)
        log(
            instance=page,
            action=ACTION_REGISTER,
            user=user,
            revision=revision,
            data={"terms_version": registration.terms_version},
        )
        context = {
            "organisation": page,
            "registration": registration,
            "user": user,
            "working_days": policy.VERIFICATION_WORKING_DAYS,
            "check_url": site_url() + reverse("organisation_verification:detail", args=[page.pk]),
            "admin_url": site_url() + reverse("wagtailadmin_home"),
        }
        send_email(
            to=[user.email], template="providers/email/registration_received", context=context
        )
        send_email(
            to=selectors.moderator_emails(),
            template="providers/email/registration_to_check",
            context=context,
        )
    return page
