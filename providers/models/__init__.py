"""Organisations, service listings and the taxonomies that describe them."""

from providers.models.organisations import OrganisationIndexPage, OrganisationPage
from providers.models.registration import Invitation, OrganisationRegistration
from providers.models.services import (
    CostOption,
    ServiceContact,
    ServiceImage,
    ServiceLocation,
    ServicePage,
    ServiceSchedule,
    ServiceVideo,
)
from providers.models.taxonomy import AccessibilityFeature, Category, Need, Outcome

__all__ = [
    "AccessibilityFeature",
    "Category",
    "CostOption",
    "Invitation",
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
