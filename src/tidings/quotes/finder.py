"""Find who said what: attributions from the parse, direct quotes from their marks.

An attribution is a cue (a word of the cue lexicon), its source (the cue's subject, or the
object of "according to") and its content. It is found in three passes over a parsed article:

1. Cues in the parse. A cue verb's content is its clausal complement ("Lavrov said *his country
   will continue ...*"), or its object where the lexicon says so ("announced *new rates*"), or,
   when the cue hangs off the content, the clause it hangs off ("*X*, sources said"; "*X*, he
   said, *Y*"; "as he said, *X*"; "according to X, *Y*"); a cue noun's "that" clause or
   infinitive ("his claim *that ...*") or the object of its topic preposition ("her comments
   *about the border*", "support *for the bill*"); a cue adjective's clause or "about"/"of" phrase ("was
   aware *that ...*", "critical *of the plan*"). An attribution inside another's content is not
   one of its own (PolNeAR annotates the outermost only), nor is a second speech verb of the
   same subject ("says he respects her *and calls her* a partner" is two).
2. Quote marks (``marks.find_marked``). A quotation overlapping a content from pass 1 widens it
   to the marks; one outside any content takes the nearest speech cue of its sentence, or of
   the sentence before when that ends with a colon ("He said: “...”"), or the name before a
   colon ("Ames: “...”"); one with no cue continues the last attributed quotation of its
   paragraph or of the paragraph before ("“...,” said Ames. “...”"). A quotation nothing
   attributes is kept without a speaker from four words; shorter ones (scare quotes, titles)
   are dropped. A paragraph that opens with a short capitalised name and a colon is that
   name's words to the paragraph's end: a headline ("Sanders: Brexit's message ...") or a
   transcript turn ("MATTHEWS: Well, ...").
3. Speakers. The source phrase is resolved by the actors stage (names, titles, remembered
   surnames, "he"/"she", "the minister"); "they" is the last group, organisation or country
   named before it; "who"/"which"/"that" heading a relative clause is the source as written, and
   the noun the clause hangs on gives its actor.

Each contiguous piece of content becomes a ``Quote``; the pieces of one attribution (a quote
split by "he said") share the cue span. ``kind`` is ``direct`` when every piece lies between
quote marks, ``mixed`` when a quotation lies inside reported words, else ``indirect``.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ..actors import ActorResolver, DocumentActors
from ..actors.resolver import contiguous, phrase_tokens
from ..records import Actor, Quote, Span
from .learned import QuoteModel, features, model_cue
from .lexicon import Cue, CueLexicon
from .marks import Marked, find_marked

_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# Dependencies by which a cue hangs off the clause it reports ("X, he said"; "as he said, X").
_HANGING = {"parataxis", "advcl", "ccomp", "conj"}
_GROUP_ENTS = {"ORG", "GPE", "NORP"}
# Prepositions whose object is what a cue is about ("called for", "talked about").
_TOPIC_PREPS = {"about", "for", "against", "over", "of"}
# A cue noun's topic: "his criticism *of* the plan", "comments *on* Muslims", "support *for*".
_NOUN_PREPS = {"about", "for", "against", "on"}
# A cue adjective's: "interested *in*", "focused *on*", "opposed *to*", "comfortable *with*".
_ADJ_PREPS = _TOPIC_PREPS | {"in", "on", "to", "with"}
_PLURAL_PRONOUNS = {"they", "them"}
# Dependencies by which a cue continues the verb whose subject is its source ("and said", "was
# aware that": "aware" is the complement of "was").
_CONTINUES = {"conj", "xcomp", "advcl", "acl", "parataxis", "acomp", "pcomp", "prep"}
# Links the search for a source also climbs, for cues the parse hangs off another clause
# ("citing his results" as "dep", a cue inside a clause that has no subject of its own).
_ALSO_CLIMBS = {"dep", "ccomp", "pobj"}
_RELATIVE = {"WDT", "WP"}  # "who", "which", "that" heading a relative clause
_SET_OFF = {",", "—", "–", "-", "”", '"', "''"}
_EDGE_PUNCT = set(".,;:!?—–-()[]\"'“”‘’«»„ \n\t")
# A quotation no cue claims is dropped, but one this long that follows an attributed quotation
# in the same paragraph continues it.
_CONTINUE_WORDS = 3
# A quotation nothing attributes is kept, speaker unknown, from this many words: shorter ones are
# mostly scare quotes and titles. On 200 PolNeAR train articles, content overlap F1 was 0.716
# with 4, 0.715 with 8 and 0.711 when every such quotation was dropped.
_UNATTRIBUTED_WORDS = 4
# "Name: words" at the start of a paragraph: at most this many words of name before the colon,
# at least this many words after it.
_LABEL_WORDS = 6
_LABEL_MIN_WORDS = 3
# Markup left in a text: an element with attributes and its body (an embedded tweet,
# ``<tweet author="@x" ...>…</tweet>``), or a lone tag. Its attribute values are not quotations,
# its tag name is not a cue, and an embedded post is a citation, not reported words.
_MARKUP = re.compile(r"<([A-Za-z][\w-]*)\b[^<>]*>(?:[^<]{0,2000}?</\1\s*>)?")


@dataclass
class _Attribution:
    cue: Cue | None  # None for a quotation nothing attributes
    cue_tokens: list  # spaCy tokens of the cue, in order
    source: object | None  # the spaCy token heading the source phrase
    parts: list[list[int]]  # [start, end) character spans of the content
    marked: set[int] = field(default_factory=set)  # indexes of parts that are whole quotations
    confidence: float | None = None  # the learned scorer's probability of the cue, where scored

    @property
    def cue_start(self) -> int:
        return self.cue_tokens[0].idx


class QuoteFinder:
    """Attributions of a parsed article as ``Quote`` records, speakers resolved to actors."""

    def __init__(
        self, actors: ActorResolver, cues: CueLexicon, *, model: QuoteModel | None = None
    ) -> None:
        self.actors = actors
        self.cues = cues
        self.model = model  # the learned cue scorer (``learned``); None: the rules alone

    def __call__(self, parsed, actors: DocumentActors | None = None) -> list[Quote]:
        memory = actors if actors is not None else self.actors.document(parsed)
        doc = parsed.doc
        markup = _markup(doc.text)
        marked = quotations(doc.text, markup)
        found = self._from_parse(doc, marked)
        self._add_marked(parsed, marked, found)
        self._add_labelled(parsed, found)
        if markup:
            found = [a for a in found if not _in_markup(a, markup)]
        quotes: list[Quote] = []
        for attribution in sorted(found, key=lambda a: min(p[0] for p in a.parts)):
            quotes += self._quotes(parsed, attribution, marked, memory)
        return quotes

    # -- pass 1: cues in the parse ------------------------------------------------------------

    def _from_parse(self, doc, marked: list[Marked]) -> list[_Attribution]:
        candidates = []
        for candidate in self.candidates(doc, marked, unlisted=self.model is not None):
            attribution = candidate.attribution
            if self.model is not None:
                attribution.confidence = p = self.model.probability(candidate.features)
                if p < (self.model.veto if candidate.listed else self.model.threshold):
                    continue
            candidates.append((_depth(candidate.token), candidate.token.i, attribution))
        kept: list[_Attribution] = []
        for _, _, attribution in sorted(candidates, key=lambda c: (c[0], c[1])):
            start = attribution.cue_start
            if any(s <= start < e for other in kept for s, e in other.parts):
                continue  # a nested attribution: the outer one is the annotation
            kept.append(attribution)
        return kept

    def candidates(self, doc, marked: list[Marked], *, unlisted: bool = False):
        """Each word of ``doc`` (outside quotations) that heads an attribution: the lexicon's
        cues and, with ``unlisted``, every verb, noun or adjective for which a content can be
        built as for an ``object`` cue (a clause, an object, a topic preposition), with the
        facts the learned scorer weighs about it."""
        model = self.model.name if self.model is not None else "candidate"
        scored = unlisted or self.model is not None
        quoted = set()  # the words of sentences with a quotation in them
        for sent in doc.sents if scored else ():
            if any(sent.start_char <= m.start < sent.end_char for m in marked):
                quoted.update(range(sent.start, sent.end))
        for token in doc:
            if _inside(token.idx, marked):
                continue
            cue = self._cue(token)
            listed = cue is not None
            if cue is None:
                if not unlisted or token.pos_ not in {"VERB", "NOUN", "ADJ"} or _compound(token):
                    continue
                cue = model_cue(token, self.cues.get(token.lemma_.lower()), model)
            attribution = self._attribution(token, cue)
            if attribution is None:
                continue
            facts = (
                features(token, cue if listed else None, attribution.source, attribution.parts,
                         token.i in quoted)
                if scored
                else []
            )  # fmt: skip
            yield Candidate(token, attribution, listed, facts)

    def _cue(self, token) -> Cue | None:
        if _compound(token):
            return None  # "so-called", "self-declared": part of a compound word
        if (
            token.pos_ not in {"VERB", "AUX", "NOUN", "ADJ"}
            and token.lower_ not in self.cues.phrases
        ):
            return None
        for cue in self.cues.phrases.get(token.lower_, ()):
            words = cue.lemma.split()
            following = [t.lower_ for t in token.doc[token.i : token.i + len(words)]]
            if following == words:
                return cue
        if token.pos_ == "NOUN":  # "his claim that ...", "her hope to ...", "her support for"
            clause = any(_complement(c) or _noun_clause(c) for c in token.children) or bool(
                _copula_clause(token)
            )
            topic = any(c.dep_ == "prep" and c.lower_ in _NOUN_PREPS for c in token.children)
            return self.cues.get(token.lemma_.lower()) if clause or topic else None
        if token.pos_ == "ADJ":  # "aware that ...", "confident of ...": a lexicon adjective
            cue = self.cues.get(token.lemma_.lower()) or self.cues.get(token.lower_)
            return cue if cue is not None and token.dep_ == "acomp" else None
        return self.cues.get(token.lemma_.lower()) if token.pos_ == "VERB" else None

    def _attribution(self, token, cue: Cue) -> _Attribution | None:
        if cue.frame == "source":
            return self._according(token, cue)
        content = [
            c
            for c in token.children
            if (_complement(c) or _noun_clause(c))
            and (c.i > token.i or _set_off(c, token))
            and cue.frame != "hanging"
        ]
        if not content and cue.frame != "hanging":
            content = [c for c in token.children if _question(c, token)]  # "asked if ..."
        if not content and token.pos_ == "NOUN" and cue.frame != "hanging":
            content = _copula_clause(token)  # "his view is that ..."
        if cue.frame == "object" and not content:
            content = [
                c for c in token.children if c.dep_ in {"dobj", "oprd"}
            ]  # "calls her a liar"
        if cue.frame == "object" and not content and any(c.dep_ == "agent" for c in token.children):
            # "the meeting was first reported by Politico": the subject is what was reported
            content = [
                c for c in token.children if c.dep_ == "nsubjpass" and c.tag_ not in _RELATIVE
            ]
        if not content and cue.frame != "hanging":  # "called for a ban", "criticism of"
            preps = {"NOUN": _NOUN_PREPS, "ADJ": _ADJ_PREPS}.get(token.pos_, _TOPIC_PREPS)
            if token.pos_ == "VERB":  # "referring to the convention" (cue_prepositions.tsv)
                preps = preps | self.cues.prepositions.get(token.lemma_.lower(), frozenset())
            content = [
                o
                for c in token.children
                if c.dep_ == "prep" and c.lower_ in preps
                for o in c.children
                if o.dep_ in {"pobj", "pcomp"} and o.ent_type_ not in {"DATE", "TIME"}
            ]
        if content:
            tokens = [t for c in content for t in self._own(c)]
        elif (
            (cue.kind == "speech" or cue.id.startswith("model:"))
            and token.dep_ in _HANGING
            and _reports(token)
        ):
            tokens = [t for t in token.head.subtree if t not in set(token.subtree)]
        else:
            return None
        parts = _runs(tokens)
        if not parts:
            return None
        return _Attribution(cue, _cue_tokens(token), _source(token), parts)

    def _according(self, token, cue: Cue) -> _Attribution | None:
        """ "according to X, Y" and "Y, according to X": Y is the clause "according" modifies."""
        to = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
        source = next((c for c in (to.children if to else ()) if c.dep_ == "pobj"), None)
        head = token.head if token.head != token else None
        if head is None or source is None:
            return None
        clause = head
        while clause.pos_ not in {"VERB", "AUX"} and clause.head != clause:
            clause = clause.head
        inner = set(token.subtree) | {to} | set(source.subtree)
        parts = _runs([t for t in clause.subtree if t not in inner])
        if not parts:
            return None
        return _Attribution(cue, [token, to], source, parts)

    def _own(self, root) -> list:
        """The subtree of a content clause without the clauses in it that report words on the
        side ("... while Lavrov said ...", "..., telling reporters that ..."): those are
        attributions of their own. A reported clause inside a reported clause stays ("said
        that she said")."""
        cut = set()
        for token in root.subtree:
            if token.dep_ in {"advcl", "conj"} and token != root and token.i not in cut:
                cue = self._cue(token)
                own_subject = any(c.dep_ in _SUBJECTS for c in token.children)
                participle = token.tag_ == "VBG" and token.dep_ == "advcl"  # ", telling X that"
                finite = token.dep_ == "conj" and token.tag_ in {"VBZ", "VBD"}  # "and calls her"
                if (
                    cue is not None
                    and cue.kind == "speech"
                    and (own_subject or participle or finite)
                ):
                    cut |= {t.i for t in token.subtree}
                    before = token.doc[token.left_edge.i - 1]
                    if token.dep_ == "conj" and before.dep_ == "cc" and before.head == token.head:
                        cut.add(before.i)  # "he respects her *and* calls her ..."
        return [t for t in root.subtree if t.i not in cut]

    # -- pass 2: quotation marks --------------------------------------------------------------

    def _add_marked(self, parsed, marked: list[Marked], found: list[_Attribution]) -> None:
        last: _Attribution | None = None
        last_paragraph = -2
        text = parsed.doc.text
        for quote in marked:
            paragraph = text.count("\n\n", 0, quote.start)
            owner = self._widen(text, quote, found)
            if owner is None:
                owner = self._nearest_cue(parsed, quote, found)
            near = last is not None and paragraph - last_paragraph <= 1
            if (
                owner is None
                and near
                and len(text[quote.start : quote.end].split()) >= _CONTINUE_WORDS
            ):
                owner = last
                owner.parts.append([quote.start, quote.end])
                owner.marked.add(len(owner.parts) - 1)
            if owner is not None:
                last, last_paragraph = owner, paragraph + quote.paragraphs - 1
            elif len(text[quote.start : quote.end].split()) >= _UNATTRIBUTED_WORDS:
                found.append(_Attribution(None, [], None, [[quote.start, quote.end]], {0}))

    def _widen(self, text: str, quote: Marked, found: list[_Attribution]) -> _Attribution | None:
        """The attribution whose content overlaps the quotation, its part widened to the marks."""
        for attribution in found:
            for n, part in enumerate(attribution.parts):
                if part[0] < quote.end and quote.start < part[1]:
                    if part[0] >= quote.start - 1 and part[1] <= quote.end + 1:
                        part[0], part[1] = quote.start, quote.end
                        attribution.marked.add(n)
                    else:  # mixed: the reported words take the quotation, marks and all
                        part[0] = min(part[0], _outer_start(text, quote.start))
                        part[1] = max(part[1], _outer_end(text, quote.end))
                    return attribution
        return None

    def _nearest_cue(self, parsed, quote: Marked, found: list[_Attribution]):
        """A speech cue outside the quotation in its sentences, or a colon cue just before."""
        sentences = [s for s in parsed.sentences if s.start_char < quote.end + 2]
        inside = [s for s in sentences if s.end_char > quote.start - 1]
        before = [s for s in sentences if s.end_char <= quote.start - 1][-1:]
        options = []
        for sent in inside:
            for token in sent:
                if quote.start - 1 <= token.idx < quote.end + 1 or _inside(token.idx, [quote]):
                    continue
                cue = self._cue(token)
                if cue is not None and cue.kind == "speech" and cue.frame != "source":
                    gap = (
                        quote.start - token.idx
                        if token.idx < quote.start
                        else token.idx - quote.end
                    )
                    options.append((gap, token, cue))
        if not options and before and before[0].text.rstrip().endswith(":"):
            for token in before[0]:
                cue = self._cue(token)
                if cue is not None and cue.kind == "speech" and cue.frame != "source":
                    options.append((quote.start - token.idx, token, cue))
        if not options:
            return self._colon(parsed.doc, quote, found)
        _, token, cue = min(options, key=lambda o: o[0])
        for attribution in found:
            if token in attribution.cue_tokens:
                attribution.parts.append([quote.start, quote.end])
                attribution.marked.add(len(attribution.parts) - 1)
                return attribution
        attribution = _Attribution(
            cue, _cue_tokens(token), _source(token), [[quote.start, quote.end]], {0}
        )
        found.append(attribution)
        return attribution

    def _colon(self, doc, quote: Marked, found: list[_Attribution]):
        """ "Ames: “…”": a name, a colon, then the quotation."""
        cue = self.cues.get(":")
        before = doc.text[: quote.start].rstrip().rstrip('“"«„»').rstrip()
        if cue is None or not before.endswith(":"):
            return None
        colon = doc.char_span(len(before) - 1, len(before))
        if colon is None or colon.start == 0:
            return None
        source = doc[colon.start - 1]
        if source.pos_ not in {"PROPN", "NOUN", "PRON"} or source.lower_ in self.cues.labels:
            return None
        attribution = _Attribution(cue, [colon[0]], source, [[quote.start, quote.end]], {0})
        found.append(attribution)
        return attribution

    # -- pass 2b: "Name: words" ----------------------------------------------------------------

    def _add_labelled(self, parsed, found: list[_Attribution]) -> None:
        """A paragraph that opens with a short name and a colon gives that name's words: a
        headline ("Sanders: Brexit's message could help Trump") or a transcript turn
        ("MATTHEWS: Well, speculation is bad."). The content runs to the paragraph's end."""
        cue = self.cues.get(":")
        if cue is None:
            return
        doc, text = parsed.doc, parsed.doc.text
        for sent in parsed.sentences:
            first = sent[0]
            while first.is_space and first.i < sent.end - 1:
                first = doc[first.i + 1]
            if first.i and "\n" not in doc[first.i - 1].text_with_ws + doc[first.i - 1].text:
                continue  # not the start of a paragraph
            colon = next((t for t in sent[: _LABEL_WORDS + 1] if t.text == ":"), None)
            if colon is None or colon.i == first.i:
                continue
            label = doc[first.i : colon.i]
            if not _name_like(label) or any(t.lower_ in self.cues.labels for t in label):
                continue
            end = text.find("\n", colon.idx)
            parts = _runs([t for t in doc[colon.i + 1 :] if end < 0 or t.idx < end])
            if not parts or len(text[parts[0][0] : parts[0][1]].split()) < _LABEL_MIN_WORDS:
                continue
            start, stop = parts[0][0], parts[-1][1]
            if any(s < stop and start < e for a in found for s, e in a.parts):
                continue  # the quotation after the colon is attributed already
            found.append(_Attribution(cue, [colon], label.root, [[start, stop]]))

    # -- pass 3: records ----------------------------------------------------------------------

    def _quotes(self, parsed, attribution: _Attribution, marked, memory) -> list[Quote]:
        article, doc = parsed.article, parsed.doc
        speaker, speaker_span = self._speaker(attribution.source, memory)
        cue, cue_span = attribution.cue, None
        if attribution.cue_tokens:
            first, last = attribution.cue_tokens[0], attribution.cue_tokens[-1]
            cue_span = Span(first.idx, _end(last), doc.text[first.idx : _end(last)])
        parts = sorted(_merge(attribution.parts))
        kind = _kind(attribution, parts, marked)
        quotes = []
        for start, end in parts:
            key = f"{article.doc_id}|{start}|{end}"
            quotes.append(
                Quote(
                    quote_id="q" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest(),
                    doc_id=article.doc_id,
                    text=_words(doc.text[start:end]),
                    kind=kind,
                    start=start,
                    end=end,
                    sequence=_sentence(parsed.sentences, start),
                    speaker=speaker,
                    speaker_span=speaker_span,
                    cue=cue.lemma if cue else None,
                    cue_kind=cue.kind if cue else None,
                    cue_span=cue_span,
                    rule=cue.id if cue else None,
                    confidence=(
                        round(attribution.confidence, 4)
                        if attribution.confidence is not None
                        else None
                    ),
                )
            )
        return quotes

    def _speaker(self, source, memory: DocumentActors) -> tuple[Actor | None, Span | None]:
        if source is None:
            return None, None
        doc = source.doc
        if source.tag_ in _RELATIVE and source.head.dep_ == "relcl":
            # "leaders who say ...": PolNeAR's source is the pronoun, the actor its antecedent
            resolved = self.actors.resolve(source.head.head, memory)
            return (resolved[0] if resolved else None), Span(source.idx, _end(source), source.text)
        if source.lower_ in _PLURAL_PRONOUNS:
            found = _last_group(doc, source, memory)
            span = Span(source.idx, _end(source), source.text)
            return (found.actor if found else None), span
        resolved = self.actors.resolve(source, memory)
        if resolved is not None:
            actor, (start, end) = resolved
            return actor, Span(start, end, doc.text[start:end])
        shown = contiguous(phrase_tokens(source), source)
        start, end = shown[0].idx, _end(shown[-1])
        return None, Span(start, end, doc.text[start:end])


@dataclass
class Candidate:
    """A word that could head an attribution, the attribution built for it and what the learned
    scorer weighs about it; ``listed``: its cue is the lexicon's."""

    token: object
    attribution: _Attribution
    listed: bool
    features: list[str]


# -- helpers ----------------------------------------------------------------------------------


def quotations(text: str, markup: list[tuple[int, int]] | None = None) -> list[Marked]:
    """The quotations of ``text`` by their marks, but for those inside markup (``markup``: its
    spans, where the caller has them already)."""
    markup = _markup(text) if markup is None else markup
    return [m for m in find_marked(text) if not _within(m.start, markup)]


def _markup(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _MARKUP.finditer(text)]


def _compound(token) -> bool:
    """A word after a hyphen inside a compound ("so-called", "self-declared")."""
    previous = token.doc[token.i - 1] if token.i else None
    return previous is not None and previous.text in "-–" and not previous.whitespace_


def _inside(offset: int, marked: list[Marked]) -> bool:
    return any(m.start <= offset < m.end for m in marked)


def _within(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _in_markup(attribution: _Attribution, markup: list[tuple[int, int]]) -> bool:
    """An attribution whose cue or content lies in an element of markup."""
    if attribution.cue_tokens and _within(attribution.cue_start, markup):
        return True
    return any(_within(start, markup) for start, _ in attribution.parts)


_MARKS = "“”\"«»„'`"


def _outer_start(text: str, start: int) -> int:
    """``start`` moved back over the quote mark that opens the words there."""
    while start > 0 and text[start - 1] in _MARKS:
        start -= 1
    return start


def _outer_end(text: str, end: int) -> int:
    """``end`` moved on over a trailing comma and the quote mark that closes the words."""
    while end < len(text) and (text[end] in _MARKS or text[end] == ","):
        end += 1
    while end > 0 and text[end - 1] == ",":
        end -= 1
    return end


def _name_like(label) -> bool:
    """Words that can name a speaker: capitalised ("Sanders", "CNN President On Trump"), small
    lower-case words aside, with no punctuation and some letters."""
    if any(t.is_punct and t.text not in {".", "’", "'"} for t in label):
        return False
    words = [t for t in label if t.is_alpha]
    return bool(words) and all(t.text[0].isupper() or t.is_stop for t in words)


def _depth(token) -> int:
    depth = 0
    while token.head != token:
        token, depth = token.head, depth + 1
    return depth


def _reports(token) -> bool:
    """A cue hanging off its content: "X, sources said" (set off by a comma or dash) or "as X
    said, Y"; not a second verb of the same subject ("he left and said ...")."""
    if token.dep_ == "advcl":
        return any(c.dep_ == "mark" and c.lower_ == "as" for c in token.children)
    if token.dep_ == "conj":
        return False
    left = token.left_edge
    if left.text in _SET_OFF:
        return True
    previous = token.doc[left.i - 1] if left.i > 0 else None
    return previous is not None and previous.text in _SET_OFF


def _complement(child) -> bool:
    """A clause complement, or an infinitive ("promised to", "wants to"): not a participle
    ("said using an acronym")."""
    if child.dep_ == "ccomp":
        return True
    return child.dep_ == "xcomp" and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in child.children
    )


def _question(child, cue) -> bool:
    """An indirect question after the cue: "asked (the students) *if* they were serious",
    "was asked *whether* she had been"."""
    return (
        child.dep_ in {"advcl", "ccomp"}
        and child.i > cue.i
        and any(c.dep_ == "mark" and c.lower_ in {"if", "whether"} for c in child.children)
    )


def _copula_clause(noun) -> list:
    """The clause a cue noun is the subject of through a copula: "his *view* is *that ...*",
    "the claim was *that ...*"."""
    verb = noun.head
    if noun.dep_ != "nsubj" or verb.lemma_ != "be":
        return []
    return [c for c in verb.children if c.dep_ == "ccomp" and c.i > noun.i]


def _noun_clause(child) -> bool:
    """The clause of a cue noun: "the claim *that* ...", "a promise *to* ..."."""
    if child.head.pos_ != "NOUN" or child.dep_ not in {"acl", "ccomp", "relcl"}:
        return False
    return any(
        (c.dep_ == "mark" and c.lower_ == "that") or (c.dep_ == "aux" and c.lower_ == "to")
        for c in child.children
    )


def _set_off(content, cue) -> bool:
    """A content before its cue is set off from it by a comma, dash or quote mark ("X, he
    said"); without one the parse has most likely taken a clause for a complement."""
    between = cue.doc[content.right_edge.i : cue.i]
    return any(t.text in _SET_OFF for t in between)


def _source(token):
    """The cue's subject; failing that, for a cue verb the small parser left without one ("...,
    former president Bill Clinton said his wife ..." with "Clinton" attached elsewhere), the
    name, noun or number right before the cue and its auxiliaries."""
    subject = _subject(token)
    if (
        subject is not None
        or token.tag_ not in {"VBD", "VBZ", "VBP"}
        or token.dep_ not in {"ROOT", "ccomp", "conj", "parataxis"}
    ):
        return subject  # a finite main verb only: not "his written reply", "758 pledged delegates"
    if any(c.dep_ in {"nsubjpass", "auxpass", "expl"} for c in token.children):
        return None
    first = _cue_tokens(token)[0]
    before = token.doc[first.i - 1] if first.i else None
    if (
        before is not None
        and before.pos_ in {"PROPN", "NOUN", "NUM", "PRON"}
        and before.dep_ != "poss"
        and before.ent_type_ not in {"DATE", "TIME"}
    ):
        return before
    return None


def _subject(token):
    """The cue's subject (the nearest, where the parse gives two; the agent of a passive), or
    that of the verb it continues ("..., adding that", "and said", "opened the talks by
    saying"); the noun a participle hangs on ("farmers demanding ..."); the relative pronoun
    ("leaders who say ...")."""
    if token.pos_ == "NOUN":  # the owner of a cue noun ("his claim"), or its verb's subject
        owner = next((c for c in token.children if c.dep_ == "poss"), None)
        if owner is not None:
            return owner
        if token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ == "VERB":
            token = token.head  # "said in a statement that ...", "wrote in a letter to ..."
        elif token.dep_ not in {"dobj", "attr"}:
            return None
        token = token.head
    seen = 0
    while token is not None and seen < 4:
        subjects = [c for c in token.children if c.dep_ in _SUBJECTS]
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None and all(c.dep_ == "nsubjpass" for c in subjects):
            return next((c for c in agent.children if c.dep_ == "pobj"), None)  # "said by X"
        if subjects:
            subject = min(subjects, key=lambda c: abs(c.i - token.i))
            expletive = subject.lower_ == "there" or (
                subject.lower_ == "it" and subject.dep_ != "nsubj"
            )
            return None if expletive else subject
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            return token.head  # "voters saying they want ...", "a group backing Huckabee"
        if token.head == token or (token.dep_ not in _CONTINUES and token.dep_ not in _ALSO_CLIMBS):
            return None
        token, seen = token.head, seen + 1
    return None


def _cue_tokens(token) -> list:
    """The cue verb with the auxiliaries, negation and particles next to it ("has not said")."""
    group = [token] + [
        c
        for c in token.children
        if c.dep_ in {"aux", "auxpass", "neg", "prt"} and abs(c.i - token.i) <= 3
    ]
    group.sort(key=lambda t: t.i)
    return group[group.index(token) :] if group[0].i < token.i - 3 else group


def _runs(tokens) -> list[list[int]]:
    """Contiguous character spans of ``tokens``, without edge punctuation or empty runs."""
    indexes = sorted({t.i for t in tokens})
    if not indexes:
        return []
    doc = tokens[0].doc
    runs, run = [], [indexes[0]]
    for i in indexes[1:]:
        if i == run[-1] + 1:
            run.append(i)
        else:
            runs.append(run)
            run = [i]
    runs.append(run)
    spans = []
    for run in runs:
        words = [doc[i] for i in run]
        while words and all(ch in _EDGE_PUNCT for ch in words[0].text):
            words.pop(0)
        while words and all(ch in _EDGE_PUNCT for ch in words[-1].text):
            words.pop()
        if words and any(ch.isalnum() for w in words for ch in w.text):
            spans.append([words[0].idx, _end(words[-1])])
    return spans


def _merge(parts: list[list[int]]) -> list[tuple[int, int]]:
    merged: list[list[int]] = []
    for start, end in sorted(parts):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(s, e) for s, e in merged]


def _kind(attribution: _Attribution, parts, marked: list[Marked]) -> str:
    quoted = {(m.start, m.end) for m in marked}
    if all(part in quoted for part in parts):
        return "direct"
    if any(s <= m.start and m.end <= e for s, e in parts for m in marked):
        return "mixed"
    return "indirect"


def _last_group(doc, pronoun, memory: DocumentActors):
    """The last mention before ``pronoun`` that names a group: a plural noun, an
    organisation, a country or a nationality."""
    for mention in reversed(memory.mentions):
        if mention.end > pronoun.idx:
            continue
        span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        if root.tag_ in {"NNS", "NNPS"} or root.ent_type_ in _GROUP_ENTS:
            return mention
    return None


def _sentence(sentences, offset: int) -> int:
    for number, sent in enumerate(sentences):
        if sent.start_char <= offset < sent.end_char:
            return number
    return -1


def _words(text: str) -> str:
    """The quoted words on one line: a quotation of several paragraphs loses the line breaks and
    the opening mark that starts each new paragraph."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    return " ".join([lines[0], *(line.lstrip('“"«„') for line in lines[1:])]) if lines else ""


def _end(token) -> int:
    return token.idx + len(token.text)
