"""The GOV.UK page frame and the Local Offer's page and block templates, as families get them.

Pages are built in each test with the shared factories and read back through the test
client, so these tests cover the templates, the template tags and the context together.
"""

import datetime as dt
from decimal import Decimal

import pytest
from bs4 import BeautifulSoup
from django.template import loader
from wagtail.models import Site

from localoffer.models import SiteSettings
from providers.models import Category
from tests.factories import (
    CategoryFactory,
    CostOptionFactory,
    DocumentFactory,
    ImageFactory,
    InformationPageFactory,
    OrganisationIndexPageFactory,
    OrganisationPageFactory,
    SectionPageFactory,
    ServicePageFactory,
)
from tests.html import get, text_of

FOOTER_LINKS = [
    "/accessibility-statement/",
    "/privacy/",
    "/cookies/",
    "/contact/",
    "/you-said-we-did/",
]


@pytest.fixture
def site_settings(home) -> SiteSettings:
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.council_name = "Eastmoor District Council"
    settings.service_name = "SEND Local Offer"
    settings.phase = "Beta"
    settings.save()
    return settings


# --- the frame -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_has_the_gov_uk_frame_with_the_councils_name(client, site_settings):
    page = get(client, "/")

    assert page.html["lang"] == "en-GB"
    assert "govuk-template" in page.html["class"]
    assert "govuk-template__body" in page.body["class"]
    assert page.find("meta", attrs={"name": "viewport"})
    skip = page.find("a", class_="govuk-skip-link")
    assert skip["href"] == "#main-content"
    assert page.find("main", id="main-content")
    header = page.find("header")
    assert "Eastmoor District Council" in text_of(header)
    assert header.find("a", class_="govuk-generic-header__homepage-link")["href"] == "/"
    # A council site: no crown and no GOV.UK logotype.
    assert "GOV.UK" not in text_of(header)
    assert not page.select(".govuk-logo, .govuk-header__logotype, .govuk-footer__crown")
    assert text_of(page.title) == "SEND Local Offer – Eastmoor District Council"


@pytest.mark.django_db
def test_page_titles_name_the_page_the_service_and_the_council(client, site_settings, home):
    section = SectionPageFactory(parent=home, title="Health", slug="health")

    page = get(client, section.url)

    assert text_of(page.title) == "Health – SEND Local Offer – Eastmoor District Council"


@pytest.mark.django_db
def test_header_shows_the_councils_logo_with_its_name_as_alt_text(client, site_settings):
    site_settings.logo = ImageFactory(file__width=300, file__height=100)
    site_settings.save()

    page = get(client, "/")

    logo = page.select_one(".govuk-generic-header__homepage-link img")
    assert logo["alt"] == "Eastmoor District Council"
    assert logo["height"] == "80"


@pytest.mark.django_db
def test_phase_banner_links_to_the_feedback_form_on_the_same_page(client, site_settings):
    page = get(client, "/")

    banner = page.find(class_="govuk-phase-banner")
    assert "Beta" in text_of(banner.find(class_="govuk-tag"))
    link = banner.find("a")
    assert text_of(link) == "give your feedback"
    assert link["href"] == "#feedback"
    assert page.find(id="feedback"), "the feedback form must be on every page"


@pytest.mark.django_db
def test_phase_banner_is_hidden_when_no_phase_is_set(client, site_settings):
    site_settings.phase = ""
    site_settings.save()

    page = get(client, "/")

    assert not page.find(class_="govuk-phase-banner")


@pytest.mark.django_db
def test_footer_links_to_the_statutory_pages_and_names_the_council(client, site_settings):
    page = get(client, "/")

    footer = page.find("footer", class_="govuk-footer")
    hrefs = [link["href"] for link in footer.find_all("a")]
    for url in FOOTER_LINKS:
        assert url in hrefs
    assert "Open Government Licence" in text_of(footer)
    assert f"© {dt.date.today().year} Eastmoor District Council" in text_of(footer)
    assert "Crown copyright" not in text_of(footer)


@pytest.mark.django_db
def test_site_search_form_in_the_header_is_labelled_and_asks_the_search_page(client, site_settings):
    page = get(client, "/")

    form = page.find("form", attrs={"role": "search"})
    assert form["action"] == "/search/"
    assert form["method"] == "get"
    field = form.find("input", attrs={"name": "q"})
    assert form.find("label", attrs={"for": field["id"]})


@pytest.mark.django_db
def test_navigation_marks_the_current_section(client, site_settings, home):
    education = SectionPageFactory(parent=home, title="Education", slug="education")
    health = SectionPageFactory(parent=home, title="Health", slug="health")
    for section in (education, health):
        section.show_in_menus = True
        section.save_revision().publish()
    early_years = InformationPageFactory(parent=education, title="Early years")

    page = get(client, education.url)

    nav = page.find("nav", class_="govuk-service-navigation__wrapper")
    links = {text_of(link): link for link in nav.find_all("a")}
    assert set(links) >= {"Find services", "Education", "Health"}
    assert links["Education"]["aria-current"] == "page"
    assert links["Education"].find_parent("li")["class"] == [
        "govuk-service-navigation__item",
        "govuk-service-navigation__item--active",
    ]
    assert not links["Health"].has_attr("aria-current")

    # On a page inside the section the section is marked, but it is not "this page".
    child = get(client, early_years.url)
    nav = child.find("nav", class_="govuk-service-navigation__wrapper")
    current = nav.find("a", attrs={"aria-current": True})
    assert text_of(current) == "Education"
    assert current["aria-current"] == "true"


@pytest.mark.django_db
def test_not_found_page_uses_the_frame(client, site_settings):
    page = get(client, "/no-such-page/", status=404)

    assert text_of(page.h1) == "Page not found"
    assert page.find("a", class_="govuk-skip-link")
    assert "Eastmoor District Council" in text_of(page.find("header"))
    assert text_of(page.title).startswith("Page not found – SEND Local Offer")


@pytest.mark.django_db
def test_server_error_page_renders_with_an_empty_context_and_no_database(
    django_assert_num_queries,
):
    with django_assert_num_queries(0):
        html = loader.get_template("500.html").render({})

    page = BeautifulSoup(html, "html.parser")
    assert text_of(page.h1) == "Sorry, there is a problem with the service"
    assert page.find("main", id="main-content")


# --- page types ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_home_page_shows_sections_as_cards_and_links_to_find_services(client, site_settings, home):
    SectionPageFactory(
        parent=home, title="Education", slug="education", intro="Learning from birth to 25."
    )

    page = get(client, "/")

    cards = page.select(".app-card")
    assert len(cards) == 1
    assert text_of(cards[0].find("a")) == "Education"
    assert cards[0].find("a")["href"] == "/education/"
    assert "Learning from birth to 25." in text_of(cards[0])
    find_services = page.select_one("main a.govuk-button--start")
    assert text_of(find_services) == "Find services"
    assert find_services["href"] == "/services/"
    assert "Support for children with SEND." in text_of(page.find("main"))


@pytest.mark.django_db
def test_section_page_lists_its_pages_with_summaries_and_breadcrumbs(client, site_settings, home):
    section = SectionPageFactory(parent=home, title="Education", intro="Learning support.")
    InformationPageFactory(parent=section, title="Early years", summary="Help before school.")

    page = get(client, section.url)

    assert text_of(page.h1) == "Education"
    assert "Learning support." in text_of(page.find("main"))
    link = page.find("main").find("a", string="Early years")
    assert link["href"].endswith("/early-years/")
    assert "Help before school." in text_of(page.find("main"))
    crumbs = page.select(".govuk-breadcrumbs__link")
    assert [(text_of(a), a["href"]) for a in crumbs] == [("Home", "/")]


def every_block_body(*, image, video, captions, category) -> list[tuple[str, object]]:
    return [
        ("rich_text", "<h2>What happens</h2><p>We <b>listen</b> first.</p><ul><li>One</li></ul>"),
        (
            "accordion",
            {
                "heading": "Extra help",
                "items": [
                    {"heading": "Portage", "summary": "Home visits", "content": "<p>Play.</p>"},
                    {"heading": "Area SENCOs", "summary": "", "content": "<p>Advice.</p>"},
                ],
            },
        ),
        (
            "accordion",
            {
                "heading": "",
                "items": [{"heading": "Second", "summary": "", "content": "<p>More.</p>"}],
            },
        ),
        ("details", {"summary": "Words used here", "content": "<p>EHC means education.</p>"}),
        ("inset_text", {"text": "<p>You can ask for an assessment yourself.</p>"}),
        ("warning_text", {"text": "You must reply within 15 days."}),
        (
            "call_to_action",
            {
                "heading": "Ask for an assessment",
                "text": "It takes 10 minutes.",
                "link_text": "Start now",
                "link_page": None,
                "link_url": "/ehc/request/",
            },
        ),
        ("image", {"image": image, "alt_text": "A child reading", "caption": "Story time"}),
        (
            "video",
            {
                "title": "Our clinic",
                "embed": None,
                "video": video,
                "captions": captions,
                "transcript": "Welcome to the clinic.",
            },
        ),
        (
            "video",
            {
                "title": "A day at college",
                "embed": "https://www.youtube.com/watch?v=aqz-KE-bpKQ",
                "video": None,
                "captions": None,
                "transcript": "",
            },
        ),
        (
            "table",
            {
                "data": [["School", "Ages"], ["Riverside", "2 to 19"], ["Oakfield", "4 to 16"]],
                "first_row_is_table_header": True,
                "first_col_is_header": True,
                "table_caption": "Special schools",
            },
        ),
        (
            "contact_card",
            {
                "name": "SEND team",
                "description": "Questions about EHC plans.",
                "phone": "01632 960 210",
                "email": "send@northbridge.example",
                "website": "https://northbridge.example/send",
                "address": "Civic Centre\nNorthbridge",
                "opening_hours": "Monday to Friday, 9am to 5pm",
            },
        ),
        (
            "related_links",
            {
                "heading": "Related pages",
                "links": [{"title": "Statutory timescales", "page": None, "url": "/ehc/time/"}],
            },
        ),
        (
            "services_in_topic",
            {"heading": "Services that can help", "categories": [category], "limit": 6},
        ),
    ]


@pytest.fixture
def information_page(home, organisation_index):
    category = CategoryFactory(name="Weekend respite")
    organisation = OrganisationPageFactory(parent=organisation_index, title="Kite Trust")
    ServicePageFactory(parent=organisation, title="Saturday club", categories=[category])
    section = SectionPageFactory(parent=home, title="Education", slug="education")
    return InformationPageFactory(
        parent=section,
        title="Early years",
        slug="early-years",
        summary="Help for babies and young children.",
        last_reviewed=dt.date(2026, 3, 3),
        body=every_block_body(
            image=ImageFactory(file__width=1200, file__height=800),
            video=DocumentFactory(video=True),
            captions=DocumentFactory(captions=True),
            category=category,
        ),
    )


@pytest.mark.django_db
def test_information_page_frame_summary_breadcrumbs_and_review_date(
    client, site_settings, information_page
):
    page = get(client, information_page.url)

    assert text_of(page.h1) == "Early years"
    assert text_of(page.find("p", class_="govuk-body-l")) == "Help for babies and young children."
    crumbs = [(text_of(a), a["href"]) for a in page.select(".govuk-breadcrumbs__link")]
    assert crumbs == [("Home", "/"), ("Education", "/education/")]
    assert "Page last reviewed: 3 March 2026" in text_of(page.find("main"))


@pytest.mark.django_db
def test_rich_text_is_wrapped_for_gov_uk_body_styles(client, site_settings, information_page):
    page = get(client, information_page.url)

    prose = page.select_one(".app-prose")
    assert prose.find("h2").get_text() == "What happens"
    assert prose.find("ul").find("li").get_text() == "One"


@pytest.mark.django_db
def test_accordions_use_gov_uk_markup_with_ids_unique_on_the_page(
    client, site_settings, information_page
):
    page = get(client, information_page.url)

    accordions = page.select("div.govuk-accordion[data-module=govuk-accordion]")
    assert len(accordions) == 2
    block_ids = [block.id for block in information_page.body if block.block_type == "accordion"]
    assert [accordion["id"] for accordion in accordions] == [f"accordion-{i}" for i in block_ids]
    first = accordions[0]
    # Under the block's own h2, the sections are h3; the second accordion has no heading.
    assert [text_of(h) for h in first.select("h3.govuk-accordion__section-heading")] == [
        "Portage",
        "Area SENCOs",
    ]
    # The summary line sits in the section's header, as GOV.UK Frontend's markup has it
    # (tests/localoffer/test_accordion.py checks the button's name reads it).
    summaries = first.select(".govuk-accordion__section-header .govuk-accordion__section-summary")
    assert [text_of(summary) for summary in summaries] == ["Home visits"]
    assert accordions[1].select("h2.govuk-accordion__section-heading")
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids on a page must be unique"


@pytest.mark.django_db
def test_details_inset_and_warning_blocks(client, site_settings, information_page):
    page = get(client, information_page.url)

    details = page.find("details", class_="govuk-details")
    assert text_of(details.find(class_="govuk-details__summary-text")) == "Words used here"
    assert "EHC means education." in text_of(details.find(class_="govuk-details__text"))
    inset = page.find(class_="govuk-inset-text", string=None)
    assert "You can ask for an assessment yourself." in text_of(inset)
    warning = page.find(class_="govuk-warning-text")
    assert warning.find(class_="govuk-warning-text__icon")["aria-hidden"] == "true"
    assert text_of(warning.find("strong")) == "Warning You must reply within 15 days."


@pytest.mark.django_db
def test_call_to_action_is_a_start_button_link(client, site_settings, information_page):
    page = get(client, information_page.url)

    panel = page.find(class_="app-call-to-action")
    assert text_of(panel.find("h2")) == "Ask for an assessment"
    button = panel.find("a", class_="govuk-button--start")
    assert button["href"] == "/ehc/request/"
    assert text_of(button) == "Start now"


@pytest.mark.django_db
def test_image_block_is_a_figure_with_alt_text_and_caption(client, site_settings, information_page):
    page = get(client, information_page.url)

    figure = page.find("figure", class_="app-figure")
    assert figure.find("img")["alt"] == "A child reading"
    assert figure.find("img").has_attr("srcset")
    assert text_of(figure.find("figcaption")) == "Story time"


@pytest.mark.django_db
def test_uploaded_video_plays_with_captions_and_a_transcript(
    client, site_settings, information_page
):
    page = get(client, information_page.url)

    video = page.find("video")
    assert video.has_attr("controls")
    assert video.find("source")["type"] == "video/mp4"
    track = video.find("track")
    assert track["kind"] == "captions"
    assert track["srclang"] == "en"
    assert track.has_attr("default")
    assert track["src"].startswith("/documents/")
    assert track["src"].endswith(".vtt")
    block = video.find_parent(class_="app-video")
    assert text_of(block.find("h2")) == "Our clinic"
    transcript = block.find("details", class_="govuk-details")
    assert "Welcome to the clinic." in text_of(transcript)


@pytest.mark.django_db
def test_embedded_video_falls_back_to_a_plain_link_when_it_cannot_be_fetched(
    client, site_settings, information_page
):
    # Tests have no oEmbed finders, as production would have none if the provider failed.
    page = get(client, information_page.url)

    link = page.find("a", href="https://www.youtube.com/watch?v=aqz-KE-bpKQ")
    assert "A day at college" in text_of(link)


@pytest.mark.django_db
def test_table_block_is_a_gov_uk_table_with_caption_and_header_scopes(
    client, site_settings, information_page
):
    page = get(client, information_page.url)

    table = page.find("table", class_="govuk-table")
    assert text_of(table.find("caption")) == "Special schools"
    assert [text_of(th) for th in table.select("thead th[scope=col]")] == ["School", "Ages"]
    assert [text_of(th) for th in table.select("tbody th[scope=row]")] == [
        "Riverside",
        "Oakfield",
    ]
    assert [text_of(td) for td in table.select("tbody td.govuk-table__cell")] == [
        "2 to 19",
        "4 to 16",
    ]
    region = table.find_parent(class_="app-table-scroll")
    assert region["tabindex"] == "0"
    assert region["aria-labelledby"] == table.find("caption")["id"]


@pytest.mark.django_db
def test_contact_card_is_a_summary_card_with_links(client, site_settings, information_page):
    page = get(client, information_page.url)

    card = page.find(class_="govuk-summary-card")
    assert text_of(card.find(class_="govuk-summary-card__title")) == "SEND team"
    rows = {
        text_of(row.find("dt")): row.find("dd") for row in card.select(".govuk-summary-list__row")
    }
    assert rows["Phone"].find("a")["href"] == "tel:01632960210"
    assert rows["Email"].find("a")["href"] == "mailto:send@northbridge.example"
    assert rows["Website"].find("a")["href"] == "https://northbridge.example/send"
    assert rows["Address"].find("br")
    assert text_of(rows["Opening hours"]) == "Monday to Friday, 9am to 5pm"


@pytest.mark.django_db
def test_related_links_block_lists_its_links(client, site_settings, information_page):
    page = get(client, information_page.url)

    related = page.find(class_="app-related")
    assert text_of(related.find("h2")) == "Related pages"
    assert related.find("a", href="/ehc/time/").get_text() == "Statutory timescales"


@pytest.mark.django_db
def test_services_in_topic_block_shows_service_cards(client, site_settings, information_page):
    page = get(client, information_page.url)

    block = page.find(class_="app-services-in-topic")
    card = block.find(class_="app-service-card")
    assert text_of(card.find("h3")) == "Saturday club"
    assert card.find("a")["href"] == "/providers/kite-trust/saturday-club/"
    assert "Run by Kite Trust" in text_of(card)
    assert "£24 per hour" in text_of(card)
    category = Category.objects.get(name="Weekend respite")
    assert block.find("a", href=category.get_url())


# --- search --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_search_without_words_explains_what_to_do(client, site_settings):
    page = get(client, "/search/")

    field = page.find("input", id="search-q")
    assert field["name"] == "q"
    assert page.find("label", attrs={"for": "search-q"})
    assert "Enter some words to search" in text_of(page.find("main"))
    assert text_of(page.title).startswith("Search – ")


@pytest.mark.django_db
@pytest.mark.wagtail_indexes
def test_search_lists_matching_pages_with_their_summaries(client, site_settings, home):
    section = SectionPageFactory(parent=home, title="Travel", intro="Getting to school.")
    InformationPageFactory(
        parent=section, title="Travel training", summary="Learn to use the bus on your own."
    )

    page = get(client, "/search/?q=bus")

    main = page.find("main")
    assert page.find("input", id="search-q")["value"] == "bus"
    result = main.find("a", string="Travel training")
    assert result["href"].endswith("/travel-training/")
    assert "Learn to use the bus on your own." in text_of(main)
    assert "1 result for ‘bus’" in text_of(main)


@pytest.mark.django_db
def test_search_with_no_matches_suggests_what_to_try(client, site_settings, home):
    page = get(client, "/search/?q=xylophone")

    main = page.find("main")
    assert "No pages match ‘xylophone’" in text_of(main)
    assert "check the spelling" in text_of(main)


@pytest.mark.django_db
@pytest.mark.wagtail_indexes
def test_search_results_are_paginated_and_page_links_keep_the_query(client, site_settings, home):
    section = SectionPageFactory(parent=home, title="Leisure", intro="Things to do.")
    for number in range(12):
        InformationPageFactory(
            parent=section, title=f"Swimming club {number}", summary="Swimming for everyone."
        )

    first = get(client, "/search/?q=swimming")
    second = get(client, "/search/?q=swimming&page=2")

    pagination = first.find("nav", class_="govuk-pagination")
    assert pagination.find("a", rel="next")["href"] == "?q=swimming&page=2"
    current = pagination.find("a", attrs={"aria-current": "page"})
    assert text_of(current) == "1"
    assert second.find("nav", class_="govuk-pagination").find("a", rel="prev")["href"] == (
        "?q=swimming"
    )
    assert "(page 2)" in text_of(second.title)


# --- directory pages -----------------------------------------------------------------------


@pytest.mark.django_db
def test_service_card_shows_the_lowest_price_and_direct_payment(
    client, site_settings, home, organisation_index
):
    category = CategoryFactory(name="Summer schemes")
    organisation = OrganisationPageFactory(parent=organisation_index, title="Kite Trust")
    service = ServicePageFactory(
        parent=organisation, title="Summer scheme", categories=[category], cost_options=[]
    )
    CostOptionFactory(service=service, amount=Decimal("30.00"), unit="day")
    CostOptionFactory(service=service, amount=Decimal("12.00"), unit="session", direct_payment=True)
    drop_in = ServicePageFactory(
        parent=organisation, title="Drop-in", categories=[category], cost_options=[]
    )
    CostOptionFactory(service=drop_in, free=True)

    page = get(client, category.get_url())

    cards = {text_of(card.find("h3")): card for card in page.select(".app-service-card")}
    assert "From £12 per session" in text_of(cards["Summer scheme"])
    assert cards["Summer scheme"].find(class_="govuk-tag", string="Direct payment")
    assert "Run by Kite Trust" in text_of(cards["Summer scheme"])
    assert "Free" in text_of(cards["Drop-in"])
    assert not cards["Drop-in"].find(class_="govuk-tag")
    crumbs = [(text_of(a), a["href"]) for a in page.select(".govuk-breadcrumbs__link")]
    assert crumbs == [("Home", "/"), ("Find services", "/services/")]


@pytest.mark.django_db
def test_directory_lists_top_categories_with_sub_categories_and_counts(
    client, site_settings, home, organisation_index
):
    top = CategoryFactory(name="Outdoor play")
    child = CategoryFactory(name="Forest school", parent=top)
    organisation = OrganisationPageFactory(parent=organisation_index)
    ServicePageFactory(parent=organisation, categories=[child])

    page = get(client, "/services/")

    section = page.find(id=f"category-{top.slug}").find_parent("section")
    link = section.find("a", href=child.get_url())
    assert text_of(link) == "Forest school"
    assert "1 service" in text_of(link.find_parent("li"))


@pytest.mark.django_db
def test_organisation_index_is_an_a_to_z(client, site_settings, home):
    index = OrganisationIndexPageFactory(parent=home)
    OrganisationPageFactory(parent=index, title="Kite Trust")
    OrganisationPageFactory(parent=index, title="Ashby Green Playground")

    page = get(client, index.url)

    letters = [text_of(h) for h in page.select("h2.app-a-to-z__letter")]
    assert letters == ["A", "K"]
    assert page.find("a", string="Kite Trust")["href"].endswith("/kite-trust/")
