"""Choices used by organisations and service listings (Open Referral UK names where they exist)."""

from django.db import models


class OrganisationType(models.TextChoices):
    CHARITY = "charity", "Registered charity"
    CIO = "cio", "Charitable incorporated organisation"
    CIC = "cic", "Community interest company"
    COMPANY = "company", "Company"
    SOLE_TRADER = "sole_trader", "Sole trader"
    COMMUNITY_GROUP = "community_group", "Community group"
    STATUTORY = "statutory", "Statutory service (council, NHS or school)"


class VerificationStatus(models.TextChoices):
    PENDING = "pending", "Waiting for verification"
    VERIFIED = "verified", "Verified"
    REFUSED = "refused", "Refused"


# Allowed moves of an organisation's verification (providers.organisations.services).
# A decision is made once: a verified organisation is never "re-verified" or refused by a
# second click, and a refusal is final until the provider corrects its details and asks
# again, which puts it back in the queue as pending.
VERIFICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    VerificationStatus.PENDING: frozenset(
        {VerificationStatus.VERIFIED, VerificationStatus.REFUSED}
    ),
    VerificationStatus.REFUSED: frozenset({VerificationStatus.PENDING}),
    VerificationStatus.VERIFIED: frozenset(),
}


class TeamRole(models.TextChoices):
    """What a person may do for an organisation (`providers.Membership.role`)."""

    MEMBER = "member", "Member: can write and update listings"
    ADMIN = "admin", "Admin: can also manage the team"


class InvitationStatus(models.TextChoices):
    # "Expired" is not stored: a pending invitation past its expiry time is expired.
    PENDING = "pending", "Waiting for a reply"
    ACCEPTED = "accepted", "Accepted"
    CANCELLED = "cancelled", "Cancelled"


INVITATION_TRANSITIONS: dict[str, frozenset[str]] = {
    InvitationStatus.PENDING: frozenset({InvitationStatus.ACCEPTED, InvitationStatus.CANCELLED}),
    InvitationStatus.ACCEPTED: frozenset(),
    InvitationStatus.CANCELLED: frozenset(),
}


class CostUnit(models.TextChoices):
    HOUR = "hour", "hour"
    SESSION = "session", "session"
    DAY = "day", "day"
    WEEK = "week", "week"
    TERM = "term", "term"
    PLACE = "place", "place"
    ITEM = "item", "item"


class VatTreatment(models.TextChoices):
    """How VAT applies to a price. Most charities' welfare services are exempt."""

    EXEMPT = "exempt", "Exempt from VAT"
    NOT_REGISTERED = "not_registered", "Provider is not VAT registered"
    ZERO_RATED = "zero", "Zero rated"
    REDUCED = "reduced", "Price includes VAT at the reduced rate of 5%"
    INCLUDED = "included", "Price includes VAT at 20%"
    ADDED = "added", "VAT at 20% is added to the price"


class AreaServed(models.TextChoices):
    BOROUGH = "borough", "Northbridge residents only"
    NEIGHBOURING = "neighbouring", "Northbridge and neighbouring areas"
    ANYWHERE = "anywhere", "Anyone, wherever they live"


class ScheduleKind(models.TextChoices):
    WEEKLY = "weekly", "Every week"
    ONE_OFF = "one_off", "On one date"


class SchedulePeriod(models.TextChoices):
    ALL_YEAR = "all_year", "All year"
    TERM_TIME = "term_time", "Term time only"
    HOLIDAYS = "holidays", "School holidays only"


class Weekday(models.IntegerChoices):
    MONDAY = 0, "Monday"
    TUESDAY = 1, "Tuesday"
    WEDNESDAY = 2, "Wednesday"
    THURSDAY = 3, "Thursday"
    FRIDAY = 4, "Friday"
    SATURDAY = 5, "Saturday"
    SUNDAY = 6, "Sunday"


class OutcomeGroup(models.TextChoices):
    PREPARING_FOR_ADULTHOOD = "pfa", "Preparing for adulthood"
    AREA_OF_NEED = "area_of_need", "EHC area of need"
