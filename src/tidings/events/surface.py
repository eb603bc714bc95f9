"""Surface-pattern matching for imported verb dictionaries (PETRARCH / TABARI patterns).

A pattern is matched on the words of the sentence around a verb: its ``after`` elements in
order over the verb's clause to the right (the verb's dependency subtree, which is what
PETRARCH's verb phrase covers), its ``before`` elements backwards over the sentence to the
left. Any words may come between elements. A slot ($ + % ^) matches a noun phrase: an actor
mention of the actors stage, or any other noun chunk (an uncoded phrase, PETRARCH's ``---``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon import Element, Slot, SurfaceLexicon, SurfacePattern, VerbForm


@dataclass(slots=True)
class Phrase:
    """A noun phrase of the sentence: token range (inclusive) and its head tokens (several for
    a coordination, "Arnor and Gondor")."""

    first: int
    last: int
    heads: list = field(default_factory=list)
    coded: bool = False
    compound: bool = False


@dataclass(slots=True)
class SurfaceMatch:
    code: str
    rule: str
    verb: tuple[int, int]  # first and last token of the (multi-word) verb
    pattern: SurfacePattern | None
    bindings: dict[str, Phrase]


class SentenceView:
    """Upper-case words and noun phrases of one sentence, built once for all its verbs."""

    def __init__(self, sent, phrases: list[Phrase]) -> None:
        self.sent = sent
        self.words = {t.i: t.text.upper() for t in sent}
        self.phrases = sorted(phrases, key=lambda p: (p.first, -p.last))

    def phrase_after(self, pos: int, end: int) -> list[Phrase]:
        """Phrases between ``pos`` and ``end``, nearest first."""
        return [p for p in self.phrases if pos <= p.first and p.last <= end]

    def phrase_before(self, pos: int, start: int) -> list[Phrase]:
        """Phrases between ``start`` and ``pos``, nearest (rightmost) first."""
        return [p for p in reversed(self.phrases) if p.last <= pos and p.first >= start]


def pick_form(forms: list[VerbForm], token, words: dict[int, str]) -> VerbForm | None:
    """The form whose other words stand next to the token; multi-word verbs first."""
    for form in sorted(forms, key=lambda f: -(len(f.before) + len(f.after))):
        after = all(words.get(token.i + 1 + k) == w for k, w in enumerate(form.after))
        before = all(
            words.get(token.i - len(form.before) + k) == w for k, w in enumerate(form.before)
        )
        if after and before:
            return form
    return None


def match(
    lexicon: SurfaceLexicon, form: VerbForm, token, view: SentenceView, right_end: int
) -> SurfaceMatch:
    """The longest pattern of the form's block that matches, else the verb's own code."""
    first, last = token.i - len(form.before), token.i + len(form.after)
    start = view.sent.start
    for pattern in lexicon.patterns.get(form.group, ()):
        bindings: dict[str, Phrase] = {}
        after = _Side(lexicon, view, pattern.after, pattern.after_tight, 1, right_end, bindings)
        before = _Side(
            lexicon, view, pattern.before[::-1], pattern.before_tight[::-1], -1, start, bindings
        )
        if after.match(0, last + 1) and before.match(0, first - 1):
            if pattern.code != "---":
                return SurfaceMatch(pattern.code, pattern.rule, (first, last), pattern, bindings)
            break  # PETRARCH: a "---" pattern leaves the verb's own code
    return SurfaceMatch(form.code, form.rule, (first, last), None, {})


class _Side:
    """Match one side of a pattern, elements nearest the verb first, going ``step`` (+1 to the
    right, -1 to the left) from the verb up to ``bound``; ``tight[k]``: element k must touch
    the previous match. Backtracks over word positions and phrase choices."""

    def __init__(self, lexicon, view, elements, tight, step, bound, bindings) -> None:
        self.lexicon, self.view = lexicon, view
        self.elements, self.tight = elements, tight
        self.step, self.bound, self.bindings = step, bound, bindings

    def _inside(self, pos: int) -> bool:
        return pos <= self.bound if self.step > 0 else pos >= self.bound

    def match(self, k: int, pos: int) -> bool:
        if k == len(self.elements):
            return True
        element, tight = self.elements[k], bool(self.tight and self.tight[k])
        if isinstance(element, Slot):
            for phrase, near, far in self._phrases(pos, element.role):
                if tight and near != pos:
                    continue
                saved = dict(self.bindings)
                if element.role != "skip":
                    self.bindings[element.role] = phrase
                if self.match(k + 1, far + self.step):
                    return True
                self.bindings.clear()
                self.bindings.update(saved)
            return False
        words = self.view.words
        for alternative in _alternatives(self.lexicon, element):
            n = len(alternative)
            at = pos
            while self._inside(at) and self._inside(at + self.step * (n - 1)):
                lo = at if self.step > 0 else at - n + 1
                fits = all(words.get(lo + j) == w for j, w in enumerate(alternative))
                if fits and self.match(k + 1, at + self.step * n):
                    return True
                if tight:
                    break
                at += self.step
        return False

    def _phrases(self, pos: int, role: str):
        """(phrase, its edge nearest the verb, its far edge) for a slot at ``pos``: coded
        phrases first ($ and + stand for actors). "^" may also take the rest of a phrase that
        ``pos`` is inside ("THEIR ^ ABOUT": "their populations about")."""
        if self.step > 0:
            found = [
                (p, p.first, p.last)
                for p in self.view.phrase_after(pos, self.bound)
                if role != "compound" or p.compound
            ]
            if role == "skip":
                found += [(p, pos, p.last) for p in self.view.phrases if p.first < pos <= p.last]
        else:
            found = [
                (p, p.last, p.first)
                for p in self.view.phrase_before(pos, self.bound)
                if role != "compound" or p.compound
            ]
            if role == "skip":
                found += [(p, pos, p.first) for p in self.view.phrases if p.first <= pos < p.last]
        return [f for f in found if f[0].coded] + [f for f in found if not f[0].coded]


def _alternatives(lexicon: SurfaceLexicon, element: Element) -> list[tuple[str, ...]]:
    if isinstance(element, str) and element.startswith("&"):
        return lexicon.synsets.get(element, [])
    return [(element,)]
