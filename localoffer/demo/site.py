"""The demo's site tree: home page, default site, settings and the statutory pages.

Every function looks for what it would create first, so running the demo loader again
changes nothing. The words come from the Markdown files in `localoffer/demo/content/`,
read by `localoffer.demo.pages`.
"""

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any

from django.contrib.contenttypes.models import ContentType
from wagtail.images.models import AbstractImage
from wagtail.models import Page, Site

from localoffer.demo.directory.images import DEMO_PICTURES, alt_text_for
from localoffer.demo.pages import PageSource, Section, render
from localoffer.models import (
    HomePage,
    InformationPage,
    SectionPage,
    SiteSettings,
    YouSaidWeDidPage,
)
from providers.models import OrganisationIndexPage

Report = Callable[[str], None]

COUNCIL_NAME = "Northbridge Borough Council"
SERVICE_NAME = "SEND Local Offer"
SITE_NAME = "Northbridge SEND Local Offer"

# The service navigation shows "Find services" (from the navigation code) and these few
# sections; the other sections are one click away on the home page.
MENU_SECTIONS = (
    "education",
    "ehc-needs-assessments-and-plans",
    "personal-budgets",
    "leisure-and-short-breaks",
)

YOU_SAID_WE_DID_INTRO = (
    "Every comment about the Local Offer is read by the Local Offer team. We publish what "
    "people told us, with anything that could identify a family removed, and what we did "
    "about it. This is a duty under section 30 of the Children and Families Act 2014."
)
ORGANISATIONS_INTRO = (
    "Charities, community groups, social enterprises, independent practitioners and public "
    "services that list services in the Northbridge Local Offer directory."
)


def publish(page: Page) -> None:
    """Save a revision and publish it, as an editor pressing Publish would.

    The page was validated when add_child saved it; validating the unchanged page again
    for the revision would only repeat the same queries.
    """
    page.save_revision(clean=False).publish()


def _default_page_content_type() -> ContentType:
    return ContentType.objects.get_for_model(Page)


def ensure_home(content: PageSource, report: Report, category_ids: Mapping[str, int]) -> HomePage:
    """The HomePage at the top of the tree, replacing Wagtail's "Welcome" page."""
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = Page.get_first_root_node()
    # Wagtail's first migration makes a plain "Welcome to your new Wagtail site!" page
    # with the slug "home" and points the default site at it. It is removed (its Site row
    # goes with it and is recreated below) so that our home page can take the slug.
    for welcome in root.get_children().filter(content_type=_default_page_content_type()):
        if welcome.numchild == 0:
            report(f"Removing Wagtail's default page '{welcome.title}'")
            welcome.delete()
    home = HomePage(
        title=content.meta.title,
        slug="home",
        intro=render(content.meta.intro),
        body=content.blocks(category_ids),
    )
    root.add_child(instance=home)
    publish(home)
    report(f"Created home page '{home.title}'")
    return home


def ensure_site(home: HomePage) -> Site:
    """The default site serves the home page on any host name that no other site claims."""
    site = Site.objects.filter(is_default_site=True).first() or Site.objects.first()
    if site is None:
        return Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=SITE_NAME,
        )
    wanted = {
        "hostname": "localhost",
        "port": 80,
        "root_page_id": home.pk,
        "is_default_site": True,
        "site_name": SITE_NAME,
    }
    changed = [name for name, value in wanted.items() if getattr(site, name) != value]
    if changed:
        for name in changed:
            setattr(site, name, wanted[name])
        site.save(update_fields=changed)
    return site


def ensure_site_settings(site: Site, logo: AbstractImage | None) -> SiteSettings:
    settings = SiteSettings.for_site(site)
    wanted = {
        "council_name": COUNCIL_NAME,
        "service_name": SERVICE_NAME,
        "phase": "Beta",
        "contact_email": "localoffer@northbridge.example",
        "contact_phone": "01632 960 500",
        "contact_hours": "Monday to Thursday, 9am to 5pm. Friday, 9am to 4:30pm.",
        "logo_id": logo.pk if logo else None,
    }
    changed = [name for name, value in wanted.items() if getattr(settings, name) != value]
    if changed:
        for name in changed:
            setattr(settings, name, wanted[name])
        settings.save()
    return settings


def _reviewed(index: int, today: dt.date) -> dt.date:
    # Spread "last reviewed" dates over the past few months, the same on every run.
    return today - dt.timedelta(days=7 + (index * 11) % 120)


def _information_page(
    content: PageSource,
    *,
    category_ids: Mapping[str, int],
    pictures: Mapping[str, Any],
    reviewed: dt.date,
) -> InformationPage:
    body = content.blocks(category_ids)
    extra_blocks = _extra_blocks(content, pictures)
    if extra_blocks:
        # After the opening text, where a picture or video supports what it says.
        body = body[:1] + extra_blocks + body[1:]
    return InformationPage(
        title=content.meta.title,
        slug=content.slug,
        summary=content.meta.summary[:300],
        body=body,
        last_reviewed=reviewed,
        show_in_menus=False,
    )


def _extra_blocks(content: PageSource, pictures: Mapping[str, Any]) -> list[dict]:
    """The picture and video a page's front matter names, as raw StreamField blocks.

    Pictures are drawn by the demo itself, so they are added here rather than written in
    the Markdown: a page is checked without them, and the loader adds them when present.
    """
    blocks: list[dict] = []
    slug = content.meta.picture
    if slug and slug in pictures:
        index = next(i for i, picture in enumerate(DEMO_PICTURES) if picture.slug == slug)
        value = {
            "image": pictures[slug].pk,
            "alt_text": alt_text_for(DEMO_PICTURES[index], index),
            "caption": "",
        }
        blocks.append({"type": "image", "value": value})
    if video := content.meta.video:
        value = {
            "title": video.title,
            "embed": video.url,
            "video": None,
            "captions": None,
            "transcript": video.transcript,
        }
        blocks.append({"type": "video", "value": value})
    return blocks


def ensure_sections(
    home: HomePage,
    sections: list[Section],
    *,
    pictures: Mapping[str, Any],
    category_ids: Mapping[str, int],
    today: dt.date,
    progress: Callable[[int], None],
) -> int:
    """Each section with its information pages, published; returns how many were created."""
    created = 0
    existing_sections = {page.slug: page for page in SectionPage.objects.child_of(home)}
    page_index = 0
    for section_content in sections:
        source = section_content.page
        section = existing_sections.get(source.slug)
        if section is None:
            section = SectionPage(
                title=source.meta.title,
                slug=source.slug,
                intro=source.meta.intro[:400],
                body=source.blocks(category_ids),
                show_in_menus=source.slug in MENU_SECTIONS,
            )
            home.add_child(instance=section)
            publish(section)
            created += 1
        existing_pages = set(
            InformationPage.objects.child_of(section).values_list("slug", flat=True)
        )
        for content in section_content.pages:
            page_index += 1
            if content.slug in existing_pages:
                progress(1)
                continue
            page = _information_page(
                content,
                category_ids=category_ids,
                pictures=pictures,
                reviewed=_reviewed(page_index, today),
            )
            section.add_child(instance=page)
            publish(page)
            created += 1
            progress(1)
    return created


def ensure_footer_pages(
    home: HomePage,
    pages: list[PageSource],
    *,
    category_ids: Mapping[str, int],
    today: dt.date,
) -> int:
    created = 0
    existing = set(InformationPage.objects.child_of(home).values_list("slug", flat=True))
    for index, content in enumerate(pages):
        if content.slug in existing:
            continue
        page = _information_page(
            content, category_ids=category_ids, pictures={}, reviewed=_reviewed(index, today)
        )
        home.add_child(instance=page)
        publish(page)
        created += 1
    return created


def ensure_you_said_we_did_page(home: HomePage) -> YouSaidWeDidPage:
    page = YouSaidWeDidPage.objects.child_of(home).first()
    if page is None:
        page = YouSaidWeDidPage(
            title="You said, we did", slug="you-said-we-did", intro=YOU_SAID_WE_DID_INTRO
        )
        home.add_child(instance=page)
        publish(page)
    return page


def ensure_organisation_index(home: HomePage) -> OrganisationIndexPage:
    index = OrganisationIndexPage.objects.child_of(home).first()
    if index is None:
        index = OrganisationIndexPage(
            title="Organisations", slug="providers", intro=ORGANISATIONS_INTRO
        )
        home.add_child(instance=index)
        publish(index)
    return index
