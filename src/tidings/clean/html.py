"""HTML: trafilatura extracts the main text and metadata; htmldate backs up the dates."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from ..errors import InputError

log = logging.getLogger(__name__)


@dataclass(slots=True)
class HtmlExtract:
    text: str
    title: str | None
    published: str | None
    updated: str | None
    byline: str | None
    url: str | None
    credit: str | None


def extract_html(html: str, origin: str) -> HtmlExtract:
    """Main text and metadata of an HTML page. Raises InputError when no text can be found."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            # trafilatura's deduplication keeps a process-wide cache of seen paragraphs, so a second
            # article sharing paragraphs with an earlier one would lose them; Tidings dedupes
            # whole documents by content id instead.
            deduplicate=False,
        )
    except (ValueError, TypeError) as exc:  # trafilatura raises these on unparseable trees
        raise InputError(origin, f"cannot parse HTML: {exc}") from None
    if doc is None or not (doc.text or "").strip():
        raise InputError(origin, "no article text found in the HTML")
    published, updated = _dates(html, doc.date)
    # trafilatura puts paragraphs on single lines; blank lines make them blocks for the cleaner.
    text = "\n\n".join(line.strip() for line in doc.text.splitlines() if line.strip())
    return HtmlExtract(text, doc.title, published, updated, doc.author, doc.url, doc.sitename)


def _dates(html: str, fallback: str | None) -> tuple[str | None, str | None]:
    from htmldate import find_date

    fmt = "%Y-%m-%dT%H:%M:%S"
    try:
        published = find_date(html, original_date=True, outputformat=fmt, extensive_search=False)
        updated = find_date(html, original_date=False, outputformat=fmt, extensive_search=False)
    except (ValueError, TypeError) as exc:
        log.debug("htmldate failed: %s", exc)
        published = updated = None
    published = published or fallback
    return published, (updated if updated and updated != published else None)
