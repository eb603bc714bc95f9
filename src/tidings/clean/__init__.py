"""Clean: decide what the article is, and read its metadata.

Plain text goes through ``clean.text``, which finds the article's run of prose among the page
text and classifies the rest. HTML goes through trafilatura and Tidings' news judgement of its
blocks (``clean.html``), then through the furniture shapes of ``clean.text`` (without the region
search: the page structure already chose the article). Offsets of the clean text map back to the
input: the text itself, or for HTML the page source. The wire service comes from the dateline,
byline or credit (``data/wires.tsv``); the language from py3langid. With a ``SiteMemory``, lines
that a site prints on many of its pages are boilerplate (``clean.repeats``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from functools import cache

from ..errors import InputError
from ..records import Article, RawDocument, Removed
from .furniture import FurnitureRule
from .html import HtmlExtract, extract_html
from .repeats import SiteMemory, site_of
from .text import CleanText, clean_text
from .wires import WireLexicon

__all__ = ["Cleaner", "SiteMemory"]


class Cleaner:
    """Turn a raw document into an ``Article``: clean body, removed furniture, metadata."""

    def __init__(
        self,
        rules: tuple[FurnitureRule, ...],
        *,
        wires: WireLexicon | None = None,
        min_chars: int = 40,
        memory: SiteMemory | None = None,
    ) -> None:
        self.rules = rules
        self.wires = wires
        self.min_chars = min_chars
        self.memory = memory

    def remember(self, raws: Iterable[RawDocument]) -> None:
        """Let the site memory see a batch of plain-text documents before they are cleaned."""
        if self.memory is None:
            return
        for raw in raws:
            if raw.text is not None and (site := site_of(raw.url)):
                self.memory.add(site, raw.origin, raw.text)

    def __call__(self, raw: RawDocument, doc_id: str) -> Article:
        if raw.html is not None:
            page = extract_html(raw.html, raw.origin)
            cleaned = clean_text(page.text, self.rules, headline=False, region=False)
            _to_html_offsets(cleaned, page)
            title = page.title or cleaned.title
            published = raw.date or page.published or cleaned.published
            updated = page.updated or cleaned.updated
            byline = page.byline or cleaned.byline
            url = raw.url or page.url
        else:
            site = site_of(raw.url)
            template = self.memory.template(site) if self.memory is not None else None
            cleaned = clean_text(raw.text or "", self.rules, template=template)
            title, byline, url = cleaned.title, cleaned.byline, raw.url
            published = raw.date or cleaned.published
            updated = cleaned.updated
        if len(cleaned.text) < self.min_chars:
            raise InputError(
                raw.origin, f"no article body after cleaning ({len(cleaned.text)} characters)"
            )
        wire = None
        if self.wires is not None:
            tag = cleaned.dateline.wire if cleaned.dateline else None
            wire = (
                self.wires.find(tag) or self.wires.find(byline) or self.wires.find(cleaned.credit)
            )
        return Article(
            doc_id=doc_id,
            source=raw.source,
            text=cleaned.text,
            url=url,
            title=title,
            published=published,
            updated=updated,
            dateline=cleaned.dateline,
            byline=byline,
            credit=cleaned.credit,
            wire=wire,
            language=detect_language(cleaned.text),
            captions=tuple(cleaned.captions),
            removed=tuple(cleaned.removed),
            segments=tuple(cleaned.segments),
        )


def _to_html_offsets(cleaned: CleanText, page: HtmlExtract) -> None:
    """Re-point segments and removed pieces from trafilatura's text to the HTML source.

    ``clean_text`` saw the blocks joined by blank lines; each block knows where its first words
    are in the HTML (``html.locate``). Pieces of a block that was not found get offset -1.
    """
    starts = page.block_offsets()

    def source(offset: int) -> int:
        for begin, block in reversed(starts):
            if begin <= offset:
                if block.source_start is None:
                    return -1
                return block.source_start + (offset - begin)
        return -1

    cleaned.segments = [replace(s, source_start=source(s.source_start)) for s in cleaned.segments]
    moved = [
        replace(r, start=(at := source(r.start)), end=at + len(r.text) if at >= 0 else -1)
        for r in cleaned.removed
    ]
    dropped = [
        Removed(
            b.kind,
            b.text,
            -1 if b.source_start is None else b.source_start,
            -1 if b.source_start is None else b.source_start + len(b.text),
        )
        for b in page.removed
    ]
    cleaned.removed = sorted(moved + dropped, key=lambda r: r.start)


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's language (py3langid on its first 3,000 characters), or
    ``und`` when there is too little text to tell."""
    sample = text[:3000]
    if sum(c.isalpha() for c in sample) < 20:
        return "und"
    code, _ = _language_model().classify(sample)
    return code


@cache
def _language_model():
    # The model ships in the package (a 3 MB file, about half a second to load once per process).
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_modelpath(MODEL_DIR / MODEL_FILE)
