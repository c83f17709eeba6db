"""The demo's Markdown pages load, validate as page bodies, and cover what the law requires.

What a Local Offer must publish (Schedule 2 of the SEND Regulations 2014, chapter 4 of the
SEND Code of Practice) is checked on the pages' `covers:` front matter, not on their wording.
"""

import re
from pathlib import Path

import pytest

from localoffer.demo.feedback import load_examples
from localoffer.demo.pages import ContentError, load_site, render, stream
from providers.models import Category

REQUIRED_SECTIONS = {
    "education",
    "ehc-needs-assessments-and-plans",
    "health",
    "social-care",
    "preparing-for-adulthood",
    "travel",
    "childcare",
    "leisure-and-short-breaks",
    "information-advice-and-support",
    "personal-budgets",
    "complaints-mediation-and-tribunal",
}
REQUIRED_COVERAGE = {
    "ehc-needs-assessments-and-plans": {"ehc-timescales", "annual-review"},
    "personal-budgets": {
        "direct-payments",
        "notional-budgets",
        "third-party-budgets",
        "combined-budgets",
        "what-budgets-cannot-buy",
    },
    "preparing-for-adulthood": {
        "employment",
        "independent-living",
        "friends-and-community",
        "good-health",
    },
    "information-advice-and-support": {"other-formats"},
}
SPECIAL_PATHS = {
    "/services/",
    "/you-said-we-did/",
    "/search/",
    "/what-support-costs/",
    "/account/assessments/",
}
# Not after a hyphen: a block's UUID may end in twelve digits that look like a number.
PHONE = re.compile(r"(?<![-\w])0\d{3,4} ?\d{3} ?\d{3,4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


@pytest.fixture
def category_ids(db) -> dict[str, int]:
    return dict(Category.objects.values_list("slug", "pk"))


def test_every_page_loads_and_validates_as_a_page_body(category_ids):
    site = load_site()
    for page in site.all_pages():
        page.blocks(category_ids)
    assert len(site.all_pages()) > 60


def test_every_statutory_topic_has_a_section_with_pages():
    sections = {section.page.slug: section for section in load_site().sections}
    assert set(sections) >= REQUIRED_SECTIONS
    for slug in REQUIRED_SECTIONS:
        assert sections[slug].pages, f"{slug} has no pages"


def test_sections_cover_the_topics_the_regulations_name():
    for section in load_site().sections:
        covered = {topic for page in section.pages for topic in page.meta.covers}
        assert covered >= REQUIRED_COVERAGE.get(section.page.slug, set()), section.page.slug


def test_footer_pages_include_accessibility_privacy_contact_and_cookies():
    slugs = {page.slug for page in load_site().footer}
    assert slugs >= {"accessibility-statement", "privacy", "contact", "cookies"}


def test_links_lead_to_pages_of_the_site_and_contacts_are_fictional(category_ids):
    site = load_site()
    paths = SPECIAL_PATHS | {f"/{page.slug}/" for page in site.footer}
    for section in site.sections:
        paths |= {f"/{section.page.slug}/"}
        paths |= {f"/{section.page.slug}/{page.slug}/" for page in section.pages}
    for page in site.all_pages():
        text = str(page.blocks(category_ids))
        for href in re.findall(r"""(?:href="|'url': ')([^"']+)""", text):
            if href.startswith("/"):
                assert href.split("#")[0] in paths, (page.path, href)
        for phone in PHONE.findall(text):
            assert phone.replace(" ", "").startswith("01632960"), (page.path, phone)
        for email in EMAIL.findall(text):
            assert email.endswith(".example"), (page.path, email)


def test_you_said_we_did_examples_load_with_known_topics():
    examples = load_examples()
    assert len(examples) >= 10
    assert all(example["response"] for example in examples)


# --- the Markdown dialect ----------------------------------------------------------------


def test_callouts_and_fences_become_the_matching_blocks(category_ids):
    body = """Opening text with a [link](/education/).

^Talk to your **health visitor** first.^

%You must reply within 15 days.%

$C
name: Northbridge SENDIASS
phone: 01632 960 100
email: sendiass@northbridge.example
$C

::: details Words used here
SEN means special educational needs.
:::

::: accordion Help in Northbridge
### Area SENCOs
> Advice for nurseries

They visit settings.

### Portage
They visit homes.
:::

::: table Deadlines
| Step | Weeks |
|---|---|
| Decide | 6 |
:::

::: related-links See also
- [SENDIASS](/information-advice-and-support/sendiass/)
:::

::: services Clubs
categories: [holiday-clubs]
limit: 4
:::

::: call-to-action
heading: Find services
link_text: Search
link_url: /services/
:::
"""
    raw = stream(body, category_ids=category_ids, where="test")
    assert [block["type"] for block in raw] == [
        "rich_text",
        "inset_text",
        "warning_text",
        "contact_card",
        "details",
        "accordion",
        "table",
        "related_links",
        "services_in_topic",
        "call_to_action",
    ]
    values = [block["value"] for block in raw]
    assert values[0] == '<p>Opening text with a <a href="/education/">link</a>.</p>'
    assert values[1] == {"text": "<p>Talk to your <strong>health visitor</strong> first.</p>"}
    assert values[2] == {"text": "You must reply within 15 days."}
    assert values[3]["name"] == "Northbridge SENDIASS" and values[3]["website"] == ""
    assert values[4] == {
        "summary": "Words used here",
        "content": "<p>SEN means special educational needs.</p>",
    }
    items = [item["value"] for item in values[5]["items"]]
    assert items == [
        {"heading": "Area SENCOs", "summary": "Advice for nurseries", "content": (
            "<p>They visit settings.</p>"
        )},
        {"heading": "Portage", "summary": "", "content": "<p>They visit homes.</p>"},
    ]  # fmt: skip
    assert values[6]["data"] == [["Step", "Weeks"], ["Decide", "6"]]
    assert values[6]["table_caption"] == "Deadlines"
    assert [item["value"]["url"] for item in values[7]["links"]] == [
        "/information-advice-and-support/sendiass/"
    ]
    assert [item["value"] for item in values[8]["categories"]] == [category_ids["holiday-clubs"]]
    assert values[8]["limit"] == 4
    assert values[9]["link_url"] == "/services/" and values[9]["link_page"] is None


def test_raw_html_is_shown_as_text_not_markup():
    assert render("<script>alert(1)</script>") == "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("::: services Clubs\ncategories: [no-such-category]\n:::", "no-such-category"),
        ("$C\nname: Team\nemail: not-an-address\n$C", "block 1 (contact_card)"),
        (
            "Text\n\n::: call-to-action\nheading: Go\nlink_text: Go\nlink_url: nowhere\n:::",
            "block 2",
        ),
        ("::: carousel\n:::", "unknown block"),
        ("::: details Unclosed\ntext", "unclosed"),
    ],
)
def test_a_bad_block_fails_naming_the_file_and_the_block(category_ids, body, message):
    with pytest.raises(ContentError) as error:
        stream(body, category_ids=category_ids, where="education/early-years.md")
    assert "education/early-years.md" in str(error.value)
    assert message in str(error.value)


def _site(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    return tmp_path


HOME = "---\ntitle: Home\nintro: Hello\nsections: [a]\nfooter: []\n---\n{{ card }}\n"
SECTION = "---\ntitle: A\nintro: About A\npages: [one]\n---\n"


def test_includes_are_pasted_and_front_matter_is_checked(tmp_path):
    root = _site(
        tmp_path,
        {
            "_home.md": HOME,
            "_includes/card.md": "$C\nname: Team\n$C\n",
            "a/_section.md": SECTION,
            "a/one.md": "---\ntitle: One\nsummary: S\ncovers: [x]\n---\nBody\n",
        },
    )
    site = load_site(root)
    assert "name: Team" in site.home.body
    assert site.sections[0].pages[0].meta.covers == ["x"]

    (root / "a/one.md").write_text("---\ntitle: One\nsumary: typo\n---\nBody\n")
    load_site.cache_clear()
    with pytest.raises(ContentError, match="one.md: front matter"):
        load_site(root)


def test_a_page_no_section_lists_is_an_error(tmp_path):
    root = _site(
        tmp_path,
        {
            "_home.md": HOME.replace("{{ card }}", ""),
            "a/_section.md": SECTION,
            "a/one.md": "---\ntitle: One\nsummary: S\n---\n",
            "a/forgotten.md": "---\ntitle: F\nsummary: S\n---\n",
        },
    )
    with pytest.raises(ContentError, match="forgotten.md"):
        load_site(root)


def test_a_missing_include_is_an_error(tmp_path):
    root = _site(tmp_path, {"_home.md": HOME, "a/_section.md": SECTION})
    with pytest.raises(ContentError, match="no include named 'card'"):
        load_site(root)
