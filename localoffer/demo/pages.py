"""Read the demo's statutory pages from Markdown files and turn them into StreamField data.

`localoffer/demo/content/` has the shape of the site: `_home.md` (the home page, which
lists the sections and footer pages in order), one folder per section with `_section.md`
and one file per information page, and `_includes/` for fragments shared by several pages
(`{{ sendiass }}` on a line of its own pastes `_includes/sendiass.md`). Each file starts
with YAML front matter checked by a pydantic model, then the body in CommonMark with
GOV.UK Govspeak's callouts for the blocks prose cannot express:

- `^text^` an inset, `%text%` a warning, `$C` ... `$C` a contact card (YAML fields);
- `::: details Summary`, `::: accordion Heading` (items start `### Heading`, optionally
  followed by `> summary`), `::: table Caption` (a pipe table, first row the header),
  `::: related-links Heading` (a list of Markdown links), `::: services Heading` and
  `::: call-to-action` (YAML fields), each closed by `:::`.

Everything else is rich text, rendered by markdown-it with raw HTML switched off, so only
the tags Markdown produces can reach a page. The result is validated by `BodyBlock` itself,
so the blocks are defined once, in `localoffer/blocks.py`.
"""

import copy
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from django.core.exceptions import ValidationError
from markdown_it import MarkdownIt
from pydantic import BaseModel, ConfigDict
from wagtail.blocks import StreamBlockValidationError

from localoffer.blocks import BodyBlock, ContactCardBlock

CONTENT_DIR = Path(__file__).resolve().parent / "content"
_MARKDOWN = MarkdownIt("commonmark", {"html": False})
_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_INCLUDE = re.compile(r"^\{\{\s*([a-z0-9-]+)\s*\}\}$", re.MULTILINE)
_LINK = re.compile(r"^- \[(.+)\]\((\S+)\)$")
_BLOCK_TAG = r"</?(?:p|ul|ol|li|h2|h3|h4)>"


class ContentError(ValueError):
    """A demo content file is malformed; the message names the file and the block."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class VideoPlayer(_Strict):
    """A video site's oEmbed answer for a video, as Wagtail's `Embed` row stores it."""

    provider_name: str
    title: str
    html: str
    thumbnail_url: str = ""
    author_name: str = ""
    width: int | None = None
    height: int | None = None


class Video(_Strict):
    title: str
    url: str
    # Stored when the demo loads (localoffer.demo.embeds): pages never ask the video site.
    player: VideoPlayer
    transcript: str = ""


class PageMeta(_Strict):
    title: str
    summary: str
    # Statutory topics this page explains, so a test can check the Local Offer covers
    # what Schedule 2 of the SEND Regulations 2014 requires without asserting its wording.
    covers: list[str] = []
    picture: str | None = None
    video: Video | None = None


class SectionMeta(_Strict):
    title: str
    intro: str
    pages: list[str]


class HomeMeta(_Strict):
    title: str
    intro: str
    sections: list[str]
    footer: list[str]


@dataclass(frozen=True)
class PageSource:
    path: Path
    slug: str
    meta: Any
    body: str

    def blocks(self, category_ids: Mapping[str, int]) -> list[dict]:
        """The body as raw StreamField data, checked by `BodyBlock` (see `stream`)."""
        return stream(self.body, category_ids=category_ids, where=str(self.path))


@dataclass(frozen=True)
class Section:
    page: PageSource
    pages: list[PageSource]


@dataclass(frozen=True)
class SiteContent:
    home: PageSource
    sections: list[Section]
    footer: list[PageSource]

    def all_pages(self) -> list[PageSource]:
        nested = [page for section in self.sections for page in [section.page, *section.pages]]
        return [self.home, *self.footer, *nested]


def render(markdown: str) -> str:
    """Markdown as one line of HTML, the way Wagtail's rich text editor stores it."""
    html = re.sub(r"\s+", " ", _MARKDOWN.render(markdown)).strip()
    return re.sub(rf"\s*({_BLOCK_TAG})\s*", r"\1", html)


def _read(path: Path, model: type[BaseModel], root: Path) -> PageSource:
    text = path.read_text(encoding="utf-8")
    match = _FRONT_MATTER.match(text)
    if match is None:
        raise ContentError(f"{path}: no front matter between --- lines")
    try:
        meta = model.model_validate(yaml.safe_load(match.group(1)))
    except Exception as error:
        raise ContentError(f"{path}: front matter: {error}") from error

    def include(found: re.Match) -> str:
        fragment = root / "_includes" / f"{found.group(1)}.md"
        if not fragment.exists():
            raise ContentError(f"{path}: no include named {found.group(1)!r}")
        return fragment.read_text(encoding="utf-8").strip()

    body = _INCLUDE.sub(include, text[match.end() :])
    slug = path.parent.name if path.stem == "_section" else path.stem
    return PageSource(path=path, slug=slug, meta=meta, body=body)


@cache
def load_site(root: Path = CONTENT_DIR) -> SiteContent:
    """Every page file, in site order; a file the home page does not list is an error."""
    home = _read(root / "_home.md", HomeMeta, root)
    listed = {root / "_home.md"}
    sections = []
    for slug in home.meta.sections:
        section = _read(root / slug / "_section.md", SectionMeta, root)
        pages = [_read(root / slug / f"{name}.md", PageMeta, root) for name in section.meta.pages]
        sections.append(Section(page=section, pages=pages))
        listed |= {section.path, *(page.path for page in pages)}
    footer = [_read(root / f"{name}.md", PageMeta, root) for name in home.meta.footer]
    listed |= {page.path for page in footer}
    unlisted = (set(root.glob("*.md")) | set(root.glob("*/*.md"))) - set(root.glob("_includes/*"))
    if stray := sorted(str(path) for path in unlisted - listed):
        raise ContentError(f"Files not listed by _home.md or a _section.md: {stray}")
    return SiteContent(home=home, sections=sections, footer=footer)


def _items(values: list[Any]) -> list[dict]:
    # ListBlock's raw format: each item carries a type and an id.
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _yaml(text: str) -> dict:
    data = yaml.safe_load(text) or {}
    if not isinstance(data, dict):
        raise ContentError("expected 'name: value' lines")
    return data


def _accordion(heading: str, text: str) -> dict:
    items: list[dict] = []
    for chunk in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        title, _, rest = chunk.partition("\n")
        summary = ""
        if rest.startswith("> "):
            summary, _, rest = rest[2:].partition("\n")
        items.append(
            {"heading": title.strip(), "summary": summary.strip(), "content": render(rest)}
        )
    return {"heading": heading, "items": _items(items)}


def _table(caption: str, text: str) -> dict:
    rows = [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in text.strip().splitlines()
        if not re.fullmatch(r"\|?[-|: ]+\|?", line.strip())
    ]
    return {
        "data": rows,
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "table_caption": caption,
    }


def _fenced(kind: str, argument: str, text: str, category_ids: Mapping[str, int]) -> tuple:
    if kind == "details":
        return "details", {"summary": argument, "content": render(text)}
    if kind == "accordion":
        return "accordion", _accordion(argument, text)
    if kind == "table":
        return "table", _table(argument, text)
    if kind == "related-links":
        links = []
        for line in text.strip().splitlines():
            if not (found := _LINK.match(line.strip())):
                raise ContentError(f"not a '- [title](address)' line: {line!r}")
            links.append({"title": found.group(1), "page": None, "url": found.group(2)})
        return "related_links", {"heading": argument, "links": _items(links)}
    if kind == "services":
        data = _yaml(text)
        return "services_in_topic", {
            "heading": argument,
            "categories": _items(category_pks(data["categories"], category_ids)),
            "limit": data.get("limit", 6),
        }
    if kind == "call-to-action":
        return "call_to_action", {"link_page": None, "text": "", **_yaml(text)}
    raise ContentError(f"unknown block '::: {kind}'")


def _parse(body: str, category_ids: Mapping[str, int]) -> list[tuple[str, Any]]:
    blocks: list[tuple[str, Any]] = []
    lines = body.splitlines()
    prose: list[str] = []

    def flush() -> None:
        if "".join(prose).strip():
            blocks.append(("rich_text", render("\n".join(prose))))
        prose.clear()

    def until(index: int, end: re.Pattern) -> tuple[int, list[str]]:
        for stop in range(index, len(lines)):
            if end.search(lines[stop]):
                return stop, lines[index : stop + 1]
        raise ContentError(f"unclosed block starting {lines[index - 1]!r}")

    index = 0
    while index < len(lines):
        line = lines[index]
        if fence := re.match(r"^::: ?([a-z-]+) ?(.*)$", line):
            stop, inner = until(index + 1, re.compile(r"^:::$"))
            flush()
            kind, argument = fence.groups()
            blocks.append(_fenced(kind, argument.strip(), "\n".join(inner[:-1]), category_ids))
        elif line.strip() == "$C":
            stop, inner = until(index + 1, re.compile(r"^\$C$"))
            flush()
            fields = dict.fromkeys(ContactCardBlock.base_blocks, "")
            blocks.append(("contact_card", fields | _yaml("\n".join(inner[:-1]))))
        elif line.startswith(("^", "%")):
            mark = line[0]
            stop, inner = until(index, re.compile(rf"\{mark}$"))
            flush()
            text = "\n".join(inner)[1:-1]
            if mark == "^":
                blocks.append(("inset_text", {"text": render(text)}))
            else:
                blocks.append(("warning_text", {"text": " ".join(text.split())}))
        else:
            prose.append(line)
            stop = index
        index = stop + 1
    flush()
    return blocks


def category_pks(slugs: list[str], category_ids: Mapping[str, int]) -> list[int]:
    """The one check that the content names only categories the directory has."""
    if missing := [slug for slug in slugs if slug not in category_ids]:
        raise ContentError(f"unknown category slugs {missing}")
    return [category_ids[slug] for slug in slugs]


def stream(body: str, *, category_ids: Mapping[str, int], where: str) -> list[dict]:
    """Raw StreamField data for `body`, validated the way the page editor validates it."""
    try:
        parsed = _parse(body, category_ids)
    except (ContentError, yaml.YAMLError, KeyError) as error:
        raise ContentError(f"{where}: {error}") from error
    raw = [{"type": kind, "value": value, "id": str(uuid.uuid4())} for kind, value in parsed]
    if not raw:
        # A section page may have no body of its own; BodyBlock would call that missing.
        return raw
    block = BodyBlock()
    try:
        # to_python may fill in defaults in place (TableBlock does): check a copy.
        block.clean(block.to_python(copy.deepcopy(raw)))
    except StreamBlockValidationError as error:
        problems = "; ".join(
            f"block {index + 1} ({raw[index]['type']}): {problem.as_json_data()}"
            for index, problem in error.block_errors.items()
        )
        raise ContentError(f"{where}: {problems or error.messages}") from error
    except ValidationError as error:
        raise ContentError(f"{where}: {error.messages}") from error
    return raw
