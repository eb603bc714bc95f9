"""Import PETRARCH (TABARI-format) actor and agent dictionaries into an ``ActorDictionary``.

Users of Phoenix, PETRARCH and TABARI keep years of curation in these files; Tidings reads them
as they are. The formats, as PETRARCH 1 reads them:

Actors (``*.actors.txt``)::

    GONDOR [GON]                       a phrase and its code
    +MINAS_TIRITH                      a synonym of the entry above
    SAM_GAMGEE [HOB]                   the default code ...
        [HOBCIV <20080120]             ... and dated codes, tried in order: before (or on),
        [HOBMIL 20080120-20121109]         between (both ends included),
        [HOBELI >20130119]                 after (or on); YYMMDD years up to 30 are 20YY
    LORIEN [ELR/GAL]                   a phrase that names several actors at once

Agents (``*.agents.txt``)::

    !PERSON! = MAN, MEN, WOMAN         a substitution set
    CONGRESS!PERSON! [~LEG]            one entry per member of the set, no plurals
    TROOPS {} [~MIL]                   {} no plural; {GEESE} an irregular plural
    FOREIGN_MINISTER [~GOVFRM]         ~XXX: after the actor's code; XXX~: before it (NGO~)

Words are joined by ``_`` (adjacent) or a blank (other words may come between). Comments start
with ``#`` or ``;`` or sit inside ``<!-- -->``. A line that cannot be read raises
``ResourceError`` naming file and line; PETRARCH logs and skips, but a user importing a
dictionary should know which entries did not make it.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from ..errors import ResourceError
from .dictionary import ActorDictionary, ActorEntry, AgentEntry, Coding, pattern_for

_CODE = re.compile(r"\[([^\]]*)\]")
# A comment starts a line or follows a blank: "[###]" (a code) is not one.
_COMMENT = re.compile(r"(?:^|\s)[#;]")


def content_lines(path: Path):
    """(line number, text) of the lines that carry content: comments and blanks removed."""
    if not path.is_file():
        raise ResourceError(f"{path}: no such dictionary file")
    in_comment = False
    with path.open(encoding="utf-8", errors="replace") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if in_comment:
                if "-->" in line:
                    in_comment = False
                continue
            stripped = line.strip()
            if stripped.startswith("<!") or stripped.startswith("<"):
                in_comment = "-->" not in stripped and stripped.startswith("<!")
                continue
            if "---STOP---" in line:
                return
            line = _COMMENT.split(line, 1)[0].rstrip()
            if line.strip():
                yield number, line


def _words(phrase: str) -> list[tuple[str, str]]:
    """PETRARCH's (word, connector) list: the connector is the separator after the word."""
    out, word = [], ""
    for char in phrase.strip() + " ":
        if char in " _":
            if word:  # a doubled or trailing separator ("ARNOR_") adds nothing
                out.append((word, char))
            word = ""
        else:
            word += char
    return out


def _date(text: str, where: str) -> dt.date:
    digits = text.strip()
    try:
        if len(digits) > 7:
            return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        return dt.date(year, int(digits[2:4]), int(digits[4:6]))
    except ValueError:
        raise ResourceError(f"{where}: cannot read the date {text!r}") from None


def _restriction(body: str, ref: str, where: str) -> Coding:
    """``HOBCIV <20080120``, ``HOBGOV 19950601 - 19990815``, ``HOBREB > 990816`` or a bare code."""
    code, _, rest = body.strip().partition(" ")
    rest = rest.strip()
    day = dt.timedelta(days=1)
    if not rest:
        return Coding(code, ref)
    if rest[0] == "<":
        return Coding(code, ref, end=(_date(rest[1:], where) + day).isoformat())
    if rest[0] == ">":
        return Coding(code, ref, start=_date(rest[1:], where).isoformat())
    first, dash, second = rest.partition("-")
    if not dash:
        raise ResourceError(f"{where}: cannot read the date restriction [{body}]")
    start, end = _date(first, where), _date(second, where)
    if end < start:
        raise ResourceError(f"{where}: the period [{body}] ends before it starts")
    return Coding(code, ref, start=start.isoformat(), end=(end + day).isoformat())


def read_actors(path: Path, into: ActorDictionary) -> int:
    """Add the actors of a PETRARCH actor dictionary; return how many entries were read."""
    entries = 0
    phrases: list[str] = []
    default: Coding | None = None
    dated: list[Coding] = []

    def flush() -> None:
        nonlocal entries
        if not phrases:
            return
        entry = ActorEntry(
            name=phrases[0].replace("_", " ").strip().title(),
            kind="actor",
            default=default,
            dated=tuple(dated),
        )
        forms = [pattern_for(p, named=True, connectors=_words(p)) for p in phrases]
        into.add_actor(forms, entry)
        entries += 1

    for number, line in content_lines(path):
        where = f"{path}:{number}"
        if line[0].isspace():  # a dated (or default) code for the current entry
            found = _CODE.search(line)
            if found is None:
                continue  # an indented phrase without a code: PETRARCH ignores it too
            coding = _restriction(found.group(1), f"{path.name}:{number}", where)
            if coding.start or coding.end:
                dated.append(coding)
            else:
                default = coding
            continue
        if line.startswith("+"):
            if not phrases:
                raise ResourceError(f"{where}: a synonym (+) before any actor")
            phrases.append(line[1:].split("[")[0].strip())
            continue
        flush()
        phrase, bracket, rest = line.partition("[")
        phrases = [phrase.strip()]
        dated = []
        default = None
        if bracket:
            code = rest.partition("]")[0].strip()
            if not code:
                raise ResourceError(f"{where}: empty code []")
            default = Coding(code, f"{path.name}:{number}")
    flush()
    return entries


def _petrarch_plural(phrase: str) -> str:
    """PETRARCH's automatic plural: ...Y → ...IES, ...S → ...SES, else ...S."""
    if phrase.endswith(("Y", "y")):
        return phrase[:-1] + "IES"
    if phrase.endswith(("S", "s")):
        return phrase + "ES"
    return phrase + "S"


def read_agents(path: Path, into: ActorDictionary) -> int:
    """Add the agents of a PETRARCH agent dictionary; return how many entries were read."""
    sets: dict[str, list[str]] = {}
    entries = 0
    for number, line in content_lines(path):
        where = f"{path}:{number}"
        if "!" in line and "=" in line and "[" not in line:
            name, _, members = line.partition("=")
            marker = name.strip().strip("!")
            sets[marker] = [m.strip() for m in members.split(",") if m.strip()]
            continue
        phrase, bracket, rest = line.partition("[")
        if not bracket:
            raise ResourceError(f"{where}: an agent needs a [code]")
        raw_code = rest.partition("]")[0].strip()
        if "~" not in raw_code:
            raise ResourceError(f"{where}: an agent code is ~XXX or XXX~, found [{raw_code}]")
        prefix = raw_code.endswith("~")
        code = raw_code.strip("~").strip()
        phrase = phrase.strip()
        plural: str | None
        if "{" in phrase:
            if "}" not in phrase:
                raise ResourceError(f"{where}: missing '}}'")
            base, _, tail = phrase.partition("{")
            plural = tail.partition("}")[0].strip() or None
            phrase = base.strip()
        else:
            plural = _petrarch_plural(phrase)
        phrases = [phrase] + ([plural] if plural else [])
        if "!" in phrase:
            marker = re.search(r"!([^!]+)!", phrase)
            if marker is None or marker.group(1) not in sets:
                raise ResourceError(f"{where}: unknown substitution set in {phrase!r}")
            phrases = [phrase.replace(marker.group(0), m) for m in sets[marker.group(1)]]
        entry = AgentEntry(
            term=phrase.replace("_", " ").lower(),
            code=code,
            ref=f"{path.name}:{number}",
            prefix=prefix,
        )
        into.add_agent([pattern_for(p, named=False, connectors=_words(p)) for p in phrases], entry)
        entries += 1
    return entries
