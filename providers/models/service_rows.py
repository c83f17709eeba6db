"""The rows a service listing is made of: prices, places, times, contacts, pictures, videos.

Each is a `ParentalKey` orderable of `ServicePage`, so a draft and every revision carries
its rows, and a preview shows them before they are published.
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from localoffer.core.embeds import VideoNotFound, fetch_embed, not_found_message
from localoffer.core.money import format_pounds
from providers.enums import (
    CostUnit,
    ScheduleKind,
    SchedulePeriod,
    VatTreatment,
    Weekday,
)
from providers.formatting import describe_schedule
from providers.validators import normalise_postcode, uk_phone_validator, validate_postcode


class CostOption(Orderable):
    """A price for one unit of the service: £24 per hour, £60 per day, or free."""

    service = ParentalKey(
        "providers.ServicePage", on_delete=models.CASCADE, related_name="cost_options"
    )
    label = models.CharField(
        max_length=100,
        blank=True,
        help_text="Optional, for example 'Group session' or 'One to one'.",
    )
    is_free = models.BooleanField("free", default=False, help_text="Tick if families pay nothing.")
    amount = models.DecimalField(
        "price in pounds",
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="The price in pounds for one unit, for example 12.50.",
    )
    unit = models.CharField(
        max_length=10,
        choices=CostUnit.choices,
        default=CostUnit.SESSION,
        help_text="What the price is for: an hour, a session, a term, and so on.",
    )
    direct_payment_eligible = models.BooleanField(
        "can be paid for with a direct payment",
        default=False,
        help_text="Tick if families can pay with a direct payment from a personal budget.",
    )
    vat_treatment = models.CharField(
        "VAT",
        max_length=20,
        choices=VatTreatment.choices,
        default=VatTreatment.EXEMPT,
        help_text="How VAT applies. Most charities' services for children are exempt.",
    )

    panels = [
        FieldPanel("label"),
        FieldRowPanel([FieldPanel("is_free"), FieldPanel("amount"), FieldPanel("unit")]),
        FieldPanel("direct_payment_eligible"),
        FieldPanel("vat_treatment"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(is_free=True, amount__isnull=True)
                    # SQL lets a check pass when it is NULL, so say "not null" outright.
                    | models.Q(is_free=False, amount__isnull=False, amount__gt=0)
                ),
                name="cost_option_free_or_priced",
            ),
            models.CheckConstraint(
                condition=models.Q(unit__in=CostUnit.values), name="cost_option_unit_valid"
            ),
        ]

    def clean(self) -> None:
        # Checked here rather than by a field validator so that "free" with a price of 0
        # is accepted as free instead of being told the price is too low.
        if self.is_free:
            if self.amount:
                raise ValidationError({"amount": "Leave the price empty when the service is free"})
            self.amount = None
        elif self.amount is None:
            raise ValidationError({"amount": "Enter a price, or tick free"})
        elif self.amount < Decimal("0.01"):
            raise ValidationError({"amount": "Enter a price of at least 1p, or tick free"})

    @property
    def price_display(self) -> str:
        if self.is_free or self.amount is None:
            return "Free"
        return f"{format_pounds(self.amount)} per {self.get_unit_display()}"

    def __str__(self) -> str:
        return f"{self.label}: {self.price_display}" if self.label else self.price_display


class ServiceLocation(ClusterableModel, Orderable):
    """Where the service happens. Some addresses (a refuge, a family home) stay hidden."""

    service = ParentalKey(
        "providers.ServicePage", on_delete=models.CASCADE, related_name="locations"
    )
    name = models.CharField(max_length=120, help_text="For example 'Northbridge Community Centre'.")
    address_line_1 = models.CharField(
        max_length=120,
        blank=True,
        help_text="Where families go. Shown in full unless you choose to show only the town.",
    )
    address_line_2 = models.CharField(max_length=120, blank=True)
    town = models.CharField(max_length=60, default="Northbridge")
    postcode = models.CharField(
        max_length=8,
        validators=[validate_postcode],
        help_text="Used to find services near a family's home.",
    )
    latitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(49.0), MaxValueValidator(61.0)]
    )
    longitude = models.FloatField(
        null=True, blank=True, validators=[MinValueValidator(-9.0), MaxValueValidator(2.5)]
    )
    hide_exact_address = models.BooleanField(
        default=False,
        help_text=(
            "Show families only the town and postcode area, and give the address when they book."
        ),
    )
    accessibility = ParentalManyToManyField(
        "providers.AccessibilityFeature",
        blank=True,
        related_name="locations",
        help_text="Tick every feature this place has. Families can search by them.",
    )
    accessibility_notes = models.CharField(
        max_length=300,
        blank=True,
        help_text=(
            "What families should know about getting there, in and around: parking, lifts, quiet "
            "spaces."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("address_line_1"),
        FieldPanel("address_line_2"),
        FieldPanel("town"),
        FieldPanel("postcode"),
        FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
        FieldPanel("hide_exact_address"),
        FieldPanel("accessibility"),
        FieldPanel("accessibility_notes"),
    ]

    def clean(self) -> None:
        self.postcode = normalise_postcode(self.postcode)
        if (self.latitude is None) != (self.longitude is None):
            raise ValidationError({"longitude": "Enter both latitude and longitude, or neither"})

    @property
    def postcode_district(self) -> str:
        return self.postcode.split(" ")[0]

    @property
    def public_address_lines(self) -> list[str]:
        if self.hide_exact_address:
            return [self.town, self.postcode_district]
        lines = [self.address_line_1, self.address_line_2, self.town, self.postcode]
        return [line for line in lines if line]

    def __str__(self) -> str:
        return self.name


class ServiceSchedule(Orderable):
    """When the service runs: a weekly slot (term time, holidays or all year) or one date."""

    service = ParentalKey(
        "providers.ServicePage", on_delete=models.CASCADE, related_name="schedules"
    )
    kind = models.CharField(
        max_length=10,
        choices=ScheduleKind.choices,
        default=ScheduleKind.WEEKLY,
        help_text="Sessions every week, or a single date.",
    )
    weekday = models.PositiveSmallIntegerField(
        choices=Weekday.choices, null=True, blank=True, help_text="For sessions every week."
    )
    date = models.DateField(null=True, blank=True, help_text="For a one-off session.")
    start_time = models.TimeField(help_text="For example 15:30.")
    end_time = models.TimeField()
    period = models.CharField(
        max_length=10,
        choices=SchedulePeriod.choices,
        default=SchedulePeriod.ALL_YEAR,
        help_text="Whether it runs all year, in term time or in the school holidays.",
    )
    notes = models.CharField(
        max_length=200,
        blank=True,
        help_text=(
            "Anything else families should know about times, for example “not on bank holidays”."
        ),
    )

    panels = [
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("date")]),
        FieldRowPanel([FieldPanel("start_time"), FieldPanel("end_time")]),
        FieldPanel("period"),
        FieldPanel("notes"),
    ]

    class Meta(Orderable.Meta):
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_time__lt=models.F("end_time")),
                name="schedule_starts_before_it_ends",
            ),
            models.CheckConstraint(
                condition=(
                    models.Q(kind=ScheduleKind.WEEKLY, weekday__isnull=False)
                    | models.Q(kind=ScheduleKind.ONE_OFF, date__isnull=False)
                ),
                name="schedule_has_day_or_date",
            ),
        ]

    def clean(self) -> None:
        errors = {}
        if self.start_time and self.end_time and self.start_time >= self.end_time:
            errors["end_time"] = "The end time must be after the start time"
        if self.kind == ScheduleKind.WEEKLY and self.weekday is None:
            errors["weekday"] = "Choose the day of the week"
        if self.kind == ScheduleKind.ONE_OFF and self.date is None:
            errors["date"] = "Enter the date of the session"
        if errors:
            raise ValidationError(errors)

    @property
    def display(self) -> str:

        return describe_schedule(self)


class ServiceContact(Orderable):
    service = ParentalKey(
        "providers.ServicePage", on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(
        max_length=120,
        help_text="Who families should ask for. A team is fine, for example “Bookings team”.",
    )
    role = models.CharField(max_length=120, blank=True)
    phone = models.CharField(
        max_length=20,
        blank=True,
        validators=[uk_phone_validator],
        help_text="Shown to families. Give a number that is answered.",
    )
    email = models.EmailField(
        blank=True, help_text="Shown to families. Give an address someone reads."
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("phone"), FieldPanel("email")]

    def clean(self) -> None:
        if not (self.phone or self.email):
            raise ValidationError({"phone": "Enter a phone number or an email address"})


class ServiceImage(Orderable):
    """A picture in the listing's gallery. Alt text is required (WCAG 1.1.1)."""

    service = ParentalKey(
        "providers.ServicePage", on_delete=models.CASCADE, related_name="gallery_images"
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.CASCADE,
        related_name="+",
        help_text=(
            "A photo of the service or the place. Only show children whose parents have agreed in"
            " writing."
        ),
    )
    alt_text = models.CharField(
        max_length=250, help_text="Describe what the picture shows for people who cannot see it."
    )
    caption = models.CharField(
        max_length=250, blank=True, help_text="Optional. Shown under the picture."
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]

    def clean(self) -> None:
        if not (self.alt_text or "").strip():
            raise ValidationError({"alt_text": "Enter alt text that describes the picture"})


class ServiceVideo(Orderable):
    """A video clip: an address on a video site, or an uploaded file with captions."""

    service = ParentalKey("providers.ServicePage", on_delete=models.CASCADE, related_name="videos")
    title = models.CharField(max_length=150)
    embed_url = models.URLField(
        "video address", blank=True, help_text="A YouTube or Vimeo address."
    )
    video_file = models.ForeignKey(
        "wagtaildocs.Document", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    captions = models.ForeignKey(
        "wagtaildocs.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A WebVTT (.vtt) captions file, needed for an uploaded video.",
    )
    transcript = models.TextField(
        blank=True,
        help_text="What is said and shown in the video, for people who cannot watch or hear it.",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("embed_url"),
        FieldPanel("video_file"),
        FieldPanel("captions"),
        FieldPanel("transcript"),
    ]

    def clean(self) -> None:
        if bool(self.embed_url) == bool(self.video_file_id):
            raise ValidationError({"embed_url": "Give a video address or upload a video, not both"})
        video, captions = self.video_file, self.captions
        if video is not None:
            if video.file_extension not in ("mp4", "webm"):
                raise ValidationError({"video_file": "Upload an MP4 or WebM video"})
            if captions is None:
                raise ValidationError({"captions": "An uploaded video needs a captions file"})
            if captions.file_extension != "vtt":
                raise ValidationError({"captions": "Captions must be a WebVTT (.vtt) file"})
        elif self.embed_url:
            # Fetched and stored now, so the listing never waits on the video site when it
            # renders (localoffer.core.embeds).
            try:
                fetch_embed(self.embed_url)
            except VideoNotFound as error:
                raise ValidationError({"embed_url": not_found_message(self.embed_url)}) from error
