"""The actor dictionary: phrases that name actors, and agent phrases that give them a sector.

One index serves Tidings' own data files (``countries.tsv``, ``organisations.tsv``,
``people.tsv``, ``roles.tsv``), users' people files (CSV, YAML or TSV) and imported PETRARCH
(TABARI-format) actor and agent dictionaries (``actors.petrarch``), so that a phrase is coded
the same way whichever file named it, and every code cites the file entry that gave it.

The coding of a phrase follows PETRARCH's convention, which CAMEO data users know:

* The first **actor** phrase in the noun phrase gives the base code ("Gondor", "Sergey Lavrov",
  "Hamas"). An actor may have several codes, each for a period: the first period that covers the
  article date wins, else the undated default ("Sam Gamgee" is HOBCIV before 2008, HOBMIL after).
* Every **agent** phrase outside the actor adds its code: after the base for most ("Gondor" +
  "police" → GONCOP), before it for organisation types marked so ("MSF" + "Arnor" → NGOARN). An
  agent whose code is already one of the base's three-letter blocks adds nothing.
* An agent without an actor gets ``---`` for the unknown country ("a senior official" → ---GOV),
  as PETRARCH and Phoenix data do.
* "former" makes the agents ``ELI`` (elites: former office holders): "former Gondor prosecutors"
  → GONELI.

Words match whole tokens, case-insensitively, except that short all-capital forms ("US", "IS",
"WHO") must match exactly, and an actor must contain a capitalised word ("Turkey" is a country,
"turkey" a bird). Dictionary forms are split with spaCy's English tokenizer, the same one the
pipeline uses, so "al-Qaeda" is the three tokens the text has.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

UNKNOWN = "---"  # the country of an actor known only by its sector ("a senior official")
FORMER = "ELI"  # CAMEO's code for elites, which includes former office holders


@dataclass(frozen=True, slots=True)
class Coding:
    """What an actor phrase codes to during one period (ISO dates; start inclusive, end
    exclusive, "" open). ``ref`` is the file entry that says so."""

    cameo: str
    ref: str
    start: str = ""
    end: str = ""
    role: str | None = None

    def covers(self, day: str) -> bool:
        return (not self.start or self.start <= day) and (not self.end or day < self.end)


@dataclass(frozen=True, slots=True)
class ActorEntry:
    """An actor known by name: a country, a capital, an organisation, a person or an imported
    PETRARCH actor. ``dated`` codings are tried in order; ``default`` applies otherwise."""

    name: str
    kind: str  # country, capital, organisation, person, actor
    default: Coding | None
    dated: tuple[Coding, ...] = ()

    def coding(self, date: str | None) -> Coding | None:
        if not self.dated:
            return self.default
        if date is None:  # undated: whoever holds the role now
            current = [c for c in self.dated if not c.end]
            return current[-1] if current else self.default
        day = date[:10]
        for coding in self.dated:
            if coding.covers(day):
                return coding
        return self.default


@dataclass(frozen=True, slots=True)
class AgentEntry:
    """A sector or role phrase ("foreign minister", "troops", "MSF") and its code."""

    term: str
    code: str  # one or more three-letter blocks
    ref: str
    prefix: bool = False  # the code goes before the actor's (PETRARCH "NGO~")
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Pattern:
    """Words of a phrase, upper-cased; ``gaps[k]`` allows other words before ``words[k + 1]``
    (PETRARCH's blank connector). ``exact`` holds the original spelling of a short capital form
    that must match case and all; ``named`` requires a capitalised word in the match."""

    words: tuple[str, ...]
    gaps: tuple[bool, ...]
    exact: tuple[str, ...] | None = None
    named: bool = False


@cache
def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


def split_words(form: str) -> list[str]:
    """The tokens the pipeline's tokenizer makes of ``form``."""
    return [t.text for t in _tokenizer()(form) if not t.is_space]


def pattern_for(form: str, *, named: bool, connectors: Sequence[tuple[str, str]] = ()) -> Pattern:
    """A pattern for a plain form ("al-Qaeda") or, with ``connectors``, for PETRARCH's
    (word, connector) list, where a blank connector lets other words intervene."""
    words: list[str] = []
    gaps: list[bool] = []
    parts = connectors or [(form, "_")]
    for text, connector in parts:
        pieces = split_words(text) if text else []
        for n, piece in enumerate(pieces):
            words.append(piece)
            gaps.append(connector == " " and n == len(pieces) - 1)
    exact = None
    letters = [c for c in form if c.isalpha()]
    if len(letters) <= 5 and letters and all(c.isupper() for c in letters) and not connectors:
        exact = tuple(words)  # "US", "IS", "WHO", "U.N."
    return Pattern(tuple(w.upper() for w in words), tuple(gaps), exact, named)


@dataclass
class PhraseIndex:
    """Patterns keyed on their first word, longest first."""

    _by_first: dict[str, list[tuple[Pattern, object]]] = field(default_factory=dict)
    _sorted: bool = True

    def add(self, pattern: Pattern, value: object) -> None:
        if pattern.words:
            self._by_first.setdefault(pattern.words[0], []).append((pattern, value))
            self._sorted = False

    def match(
        self, texts: Sequence[str], i: int, *, stop: int | None = None
    ) -> tuple[object, int] | None:
        """The value of the longest pattern that starts at word ``i``, and the end of its match
        (exclusive). ``texts`` are the phrase's token texts; nothing matches past ``stop``."""
        if not self._sorted:
            for patterns in self._by_first.values():
                patterns.sort(key=lambda pv: -len(pv[0].words))
            self._sorted = True
        stop = len(texts) if stop is None else stop
        for pattern, value in self._by_first.get(texts[i].upper(), ()):
            end = _match(pattern, texts, i, stop)
            if end is not None:
                return value, end
        return None


def _match(pattern: Pattern, texts: Sequence[str], i: int, stop: int) -> int | None:
    k, j = 0, i
    matched: list[int] = []
    while k < len(pattern.words):
        if j >= stop:
            return None
        if texts[j].upper() == pattern.words[k]:
            matched.append(j)
            k += 1
            j += 1
        elif k > 0 and pattern.gaps[k - 1]:
            j += 1
        else:
            return None
    if pattern.exact is not None and tuple(texts[m] for m in matched) != pattern.exact:
        return None
    if pattern.named and not any(texts[m][:1].isupper() for m in matched):
        return None
    return j


class ActorDictionary:
    """Actor and agent phrases from any number of sources, searched in the order added: the
    first source to name a phrase wins, so user files go before the bundled ones."""

    def __init__(self) -> None:
        self.actors = PhraseIndex()
        self.agents = PhraseIndex()
        self._seen_actor: set[tuple[str, ...]] = set()
        self._seen_agent: set[tuple[str, ...]] = set()

    def add_actor(self, forms: Iterable[str | Pattern], entry: ActorEntry) -> None:
        for form in forms:
            pattern = form if isinstance(form, Pattern) else pattern_for(form, named=True)
            key = pattern.exact or pattern.words
            if key in self._seen_actor:
                continue  # an earlier source already names this phrase
            self._seen_actor.add(key)
            self.actors.add(pattern, entry)

    def add_agent(self, forms: Iterable[str | Pattern], entry: AgentEntry) -> None:
        for form in forms:
            pattern = form if isinstance(form, Pattern) else pattern_for(form, named=False)
            if pattern.words in self._seen_agent:
                continue
            self._seen_agent.add(pattern.words)
            self.agents.add(pattern, entry)

    def find_actor(self, texts: Sequence[str]):
        """The first actor phrase in ``texts``: (entry, start, end), or None."""
        for i in range(len(texts)):
            found = self.actors.match(texts, i)
            if found is not None:
                return found[0], i, found[1]
        return None

    def find_agents(self, texts: Sequence[str], outside: tuple[int, int] = (0, 0)):
        """Agent phrases in ``texts`` left to right, skipping the span ``outside`` (the actor):
        a list of (entry, start, end). A longer phrase hides the words it covers."""
        found, i = [], 0
        while i < len(texts):
            if outside[0] <= i < outside[1]:
                i += 1
                continue
            stop = outside[0] if i < outside[0] else len(texts)
            hit = self.agents.match(texts, i, stop=stop)
            if hit is None:
                i += 1
                continue
            found.append((hit[0], i, hit[1]))
            i = hit[1]
        return found


def plural(term: str) -> str:
    """PETRARCH's regular plural of a phrase's last word (minister → ministers, authority →
    authorities, boss → bosses)."""
    head, _, last = term.rpartition(" ")
    low = last.lower()
    if low.endswith("y") and len(low) > 1 and low[-2] not in "aeiou":
        last = last[:-1] + "ies"
    elif low.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


def compose(base: str | None, agents: Iterable[AgentEntry], *, former: bool = False) -> str:
    """The CAMEO code of an actor with its agents, by the rules in the module docstring."""
    code = base or UNKNOWN
    codes = [(FORMER, False)] if former else [(a.code, a.prefix) for a in agents]
    for agent_code, prefix in codes:
        if not agent_code or _has_block(code, agent_code):
            continue
        code = agent_code + code if prefix else code + agent_code
    return code


def _has_block(code: str, block: str) -> bool:
    return any(code[k : k + len(block)] == block for k in range(0, len(code) - len(block) + 1, 3))


def blocks(code: str | None) -> list[str]:
    """A CAMEO code's three-letter blocks ("TURGOVFRM" → TUR, GOV, FRM)."""
    if not code:
        return []
    return [code[k : k + 3] for k in range(0, len(code), 3)]
