"""Taxonomies staff edit: service categories (a tree), SEND needs, outcomes, access features."""

from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from providers.enums import OutcomeGroup


class Category(index.Indexed, models.Model):
    """A kind of service, such as 'Short breaks' within 'Social care'. Two levels are enough."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    description = models.CharField(max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("description"),
        FieldPanel("sort_order"),
    ]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name_plural = "categories"

    def __str__(self) -> str:
        return f"{self.parent.name}: {self.name}" if self.parent_id and self.parent else self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        # Keep the tree two levels deep so browsing and facets stay simple for families.
        if self.parent_id:
            if self.parent_id == self.pk:
                raise ValidationError({"parent": "A category cannot be its own parent."})
            if self.parent and self.parent.parent_id:
                raise ValidationError({"parent": "Choose a top-level category as the parent."})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "A category with sub-categories must stay top level."}
                )

    def get_url(self) -> str:
        from django.urls import reverse

        return reverse("providers:category", kwargs={"slug": self.slug})


class Need(models.Model):
    """A special educational need or disability a service supports (autism, ADHD, ...)."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    description = models.CharField(max_length=300, blank=True)
    synonyms = models.CharField(
        max_length=300, blank=True, help_text="Other words families use, separated by commas."
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("synonyms"),
    ]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Outcome(models.Model):
    """An outcome a service helps with: the four Preparing for Adulthood outcomes and the
    four broad areas of need an EHC plan is organised by."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)
    group = models.CharField(max_length=20, choices=OutcomeGroup.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("group"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["group", "sort_order", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(group__in=OutcomeGroup.values), name="outcome_group_valid"
            )
        ]

    def __str__(self) -> str:
        return self.name


class AccessibilityFeature(models.Model):
    """Something about a place that makes it easier to use: step-free access, a quiet room."""

    name = models.CharField(max_length=100)
    slug = models.SlugField(max_length=100, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
