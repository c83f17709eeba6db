"""The provider's workspace (Wagtail's admin) as the demo provider uses it: axe, menu, reflow.

Providers are small charities whose volunteers may use a screen reader or a phone; the
admin is the workspace they keep their listings in, so it must meet WCAG 2.2 AA like the
public site. The inputs Wagtail's widgets draw without a name (the rich text editor, the
tags input, the multiple uploader's file input) are named by our script
(static/admin/accessible-names.js); everything else is Wagtail's own markup. The 413 page
a too-big upload gets is here too: it is what a provider sees when a file is refused
before it is even sent.
"""

import re
import socket
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import NARROW_VIEWPORT

pytestmark = pytest.mark.browser

PROVIDER_EMAIL = "provider@northbridge.example"
PASSWORD = "localoffer-demo"  # the demo's password for every login
ORGANISATION = "Sunflower Sensory Centre"
EDITOR_TEXTBOX = '[data-draftail-editor-wrapper] [role="textbox"][contenteditable="true"]'


def sign_in(page: Page, email: str, password: str) -> None:
    """Sign in through whichever form the site has: allauth's (/account/login/, fields
    `login` and `password`) or Wagtail's own (/admin/login/, `username`). Wagtail's
    address sends people to allauth's once the accounts app is in place."""
    response = page.goto("/admin/login/?next=/admin/")
    assert response is not None and response.ok, f"no sign-in page at {page.url}"
    password_field = page.locator('input[name="password"]')
    form = page.locator("form").filter(has=password_field)
    login_field = form.locator('input[name="login"], input[name="username"]').first
    login_field.fill(email)
    password_field.fill(password)
    password_field.press("Enter")
    page.wait_for_url(re.compile(r"/admin/$"))


@pytest.fixture(scope="session")
def provider_state(browser: Browser, base_url: str, tmp_path_factory) -> Path:
    """The demo provider's signed-in session, made once and reused by every test."""
    context = browser.new_context(base_url=base_url)
    try:
        sign_in(context.new_page(), PROVIDER_EMAIL, PASSWORD)
        path = tmp_path_factory.mktemp("provider") / "state.json"
        context.storage_state(path=str(path))
        return path
    finally:
        context.close()


@pytest.fixture
def provider_page(new_context: Callable[..., BrowserContext], provider_state: Path) -> Page:
    return new_context(storage_state=str(provider_state)).new_page()


@pytest.fixture
def narrow_provider_page(new_context: Callable[..., BrowserContext], provider_state: Path) -> Page:
    return new_context(storage_state=str(provider_state), viewport=NARROW_VIEWPORT).new_page()


@pytest.fixture(scope="session")
def workspace(browser: Browser, base_url: str, provider_state: Path) -> Iterator[dict]:
    """The provider's organisation page and one of its listings, found as they would."""
    context = browser.new_context(base_url=base_url, storage_state=str(provider_state))
    page = context.new_page()
    try:
        page.goto("/admin/pages/")
        if ORGANISATION not in page.locator("h1").first.inner_text():
            # The explorer opened above the organisation (at the directory): go into it.
            link = page.locator("main").get_by_role("link", name=ORGANISATION).first
            found = re.search(r"/admin/pages/(\d+)/", link.get_attribute("href") or "")
            assert found, f"no link to {ORGANISATION} in the provider's explorer"
            page.goto(f"/admin/pages/{found.group(1)}/")
        expect(page.locator("h1").first).to_contain_text(ORGANISATION)
        match = re.search(r"/admin/pages/(\d+)/$", page.url)
        assert match, f"the provider's explorer did not open their organisation: {page.url}"
        organisation_id = int(match.group(1))
        edit_links = page.locator("main a[href$='/edit/']").evaluate_all(
            "links => links.map(a => new URL(a.href).pathname)"
        )
        listings = [path for path in edit_links if path != f"/admin/pages/{organisation_id}/edit/"]
        assert listings, "the organisation has no listings to edit"
        yield {"organisation_id": organisation_id, "edit_listing": listings[0]}
    finally:
        context.close()


def open_admin(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, f"{path}: {response}"
    assert "/admin/" in page.url, f"{path} went to {page.url}"


def wait_for_rich_text(page: Page) -> None:
    """Draftail draws its editors after the page loads; axe must see them drawn."""
    editors = page.locator(EDITOR_TEXTBOX)
    expect(editors.first).to_be_visible()
    for index in range(editors.count()):
        expect(editors.nth(index)).to_have_attribute("aria-labelledby", re.compile(r"\S"))


# --- axe on every screen a provider uses ---------------------------------------------------


def test_dashboard(provider_page: Page, check_axe) -> None:
    open_admin(provider_page, "/admin/")
    check_axe(provider_page)


def test_the_menu_shows_a_provider_only_what_they_use(provider_page: Page) -> None:
    open_admin(provider_page, "/admin/")
    menu = provider_page.get_by_role("navigation", name="Main menu")
    for item in ("Pages", "Images", "Documents"):
        shown = menu.get_by_role("link", name=item).or_(menu.get_by_role("button", name=item))
        expect(shown.first).to_be_visible()
    for hidden in ("Reports", "Help", "Settings", "Snippets"):
        expect(menu.get_by_text(hidden, exact=True)).to_have_count(0)


def test_organisation_explorer(provider_page: Page, workspace: dict, check_axe) -> None:
    open_admin(provider_page, f"/admin/pages/{workspace['organisation_id']}/")
    expect(provider_page.locator("h1").first).to_contain_text(ORGANISATION)
    check_axe(provider_page)


def test_edit_a_listing(provider_page: Page, workspace: dict, check_axe) -> None:
    open_admin(provider_page, workspace["edit_listing"])
    wait_for_rich_text(provider_page)
    # Each editor is announced by its field's label, not as an unnamed "edit text".
    expect(provider_page.get_by_role("textbox", name=re.compile("^Description"))).to_be_visible()
    expect(
        provider_page.get_by_role("textbox", name=re.compile("^How to use the service"))
    ).to_be_visible()
    check_axe(provider_page)


def test_add_a_listing(provider_page: Page, workspace: dict, check_axe) -> None:
    open_admin(
        provider_page, f"/admin/pages/add/providers/servicepage/{workspace['organisation_id']}/"
    )
    wait_for_rich_text(provider_page)
    check_axe(provider_page)


def test_an_editor_added_later_is_named_too(provider_page: Page, workspace: dict) -> None:
    """Inline panels and StreamFields add editors after the page has loaded."""
    open_admin(provider_page, workspace["edit_listing"])
    wait_for_rich_text(provider_page)
    provider_page.evaluate(
        """() => {
            const field = document.createElement("div");
            field.innerHTML = '<label for="late-field">Added later</label>'
              + '<input type="hidden" id="late-field" data-draftail-input>';
            const wrapper = document.createElement("div");
            wrapper.setAttribute("data-draftail-editor-wrapper", "true");
            wrapper.innerHTML = '<div role="textbox" contenteditable="true" id="late-box"></div>';
            field.appendChild(wrapper);
            document.querySelector("main").appendChild(field);
        }"""
    )
    expect(provider_page.locator("#late-box")).to_have_attribute(
        "aria-labelledby", "late-field-label"
    )
    expect(provider_page.get_by_role("textbox", name="Added later")).to_have_count(1)


def test_images(provider_page: Page, check_axe) -> None:
    open_admin(provider_page, "/admin/images/")
    check_axe(provider_page)


def test_add_an_image(provider_page: Page, check_axe) -> None:
    open_admin(provider_page, "/admin/images/add/")
    expect(
        provider_page.get_by_text("Upload a JPEG, PNG, GIF or WebP picture").first
    ).to_be_visible()
    expect(provider_page.get_by_role("textbox", name="Tags")).to_be_visible()
    check_axe(provider_page)


@pytest.mark.parametrize(
    ("path", "button"),
    [
        ("/admin/images/multiple/add/", "Or choose from your computer"),
        ("/admin/documents/multiple/add/", "Or choose from your computer"),
    ],
    ids=["pictures", "videos and files"],
)
def test_upload_several_files(provider_page: Page, check_axe, path: str, button: str) -> None:
    open_admin(provider_page, path)
    expect(provider_page.locator("input[type=file]")).to_have_attribute(
        "aria-labelledby", re.compile(r"\S")
    )
    expect(provider_page.get_by_label(button)).to_have_count(1)
    check_axe(provider_page)


def test_the_edit_page_at_320_px(narrow_provider_page: Page, workspace: dict, check_axe) -> None:
    """WCAG 1.4.10 Reflow. Wagtail's editor is Wagtail's markup: a sideways scroll is
    reported as a warning (with what sticks out), not a failure; axe must still pass."""
    page = narrow_provider_page
    open_admin(page, workspace["edit_listing"])
    wait_for_rich_text(page)
    check_axe(page)
    width = NARROW_VIEWPORT["width"]
    # The page, or a region of it, scrolling sideways (Wagtail's layout scrolls inside
    # its own containers, so the document alone could hide it).
    scrolling = page.evaluate(
        """() => [document.documentElement, ...document.querySelectorAll("body *")]
            .filter(el => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0)
            .filter(el => el === document.documentElement
                || ["auto", "scroll"].includes(getComputedStyle(el).overflowX))
            .map(el => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`.slice(0, 80)
                 + ` (${el.scrollWidth}px in ${el.clientWidth}px)`)"""
    )
    if scrolling:
        warnings.warn(
            f"Parts of Wagtail's page editor scroll sideways at {width}px: {scrolling}",
            stacklevel=1,
        )


# --- the page for a request that is too big -----------------------------------------------


def test_a_too_big_upload_is_refused_before_it_is_sent(
    page: Page, base_url: str, check_axe
) -> None:
    """The running site (gunicorn) answers 413 from the headers alone: the client sends
    none of the 100 MB it announced. The page saying so must pass axe like any other."""
    address = urlsplit(base_url)
    request = (
        # HTTP/1.0 so that the answer is not chunked: the page is read as it is.
        f"POST /admin/images/add/ HTTP/1.0\r\nHost: {address.netloc}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\n"
        f"Content-Length: {100 * 1024 * 1024}\r\n\r\n"
    )
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(request.encode())
        received = b""
        while chunk := connection.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    assert re.match(rb"HTTP/1\.[01] 413 ", head), head[:200]
    html = body.decode()
    assert "The file is too big" in html

    page.goto("/")  # the page's own styles and links resolve against the site
    page.set_content(html)
    expect(page.locator("h1")).to_have_text("The file is too big")
    check_axe(page)
