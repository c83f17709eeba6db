"""Words families use for the same thing (ASD, ASC and autism), edited by staff."""

from django.db import models
from wagtail.admin.panels import FieldPanel


class Synonym(models.Model):
    """A group of equivalent terms. Searching for any one finds services using any other."""

    terms = models.CharField(
        max_length=300,
        unique=True,
        help_text="Words or phrases that mean the same, separated by commas: 'autism, ASD, ASC'.",
    )

    panels = [FieldPanel("terms")]

    class Meta:
        ordering = ["terms"]

    def __str__(self) -> str:
        return self.terms

    @property
    def term_list(self) -> list[str]:
        return [term.strip().lower() for term in self.terms.split(",") if term.strip()]
