"""Organisations, service listings and the taxonomies that describe them."""

from providers.models.membership import Membership
from providers.models.organisations import OrganisationIndexPage, OrganisationPage
from providers.models.registration import Invitation, OrganisationRegistration
from providers.models.service_rows import (
    CostOption,
    ServiceContact,
    ServiceImage,
    ServiceLocation,
    ServiceSchedule,
    ServiceVideo,
)
from providers.models.services import ServicePage
from providers.models.taxonomy import AccessibilityFeature, Category, Need, Outcome

__all__ = [
    "AccessibilityFeature",
    "Category",
    "CostOption",
    "Invitation",
    "Membership",
    "Need",
    "OrganisationIndexPage",
    "OrganisationPage",
    "OrganisationRegistration",
    "Outcome",
    "ServiceContact",
    "ServiceImage",
    "ServiceLocation",
    "ServicePage",
    "ServiceSchedule",
    "ServiceVideo",
]
