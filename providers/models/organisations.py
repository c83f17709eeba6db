"""Organisations that run services, as Wagtail pages.

An organisation is a page and its services are its child pages, so drafts, revisions,
moderation workflows and per-organisation edit permissions all come from Wagtail
(docs/decisions/0001-listings-as-pages.md).
"""

from django.core.exceptions import ValidationError
from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from providers.enums import OrganisationType, VerificationStatus
from providers.permissions import DirectoryPermissionsMixin
from providers.validators import (
    normalise_postcode,
    normalise_registered_number,
    uk_phone_validator,
    validate_charity_number,
    validate_company_number,
    validate_postcode,
)

# Organisation types that must give a charity or a Companies House number.
CHARITY_TYPES = (OrganisationType.CHARITY, OrganisationType.CIO)
COMPANY_TYPES = (OrganisationType.CIC, OrganisationType.COMPANY)


class OrganisationIndexPage(DirectoryPermissionsMixin, Page):
    """Lists every organisation with published services, A to Z."""

    intro = models.TextField(blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    parent_page_types = ["localoffer.HomePage"]
    subpage_types = ["providers.OrganisationPage"]
    max_count = 1

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["organisations"] = (
            OrganisationPage.objects.child_of(self).live().public().order_by("title")
        )
        return context


class OrganisationPage(DirectoryPermissionsMixin, Page):
    """A provider: a charity, community group, social enterprise, sole trader or statutory body."""

    organisation_type = models.CharField(
        max_length=20,
        choices=OrganisationType.choices,
        help_text="Shown to families on your organisation's page.",
    )
    description = RichTextField(
        features=["bold", "link", "ul", "ol"],
        help_text="What your organisation does and who it is for, in plain English.",
    )
    charity_number = models.CharField(
        max_length=12,
        blank=True,
        validators=[validate_charity_number],
        help_text=(
            "For registered charities: your number with the Charity Commission, OSCR or the "
            "Charity Commission for Northern Ireland."
        ),
    )
    company_number = models.CharField(
        max_length=10,
        blank=True,
        validators=[validate_company_number],
        help_text="For companies and community interest companies: your Companies House number.",
    )
    website = models.URLField(
        blank=True,
        help_text="Your own website, if you have one. Families can follow it from your page.",
    )
    email = models.EmailField(blank=True, help_text="For families' questions. Shown on your page.")
    phone = models.CharField(
        max_length=20,
        blank=True,
        validators=[uk_phone_validator],
        help_text="For families' questions. Shown on your page.",
    )
    address_line_1 = models.CharField(
        max_length=120, blank=True, help_text="Your organisation's address. Shown on your page."
    )
    address_line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=60, blank=True)
    postcode = models.CharField(max_length=8, blank=True, validators=[validate_postcode])
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Optional. Shown on your organisation's page.",
    )
    logo_alt_text = models.CharField(
        max_length=200, blank=True, help_text="Usually your organisation's name."
    )
    verification_status = models.CharField(
        max_length=10, choices=VerificationStatus.choices, default=VerificationStatus.PENDING
    )
    verified_at = models.DateTimeField(null=True, blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("organisation_type"),
        FieldPanel("description"),
        MultiFieldPanel(
            [FieldPanel("charity_number"), FieldPanel("company_number")], heading="Registration"
        ),
        MultiFieldPanel(
            [FieldPanel("website"), FieldPanel("email"), FieldPanel("phone")], heading="Contact"
        ),
        MultiFieldPanel(
            [
                FieldPanel("address_line_1"),
                FieldPanel("address_line_2"),
                FieldPanel("town"),
                FieldPanel("postcode"),
            ],
            heading="Address",
        ),
        MultiFieldPanel([FieldPanel("logo"), FieldPanel("logo_alt_text")], heading="Logo"),
    ]
    # Verification is a moderator's decision, not something the provider edits.
    settings_panels = [*Page.settings_panels, FieldPanel("verification_status", read_only=True)]

    search_fields = [*Page.search_fields, index.SearchField("description")]
    parent_page_types = ["providers.OrganisationIndexPage"]
    subpage_types = ["providers.ServicePage"]
    # A copy is a new organisation: it must be verified in its own right.
    exclude_fields_in_copy = ["verification_status", "verified_at"]

    # Fields the council's decision owns. Every revision carries a copy of them, so without
    # this publishing an old revision (or one saved before the decision) would put back the
    # status of that moment: a refused organisation could republish a "verified" revision.
    DECISION_FIELDS = ("verification_status", "verified_at")

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(verification_status__in=VerificationStatus.values),
                name="organisation_verification_status_valid",
            )
        ]

    @staticmethod
    def registered_number_errors(
        organisation_type: str, charity_number: str, company_number: str
    ) -> dict[str, str]:
        """The rule "a charity needs its charity number, a company its company number".

        Written once here; the registration form asks it too, so both say the same.
        """
        errors = {}
        if organisation_type in CHARITY_TYPES and not charity_number:
            errors["charity_number"] = "Enter the charity number of your registered charity"
        if organisation_type in COMPANY_TYPES and not company_number:
            errors["company_number"] = "Enter your Companies House number"
        return errors

    def clean(self) -> None:
        super().clean()
        if self.postcode:
            self.postcode = normalise_postcode(self.postcode)
        self.charity_number = normalise_registered_number(self.charity_number)
        self.company_number = normalise_registered_number(self.company_number)
        errors = self.registered_number_errors(
            self.organisation_type, self.charity_number, self.company_number
        )
        if self.logo_id and not self.logo_alt_text:
            errors["logo_alt_text"] = "Enter text that describes the logo"
        if errors:
            raise ValidationError(errors)

    def with_content_json(self, content):
        """The page as a revision had it, except the council's decision, which stays as now.

        Wagtail builds the page to publish, preview or compare from the revision's JSON and
        `self` (the row as it is in the database); see DECISION_FIELDS for why the decision
        is taken from the row.
        """
        obj = super().with_content_json(content)
        for name in self.DECISION_FIELDS:
            setattr(obj, name, getattr(self, name))
        return obj

    @property
    def is_verified(self) -> bool:
        return self.verification_status == VerificationStatus.VERIFIED

    @property
    def address_lines(self) -> list[str]:
        return [
            line
            for line in (self.address_line_1, self.address_line_2, self.town, self.postcode)
            if line
        ]

    def get_context(self, request, *args, **kwargs):
        # Imported here: providers.selectors imports these models.
        from providers.selectors import services_of_organisation

        context = super().get_context(request, *args, **kwargs)
        context["services"] = services_of_organisation(self)
        return context
