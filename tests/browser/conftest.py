"""Browser tests: Debian's Chromium, driven by Playwright, against the real site.

The site runs in its own process the way a council would run it (bench/demo_site.py):
a fresh database, `migrate`, `load_demo`, gunicorn with DEBUG off. The tests talk to it
over HTTP only, so they never need pytest-django's test database.

Each pytest-xdist worker serves a site of its own, so that one worker's sign-ins and
changes never meet another's; the demo is built once for the run and each worker serves
a copy of that build (see `shared_build`).
"""

import fcntl
import json
import os
import re
import subprocess
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from bench.demo_site import (
    PYTHON,
    ROOT,
    BuiltDemo,
    DemoSite,
    DemoSiteError,
    built_demo,
    demo_site,
)

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"
# The conformance level the UK public sector must meet (WCAG 2.2 AA), as axe tags it.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
NARROW_VIEWPORT = {"width": 320, "height": 800}  # WCAG 1.4.10 Reflow: 320 CSS px wide
# The browser tests need every kind of page and the marketplace's stories, not the full
# directory of about 200 services: a smaller one builds in a fraction of the time.
BROWSER_DEMO_SERVICES = 60

_server_log: dict[str, Path] = {}
_log_offset = pytest.StashKey[int]()


@contextmanager
def shared_build(folder: Path) -> Iterator[BuiltDemo]:
    """The run's one demo build, made by the first worker to ask, in `folder` (shared).

    `build.lock` serialises finding or making the build, which `build.json` describes.
    Every worker using the build holds `users.lock` shared. The worker that built it, at
    its end, stops others joining, waits for the rest to finish with it, then removes it;
    a worker arriving after that builds again, so none is ever left without a site.
    """
    marker = folder / "build.json"
    build_lock = os.open(folder / "build.lock", os.O_RDWR | os.O_CREAT, 0o600)
    users_lock = os.open(folder / "users.lock", os.O_RDWR | os.O_CREAT, 0o600)
    try:
        with ExitStack() as owned:
            fcntl.flock(build_lock, fcntl.LOCK_EX)
            try:
                fcntl.flock(users_lock, fcntl.LOCK_SH)
                owner = not marker.exists()
                if owner:
                    build = owned.enter_context(
                        built_demo(suffix="browser_template", services=BROWSER_DEMO_SERVICES)
                    )
                    owned.callback(marker.unlink)
                    marker.write_text(json.dumps(asdict(build), default=str))
                else:
                    found = json.loads(marker.read_text())
                    build = BuiltDemo(found["database_url"], Path(found["media_root"]))
            finally:
                fcntl.flock(build_lock, fcntl.LOCK_UN)
            try:
                yield build
            finally:
                if owner:
                    fcntl.flock(build_lock, fcntl.LOCK_EX)  # no one joins from now on
                    fcntl.flock(users_lock, fcntl.LOCK_UN)
                    fcntl.flock(users_lock, fcntl.LOCK_EX)  # the others are done with it
    finally:
        # Leaving `owned` above removed the builder's build; closing releases the locks.
        os.close(users_lock)
        os.close(build_lock)


@pytest.fixture(scope="session")
def live_site(worker_id: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoSite]:
    """One demo site per pytest-xdist worker ("master" without xdist): own database, port.

    Under xdist the workers serve copies of one build (the folder above each worker's
    basetemp is the run's own); a single process builds its site directly.
    """
    try:
        with ExitStack() as stack:
            template = None
            if worker_id != "master":
                shared = tmp_path_factory.getbasetemp().parent
                template = stack.enter_context(shared_build(shared))
            site = stack.enter_context(
                demo_site(suffix=f"browser_{worker_id}", template=template, with_stripe=True)
            )
            _server_log["path"] = site.log_path
            yield site
    except DemoSiteError as error:
        pytest.fail(str(error), pytrace=False)
    finally:
        _server_log.clear()


@pytest.fixture(scope="session")
def base_url(live_site: DemoSite) -> str:
    """pytest-playwright gives this to every context: page.goto("/") opens the home page."""
    return live_site.base_url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium; Playwright's own browser builds are never downloaded."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install chromium", pytrace=False)
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


# Chromium logs every blocked load or script to the console ("... violates the following
# Content Security Policy directive ..."); the page's own securitypolicyviolation events say
# the same from inside, and still fire for what the console does not show (a report-only
# policy's findings). Init scripts come through the DevTools protocol, outside the policy.
CSP_MARKER = "Content Security Policy"
_REPORT_CSP_VIOLATIONS = f"""
document.addEventListener("securitypolicyviolation", event => console.error(
  "{CSP_MARKER} violation event: " + event.violatedDirective + " blocked "
  + (event.blockedURI || "inline") + " on " + event.documentURI
  + (event.sample ? " (" + event.sample + ")" : "")));
"""


def _off_this_machine(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    return url.startswith(("http:", "https:")) and host not in ("127.0.0.1", "localhost", "::1")


def watch_csp(context: BrowserContext, violations: list[str]) -> BrowserContext:
    """Record in `violations` every content security policy violation in the context.

    Requests off this machine are refused, so the tests never reach the internet: a
    video player's frame (youtube-nocookie.com, allowed by the policy) loads nothing.
    """
    context.route(_off_this_machine, lambda route: route.abort())
    context.add_init_script(script=_REPORT_CSP_VIOLATIONS)
    context.on(
        "console",
        lambda message: (
            violations.append(f"{message.page.url if message.page else '?'}: {message.text}")
            if CSP_MARKER in message.text
            else None
        ),
    )
    return context


@pytest.fixture
def new_context(
    new_context: Callable[..., BrowserContext],
) -> Iterator[Callable[..., BrowserContext]]:
    """pytest-playwright's contexts, failing the test on any CSP violation in them.

    The site runs with its real policy (the development settings), so anything the policy
    would break in a browser, an inline script or a host it does not allow, fails here.
    """
    violations: list[str] = []

    def make(**kwargs) -> BrowserContext:
        return watch_csp(new_context(**kwargs), violations)

    yield make
    assert not violations, "content security policy violations:\n" + "\n".join(violations)


@pytest.fixture
def narrow_page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context(viewport=NARROW_VIEWPORT).new_page()


@pytest.fixture
def no_js_page(new_context: Callable[..., BrowserContext]) -> Page:
    return new_context(java_script_enabled=False).new_page()


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            lines.append(f"    {json.dumps(node['target'])}: {node['html'][:200]}")
            if node.get("failureSummary"):
                summary = node["failureSummary"].replace("\n", "\n      ")
                lines.append(f"      {summary}")
    return "\n".join(lines)


# axe-core 4.14 made label-content-name-mismatch (WCAG 2.5.3 Label in Name) a standard
# rule. It reads an element's visible label by joining its child elements' text with no
# space, so GOV.UK Frontend's accordion button, <span>1. Tell us</span><span hidden>, </span>
# <span>As early as you can</span>...<span>Show</span>, reads as "1. Tell usAs early as you
# canShow", which is not in its name "1. Tell us , As early as you can , Show this section".
# Each element reported is checked again with its label as the browser lays it out
# (innerText); a real mismatch still fails. Only elements named by aria-label are rechecked.
_LABEL_IN_NAME = r"""selector => {
  const element = document.querySelector(selector);
  const name = element && element.getAttribute("aria-label");
  if (!name) return false;
  const words = text => text.normalize("NFKD").toLowerCase().replace(/\([^()]*\)/g, " ")
    .replace(/[^\p{L}\p{N}]+/gu, " ").trim().split(" ").filter(Boolean);
  const label = words(element.innerText), named = words(name);
  for (let i = 0; i + label.length <= named.length; i++) {
    if (label.every((word, j) => word === named[i + j])) return true;
  }
  return false;
}"""


def _without_label_in_name_false_positives(page: Page, violations: list[dict]) -> list[dict]:
    kept = []
    for violation in violations:
        if violation["id"] == "label-content-name-mismatch":
            nodes = [
                node
                for node in violation["nodes"]
                if len(node["target"]) != 1
                or not isinstance(node["target"][0], str)
                or not page.evaluate(_LABEL_IN_NAME, node["target"][0])
            ]
            if not nodes:
                continue
            violation = {**violation, "nodes": nodes}
        kept.append(violation)
    return kept


def _axe_violations(page: Page) -> list[dict]:
    return page.evaluate(
        """tags => axe.run(document, {
            runOnly: {type: "tag", values: tags}, resultTypes: ["violations"],
        }).then(results => results.violations)""",
        AXE_TAGS,
    )


def _only_obscured_targets(violations: list[dict]) -> bool:
    return bool(violations) and all(
        violation["id"] == "target-size"
        and all("obscured" in node.get("failureSummary", "") for node in violation["nodes"])
        for violation in violations
    )


@pytest.fixture(scope="session")
def check_axe() -> Callable[..., None]:
    """Run axe-core on the page as it is now; fail listing every WCAG 2.2 AA violation.

    axe needs JavaScript: in a context with it disabled the script tag never runs, so the
    pages a no-JavaScript test reaches are checked by the JavaScript tests of the same page.
    `check(page, strict=True)` takes axe's findings as they are, without the Label in Name
    recheck: the site's accordion keeps GOV.UK's whitespace, so axe itself must pass it.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci`", pytrace=False)
    axe_source = AXE_SCRIPT.read_text()

    def check(page: Page, *, strict: bool = False) -> None:
        # Evaluated through the DevTools protocol, not added as a <script>: the site's
        # policy would (rightly) block an inline script the test put on the page.
        page.evaluate(axe_source)
        assert page.evaluate("typeof axe") == "object", "axe did not load (JavaScript off?)"
        # Only the violations come back: axe's full results (every rule that passed, with
        # its nodes' HTML) are most of its time and a large message to pass back.
        violations = _axe_violations(page)
        if not strict and _only_obscured_targets(violations):
            # A target partly covered by something passing (a tooltip, a panel still
            # opening) is measured again a moment later; one that stays covered fails.
            page.wait_for_timeout(1000)
            violations = _axe_violations(page)
        if not strict:
            violations = _without_label_in_name_false_positives(page, violations)
        assert not violations, _format_violations(page.url, violations)

    return check


@pytest.fixture(scope="session")
def check_reflow() -> Callable[[Page], None]:
    """At 320 px wide nothing scrolls sideways and the main content is on screen."""

    def check(page: Page, *, strict: bool = False) -> None:
        width = page.viewport_size["width"] if page.viewport_size else None
        assert width == NARROW_VIEWPORT["width"], "use the narrow_page fixture"
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, (
            f"{page.url} scrolls sideways at {width}px: it is {scroll_width}px wide; "
            f"widest elements: {_widest_elements(page, width)}"
        )
        main = page.locator("main#main-content")
        assert main.is_visible()
        box = main.bounding_box()
        assert box is not None and box["width"] > 0 and box["height"] > 0
        assert box["x"] >= 0 and box["x"] + box["width"] <= width

    return check


def _widest_elements(page: Page, width: int) -> list[str]:
    """Name the innermost elements that stick out, so the failure says what to fix."""
    return page.evaluate(
        """width => Array.from(document.querySelectorAll("body *"))
            .filter(el => el.getBoundingClientRect().right > width + 0.5)
            .filter(el => !Array.from(el.children).some(
                child => child.getBoundingClientRect().right > width + 0.5))
            .slice(0, 5)
            .map(el => el.outerHTML.slice(0, 160)
                 + " (right edge " + Math.round(el.getBoundingClientRect().right) + "px)")""",
        width,
    )


@pytest.fixture(autouse=True)
def _remember_server_log_offset(request: pytest.FixtureRequest) -> None:
    path = _server_log.get("path")
    request.node.stash[_log_offset] = path.stat().st_size if path and path.exists() else 0


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Show what the server logged during a failed test (a 500's traceback, say)."""
    report = yield
    path = _server_log.get("path")
    if report.failed and report.when == "call" and path and path.exists():
        with path.open() as log:
            log.seek(item.stash.get(_log_offset, 0))
            text = log.read().strip()
        if text:
            report.sections.append(("server log", text[-20000:]))
    return report


@dataclass(frozen=True)
class Link:
    path: str
    text: str


@dataclass(frozen=True)
class DemoPages:
    """Pages of each type in the demo, found by following links as a visitor would."""

    section: Link
    information: Link
    category: Link
    listing: Link
    organisation: Link


def _links_in_main(page: Page, pattern: str) -> list[Link]:
    found = page.locator("main a[href]").evaluate_all(
        "links => links.map(a => [new URL(a.href).pathname, a.textContent.trim()])"
    )
    return [
        Link(path, " ".join(text.split())) for path, text in found if re.fullmatch(pattern, path)
    ]


@pytest.fixture(scope="session")
def demo_pages(browser: Browser, base_url: str) -> Iterator[DemoPages]:
    violations: list[str] = []
    context = watch_csp(browser.new_context(base_url=base_url), violations)
    page = context.new_page()
    try:
        # Personal budgets is a statutory section of every Local Offer (and of the demo).
        section = Link("/personal-budgets/", "Personal budgets")
        page.goto(section.path)
        children = _links_in_main(page, r"/personal-budgets/[^/]+/")
        assert children, "the Personal budgets section lists no pages"

        page.goto("/services/")
        categories = _links_in_main(page, r"/services/category/[^/]+/")
        assert categories, "the directory lists no categories"
        for category in categories:
            page.goto(category.path)
            listings = _links_in_main(page, r"/providers/[^/]+/[^/]+/")
            if listings:
                break
        else:
            pytest.fail("no category in the directory lists a service")

        page.goto(listings[0].path)
        organisations = _links_in_main(page, r"/providers/[^/]+/")
        assert organisations, f"the listing {listings[0].path} does not link to who runs it"
        yield DemoPages(
            section=section,
            information=children[0],
            category=category,
            listing=listings[0],
            organisation=organisations[0],
        )
        assert not violations, "content security policy violations:\n" + "\n".join(violations)
    finally:
        context.close()


_FIND_FEEDBACK = """
import os
from localoffer.feedback.models import Feedback
found = Feedback.objects.filter(comment=os.environ["FEEDBACK_COMMENT"]).first()
print(f"{found.topic} {found.page_url}" if found else "")
"""


@pytest.fixture(scope="session")
def stored_feedback(live_site: DemoSite) -> Callable[[str], str]:
    """What staff would see of a comment: "<topic> <page_url>", or "" if it was not stored.

    Asked of the site's own database through `manage.py shell`, as the tests have no ORM
    access to the server's database (and need none anywhere else).
    """

    def find(comment: str) -> str:
        result = subprocess.run(
            [str(PYTHON), "manage.py", "shell", "--no-imports", "-c", _FIND_FEEDBACK],
            cwd=ROOT,
            env={**live_site.env, "FEEDBACK_COMMENT": comment},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return result.stdout.strip()

    return find
