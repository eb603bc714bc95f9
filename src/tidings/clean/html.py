"""HTML: trafilatura finds the main content; Tidings then judges it block by block, for news.

trafilatura (``bare_extraction`` with links and tables kept) returns the main content as an XML
tree of paragraphs, headings, list items, quotes and table rows. Where it is weak for news pages,
the blocks are judged again here with what the tree still knows (tag, link share, position):

* the headline repeated in the body (``title-repeat``) and the standfirst heading above the first
  paragraph (``lead-heading``);
* lists and short paragraphs that are mostly links, or list items shaped as a story card (linked
  title, then a blurb): "related stories", "SEE MORE: ...", "You may also like" (``link-list``,
  ``link-teaser``);
* headings left without a section once their section's teasers are removed (``empty-section``);

Everything removed is returned as ``HtmlBlock``s with a kind and the rule that removed it, and the
surviving blocks then go through the plain-text furniture rules like any scraped text. Dates
are the page's own declarations (with their time zone), else htmldate's, else trafilatura's.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from ..errors import InputError

log = logging.getLogger(__name__)
# trafilatura logs a warning for every empty link of a page; they say nothing to a Tidings user.
logging.getLogger("trafilatura").setLevel(logging.ERROR)

_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"""[.!?:…]["'”’)\]]*$""")
# A link-dense block is a teaser when at least this share of its characters is link text.
_LINK_TEASER = 0.6
# Paragraphs this long (in words) are story text wherever their links point.
_STORY_WORDS = 30
_BLOCK_SEPARATOR = "\n\n"


@dataclass(slots=True)
class HtmlBlock:
    text: str
    tag: str  # p, head, item, row, quote, code
    link_chars: int = 0
    card: bool = False  # a linked title line followed by a blurb: the shape of a story teaser
    source_start: int | None = None  # where the block's first words are in the HTML source
    kind: str | None = None  # None: body; else the kind of furniture
    rule: str | None = None

    @property
    def words(self) -> int:
        return len(_WORD.findall(self.text))

    @property
    def link_share(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


@dataclass(slots=True)
class HtmlExtract:
    blocks: list[HtmlBlock]
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    byline: str | None = None
    url: str | None = None
    removed: list[HtmlBlock] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The kept blocks, one paragraph each, separated by blank lines."""
        return _BLOCK_SEPARATOR.join(b.text for b in self.blocks)

    def block_offsets(self) -> list[tuple[int, HtmlBlock]]:
        """Where each kept block starts in ``text``."""
        out, pos = [], 0
        for block in self.blocks:
            out.append((pos, block))
            pos += len(block.text) + len(_BLOCK_SEPARATOR)
        return out


def extract_html(html: str, origin: str) -> HtmlExtract:
    """Main text and metadata of an HTML page. Raises InputError when no text can be found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_links=True,
            include_images=False,
            # trafilatura's deduplication keeps a process-wide cache of seen paragraphs, so a second
            # article sharing paragraphs with an earlier one would lose them; Tidings dedupes
            # whole documents by content id instead.
            deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # trafilatura raises these on unparseable trees
        raise InputError(origin, f"cannot parse HTML: {exc}") from None
    if doc is None or doc.body is None:
        raise InputError(origin, "no article text found in the HTML")
    blocks = [b for b in _blocks(doc.body) if b.text]
    if not blocks:
        raise InputError(origin, "no article text found in the HTML")
    metas = _tags(_META_TAG, html[:_HEAD_CHARS])
    published, updated = _dates(html, metas, doc.date)
    page = HtmlExtract(
        blocks=blocks,
        title=_page_title(html, metas) or _clean_title(doc.title),
        published=published,
        updated=updated,
        byline=doc.author,
        url=doc.url,
    )
    locate(html, blocks)
    judge(page)
    return page


_BETWEEN_WORDS = r"(?:[^\w<&]|<[^>]*>|&#?\w+;)+"


def locate(html: str, blocks: list[HtmlBlock]) -> None:
    """Find where each block starts in the HTML source, by its first words.

    The words may be separated in the source by any markup, entities or punctuation. Blocks are
    searched in order from the previous hit, then from the top; a block not found keeps None.
    Offsets inside a block are counted from that start, so they are exact for plain runs of text
    and approximate where the source has inline markup or entities.
    """
    cursor = 0
    for block in blocks:
        words = list(_WORD.finditer(block.text))[:6]
        if not words:
            continue
        # Most blocks stand in the source as written: a plain search of their first words'
        # text is enough, and is far cheaper than compiling a pattern per block.
        prefix = block.text[words[0].start() : words[-1].end()]
        at = html.find(prefix, cursor)
        if at < 0:
            at = html.find(prefix)
        if at >= 0:
            block.source_start = at
            cursor = max(cursor, at + len(prefix))
            continue
        pattern = re.compile(_BETWEEN_WORDS.join(re.escape(w.group()) for w in words))
        match = pattern.search(html, cursor) or pattern.search(html)
        if match:
            block.source_start = match.start()
            cursor = max(cursor, match.end())


def judge(page: HtmlExtract) -> None:
    """Mark the furniture among the blocks trafilatura kept, and move it to ``page.removed``."""
    blocks = page.blocks
    body = [i for i, b in enumerate(blocks) if _is_story(b)]
    if not body:
        return
    first = body[0]
    title = _norm(page.title or "")
    for i, block in enumerate(blocks):
        if block.kind is not None:
            continue
        if i < first and title and _norm(block.text) == title:
            block.kind, block.rule = "headline", "title-repeat"
        elif i < first and block.tag == "head" and all(b.tag == "head" for b in blocks[:i]):
            block.kind, block.rule = "headline", "lead-heading"
        elif block.tag == "item" and (block.link_share >= _LINK_TEASER or block.card):
            block.kind, block.rule = "teaser", "link-list"
        elif (
            block.tag in {"p", "head"}
            and block.words < _STORY_WORDS
            and block.link_share >= _LINK_TEASER
        ):
            block.kind, block.rule = "teaser", "link-teaser"
    # A heading whose section is all furniture ("You may also like", "More from ...") goes with it.
    section_kept = False
    for block in reversed(blocks):
        if block.tag == "head" and block.kind is None and not section_kept:
            block.kind, block.rule = "navigation", "empty-section"
        elif block.tag == "head":
            section_kept = False
        elif block.kind is None:
            section_kept = True
    page.removed = [b for b in blocks if b.kind is not None]
    page.blocks = [b for b in blocks if b.kind is None]


def _is_story(block: HtmlBlock) -> bool:
    """A paragraph that reads as story text: long enough, ends a sentence, not a link list."""
    return (
        block.tag in {"p", "quote"}
        and block.words >= 12
        and block.link_share < 0.5
        and bool(_SENTENCE_END.search(block.text))
    )


def _blocks(body) -> list[HtmlBlock]:
    out: list[HtmlBlock] = []
    for element in body:
        tag = element.tag
        if tag == "list":
            out.extend(_block(item, "item") for item in element.iter("item"))
        elif tag == "table":
            out.extend(_row(row) for row in element.iter("row"))
        elif tag in {"quote", "div"} and any(
            child.tag in {"p", "list", "table", "head"} for child in element
        ):
            out.extend(_blocks(element))
        elif tag in {"p", "head", "quote", "code", "div"}:
            out.append(_block(element, "quote" if tag == "div" else tag))
        elif tag not in {"graphic", "lb"}:
            out.append(_block(element, "p"))
    return out


def _block(element, tag: str) -> HtmlBlock:
    text = _text(element)
    links = [_text(ref) for ref in element.iter("ref") if ref.get("target")]
    first_line, _, rest = text.partition("\n")
    card = bool(rest) and first_line in links
    return HtmlBlock(text, tag, sum(map(len, links)), card)


def _row(row) -> HtmlBlock:
    cells = [_text(cell) for cell in row.iter("cell")]
    text = " ".join(c for c in cells if c)
    links = sum(len(_text(ref)) for ref in row.iter("ref") if ref.get("target"))
    return HtmlBlock(text, "row", links)


def _text(element) -> str:
    """Text of an element with line breaks kept (``<lb/>``) and other whitespace collapsed."""
    pieces: list[str] = []
    _collect(element, pieces)
    lines = (_SPACE.sub(" ", line).strip() for line in "".join(pieces).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect(element, pieces: list[str]) -> None:
    if element.tag == "lb":
        pieces.append("\n")
    elif element.text:
        pieces.append(element.text)
    for child in element:
        _collect(child, pieces)
        if child.tail:
            pieces.append(child.tail)


def _norm(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


_META_TAG = re.compile(r"<meta\s[^>]*>", re.I)
_ATTRIBUTE = re.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_HEAD_CHARS = 300_000  # where a page's <meta> and <title> are looked for


def _tags(pattern: re.Pattern[str], html: str) -> list[dict[str, str]]:
    """The attributes of every tag ``pattern`` finds, names lower-cased."""
    return [
        {k.lower(): a or b for k, a, b in _ATTRIBUTE.findall(tag.group(0))}
        for tag in pattern.finditer(html)
    ]


def _page_title(html: str, metas: list[dict[str, str]]) -> str | None:
    """The headline the page declares: its Open Graph (or Twitter) title, else its <title>.

    The publisher's own declaration is more reliable than a heading guessed from the layout
    (trafilatura's choice, kept as the fallback); a site name after a separator stays in the
    title, as published.
    """
    from html import unescape

    found = None
    for attributes in metas:
        kind = (attributes.get("property") or attributes.get("name") or "").lower()
        if kind in {"og:title", "twitter:title"} and attributes.get("content"):
            found = attributes["content"]
            break
    if found is None and (match := _TITLE_TAG.search(html[:_HEAD_CHARS])):
        found = match.group(1)
    title = _SPACE.sub(" ", unescape(found or "")).strip()
    return title or None


def _clean_title(title: str | None) -> str | None:
    return _SPACE.sub(" ", title).strip() if title else None


# What pages declare about their dates, most trusted first: schema.org in JSON-LD or microdata,
# then Open Graph article tags, then the older name="…" conventions.
_PUBLISHED_KEYS = (
    "datepublished",
    "article:published_time",
    "og:article:published_time",
    "dc.date.issued",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "pubdate",
    "publishdate",
    "date",
)
_UPDATED_KEYS = ("datemodified", "article:modified_time", "og:updated_time", "dcterms.modified")
_JSON_DATE = re.compile(r'"(datePublished|dateModified)"\s*:\s*"([^"]{8,40})"')
_TIME_TAG = re.compile(r"<time\s[^>]*>", re.I)


def _dates(
    html: str, metas: list[dict[str, str]], fallback: str | None
) -> tuple[str | None, str | None]:
    """Published and updated date-times of a page, with the time zone where the page gives one.

    The page's own declarations (JSON-LD and microdata ``datePublished``/``dateModified``, Open
    Graph ``article:published_time``…) are taken as written, time and offset included; only a
    page that declares no publication date goes to htmldate, which also reads URLs and visible
    dates. htmldate's "latest date" guess is not used for ``updated``: on pages without a
    declared modification time it mostly finds a date in the page furniture.
    """
    declared = _declared_dates(html, metas)
    published = _earliest(declared, _PUBLISHED_KEYS)
    updated = _first(declared, _UPDATED_KEYS)
    if published is None:
        from htmldate import find_date

        try:
            published = find_date(
                html, original_date=True, outputformat="%Y-%m-%d", extensive_search=False
            )
        except (ValueError, TypeError) as exc:
            log.debug("htmldate failed: %s", exc)
        published = published or fallback
    return published, (updated if updated and updated != published else None)


def _declared_dates(html: str, metas: list[dict[str, str]]) -> dict[str, str]:
    """Date declarations of a page, by lower-cased property name, as ISO 8601 strings."""
    found: dict[str, str] = {}

    def keep(key: str, value: str | None) -> None:
        key = key.lower()
        if key not in found and value and (when := _iso_date(value)):
            found[key] = when

    for match in _JSON_DATE.finditer(html):
        keep(match.group(1), match.group(2))
    for attributes in metas:
        for name in ("property", "name", "itemprop"):
            if attributes.get(name):
                keep(attributes[name], attributes.get("content"))
    for attributes in _tags(_TIME_TAG, html):
        if attributes.get("itemprop"):
            keep(attributes["itemprop"], attributes.get("datetime"))
    return found


def _first(declared: dict[str, str], keys: tuple[str, ...]) -> str | None:
    return next((declared[k] for k in keys if k in declared), None)


def _earliest(declared: dict[str, str], keys: tuple[str, ...]) -> str | None:
    """The earliest of the declared publication dates: a page republished or corrected often
    declares its new date in one place and keeps the original in another."""
    from datetime import UTC, datetime

    def moment(value: str) -> datetime:
        parsed = datetime.fromisoformat(value)
        return parsed.astimezone(UTC).replace(tzinfo=None) if parsed.tzinfo else parsed

    found = [declared[k] for k in keys if k in declared]
    return min(found, key=moment) if found else None


def _iso_date(value: str) -> str | None:
    """An ISO 8601 date or date-time as declared, normalised; None for anything else (a page's
    "date" meta may hold free text, which is left to htmldate)."""
    from datetime import datetime

    value = value.strip()
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    if not 1990 <= parsed.year <= datetime.now().year + 1:
        return None
    if len(value) <= 10:
        return parsed.date().isoformat()
    return parsed.isoformat(timespec="seconds")
