"""Metadata read from the furniture and lead of an article: timestamps, dateline, credit, byline."""

from __future__ import annotations

import logging
import re
from datetime import datetime
from functools import cache

from ..records import Dateline

log = logging.getLogger(__name__)

_MONTH = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_TIME = r"T?\d{1,2}(?::\d{2}){1,2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,5}\b|\s*[+-]\d{2}:?\d{2})?"
_DATE = (
    rf"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)\w*,?\s+)?"
    rf"(?:{_MONTH}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}"
    rf"|\d{{1,2}}/\d{{1,2}}/\d{{2,4}})"
)
_STAMP_LABEL = (
    r"(?P<label>Updated|Last updated|Published|First published|Posted|Modified|Originally published)?"
    r"\s*(?:on|at)?\s*:?\s*"
)
# A line that is only a date and time stamp, possibly labelled, in either order.
TIMESTAMP = re.compile(
    rf"^{_STAMP_LABEL}(?P<stamp>(?:{_DATE}(?:\s*(?:,|at|-|–|\|)?\s*{_TIME}(?:\.\d+)?(?:Z\b)?)?|{_TIME}\s*(?:,|on|-|–|\|)?\s*{_DATE}))\s*$",
    re.IGNORECASE,
)

# "ANKARA, Turkey –", "DALLAS (AP) —", "GENEVA (Reuters) -", "NAIROBI, Kenya (AP) —"
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]{1,40}[A-Z.](?:,\s+(?P<region>[A-Z][A-Za-z.'’]+(?:\s[A-Z][A-Za-z.'’]+){0,3}))?)"
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?)?"
    r"\s*(?:\((?P<wire>[A-Za-z][A-Za-z .&-]{0,30})\))?\s*(?:[-–—]+|:)\s+(?=\S)"
)
# Agencies that set the place in title case need the tag to tell a dateline from a sentence:
# "New York (AFP) –", "Mexico City (AFP) –"; and a rewrite desk may keep only the date:
# "Dec 29 (Reuters) -". The tag must then be one word ("AFP", "Reuters", "dpa"), so that
# "Bob Corker (R-Tenn.) -" or "The council (six members) -" are not read as datelines.
TAGGED_DATELINE = re.compile(
    r"^(?:(?P<place>[A-Z][a-z.'’]+(?:[ -][A-Z][a-z.'’]+){0,3}(?:,\s+(?P<region>[A-Z][A-Za-z.'’]+"
    r"(?:\s[A-Z][A-Za-z.'’]+){0,2}))?)"
    rf"(?:,?\s+{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?)?|{_MONTH}\s+\d{{1,2}}(?:,\s+\d{{4}})?)"
    r"\s*\((?P<wire>[A-Z][A-Za-z]{1,14}|dpa)\)\s*(?:[-–—]+|:)\s+(?=\S)"
)

_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*,?\s*", re.I)
_BYLINE = re.compile(r"^by\s+", re.I)


def parse_timestamp(line: str) -> tuple[str, str] | None:
    """Return (label, ISO 8601 date-time) for a timestamp line, else None.

    The label is ``updated`` for "Updated:", "Last updated", "Modified", else ``published``.
    """
    match = TIMESTAMP.match(line.strip())
    if not match:
        return None
    when = parse_date(match.group("stamp"))
    if when is None:
        return None
    label = (match.group("label") or "").lower()
    return ("updated" if label in {"updated", "last updated", "modified"} else "published", when)


def parse_date(text: str) -> str | None:
    """Parse a free-form date-time to ISO 8601, keeping the time zone when the text gives one."""
    parsed = _dateparser().parse(
        text.replace(".m.", "m").replace("a.m", "am").replace("p.m", "pm"),
        languages=["en"],
        # dateparser returns an aware time exactly when the text names a zone or an offset.
        settings={"PREFER_DAY_OF_MONTH": "first"},
    )
    if parsed is None:
        return None
    return _iso(parsed)


def parse_dateline(paragraph: str, *, colon: bool = True) -> tuple[Dateline, int] | None:
    """Read a dateline at the start of the first body paragraph; return it and its length.

    ``colon=False`` refuses "ISLAMABAD: …" datelines, for transcripts ("JAKE TAPPER: …").
    """
    match = DATELINE.match(paragraph) or TAGGED_DATELINE.match(paragraph)
    if not match or (not colon and paragraph[: match.end()].rstrip().endswith(":")):
        return None
    if match.group("place") is None:
        return Dateline(place=None, wire=match.group("wire")), match.end()
    place = match.group("place").strip()
    words = place.split(",")[0].split()
    # All-caps city, at most four words, not a shouted sentence opener like "BREAKING".
    if len(words) > 4 or place.split(",")[0].strip().upper() in {"BREAKING", "UPDATE", "EXCLUSIVE"}:
        return None
    city = place.split(",")[0].strip().title()
    region = match.group("region")
    full = f"{city}, {region}" if region else city
    return Dateline(place=full, wire=match.group("wire")), match.end()


def parse_credit(line: str) -> str:
    """ "© 2016 The Canadian Press" → "The Canadian Press"."""
    owner = _COPYRIGHT.sub("", line.strip()).strip(" .")
    return re.sub(r"(?i)[,.]?\s*all rights reserved\.?$", "", owner).strip(" .,")


def parse_byline(line: str) -> str:
    return _BYLINE.sub("", line.strip()).strip(" ,|")


def _iso(value: datetime) -> str:
    return value.isoformat(timespec="seconds")


@cache
def _dateparser():
    # dateparser takes about half a second to import; only documents with a stamp need it.
    import dateparser

    return dateparser
