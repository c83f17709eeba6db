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
