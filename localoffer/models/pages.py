"""Page types of the statutory Local Offer, edited by council content editors."""

from django.db import models
from django.http import Http404
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from localoffer.blocks import BodyBlock


class HomePage(Page):
    """The front door: what the Local Offer is, and the sections families can explore."""

    intro = RichTextField(features=["bold", "link"], blank=True)
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "localoffer.SectionPage",
        "localoffer.InformationPage",
        "localoffer.YouSaidWeDidPage",
        "providers.OrganisationIndexPage",
    ]
    max_count = 1

    def route(self, request, path_components):
        """Find the page at the path with one query, not two per level of the tree.

        Wagtail's own routing asks each page on the way for its child (a listing is four
        levels down: eight queries before it renders). No page type of this site routes
        its own sub-paths, so the page whose url_path is the path is the one Wagtail would
        find; like Wagtail, only the page found must be live.
        """
        if not path_components:
            return super().route(request, path_components)
        url_path = self.url_path + "/".join(path_components) + "/"
        page = Page.objects.filter(url_path=url_path).first()
        if page is None:
            raise Http404
        return page.specific.route(request, [])

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = SectionPage.objects.child_of(self).live().public().order_by("path")
        return context


class SectionPage(Page):
    """A topic such as Education or Personal budgets, listing its information pages."""

    intro = models.TextField(
        max_length=400, help_text="One or two sentences shown on the home page and at the top."
    )
    body = StreamField(BodyBlock(), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["localoffer.HomePage"]
    subpage_types = ["localoffer.InformationPage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["children"] = (
            InformationPage.objects.child_of(self).live().public().order_by("path")
        )
        return context


class InformationPage(Page):
    """Statutory information in plain English, built from GOV.UK components."""

    summary = models.CharField(
        max_length=300, help_text="One sentence, shown in lists and search results."
    )
    body = StreamField(BodyBlock())
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When the content was last checked as correct."
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("last_reviewed"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
    ]

    parent_page_types = ["localoffer.SectionPage", "localoffer.HomePage"]
    subpage_types: list[str] = []
