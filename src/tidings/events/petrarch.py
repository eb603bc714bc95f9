"""Import PETRARCH verb dictionaries (and TABARI-style discard lists) as surface patterns.

Two formats are read, told apart line by line:

PETRARCH 1 (``PETR.Validate.verbs.txt``, TABARI descendants)::

    &CURRENCY                      a synset: its members follow with "+", plurals added
    +DOLLARS                       automatically unless the name or member ends in "_";
    +SWISS_FRANCS                  a member may name another synset (+&TIETYPES)

    --- GRANT [070] ---            a verb block and its code ([---]: the bare verb codes
    GRANT                          nothing); verbs of the block, each with regular forms
    GIVE {GAVE GIVEN GIVING}       made (S, ED, ING) or all forms listed in {...}; an own
    CONTRIBUTE [071]               code in [...]; multi-word verbs mark the verb with "+":
    +CORDON_OFF  WIRE_+TAP         "cordon off", "wire tap"
    - * &CURRENCY [903]            patterns: words before "*" precede the verb, words after
    - $ * + HELD [212]             it follow; $ source, + target, % compound (both), ^ any
                                   noun phrase; "A:B" codes an event each way

CAMEO 2.0 (PETRARCH 2's ``CAMEO.2.0.txt``) adds groups to patterns: ``(TO BORDER)`` a
prepositional phrase and ``{ARMS SHIPMENT}`` a noun phrase. Tidings reads both as their words
in order. A TABARI disjunction ``{A | B}`` is skipped, as PETRARCH does.

Elements of a pattern match in order, with any words between them, within the verb's clause
(after) and the sentence before the verb (before): that is how PETRARCH matches them. Where
several patterns of a verb match, the one with most elements wins (file order breaks ties);
PETRARCH takes the first its tree search finds, which is usually the same one.

A line that cannot be read raises ``ResourceError`` naming file and line.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..actors.petrarch import content_lines
from ..errors import ResourceError
from .lexicon import Element, Slot, SurfaceLexicon, SurfacePattern, VerbForm

_CODE = re.compile(r"\[([^\]]*)\]")
_SLOTS = {"$": "source", "+": "target", "%": "compound", "^": "skip"}


def read_verbs(path: Path) -> SurfaceLexicon:
    """A PETRARCH 1 or CAMEO 2.0 verb dictionary as a ``SurfaceLexicon``."""
    forms: dict[str, list[VerbForm]] = {}
    patterns: dict[str, list[SurfacePattern]] = {}
    synsets: dict[str, list[tuple[str, ...]]] = {}
    raw_synsets: dict[str, list[tuple[str, bool]]] = {}
    group, block_code, synset = "", "---", None
    for number, line in content_lines(path):
        where = f"{path.name}:{number}"
        text = line.strip()
        if synset is not None:
            if text.startswith("+"):
                raw_synsets[synset[0]].append((text[1:].strip(), synset[1]))
                continue
            synset = None
        if text.startswith("---"):
            codes = _CODE.findall(text)
            block_code = codes[0].strip() if codes else "---"
            group = ""
        elif text.startswith("&"):
            name = text.split()[0]
            plural = not name.endswith("_")
            name = name.rstrip("_")
            raw_synsets[name] = []
            synset = (name, plural)
        elif text.startswith("-"):
            if not group:
                raise ResourceError(f"{where}: a pattern before any verb of its block")
            pattern = _pattern(text[1:], where)
            if pattern is not None:
                patterns.setdefault(group, []).append(pattern)
        else:
            codes = _CODE.findall(text)
            code = codes[0].strip() if codes else block_code
            verb = _CODE.sub("", text).strip()
            if not verb:
                raise ResourceError(f"{where}: a code without a verb")
            entries = _verb_forms(verb, where)
            if not group:  # the block's first verb names it
                group = verb.split("{")[0].strip().upper()
                patterns.setdefault(group, [])
            for entry in entries:
                forms.setdefault(entry.word, []).append(
                    VerbForm(entry.word, group, code or "---", entry.before, entry.after, where)
                )
    for name in raw_synsets:
        synsets[name] = _expand_synset(name, raw_synsets, path, set())
    for group_patterns in patterns.values():
        group_patterns.sort(key=lambda p: -p.size)  # stable: file order among equals
    for name in {e for ps in patterns.values() for p in ps for e in (*p.before, *p.after)}:
        if isinstance(name, str) and name.startswith("&") and name not in synsets:
            raise ResourceError(f"{path.name}: synset {name} is used but never defined")
    return SurfaceLexicon(forms, patterns, synsets)


def _pattern(body: str, where: str) -> SurfacePattern | None:
    codes = _CODE.findall(body)
    if not codes:
        raise ResourceError(f"{where}: a pattern without a [code]")
    text = body[: body.index("[")]
    if re.search(r"\{[^}]*\|", text):  # a TABARI disjunction: skipped, as PETRARCH does
        return None
    if text.count("*") != 1:
        raise ResourceError(f"{where}: a pattern needs one '*' for the verb: {text.strip()!r}")
    before, after = text.replace("_ ", " ").split("*")
    before_elements, before_tight = _elements(before + "*", after=False)
    after_elements, after_tight = _elements("*" + after, after=True)
    return SurfacePattern(
        before_elements,
        after_elements,
        codes[0].strip() or "---",
        where,
        before_tight,
        after_tight,
    )


def _elements(text: str, *, after: bool) -> tuple[tuple[Element, ...], tuple[bool, ...]]:
    """Elements of one side of a pattern and, for each, whether "_" joins it to its neighbour
    towards the verb. ``text`` includes the "*" so that "IN_*" is seen to be joined."""
    parts = re.split(r"([\s_(){}]+)", text.strip())
    words = parts[::2]
    separators = parts[1::2]  # separators[i] lies between words[i] and words[i + 1]
    elements: list[Element] = []
    tight: list[bool] = []
    for i, word in enumerate(words):
        if not word or word == "*":
            continue
        # the neighbour towards the verb: the word before (after the verb), after (before it)
        joint = separators[i - 1] if after else (separators[i] if i < len(separators) else " ")
        elements.append(Slot(_SLOTS[word]) if word in _SLOTS else word.upper())
        tight.append(joint == "_")
    return tuple(elements), tuple(tight)


class _Form:
    __slots__ = ("word", "before", "after")

    def __init__(self, word: str, before: tuple[str, ...] = (), after: tuple[str, ...] = ()):
        self.word, self.before, self.after = word, before, after


def _verb_forms(verb: str, where: str) -> list[_Form]:
    """The forms of one verb line: the first is the base form."""
    listed: list[str] | None = None
    if "{" in verb:
        if "}" not in verb:
            raise ResourceError(f"{where}: '{{' without '}}' in {verb!r}")
        listed = verb[verb.index("{") + 1 : verb.index("}")].split()
        verb = verb[: verb.index("{")].strip()
    if not verb:
        raise ResourceError(f"{where}: an empty verb")
    if " " in verb and "+" not in verb:  # "LASH OUT": the first word is the verb
        verb = "+" + "_".join(verb.split())
    if "_" not in verb:
        spelled = [verb] + (listed if listed is not None else _regular(verb))
        return [_Form(w.upper()) for w in spelled]
    if verb.count("+") != 1:
        raise ResourceError(f"{where}: a multi-word verb marks its verb with one '+': {verb!r}")
    if listed is not None:
        spelled = [verb] + listed
    else:
        root = next(w for w in verb.split("_") if w.startswith("+"))[1:]
        spelled = [verb] + [verb.replace("+" + root, "+" + f) for f in _regular(root)]
    out = []
    for phrase in spelled:
        words = [w for w in phrase.upper().split("_") if w]
        at = next((i for i, w in enumerate(words) if w.startswith("+")), None)
        if at is None:
            raise ResourceError(f"{where}: the form {phrase!r} does not mark its verb with '+'")
        out.append(_Form(words[at][1:], tuple(words[:at]), tuple(words[at + 1 :])))
    return out


def _regular(verb: str) -> list[str]:
    """PETRARCH's regular forms: -S (-ES after S, X, Z), -ED (-D after E), -ING (E dropped)."""
    verb = verb.upper()
    third = verb + ("ES" if verb[-1] in "SXZ" else "S")
    if verb.endswith("E"):
        return [third, verb + "D", verb[:-1] + "ING"]
    return [third, verb + "ED", verb + "ING"]


def _plural(phrase: str) -> str:
    if phrase.endswith("Y"):
        return phrase[:-1] + "IES"
    if phrase.endswith("S"):
        return phrase[:-1] + "ES"
    return phrase + "S"


def _expand_synset(name, raw, path: Path, seen: set[str]) -> list[tuple[str, ...]]:
    """Member phrases of a synset, embedded synsets expanded and plurals added."""
    if name in seen:
        raise ResourceError(f"{path.name}: synset {name} contains itself")
    phrases: list[tuple[str, ...]] = []
    for member, plural in raw[name]:
        if member.startswith("&"):
            inner = member.split()[0].rstrip("_")
            if inner not in raw:
                raise ResourceError(f"{path.name}: synset {name} names undefined {inner}")
            phrases += _expand_synset(inner, raw, path, seen | {name})
            continue
        exact = member.endswith("_")
        text = member.rstrip("_").upper()
        words = tuple(w for w in re.split(r"[\s_]+", text) if w)
        if words:
            phrases.append(words)
            if plural and not exact:
                phrases.append(tuple(w for w in re.split(r"[\s_]+", _plural(text)) if w))
    return phrases


def read_discards(path: Path) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """A discard list: phrases that drop the sentence, and ("+") phrases that drop the whole
    story. Matching is on whole words, case-insensitive."""
    sentence, story = [], []
    for number, line in content_lines(path):
        text = line.strip()
        target = story if text.startswith("+") else sentence
        words = tuple(w.upper() for w in re.split(r"[\s_]+", text.lstrip("+")) if w)
        if not words:
            raise ResourceError(f"{path.name}:{number}: an empty discard phrase")
        target.append(words)
    return sentence, story
