"""The event coder: lexicon predicates and their participants, from the dependency parse.

For each sentence, every verb whose lemma is in the event lexicon (and every event noun governed
by a light verb: "held talks", "launched an attack") is a candidate predicate. Its actor is the
subject (or the passive agent), inherited from the governing verb for infinitives and
coordinated verbs ("want to deepen", "met and agreed"); its recipient is the direct object, or
the object of the entry's preposition ("met with", "called on"). Coordinated phrases give actor
lists ("Turkey and Russia agreed"). An event is written only when its actor resolves; there is
no fallback code.

Modality and polarity are read from the predicate's own dependents: negation, future and
modal auxiliaries, "want/seek/plan to", and "if" clauses. An event inside the complement of a
speech verb ("Lavrov said his country will continue ...") carries the speaker in ``reported_by``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ..actors import ActorResolver, DocumentActors
from ..records import Actor, Event, Place, Span, TextInfo
from .cameo import CameoTable
from .lexicon import VerbEntry, VerbLexicon

# Verbs that carry an event noun: "held talks", "launched an attack", "continue its support".
_LIGHT_VERBS = {
    "hold",
    "launch",
    "conduct",
    "carry",
    "stage",
    "begin",
    "start",
    "open",
    "make",
    "mount",
    "resume",
    "continue",
    "express",
    "voice",
    "offer",
    "give",
    "extend",
    "renew",
    "announce",
    "declare",
    "reach",
    "intensify",
    "step",
    "pledge",
    "provide",
}
_WANT = {
    "want": "wanted",
    "seek": "wanted",
    "hope": "wanted",
    "wish": "wanted",
    "demand": "wanted",
    "plan": "intended",
    "intend": "intended",
    "aim": "intended",
    "vow": "intended",
    "pledge": "intended",
    "promise": "intended",
    "threaten": "intended",
    "prepare": "intended",
    "agree": "intended",
    "decide": "intended",
    "try": "intended",
    "expect": "intended",
}
_FUTURE = {"will", "wo", "'ll", "shall", "going"}
_HYPOTHETICAL = {"would", "could", "might", "may", "should"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
_INHERIT = {"xcomp", "conj", "advcl", "ccomp"}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(slots=True)
class _Args:
    actors: list  # tokens
    recipients: list
    passive: bool = False
    via_prep: bool = False  # the recipient came from the entry's preposition


class EventCoder:
    """Code the events of a parsed article (see the module docstring for the method)."""

    def __init__(
        self,
        lexicon: VerbLexicon,
        cameo: CameoTable,
        actors: ActorResolver,
        speech_verbs: frozenset[str],
        *,
        lead_sentences: int = 0,
        min_confidence: float = 0.0,
    ) -> None:
        self.lexicon = lexicon
        self.cameo = cameo
        self.actors = actors
        self.speech_verbs = speech_verbs
        self.lead_sentences = lead_sentences
        self.min_confidence = min_confidence

    def __call__(
        self, parsed, places: list[Place] | None = None, actors: DocumentActors | None = None
    ) -> list[Event]:
        article = parsed.article
        memory = actors if actors is not None else self.actors.document(parsed)
        events: dict[str, Event] = {}
        for number, sent in enumerate(parsed.sentences):
            if self.lead_sentences and number >= self.lead_sentences:
                break
            used: set[int] = set()  # predicates already coded: a verb entry beats its noun's
            for token in sorted(sent, key=lambda t: t.pos_ != "VERB"):
                for event in self._code_token(
                    token, sent, number, article, memory, places or [], used
                ):
                    events.setdefault(event.event_id, event)
        return [e for e in events.values() if e.confidence >= self.min_confidence]

    # -- predicates ---------------------------------------------------------------------------

    def _code_token(self, token, sent, number, article, memory, places, used) -> list[Event]:
        if token.pos_ in {"VERB", "AUX"}:
            entries, predicate = self.lexicon.candidates(token.lemma_.lower(), "VERB"), token
        elif token.pos_ == "NOUN" and token.head.lemma_ in _LIGHT_VERBS and token.dep_ == "dobj":
            entries, predicate = self.lexicon.candidates(token.lemma_.lower(), "NOUN"), token.head
        else:
            return []
        if predicate.i in used:
            return []
        for n, entry in enumerate(entries):
            args = self._arguments(token, predicate, entry)
            # An entry whose preposition is absent yields to a more general entry of the lemma
            # ("agreed to hold talks with Iran" is not "agreed with Iran").
            if args is None or (entry.prep and not args.via_prep and n < len(entries) - 1):
                continue
            events = self._build(
                entry, token, predicate, args, sent, number, article, memory, places
            )
            if events:
                used.add(predicate.i)
            return events
        return []

    def _arguments(self, token, predicate, entry: VerbEntry) -> _Args | None:
        """Actor and recipient tokens for an entry, or None when the entry's pattern fails."""
        if entry.particle and not any(
            c.dep_ == "prt" and c.lower_ == entry.particle for c in token.children
        ):
            return None
        dobj = next((c for c in token.children if c.dep_ in {"dobj", "obj"}), None)
        if entry.objects and not (_object_lemmas(token) & entry.objects):
            return None
        passive = any(c.dep_ in {"nsubjpass", "auxpass"} for c in predicate.children)
        if passive:
            agent = next((c for c in predicate.children if c.dep_ == "agent"), None)
            actors = [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else []
            recipients = [c for c in predicate.children if c.dep_ == "nsubjpass"]
        else:
            actors = _subjects(predicate)
            recipients = []
        via_prep = False
        if entry.prep and not recipients:
            holders = [token, predicate] + ([dobj] if dobj is not None else [])
            recipients = _prep_objects(holders, entry.prep)
            via_prep = bool(recipients)
        elif (
            not entry.prep
            and not entry.objects
            and token == predicate
            and dobj is not None
            and not passive
        ):
            recipients = [dobj]
        return _Args(_expand(actors), _expand(recipients), passive, via_prep)

    def _build(
        self, entry, token, predicate, args, sent, number, article, memory, places
    ) -> list[Event]:
        actors = self._resolve_all(args.actors, memory)
        if not actors or all(a.code is None and not a.sector for a, _ in actors):
            return []
        # A recipient that is an actor again ("the EU pledged ... the EU") is no recipient.
        own = {a.cameo for a, _ in actors if a.cameo and not a.cameo.startswith("---")}
        recipients = [
            r
            for r in self._resolve_all(args.recipients, memory)
            if r[0] != actors[0][0] and r[0].cameo not in own
        ]
        code = self.cameo[entry.cameo]
        confidence = _confidence(entry, actors, recipients)
        text_info = TextInfo(
            sequence=number,
            start=sent.start_char,
            end=sent.start_char + len(sent.text.rstrip()),
            sentence=sent.text.rstrip(),
            trigger=Span(token.idx, token.idx + len(token.text), token.text),
            actor_spans=tuple(Span(s, e, article.text[s:e]) for _, (s, e) in actors),
            recipient_spans=tuple(Span(s, e, article.text[s:e]) for _, (s, e) in recipients),
        )
        actor_list = tuple(a for a, _ in actors)
        recipient_list = tuple(r for r, _ in recipients)
        event_id = _event_id(
            article.doc_id, number, token.idx, entry.cameo, actor_list, recipient_list
        )
        return [
            Event(
                event_id=event_id,
                doc_id=article.doc_id,
                actor=actor_list,
                recipient=recipient_list,
                event=code.plover,
                cameo=code.code,
                text_info=text_info,
                rule=entry.rule,
                date=event_date(sent, article.published),
                mode=code.mode,
                context=code.context,
                goldstein=code.goldstein,
                quad_class=code.quad_class,
                event_loc=_location(
                    sent, places, article, [*text_info.actor_spans, *text_info.recipient_spans]
                ),
                negated=_negated(token, predicate),
                modality=_modality(token, predicate),
                reported_by=self._speaker(predicate, memory),
                confidence=confidence,
            )
        ]

    def _resolve_all(self, tokens, memory) -> list[tuple[Actor, tuple[int, int]]]:
        out = []
        for tok in tokens:
            found = self.actors.resolve(tok, memory)
            if found is not None and found[0] not in [a for a, _ in out]:
                out.append(found)
        return out

    def _speaker(self, predicate, memory) -> Actor | None:
        """The subject of the speech verb whose complement contains the predicate, if any."""
        node = predicate
        while node.dep_ in {"ccomp", "xcomp", "conj", "advcl", "relcl"} and node.head != node:
            node = node.head
            if node.lemma_.lower() in self.speech_verbs and node != predicate:
                subjects = _subjects(node)
                found = self.actors.resolve(subjects[0], memory) if subjects else None
                return found[0] if found else None
        return None


# -- argument helpers ---------------------------------------------------------------------------


def _object_lemmas(token) -> set[str]:
    """Lemmas of the direct object, with hyphenated words the parser split joined again
    ("co-operation" comes out as three objects: co, -, operation)."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    lemmas = {c.lemma_.lower() for c in objects}
    if len(objects) > 1:
        joined = "".join(c.text for c in objects).lower()
        lemmas |= {joined, joined.replace("-", "")}
    return lemmas


def _subjects(verb) -> list:
    """Subjects of a verb, inherited through xcomp/conj/advcl chains and relative clauses."""
    node = verb
    for _ in range(6):
        subjects = [c for c in node.children if c.dep_ in _SUBJECTS]
        if subjects:
            return subjects
        stolen = _stolen_subject(node)
        if stolen is not None:
            return [stolen]
        if node.dep_ in {"relcl", "acl"} and node.head.pos_ in {"NOUN", "PROPN"}:
            return [node.head]
        if node.dep_ not in _INHERIT or node.head == node:
            return []
        node = node.head
    return []


def _prep_objects(holders, prep: str) -> list:
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"prep", "dative", "agent"} and child.lower_ == prep:
                objects = [c for c in child.children if c.dep_ in {"pobj", "pcomp"}]
                if objects:
                    return objects
    return []


def _stolen_subject(verb):
    """The subject the parser attached as a conjunct of the previous clause's object.

    "Russia backs Assad and Turkey supports rebels" is often parsed with "Turkey" as a conjunct
    of "Assad" and "supports" without a subject; the noun right before such a verb is its subject.
    """
    if verb.i == 0 or verb.pos_ != "VERB" or any(c.dep_ in _SUBJECTS for c in verb.children):
        return None
    before = verb.doc[verb.i - 1]
    if before.dep_ == "conj" and before.pos_ in {"PROPN", "NOUN"} and before.head.i < verb.i:
        return before
    return None


def _expand(tokens) -> list:
    """Add coordinated tokens: "Turkey and Russia" yields both heads (but not a stolen subject)."""
    out = []
    for tok in tokens:
        stack = [tok]
        while stack:
            node = stack.pop()
            out.append(node)
            stack.extend(c for c in node.children if c.dep_ == "conj" and not _is_stolen(c))
    return out


def _is_stolen(token) -> bool:
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and _stolen_subject(after) == token


def _negated(token, predicate) -> bool:
    return any(c.dep_ == "neg" for c in (*token.children, *predicate.children))


def _modality(token, predicate) -> str:
    """asserted, intended (future or commitment), wanted, or hypothetical (conditional, modal)."""
    auxes = {c.lower_ for c in predicate.children if c.dep_ in {"aux", "auxpass"}}
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in predicate.children):
        return "hypothetical"
    if predicate.dep_ == "xcomp" and predicate.head.lemma_.lower() in _WANT:
        return _WANT[predicate.head.lemma_.lower()]
    if predicate.lemma_.lower() in {"want", "seek", "wish"}:
        return "wanted"
    if token != predicate and predicate.lemma_.lower() in _WANT:
        return _WANT[predicate.lemma_.lower()]
    if auxes & _FUTURE:
        return "intended"
    if auxes & _HYPOTHETICAL:
        return "hypothetical"
    return "asserted"


def _confidence(entry: VerbEntry, actors, recipients) -> float:
    """A heuristic score: resolved actor and recipient, and a specific lexicon pattern, raise it.

    Not calibrated yet; it orders events for review and for ``min_confidence``.
    """
    score = 0.4
    score += 0.25 if any(a.code for a, _ in actors) else 0.0
    score += 0.25 if any(r.code for r, _ in recipients) else (0.1 if recipients else 0.0)
    score += 0.1 if entry.specificity else 0.0
    return round(min(score, 1.0), 2)


def event_date(sent, published: str | None) -> str | None:
    """The weekday the sentence names ("on Wednesday"), counted back from publication; else the
    publication day."""
    if not published:
        return None
    try:
        day = datetime.fromisoformat(published).date()
    except ValueError:
        return None
    for ent in sent.ents:
        if ent.label_ == "DATE":
            word = ent.text.lower().strip(" ,.")
            if word in _WEEKDAYS:
                return _last_weekday(day, _WEEKDAYS.index(word)).isoformat()
            if word in {"yesterday"}:
                return (day - timedelta(days=1)).isoformat()
    return day.isoformat()


def _last_weekday(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


def _location(sent, places: list[Place], article, participants: list[Span]) -> Place | None:
    """First place in the sentence that is not a participant ("Russia backs ..." names an
    actor, not a location), else the dateline. The places issue refines this."""
    for place in places:
        if place.start is None or not sent.start_char <= place.start < sent.end_char:
            continue
        if any(p.start <= place.start < p.end for p in participants):
            continue
        return replace(place, chosen_by="sentence")
    if article.dateline and article.dateline.place:
        dateline = next((p for p in places if p.chosen_by == "dateline"), None)
        return dateline or Place(name=article.dateline.place, chosen_by="dateline")
    return None


def _event_id(doc_id: str, sentence: int, offset: int, cameo: str, actors, recipients) -> str:
    key = "|".join(
        [
            doc_id,
            str(sentence),
            str(offset),
            cameo,
            ",".join(a.cameo or a.name or "" for a in actors),
            ",".join(r.cameo or r.name or "" for r in recipients),
        ]
    )
    return "e" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest()
