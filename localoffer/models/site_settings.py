"""Settings council staff change in the Wagtail admin: the council's name, logo and contacts."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting


@register_setting(icon="cog")
class SiteSettings(BaseSiteSetting):
    council_name = models.CharField(max_length=120, default="Northbridge Borough Council")
    service_name = models.CharField(max_length=120, default="SEND Local Offer")
    logo = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown in the header beside the council's name. Keep it small and simple.",
    )
    phase = models.CharField(
        max_length=20,
        blank=True,
        default="Beta",
        help_text="Shown in the phase banner, for example 'Beta'. Leave blank to hide it.",
    )
    contact_email = models.EmailField(default="localoffer@northbridge.example")
    contact_phone = models.CharField(max_length=40, default="01632 960 000")
    contact_hours = models.CharField(
        max_length=120, default="Monday to Friday, 9am to 5pm (except bank holidays)"
    )

    # Every page's header shows the logo: read it with the settings, one query fewer a page.
    select_related = ["logo"]

    panels = [
        MultiFieldPanel(
            [FieldPanel("council_name"), FieldPanel("service_name"), FieldPanel("logo")],
            heading="Header",
        ),
        FieldPanel("phase"),
        MultiFieldPanel(
            [FieldPanel("contact_email"), FieldPanel("contact_phone"), FieldPanel("contact_hours")],
            heading="Contact",
        ),
    ]

    class Meta:
        verbose_name = "site settings"
