"""Validate the demo content. Run from the project root:

    python3 -m localoffer.demo_content.check

Checks block types and value keys, allowed HTML tags, category slugs, internal links,
fictional contact details and page lengths. Prints a summary and exits non-zero on
errors. Pure Python: no Django needed.
"""

import re
import sys
from html.parser import HTMLParser

from .pages import FOOTER_PAGES, HOME, SECTIONS, YOU_SAID_WE_DID

BLOCK_KEYS = {
    "rich_text": None,
    "accordion": {"heading", "items"},
    "details": {"summary", "content"},
    "inset_text": {"text"},
    "warning_text": {"text"},
    "call_to_action": {"heading", "text", "link_text", "link_url"},
    "table": {"caption", "header", "rows"},
    "contact_card": {
        "name",
        "description",
        "phone",
        "email",
        "website",
        "address",
        "opening_hours",
    },
    "related_links": {"heading", "links"},
    "services_in_topic": {"heading", "category_slugs", "limit"},
}
CATEGORY_SLUGS = {
    "education-support", "tutoring", "speech-and-language-therapy", "occupational-therapy",
    "physiotherapy", "mental-health-and-wellbeing", "short-breaks", "holiday-clubs",
    "after-school-clubs", "sport-and-leisure", "arts-and-music", "play-and-youth-groups",
    "childcare", "nurseries", "parent-support", "advice-and-advocacy",
    "transport-and-travel-training", "employment-and-training", "independent-living-skills",
    "supported-internships", "health-services", "equipment-and-adaptations",
    "personal-assistants",
}  # fmt: skip
YSWD_TOPICS = {
    "education", "health", "social-care", "preparing-for-adulthood", "travel", "childcare",
    "leisure-and-short-breaks", "information-advice-and-support", "personal-budgets",
    "complaints-mediation-and-tribunal", "the-website",
}  # fmt: skip
ALLOWED_TAGS = {"h2", "h3", "p", "ul", "ol", "li", "a", "strong"}
SPECIAL_PATHS = {
    "/services/", "/you-said-we-did/", "/search/",
    "/accessibility-statement/", "/privacy/", "/contact/", "/cookies/",
}  # fmt: skip
PHONE = re.compile(r"\b0\d{3,4} ?\d{3} ?\d{3,4}\b")
EMAIL = re.compile(r"[\w.+-]+@[\w.-]+")
TAG = re.compile(r"<[^>]+>")


class _HTMLCheck(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.errors, self.hrefs, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in ALLOWED_TAGS:
            self.errors.append(f"tag <{tag}> not allowed")
        names = [name for name, _ in attrs]
        if tag == "a":
            if names != ["href"]:
                self.errors.append(f"<a> must have only href, has {names}")
            self.hrefs.extend(v for n, v in attrs if n == "href")
        elif names:
            self.errors.append(f"<{tag}> has attributes {names}")
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"unbalanced </{tag}>, open: {self.stack}")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


class Checker:
    def __init__(self):
        self.errors, self.warnings = [], []
        self.valid_paths = set(SPECIAL_PATHS)
        for section in SECTIONS:
            for pg in section["pages"]:
                self.valid_paths.add(f"/{section['slug']}/{pg['slug']}/")
        self.words = 0

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")

    def html(self, where, value):
        if not isinstance(value, str):
            self.err(where, "HTML value must be a string")
            return ""
        parser = _HTMLCheck()
        parser.feed(value)
        parser.close()
        for e in parser.errors:
            self.err(where, e)
        if parser.stack:
            self.err(where, f"unclosed tags {parser.stack}")
        for href in parser.hrefs:
            self.link(where, href)
        return " ".join(parser.text)

    def plain(self, where, value):
        if not isinstance(value, str):
            self.err(where, "must be a string")
            return ""
        if "<" in value or "&amp;" in value:
            self.err(where, f"plain text contains markup: {value[:60]!r}")
        return value

    def link(self, where, url):
        if url.startswith("/"):
            if url not in self.valid_paths:
                self.err(where, f"broken internal link {url}")
        elif not url.startswith("https://"):
            self.err(where, f"link must be a site path or https URL: {url}")

    def block(self, where, block):
        if set(block) != {"type", "value"}:
            self.err(where, f"block keys {sorted(block)}")
            return ""
        kind, value = block["type"], block["value"]
        if kind not in BLOCK_KEYS:
            self.err(where, f"unknown block type {kind}")
            return ""
        where = f"{where} [{kind}]"
        if kind == "rich_text":
            return self.html(where, value)
        if not isinstance(value, dict) or set(value) != BLOCK_KEYS[kind]:
            self.err(where, f"value keys {sorted(value)} != {sorted(BLOCK_KEYS[kind])}")
            return ""
        text = []
        if kind == "accordion":
            text.append(self.plain(where, value["heading"]))
            if not value["items"]:
                self.err(where, "no items")
            for item in value["items"]:
                if set(item) != {"heading", "summary", "content"}:
                    self.err(where, f"item keys {sorted(item)}")
                    continue
                text += [self.plain(where, item["heading"]), self.plain(where, item["summary"])]
                text.append(self.html(where, item["content"]))
        elif kind == "details":
            text += [self.plain(where, value["summary"]), self.html(where, value["content"])]
        elif kind == "inset_text":
            text.append(self.html(where, value["text"]))
        elif kind == "warning_text":
            text.append(self.plain(where, value["text"]))
        elif kind == "call_to_action":
            for key in ("heading", "text", "link_text"):
                text.append(self.plain(where, value[key]))
            self.link(where, value["link_url"])
        elif kind == "table":
            text.append(self.plain(where, value["caption"]))
            width = len(value["header"])
            text += [self.plain(where, h) for h in value["header"]]
            for row in value["rows"]:
                if len(row) != width:
                    self.err(where, f"row has {len(row)} cells, header has {width}")
                text += [self.plain(where, c) for c in row]
        elif kind == "contact_card":
            for key in BLOCK_KEYS[kind]:
                text.append(self.plain(where, value[key]))
            if value["phone"] and not re.fullmatch(r"01632 960 \d{3}", value["phone"]):
                self.err(where, f"phone not in 01632 960xxx range: {value['phone']}")
            if value["email"] and not value["email"].endswith("@northbridge.example"):
                self.err(where, f"email not @northbridge.example: {value['email']}")
            if value["website"]:
                self.link(where, value["website"])
        elif kind == "related_links":
            text.append(self.plain(where, value["heading"]))
            for link in value["links"]:
                if set(link) != {"title", "url"}:
                    self.err(where, f"link keys {sorted(link)}")
                    continue
                text.append(self.plain(where, link["title"]))
                self.link(where, link["url"])
        elif kind == "services_in_topic":
            text.append(self.plain(where, value["heading"]))
            bad = set(value["category_slugs"]) - CATEGORY_SLUGS
            if bad or not value["category_slugs"]:
                self.err(where, f"bad category slugs {sorted(bad)}")
            if not isinstance(value["limit"], int) or value["limit"] < 1:
                self.err(where, "limit must be a positive int")
        return " ".join(text)

    def contacts_in_text(self, where, text):
        for number in PHONE.findall(text):
            digits = number.replace(" ", "")
            if not (digits.startswith("01632960") and len(digits) == 11):
                self.err(where, f"phone number not in the drama range: {number}")
        for email in EMAIL.findall(text):
            if not email.endswith("@northbridge.example"):
                self.err(where, f"email not fictional: {email}")

    def body(self, where, body):
        text = " ".join(self.block(f"{where} #{i}", b) for i, b in enumerate(body))
        self.contacts_in_text(where, text)
        return text

    def page(self, where, pg, min_words=300, max_words=900):
        if set(pg) != {"slug", "title", "summary", "body"}:
            self.err(where, f"page keys {sorted(pg)}")
            return 0
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pg["slug"]):
            self.err(where, f"bad slug {pg['slug']}")
        text = " ".join([pg["title"], pg["summary"], self.body(where, pg["body"])])
        words = len(text.split())
        if not min_words <= words <= max_words:
            self.warnings.append(f"{where}: {words} words (aim {min_words} to {max_words})")
        if all(b["type"] == "rich_text" for b in pg["body"]):
            self.warnings.append(f"{where}: only rich_text blocks")
        self.words += words
        return words

    def run(self):
        report = []
        slugs = set()
        for section in SECTIONS:
            if set(section) != {"slug", "title", "intro", "pages"}:
                self.err(section.get("slug"), f"section keys {sorted(section)}")
            if section["slug"] in slugs:
                self.err(section["slug"], "duplicate section slug")
            slugs.add(section["slug"])
            page_slugs = set()
            for pg in section["pages"]:
                if pg["slug"] in page_slugs:
                    self.err(section["slug"], f"duplicate page slug {pg['slug']}")
                page_slugs.add(pg["slug"])
                where = f"/{section['slug']}/{pg['slug']}/"
                report.append((where, self.page(where, pg)))
            self.words += len(section["intro"].split()) + len(section["title"].split())
        for pg in FOOTER_PAGES:
            where = f"/{pg['slug']}/"
            report.append((where, self.page(where, pg)))
        footer = {pg["slug"] for pg in FOOTER_PAGES}
        if footer != {"accessibility-statement", "privacy", "contact", "cookies"}:
            self.err("FOOTER_PAGES", f"slugs {sorted(footer)}")
        if set(HOME) != {"title", "intro", "body"}:
            self.err("HOME", f"keys {sorted(HOME)}")
        home_text = self.html("HOME intro", HOME["intro"]) + self.body("HOME", HOME["body"])
        self.words += len(home_text.split())
        if not any(
            b["type"] == "call_to_action" and b["value"]["link_url"] == "/services/"
            for b in HOME["body"]
        ):
            self.err("HOME", "no call to action to /services/")
        keys = {"year", "topic", "comment", "response", "action"}
        for i, item in enumerate(YOU_SAID_WE_DID):
            where = f"YOU_SAID_WE_DID[{i}]"
            if set(item) != keys:
                self.err(where, f"keys {sorted(item)}")
                continue
            if item["year"] not in (2025, 2026):
                self.err(where, f"year {item['year']}")
            if item["topic"] not in YSWD_TOPICS:
                self.err(where, f"topic {item['topic']}")
            for key in ("comment", "response", "action"):
                self.plain(where, item[key])
            if not item["comment"] or not item["response"]:
                self.err(where, "empty comment or response")
            self.words += sum(len(item[k].split()) for k in ("comment", "response", "action"))
        return report


def main():
    checker = Checker()
    report = checker.run()
    for where, words in report:
        print(f"{words:5d}  {where}")
    for w in checker.warnings:
        print("WARNING", w)
    for e in checker.errors:
        print("ERROR", e)
    pages = sum(len(s["pages"]) for s in SECTIONS)
    print(
        f"{len(SECTIONS)} sections, {pages} pages, {len(FOOTER_PAGES)} footer pages, "
        f"{len(YOU_SAID_WE_DID)} feedback items, {checker.words} words in total"
    )
    return 1 if checker.errors else 0


if __name__ == "__main__":
    sys.exit(main())
