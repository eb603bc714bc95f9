"""Clean: decide what the article is, and read its metadata.

Plain text goes through the block classifier of ``clean.text``; HTML is extracted by trafilatura
(``clean.html``) and its text then goes through the same classifier, which catches the teasers and
captions that extraction leaves in.
"""

from __future__ import annotations

import re

from ..errors import InputError
from ..records import Article, RawDocument
from .furniture import FurnitureRule
from .html import extract_html
from .text import clean_text

__all__ = ["Cleaner"]

_WORD = re.compile(r"[a-z]+")
# The most frequent English function words; news prose has 25-40 % of its words among them.
_ENGLISH = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "that",
        "is",
        "was",
        "he",
        "for",
        "it",
        "with",
        "as",
        "his",
        "on",
        "be",
        "at",
        "by",
        "i",
        "this",
        "had",
        "not",
        "are",
        "but",
        "from",
        "or",
        "have",
        "an",
        "they",
        "which",
        "one",
        "you",
        "were",
        "her",
        "all",
        "she",
        "there",
        "would",
        "their",
        "we",
        "him",
        "been",
        "has",
        "when",
        "who",
        "will",
        "more",
        "no",
        "if",
        "out",
        "so",
        "said",
        "what",
        "up",
        "its",
        "about",
        "into",
        "than",
        "them",
        "can",
        "only",
        "other",
        "new",
        "some",
        "could",
        "time",
        "these",
        "two",
        "may",
        "then",
        "do",
        "first",
        "any",
        "my",
        "now",
        "such",
        "like",
        "our",
        "over",
        "man",
        "me",
        "even",
        "most",
    ]
)


class Cleaner:
    """Turn a raw document into an ``Article``: clean body, removed furniture, metadata."""

    def __init__(self, rules: tuple[FurnitureRule, ...], *, min_chars: int = 40) -> None:
        self.rules = rules
        self.min_chars = min_chars

    def __call__(self, raw: RawDocument, doc_id: str) -> Article:
        if raw.html is not None:
            page = extract_html(raw.html, raw.origin)
            cleaned = clean_text(page.text, self.rules, headline=False, region=False)
            title = page.title or cleaned.title
            published = raw.date or page.published or cleaned.published
            updated = page.updated or cleaned.updated
            byline = page.byline or cleaned.byline
            credit = cleaned.credit
            url = raw.url or page.url
        else:
            cleaned = clean_text(raw.text or "", self.rules)
            title, byline, credit, url = cleaned.title, cleaned.byline, cleaned.credit, raw.url
            published = raw.date or cleaned.published
            updated = cleaned.updated
        if len(cleaned.text) < self.min_chars:
            raise InputError(
                raw.origin, f"no article body after cleaning ({len(cleaned.text)} characters)"
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
            credit=credit,
            language=detect_language(cleaned.text),
            captions=tuple(cleaned.captions),
            removed=tuple(cleaned.removed),
            segments=tuple(cleaned.segments),
        )


def detect_language(text: str) -> str:
    """``en`` when English function words are frequent enough, else ``und`` (undetermined)."""
    words = _WORD.findall(text[:5000].lower())
    if not words:
        return "und"
    share = sum(w in _ENGLISH for w in words) / len(words)
    return "en" if share >= 0.15 else "und"
