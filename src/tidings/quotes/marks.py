"""Direct quotes by their marks, in every common typography.

Straight and curly double quotes, guillemets (« », either way round), German „ “, and the two
apostrophes ('' … '') or backticks (`` … '') that wire copy and some newspaper archives use for
double quotes open a quote; a single quote never does (it is an apostrophe, or a quote inside a
quote). A quote still open at the end of a paragraph runs on when the next paragraph opens with
a quote mark, as newspapers print a quotation of several paragraphs; one that never closes is
dropped.
"""

from __future__ import annotations

from dataclasses import dataclass

# Each mark as the character it stands for: '' is a straight double quote, `` a curly opener.
_DIGRAPHS = {"''": '"', "``": "“"}
_CLOSERS = {"“": '”"', "„": "“”", "«": "»", "»": "«", '"': '"'}
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
        mark, size = _mark(text, i)
        if mark in _CLOSERS and _opens(text, i, mark, size):
            closed = _close(text, i + size, mark)
            if closed is not None:
                end, paragraphs, resume = closed
                start = i + size
                while start < end and text[start].isspace():
                    start += 1
                while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
                    end -= 1
                if end > start:
                    found.append(Marked(start, end, paragraphs))
                i = resume
                continue
        i += size
    return found


def _mark(text: str, i: int) -> tuple[str, int]:
    """The quote mark at ``i`` (or the character there) and its length."""
    pair = text[i : i + 2]
    if pair in _DIGRAPHS:
        return _DIGRAPHS[pair], 2
    return text[i], 1


def _opens(text: str, i: int, mark: str, size: int) -> bool:
    if mark in "“„«":
        return True
    if mark == "»":  # »…« only where it cannot be a closing guillemet
        return not any(text[j] == "«" for j in range(max(0, i - 400), i))
    before = text[i - 1] if i else " "
    after = text[i + size] if i + size < len(text) else " "
    return (before in _BEFORE_OPEN or before in "“„«") and not after.isspace()


def _close(text: str, j: int, opener: str) -> tuple[int, int, int] | None:
    """(end of the words, paragraphs, where to resume) for a quote whose words start at ``j``."""
    closers, paragraphs = _CLOSERS[opener], 1
    while j < len(text):
        mark, size = _mark(text, j)
        if mark in closers and (opener != '"' or not _opens(text, j, mark, size)):
            return j, paragraphs, j + size
        if mark == "\n":
            k = j
            while k < len(text) and text[k].isspace():
                k += 1
            if k < len(text) and _mark(text, k)[0] in {opener, "“", '"'}:
                paragraphs += 1  # the next paragraph reopens: the quote runs on
                j = k + _mark(text, k)[1]
                continue
            return None
        j += size
    return None
