"""Direct quotes by their marks, in every common typography.

Straight and curly double quotes, guillemets (« », either way round) and German „ “ open a
quote; single quotes never do (they are apostrophes, or quotes inside quotes). A quote that is
still open at the end of a paragraph runs on when the next paragraph opens with a quote mark, as
newspapers print a quotation of several paragraphs; one that never closes is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

_CLOSERS = {"“": "”", "„": "“”", "«": "»", "»": "«", '"': '"'}
_BEFORE_OPEN = " \t\n([{—–-:/"


@dataclass(frozen=True, slots=True)
class Marked:
    """The words between a pair of quote marks: ``start``/``end`` exclude the marks."""

    start: int
    end: int
    paragraphs: int = 1  # how many paragraphs the quote runs over


def find_marked(text: str) -> list[Marked]:
    """Every quotation between double quote marks in ``text``, in order."""
    found: list[Marked] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _CLOSERS and _opens(text, i):
            closed = _close(text, i)
            if closed is not None:
                end, paragraphs, resume = closed
                start = i + 1
                while start < end and text[start].isspace():
                    start += 1
                while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
                    end -= 1
                if end > start:
                    found.append(Marked(start, end, paragraphs))
                i = resume
                continue
        i += 1
    return found


def _opens(text: str, i: int) -> bool:
    if text[i] in "“„«»" and text[i] != "»":
        return True
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before in _BEFORE_OPEN or before in "“„«") and not after.isspace()


def _close(text: str, i: int) -> tuple[int, int, int] | None:
    """(end of the words, paragraphs, where to resume) for the quote opened at ``i``."""
    closers, paragraphs, j = _CLOSERS[text[i]], 1, i + 1
    while j < len(text):
        ch = text[j]
        if ch in closers and (text[i] != '"' or not _opens(text, j) or j + 1 == len(text)):
            return j, paragraphs, j + 1
        if ch == "\n":
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text) and text[k] == text[i] and "\n" in text[j:k]:
                paragraphs += 1  # the next paragraph reopens: the quote runs on
                j = k + 1
                continue
            return None
        j += 1
    return None
