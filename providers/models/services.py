"""Service listings: what a service offers, who it is for, where, when and at what cost.

Shaped after Open Referral UK 3.0 (service, location, schedule, contact, cost_option,
eligibility) and extended for SEND: needs, outcomes, how the service supports SEND.
Child rows are `ParentalKey` orderables so that a draft and every revision carries them.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import OuterRef, Subquery
from django.db.models.functions import Length, Substr
from django.forms import CheckboxSelectMultiple
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page, PageManager
from wagtail.query import PageQuerySet
from wagtail.search import index

from providers.ages import MAX_AGE_MONTHS, AgeWidget, describe_age_range
from providers.enums import (
    AreaServed,
)
from providers.models.organisations import OrganisationPage
from providers.permissions import DirectoryPermissionsMixin

# The fixed questions every listing answers about SEND, so families can compare services.
SEND_QUESTIONS = {
    "send_adjustments": "How do you adapt the service for children and young people with SEND?",
    "send_staff_training": "What SEND training and experience do your staff have?",
    "send_communication": "How do you support communication (for example Makaton, PECS, BSL)?",
    "send_involvement": "How do you involve the child or young person and their family?",
    "send_transitions": "How do you help with starting, changes and moving on?",
}


class ServicePageQuerySet(PageQuerySet):
    def with_organisation(self) -> "ServicePageQuerySet":
        """Annotate each listing with its organisation's `organisation_id` and
        `organisation_title`, in the same query.

        A listing's organisation is its parent page (docs/decisions/0001), not a foreign
        key: the parent's tree path is the listing's path less its last step.
        """
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        parent = OrganisationPage.objects.filter(path=parent_path)
        return self.annotate(
            organisation_id=Subquery(parent.values("pk")[:1]),
            organisation_title=Subquery(parent.values("title")[:1]),
        )


class ServicePage(DirectoryPermissionsMixin, Page):
    """One service an organisation offers, as families read it in the directory."""

    objects = PageManager.from_queryset(ServicePageQuerySet)()

    summary = models.CharField(
        max_length=250,
        help_text=(
            "One or two sentences families see in search results. Say what it is and who it is for."
        ),
    )
    description = RichTextField(
        features=["h2", "h3", "bold", "ul", "ol", "link"],
        help_text="What happens, what a session is like, what a child or young person gains.",
    )
    categories = ParentalManyToManyField(
        "providers.Category",
        related_name="services",
        help_text=(
            "Where families will find this service in the directory. Choose every one that fits."
        ),
    )
    needs = ParentalManyToManyField(
        "providers.Need",
        blank=True,
        related_name="services",
        help_text="The needs you have the skills and experience to support.",
    )
    outcomes = ParentalManyToManyField(
        "providers.Outcome",
        blank=True,
        related_name="services",
        help_text="The outcomes in an EHC plan that this service helps with.",
    )
    min_age_months = models.PositiveSmallIntegerField(
        "youngest age",
        default=0,
        validators=[MaxValueValidator(MAX_AGE_MONTHS)],
        help_text="The youngest age the service is for.",
    )
    max_age_months = models.PositiveSmallIntegerField(
        "oldest age",
        default=MAX_AGE_MONTHS,
        validators=[MaxValueValidator(MAX_AGE_MONTHS)],
        help_text="A child of this age can still use the service, until their next birthday.",
    )
    eligibility = models.TextField(
        "who can use it",
        blank=True,
        help_text="Anything else a family must know to check they can use it.",
    )
    ehc_plan_required = models.BooleanField(
        "an EHC plan is needed",
        default=False,
        help_text=(
            "Tick if a child or young person needs an education, health and care (EHC) plan to "
            "use it."
        ),
    )
    referral_required = models.BooleanField(
        "a referral is needed",
        default=False,
        help_text="Tick if families cannot contact you directly, for example a GP must refer.",
    )
    area_served = models.CharField(
        max_length=20,
        choices=AreaServed.choices,
        default=AreaServed.BOROUGH,
        help_text="Where a family must live to use the service.",
    )
    delivered_in_person = models.BooleanField(
        "in person",
        default=True,
        help_text=(
            "Tick if sessions happen face to face at one of the places below. Families filter by "
            "this."
        ),
    )
    delivered_online = models.BooleanField(
        "online",
        default=False,
        help_text="Tick if families can take part online, for example by video call.",
    )
    delivered_at_home = models.BooleanField(
        "home visits", default=False, help_text="Tick if you come to the family's home."
    )
    languages = models.CharField(
        max_length=200,
        blank=True,
        help_text="Languages other than English that staff speak, separated by commas.",
    )
    how_to_access = RichTextField(
        "how to use the service",
        features=["bold", "ul", "ol", "link"],
        help_text="What a family does first: phone, fill in a form, get a referral, just turn up.",
    )
    send_adjustments = models.TextField(
        SEND_QUESTIONS["send_adjustments"],
        blank=True,
        help_text=(
            "Families compare services by these answers. Say what you really do, with an example."
        ),
    )
    send_staff_training = models.TextField(
        SEND_QUESTIONS["send_staff_training"],
        blank=True,
        help_text=(
            "Families compare services by these answers. Name the training and how recent it is."
        ),
    )
    send_communication = models.TextField(
        SEND_QUESTIONS["send_communication"],
        blank=True,
        help_text=(
            "Families compare services by these answers. Say which ways of communicating you use."
        ),
    )
    send_involvement = models.TextField(
        SEND_QUESTIONS["send_involvement"],
        blank=True,
        help_text=(
            "Families compare services by these answers. Say how you ask children and families "
            "what they want."
        ),
    )
    send_transitions = models.TextField(
        SEND_QUESTIONS["send_transitions"],
        blank=True,
        help_text=(
            "Families compare services by these answers. Say how you help a child start, and move"
            " on."
        ),
    )
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="The date you last checked every detail is right."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("description"),
        MultiFieldPanel(
            [
                FieldPanel("categories", widget=CheckboxSelectMultiple),
                FieldPanel("needs", widget=CheckboxSelectMultiple),
                FieldPanel("outcomes", widget=CheckboxSelectMultiple),
            ],
            heading="What it is for",
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("min_age_months", widget=AgeWidget),
                        FieldPanel("max_age_months", widget=AgeWidget),
                    ]
                ),
                FieldPanel("eligibility"),
                FieldPanel("ehc_plan_required"),
                FieldPanel("referral_required"),
                FieldPanel("area_served"),
            ],
            heading="Who it is for",
        ),
        MultiFieldPanel(
            [
                FieldPanel("delivered_in_person"),
                FieldPanel("delivered_online"),
                FieldPanel("delivered_at_home"),
                FieldPanel("languages"),
                FieldPanel("how_to_access"),
            ],
            heading="How it is delivered",
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name in SEND_QUESTIONS], heading="How the service supports SEND"
        ),
        InlinePanel("cost_options", heading="Costs", label="Cost option", min_num=1),
        InlinePanel("locations", heading="Locations", label="Location"),
        InlinePanel("schedules", heading="When it runs", label="Time"),
        InlinePanel("contacts", heading="Contacts", label="Contact"),
        InlinePanel("gallery_images", heading="Pictures", label="Picture"),
        InlinePanel("videos", heading="Videos", label="Video"),
        FieldPanel("last_reviewed"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("description"),
        index.FilterField("min_age_months"),
        index.FilterField("max_age_months"),
    ]
    parent_page_types = ["providers.OrganisationPage"]
    subpage_types: list[str] = []

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(min_age_months__lte=models.F("max_age_months")),
                name="service_age_range_ordered",
            )
        ]

    def clean(self) -> None:
        super().clean()
        errors: dict[str, str] = {}
        if (
            self.min_age_months is not None
            and self.max_age_months is not None
            and self.min_age_months > self.max_age_months
        ):
            errors["max_age_months"] = (
                "The oldest age must be the same as or older than the youngest age"
            )
        if not (self.delivered_in_person or self.delivered_online or self.delivered_at_home):
            errors["delivered_in_person"] = "Choose at least one way the service is delivered"
        if errors:
            raise ValidationError(errors)

    @property
    def organisation(self) -> OrganisationPage | None:
        """The organisation that runs the service: its parent page, in one query."""
        return OrganisationPage.objects.parent_of(self).first()

    @property
    def age_range_display(self) -> str:
        return describe_age_range(self.min_age_months, self.max_age_months)

    @property
    def delivery_methods(self) -> list[str]:
        labels = [
            (self.delivered_in_person, "In person"),
            (self.delivered_online, "Online"),
            (self.delivered_at_home, "Home visits"),
        ]
        return [label for flag, label in labels if flag]

    @property
    def languages_list(self) -> list[str]:
        return [part.strip() for part in self.languages.split(",") if part.strip()]

    @property
    def send_answers(self) -> list[tuple[str, str]]:
        return [
            (question, getattr(self, field))
            for field, question in SEND_QUESTIONS.items()
            if getattr(self, field)
        ]

    def get_context(self, request, *args, **kwargs):
        # Imported here: providers.selectors imports these models.
        from providers.selectors import ServiceDetails

        context = super().get_context(request, *args, **kwargs)
        context["details"] = ServiceDetails(self)
        return context
