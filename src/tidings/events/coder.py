"""The event coder: lexicon predicates and their participants, from the dependency parse.

For each sentence, every verb whose lemma is in the event lexicon (and every event noun governed
by a light verb: "held talks", "launched an attack") is a candidate predicate. Its actor is the
subject (or the passive agent), inherited from the governing verb for infinitives and
coordinated verbs ("want to deepen", "met and agreed"); its recipient is the direct object, or
the object of the entry's preposition ("met with", "called on"), or, where the entry names its
object ("lifted sanctions"), the one that object is aimed at ("sanctions against Iran", the
``aimed`` frame) or its owner ("the council's demand"); else a preposition of the verb itself
("lent $1 billion to Indonesia", the ``toward`` frame). Coordinated phrases give actor lists
("Turkey and Russia agreed"). A predicate adjective ("X is responsible for") is the
accusation of whoever asserts it. An event needs a known actor on one side (a name no
dictionary knows counts, unless ``code_unresolved`` is off); an agentless passive ("two
soldiers were killed") is coded for its known target alone. There is no fallback code;
the optional learned head (``events.learned``) adds model events only where it is named, with
``rule`` saying so.

A state its subject is in ("Israel is opposed to ...", ``STATE`` entries) is the subject's act.
Modality and polarity are read from the predicate's own dependents: negation and "failed to",
future and modal auxiliaries ("would" in reported speech is intent), "want/seek/plan/is ready
to", and "if" clauses; ``plover_reading`` turns intent, threat, demand, refusal and conditions
into PLOVER's types, and a reported "X must ..." is also the speaker's demand on X. Where the
reading is AGREE or REJECT on a cooperative act, the CAMEO code becomes CAMEO's own code for that
stance ("is willing to provide aid" 033, "refused direct talks" 125; ``data/stances.tsv``). The words
that shape these readings (light verbs, modal words, partitives ...) are data
(``data/frames.tsv``, ``events.frames``). An event inside the complement of a speech verb
("Lavrov said his country will continue ...") or inside a quote carries the speaker in
``reported_by``; a pronoun subject of the reported clause, and "I"/"we" in a quote, are the
speaker. Among a sentence's events, the main clause's ranks first.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from ..actors import ActorResolver, DocumentActors, phrase_tokens, separate
from ..actors.resolver import contiguous
from ..places import event_location
from ..records import Actor, Event, Place, Quote, Span, TextInfo
from .cameo import CameoTable
from .frames import Frames
from .learned import EventHead
from .lexicon import SurfaceLexicon, VerbEntry, VerbLexicon
from .surface import Phrase, SentenceView, match, pick_form

_FIRST_PERSON = {"i", "we", "me", "us"}
_REPORTED_PRONOUNS = {"it", "they", "he", "she"}
_FUTURE = {"will", "wo", "'ll", "shall", "going"}
_HYPOTHETICAL = {"would", "could", "might", "may", "should"}
_SUBJECTS = {"nsubj", "nsubjpass", "csubj"}
# A clause without a subject takes its governor's ("wants to deepen", "met and agreed"); a
# reported clause (ccomp) has its own subject, and one without is a parse error, not the
# speaker's ("Ethiopia act on ..., an official said": not the official).
# An adjective's clause and a preposition's verb take the subject of what they hang on: "it is
# prepared to impose", "Vietnam is committed to opening".
_INHERIT = {"xcomp", "conj", "advcl", "acomp", "pcomp", "prep"}
# "must", "should": a demand when someone else reports it ("said Sudan must return it")
_MUST = {"must", "should"}
_WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


@dataclass(slots=True)
class _Args:
    actors: list  # tokens
    recipients: list
    via_prep: bool = False  # the recipient came from the entry's preposition
    indirect: bool = False  # the recipient came from ``EventCoder._aimed``


@dataclass(frozen=True, slots=True)
class Discards:
    """Discard rules (``discards.txt``, PETRARCH's format): phrases that drop a sentence, and
    phrases that drop a whole story (sports results, market reports, entertainment)."""

    sentence: tuple[tuple[str, ...], ...] = ()
    story: tuple[tuple[str, ...], ...] = ()

    def hits(self, words: list[str], phrases) -> tuple[str, ...] | None:
        for phrase in phrases:
            n = len(phrase)
            for i in range(len(words) - n + 1):
                if tuple(words[i : i + n]) == phrase:
                    return phrase
        return None


class EventCoder:
    """Code the events of a parsed article (see the module docstring for the method)."""

    def __init__(
        self,
        lexicon: VerbLexicon,
        cameo: CameoTable,
        actors: ActorResolver,
        speech_verbs: frozenset[str],
        *,
        surface: SurfaceLexicon | None = None,
        discards: Discards | None = None,
        lead_sentences: int = 0,
        min_confidence: float = 0.0,
        code_unresolved: bool = True,
        lemmas: dict[str, str] | None = None,
        head: EventHead | None = None,
        encoder=None,
        frames: Frames | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.cameo = cameo
        self.actors = actors
        self.speech_verbs = speech_verbs
        self.surface = surface
        self.discards = discards or Discards()
        self.lead_sentences = lead_sentences
        self.min_confidence = min_confidence
        self.code_unresolved = code_unresolved
        self.lemmas = lemmas or {}
        if frames is None:
            from .. import resources

            frames = resources.event_frames()
        self.frames = frames
        if head is not None and encoder is None:
            raise ValueError("an event head needs a sentence encoder")
        self.head, self.encoder = head, encoder

    def __call__(
        self,
        parsed,
        places: list[Place] | None = None,
        actors: DocumentActors | None = None,
        quotes: list[Quote] | None = None,
    ) -> list[Event]:
        """Code every sentence. ``quotes`` (from the quotes stage) give events inside a quote
        the quote's speaker as ``reported_by``."""
        article = parsed.article
        memory = actors if actors is not None else self.actors.document(parsed)
        if self.discards.story and self.discards.hits(
            [t.text.upper() for t in parsed.doc], self.discards.story
        ):
            return []
        coded: list[tuple[_Context, dict[str, Event]]] = []
        for number, sent in enumerate(parsed.sentences):
            if self.lead_sentences and number >= self.lead_sentences:
                break
            if self.discards.sentence and self.discards.hits(
                [t.text.upper() for t in sent], self.discards.sentence
            ):
                continue
            context = _Context(sent, number, article, memory, places or [], quotes or ())
            found: dict[str, Event] = {}
            for token in sorted(sent, key=lambda t: t.pos_ != "VERB"):
                if token.i in context.covered:
                    continue
                for event in self._code_token(token, context):
                    found.setdefault(event.event_id, event)
            coded.append((context, found))
        if self.head is not None and coded:
            self._apply_head(coded)
        events: dict[str, Event] = {}
        for _, found in coded:
            for event_id, event in found.items():
                events.setdefault(event_id, event)
        return [e for e in events.values() if e.confidence >= self.min_confidence]

    # -- the learned head ---------------------------------------------------------------------

    def _apply_head(self, coded: list[tuple[_Context, dict[str, Event]]]) -> None:
        """Rerank each sentence's lexicon events by the head, and fill in a model event where
        the head is sure of a class that no lexicon event has (``events.learned``)."""
        head = self.head
        lexicon = []
        for _, found in coded:
            top = max(found.values(), key=lambda e: e.confidence, default=None)
            lexicon.append((head.label_of(top.cameo), top.confidence) if top else (None, 0.0))
        vectors = self.encoder.encode([ctx.sent.text for ctx, _ in coded])
        probabilities = head.probabilities(vectors, lexicon)
        for (ctx, found), row in zip(coded, probabilities, strict=True):
            chance = dict(zip(head.labels, row.tolist(), strict=True))
            for event_id, event in list(found.items()):
                p = chance.get(head.label_of(event.cameo) or "", 0.0)
                found[event_id] = replace(event, confidence=round((event.confidence + p) / 2, 3))
            best = max(chance, key=chance.__getitem__)
            if chance[best] < head.threshold:
                continue
            if any(head.label_of(e.cameo) == best for e in found.values()):
                continue
            for event in self._model_event(head.codes[best], round(chance[best], 3), ctx):
                found.setdefault(event.event_id, event)

    def _model_event(self, cameo: str, confidence: float, ctx: _Context) -> list[Event]:
        """The head's event: the main clause's subject acts on its object (or the object of
        its first preposition). Without a subject there is no event."""
        root = ctx.sent.root
        actors = self._resolve_all(_expand(_subjects(root)), ctx, keep_phrases=True)
        objects = [c for c in root.children if c.dep_ in {"dobj", "obj", "dative"}]
        if not objects:
            preps = [c for c in root.children if c.dep_ == "prep"]
            objects = [c for p in preps[:1] for c in p.children if c.dep_ == "pobj"]
        recipients = self._resolve_all(_expand(objects), ctx, keep_phrases=True)
        events = self._build(
            cameo, f"model:{self.head.name}", 0, root, root, actors, recipients, ctx, known=False
        )
        return [replace(e, confidence=confidence) for e in events]

    # -- predicates ---------------------------------------------------------------------------

    def _code_token(self, token, ctx: _Context) -> list[Event]:
        verbal = token.pos_ in {"VERB", "AUX"} or token.tag_.startswith("VB")
        if verbal and self.surface is not None:
            events = self._code_surface(token, ctx)
            if events:
                return events
        if _stative(token) and self.lexicon.candidates(token.lower_, "STATE"):
            return self._state(token, ctx)
        if token.pos_ in {"VERB", "AUX"}:
            entries, predicate = self._verb_entries(token), token
        elif (
            token.pos_ == "NOUN"
            and self._lemma(token.head) in self.frames.light
            and token.dep_ == "dobj"
        ):
            entries, predicate = self.lexicon.candidates(token.lemma_.lower(), "NOUN"), token.head
        elif (
            token.pos_ == "NOUN"
            and token.dep_ == "compound"
            and token.head.dep_ == "dobj"
            and token.head.lemma_.lower() in self.frames.effort
            and self._lemma(token.head.head) in self.frames.light
        ):  # "launched a mediation effort": the event is the compound
            entries = self.lexicon.candidates(token.lemma_.lower(), "NOUN")
            predicate = token.head.head
        elif (
            token.pos_ == "NOUN"
            and token.dep_ == "pobj"
            and (self._lemma(token.head.head), token.head.lower_) in self.frames.carrier
        ):  # "engaged in ethnic cleansing"
            entries = self.lexicon.candidates(token.lemma_.lower(), "NOUN")
            predicate = token.head.head
        elif token.pos_ == "ADJ" and token.dep_ == "acomp" and token.head.lemma_ == "be":
            return self._attribution(token, ctx)
        else:
            return []
        if predicate.i in ctx.used:
            return []
        chosen = self._choose(entries, token, predicate)
        if chosen is None:
            speech = token == predicate and token.lemma_.lower() in self.speech_verbs
            return self._statement(token, ctx) if speech else []
        entry, args = chosen
        actors = self._resolve_all(args.actors, ctx, keep_phrases=True)
        recipients = self._resolve_all(args.recipients, ctx, keep_phrases=True)
        # "Two Israeli soldiers were killed": a passive without its agent is still an event
        # of a known target, with no actor.
        sourceless = not actors and any(c.dep_ == "nsubjpass" for c in predicate.children)
        events = self._build(
            entry.cameo,
            entry.rule,
            entry.specificity,
            token,
            predicate,
            actors,
            recipients,
            ctx,
            sourceless=sourceless,
            indirect=args.indirect,
        )
        if events:
            ctx.used.add(predicate.i)
        return events

    def _lemma(self, token) -> str:
        return self.lemmas.get(token.lower_) or token.lemma_.lower()

    def _verb_entries(self, token) -> list[VerbEntry]:
        """The verb's entries; a verb the lexicon lacks that is "re-" and a verb it has takes
        that verb's ("reimposed blockades", "redeployed troops")."""
        lemma = self._lemma(token)
        entries = self.lexicon.candidates(lemma, "VERB")
        if not entries and lemma.startswith("re") and len(lemma) > 5:
            entries = self.lexicon.candidates(lemma[2:].lstrip("-"), "VERB")
        return entries

    def _choose(self, entries, token, predicate) -> tuple[VerbEntry, _Args] | None:
        """The most specific entry whose pattern holds. An entry whose preposition is absent
        yields to a more general entry of the lemma ("agreed to hold talks with Iran" is not
        "agreed with Iran"), unless that one asks less: "imposed sanctions" keeps the
        sanctions entry when only a bare "impose" is left."""
        waiting = None
        for entry in entries:
            args = self._arguments(token, predicate, entry)
            if args is None:
                continue
            if entry.prep and not args.via_prep:
                waiting = waiting or (entry, args)
                continue
            if waiting is not None and waiting[0].objects and not entry.objects:
                return waiting
            return entry, args
        return waiting

    def _code_surface(self, token, ctx: _Context) -> list[Event]:
        """An imported (PETRARCH) verb: its longest matching pattern, else its own code."""
        forms = self.surface.lookup(token.text, token.lemma_)
        if not forms:
            return []
        view = ctx.view
        form = pick_form(forms, token, view.words)
        if form is None:
            return []
        right_end = _clause_end(token)
        found = match(self.surface, form, token, view, right_end)
        if found.code == "---":
            return []
        first, last = found.verb
        passive = _passive(token)
        bindings = found.bindings
        compound = bindings.get("compound")
        if "source" in bindings:
            actors = self._phrase_actors(bindings["source"], ctx)
        elif compound is not None and compound.first < first:  # "% * TALKS": the compound acts
            actors = self._phrase_actors(compound, ctx)
        elif passive is not None:
            actors = self._resolve_all(_expand(passive), ctx)
        else:
            actors = self._resolve_all(_expand(_subjects(token)), ctx)
            if not any(_coded(a) for a, _ in actors):
                before = [p for p in view.phrase_before(first - 1, ctx.sent.start) if p.coded]
                actors = self._phrase_actors(before[0], ctx) if before else actors
        if "target" in bindings:
            recipients = self._phrase_actors(bindings["target"], ctx)
        elif compound is not None and compound.first > last:  # "* WITH %": with each of them
            recipients = self._phrase_actors(compound, ctx)
        elif compound is not None:  # "% * [030:030]": each with the others, a reciprocal event
            recipients = []  # (actors and no recipient: each acted on the others)
        elif passive is not None:
            subjects = [c for c in token.children if c.dep_ == "nsubjpass"]
            recipients = self._resolve_all(_expand(subjects), ctx)
        else:
            # PETRARCH's target: the first coded phrase of the clause. An uncoded one would be
            # its "---", which its default (require_dyad) drops: imported dictionaries are
            # coded as their authors expect.
            coded = [p for p in view.phrase_after(last + 1, right_end) if p.coded]
            recipients = self._phrase_actors(coded[0], ctx) if coded else []
        codes = found.code.split(":", 1)
        events = self._build(
            codes[0], found.rule, 1 + bool(found.pattern), token, token, actors, recipients, ctx
        )
        if len(codes) == 2 and codes[1] != "---" and recipients:  # "A:B": B back from the target
            events += self._build(
                codes[1], found.rule, 1 + bool(found.pattern), token, token, recipients, actors, ctx
            )
        if events:
            ctx.used.add(token.i)
            ctx.covered.update(range(last + 1, right_end + 1))  # PETRARCH codes a clause once
        return events

    def _held(self, token, word: str, pos: str) -> list[VerbEntry]:
        """The word's entries whose preposition, if they name one, follows the token."""
        return [
            e
            for e in self.lexicon.candidates(word, pos)
            if not e.prep or _prep_objects([token], e.prep)
        ]

    def _state(self, token, ctx: _Context) -> list[Event]:
        """A state its subject is in ("Israel is opposed to French mediation"): the subject
        acts, on the object of the entry's preposition."""
        predicate = token if token.pos_ in {"VERB", "AUX"} else token.head
        entries = self._held(token, token.lower_, "STATE")
        if not entries or predicate.i in ctx.used:
            return []
        entry = entries[0]
        subjects = _subjects(predicate) or [  # the parser may hang it on "is"
            c
            for aux in predicate.children
            if aux.dep_ in {"aux", "auxpass"}
            for c in aux.children
            if c.dep_ in _SUBJECTS
        ]
        actors = self._resolve_all(_expand(subjects), ctx, keep_phrases=True)
        targets = _prep_objects([token], entry.prep) if entry.prep else []
        recipients = self._resolve_all(_expand(targets), ctx, keep_phrases=True)
        events = self._build(
            entry.cameo, entry.rule, entry.specificity, token, predicate, actors, recipients, ctx
        )
        if events:
            ctx.used.add(predicate.i)
        return events

    def _attribution(self, token, ctx: _Context) -> list[Event]:
        """A predicate adjective ("Assad is responsible for the deaths") is an event of whoever
        asserts it: the speaker or believer whose clause it is ("we know that ..."), else the
        quote's speaker; its subject is the target. The writer's own "X is responsible" is no
        event: news prose states it, nobody did it."""
        copula = token.head
        entries = self._held(token, token.lemma_.lower(), "ADJ")
        if not entries or copula.i in ctx.used:
            return []
        targets = self._resolve_all(_expand(_subjects(copula)), ctx, keep_phrases=True)
        holder = self._asserter(copula, ctx)
        if holder is None or not targets:
            return []
        entry = entries[0]
        events = self._build(
            entry.cameo, entry.rule, entry.specificity, token, copula, [holder], targets, ctx
        )
        if events:
            ctx.used.add(copula.i)
        return events

    def _asserter(self, clause, ctx: _Context) -> tuple[Actor, tuple[int, int]] | None:
        node = clause
        while node.dep_ in {"ccomp", "xcomp", "conj", "advcl"} and node.head != node:
            node = node.head
            lemma = node.lemma_.lower()
            if lemma in self.speech_verbs or lemma in self.frames.belief:
                found = self._resolve_all(_expand(_subjects(node)), ctx)
                if found:
                    return found[0]
        quote = ctx.quote_of(clause)
        if quote is not None and quote.speaker_span is not None:
            return quote.speaker, (quote.speaker_span.start, quote.speaker_span.end)
        return None

    def _statement(self, token, ctx: _Context) -> list[Event]:
        """A speech verb with a reported clause is the speaker's statement (CAMEO 010); what it
        reports is coded on its own, with the speaker in ``reported_by``. Its confidence is
        lower than a content event's, so that a sentence's top event is what was said."""
        reported = [c for c in token.children if c.dep_ in {"ccomp", "parataxis"}]
        if not reported:
            return []
        actors = self._resolve_all(_expand(_subjects(token)), ctx)
        lemma = token.lemma_.lower()
        # "Russia said Sudan must return the helicopter": Russia's demand on Sudan (CAMEO 100)
        demanded = [
            c for c in reported if any(a.dep_ == "aux" and a.lower_ in _MUST for a in c.children)
        ]
        if demanded:
            own = {a.cameo for a, _ in actors}
            targets = [
                t
                for t in self._resolve_all(_expand(_subjects(demanded[0])), ctx)
                if _coded(t[0]) and t[0].cameo not in own
            ]
            if targets:
                return self._build(
                    "100", f"speech_verbs.tsv:{lemma}+must", 0, token, token, actors, targets, ctx
                )
        addressees = [c for c in token.children if c.dep_ in {"dobj", "dative"}]
        addressees += _prep_objects([token], "to")
        recipients = self._resolve_all(_expand(addressees), ctx)
        return self._build(
            "010", f"speech_verbs.tsv:{lemma}", -1, token, token, actors, recipients, ctx
        )

    def _phrase_actors(self, phrase: Phrase, ctx: _Context) -> list[tuple[Actor, tuple[int, int]]]:
        out = []
        for head in phrase.heads:
            found = self._quoted(head, ctx) or self._named(head, ctx.memory) or _uncoded(head)
            if found[0] not in [a for a, _ in out]:
                out.append(found)
        return out

    def _arguments(self, token, predicate, entry: VerbEntry) -> _Args | None:
        """Actor and recipient tokens for an entry, or None when the entry's pattern fails."""
        if entry.particle and not any(  # the parser tags some particles as adverbs ("step down")
            (c.dep_ == "prt" or (c.dep_ == "advmod" and c.i == token.i + 1))
            and c.lower_ == entry.particle
            for c in token.children
        ):
            return None
        dobj = next((c for c in token.children if c.dep_ in {"dobj", "obj"}), None)
        if entry.objects and not (_object_lemmas(token, self.frames) & entry.objects):
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
            if token.dep_ == "compound":  # "a mediation effort between A and B"
                holders.append(token.head)
            recipients = _prep_objects(holders, entry.prep)
            via_prep = bool(recipients)
            if not recipients and entry.prep == "to" and token == predicate:
                # "will give Tanzania a grant": the dative is the "to" recipient
                recipients = [c for c in token.children if c.dep_ == "dative"]
        elif (
            not entry.prep
            and not entry.objects
            and token == predicate
            and dobj is not None
            and not passive
        ):
            recipients = [dobj]
        elif not entry.prep and token == predicate and entry.cameo[:2] in {"02", "10"}:
            # "demanded that its partners refuse": the demand is made of the clause's subject
            reported = next((c for c in token.children if c.dep_ == "ccomp"), None)
            if reported is not None and not passive:
                recipients = [s for s in _subjects(reported) if not _pronoun(s, _FIRST_PERSON)]
        aimed = []
        if not passive and token == predicate:
            aimed = self._aimed(token, entry, dobj, recipients)
        if aimed:
            return _Args(_expand(actors), _expand(aimed), via_prep, indirect=True)
        return _Args(_expand(actors), _expand(recipients), via_prep)

    def _aimed(self, token, entry: VerbEntry, dobj, recipients: list) -> list:
        """A target the pattern's own slots missed: the one an event noun object is aimed at
        ("lifted sanctions against the regime"), else that noun's owner ("rejected the
        council's demand", resolved through ``_owner``); for a verb without an entry preposition
        or a participant object, the object of its own ``toward`` preposition ("lent $2 billion
        to Kenya"). Empty when the slots found a target or none of these holds."""
        if entry.objects and dobj is not None and not recipients:
            found = _aimed_objects(dobj, self.frames)
            if found:
                return found
            if any(c.dep_ == "poss" and c.pos_ != "PRON" for c in dobj.children):
                return [dobj]
        if entry.prep or any(_participant(r) or r.pos_ == "PRON" for r in recipients):
            return []
        return _aimed_objects(token, self.frames, self.frames.toward)

    def _build(
        self,
        cameo,
        rule,
        specificity,
        token,
        predicate,
        actors,
        recipients,
        ctx: _Context,
        *,
        known: bool = True,
        sourceless: bool = False,
        indirect: bool = False,
    ) -> list[Event]:
        # An event needs a known actor on one side at least: "gunmen killed five soldiers" is
        # coded (the soldiers are ---MIL), "the committee praised the library" is not. A name
        # no dictionary knows counts as known unless ``code_unresolved`` is off: "the Ogaden
        # National Liberation Front declared a ceasefire" is an event of that front, kept with
        # its name for curation, and its confidence (no code) ranks it below coded ones. (A
        # model event, whose evidence is the whole sentence, needs an actor only; an agentless
        # passive needs no actor.)
        if not actors and not (sourceless and recipients):
            return []
        if known and not any(self._known(a) for a, _ in actors + recipients):
            return []
        # A recipient that is an actor again ("the EU pledged ... the EU") is no recipient.
        own = {a.cameo for a, _ in actors if a.cameo and not a.cameo.startswith("---")}
        recipients = [
            r for r in recipients if not actors or (r[0] != actors[0][0] and r[0].cameo not in own)
        ]
        sent, article = ctx.sent, ctx.article
        code = self.cameo.get(cameo)
        past_year = _past_year(predicate, article.published)
        main = _main_clause(predicate, self.speech_verbs)
        confidence = _confidence(
            specificity, actors, recipients, main, _adjunct(predicate), indirect=indirect
        )
        text_info = TextInfo(
            sequence=ctx.number,
            start=sent.start_char,
            end=sent.start_char + len(sent.text.rstrip()),
            sentence=sent.text.rstrip(),
            trigger=Span(token.idx, token.idx + len(token.text), token.text),
            actor_spans=tuple(Span(s, e, article.text[s:e]) for _, (s, e) in actors),
            recipient_spans=tuple(Span(s, e, article.text[s:e]) for _, (s, e) in recipients),
        )
        actor_list = tuple(a for a, _ in actors)
        recipient_list = tuple(r for r, _ in recipients)
        negated = _negated(token, predicate)
        modality = "historical" if past_year else _modality(token, predicate, self.frames)
        if modality == "hypothetical" and self._backshifted(predicate):
            modality = "intended"
        plover, mode = plover_reading(code, token, predicate, modality, negated, self.frames)
        if plover in {"AGREE", "REJECT"} and code.plover != plover and code.quad_class in (1, 2):
            # a stance taken on a cooperative act is CAMEO's code for that stance: intending or
            # offering it ("is willing to provide aid", "they said they will release the
            # hostages": 033, 0353), as the CAMEO manual and the ConfliBERT annotators code it,
            # or refusing it ("refused direct talks": 125). The PLOVER mode keeps the act.
            # (PETRARCH's unit suite keeps the act's code for a plain "will": 4 of its codes.)
            stance = self.cameo.stance(plover, cameo)
            if stance is not None:
                cameo, rule, code = stance, f"{rule}+{plover.lower()}", self.cameo.get(stance)
        event_id = _event_id(
            article.doc_id, ctx.number, token.idx, cameo, actor_list, recipient_list
        )
        return [
            Event(
                event_id=event_id,
                doc_id=article.doc_id,
                actor=actor_list,
                recipient=recipient_list,
                event=plover,
                cameo=cameo,
                text_info=text_info,
                rule=rule,
                date=past_year or event_date(sent, article.published),
                mode=mode,
                context=code.context,
                goldstein=code.goldstein,
                quad_class=code.quad_class,
                event_loc=event_location(
                    sent,
                    ctx.places,
                    article,
                    [*text_info.actor_spans, *text_info.recipient_spans],
                    trigger=token,
                ),
                negated=negated,
                modality=modality,
                reported_by=self._speaker(predicate, ctx.memory) or ctx.quoted_by(predicate),
                confidence=confidence,
            )
        ]

    def _known(self, actor: Actor) -> bool:
        if actor.code or actor.sector:
            return True
        return self.code_unresolved and actor.resolved_by == "unresolved"

    def _resolve_all(
        self, tokens, ctx: _Context, *, keep_phrases: bool = False
    ) -> list[tuple[Actor, tuple[int, int]]]:
        """Actors of the participant tokens; with ``keep_phrases``, a noun phrase that names no
        known actor is kept as an uncoded participant ("gunmen", "a convoy")."""
        out = []
        memory = ctx.memory
        for tok in tokens:
            if tok.i in memory.consumed and tok.i not in memory.by_head:
                continue  # coded inside a larger phrase ("lawmakers in A and B")
            found = self._quoted(tok, ctx) or self._reporter(tok, ctx) or self._named(tok, memory)
            if (found is None or not _coded(found[0])) and keep_phrases:
                found = self._owner(tok, memory) or found
            if found is None and keep_phrases and _participant(tok):
                found = _uncoded(tok)
            if found is not None and found[0] not in [a for a, _ in out]:
                out.append(found)
        return out

    def _owner(self, tok, memory) -> tuple[Actor, tuple[int, int]] | None:
        """The actor a thing belongs to: "set fire to the offices of the Palestinian
        administrators", "shelled the rebels' camps"."""
        if tok.pos_ != "NOUN" or tok.ent_type_:
            return None
        for child in tok.children:
            owner = None
            if child.dep_ == "poss":
                owner = child
            elif child.dep_ == "prep" and child.lower_ == "of":
                owner = next((c for c in child.children if c.dep_ == "pobj"), None)
            if owner is not None and owner.lower_ not in _REPORTED_PRONOUNS | {"its", "their"}:
                found = self._named(owner, memory)
                if found is not None and _coded(found[0]):
                    return found
        return None

    def _reporter(self, tok, ctx: _Context) -> tuple[Actor, tuple[int, int]] | None:
        """A pronoun subject of a reported clause is the reporter: "Switzerland said it had
        expelled two diplomats", "the rebels said they will release him"."""
        if tok.lower_ not in _REPORTED_PRONOUNS or tok.dep_ not in _SUBJECTS:
            return None
        node = tok.head
        while node.dep_ in {"ccomp", "conj"} and node.head != node:
            node = node.head
            lemma = node.lemma_.lower()
            if lemma in self.speech_verbs or lemma in self.frames.belief:
                subjects = [s for s in _subjects(node) if s.lower_ not in _REPORTED_PRONOUNS]
                found = self._named(subjects[0], ctx.memory) if subjects else None
                if found is not None and _coded(found[0]):
                    return found[0], (tok.idx, tok.idx + len(tok.text))
                return None
        return None

    def _quoted(self, tok, ctx: _Context) -> tuple[Actor, tuple[int, int]] | None:
        """ "I" and "we" inside a quote are its speaker ("We know that Assad is responsible")."""
        if not _pronoun(tok, _FIRST_PERSON):
            return None
        speaker = ctx.quoted_by(tok)
        return (speaker, (tok.idx, tok.idx + len(tok.text))) if speaker is not None else None

    def _named(self, head, memory) -> tuple[Actor, tuple[int, int]] | None:
        """The head's actor; an unknown short form takes the name it abbreviates when the
        parser hung that name on it ("the European Union (EU)": EU ← Union)."""
        found = self.actors.resolve(head, memory)
        if found is not None and _coded(found[0]):
            return found
        for child in head.children:
            if child.dep_ in {"nmod", "appos"} and child.i < head.i:
                named = self.actors.resolve(child, memory)
                if named is not None and _coded(named[0]):
                    return named
        return found

    def _backshifted(self, predicate) -> bool:
        """ "would" reported by a speech verb is the future of the past: "said they would
        boycott" is what they will do, not what they might."""
        if not any(c.dep_ == "aux" and c.lower_ == "would" for c in predicate.children):
            return False
        node = predicate
        while node.dep_ in {"ccomp", "conj", "xcomp"} and node.head != node:
            node = node.head
            if node.lemma_.lower() in self.speech_verbs:
                return True
        return False

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


class _Context:
    """One sentence being coded: what the rules share (the noun-phrase view is built lazily)."""

    def __init__(self, sent, number, article, memory, places, quotes=()) -> None:
        self.sent, self.number, self.article = sent, number, article
        self.memory, self.places = memory, places
        # said or believed, not intended ("plans to") or shown ("polls show"): those are no
        # one's report of the event
        self.quotes = [
            q
            for q in quotes
            if q.cue_kind in {None, "speech", "belief"}
            and q.speaker is not None
            and q.start < sent.end_char
            and q.end > sent.start_char
        ]
        self.used: set[int] = set()  # predicates already coded: a verb entry beats its noun's
        self.covered: set[int] = set()  # tokens inside a clause a surface pattern coded
        self._view: SentenceView | None = None

    def quote_of(self, token) -> Quote | None:
        """The quote (with a speaker) whose content holds the token, if any."""
        return next((q for q in self.quotes if q.start <= token.idx < q.end), None)

    def quoted_by(self, token) -> Actor | None:
        quote = self.quote_of(token)
        return quote.speaker if quote is not None else None

    @property
    def view(self) -> SentenceView:
        if self._view is None:
            self._view = SentenceView(self.sent, _phrases(self.sent, self.memory))
        return self._view


def _phrases(sent, memory: DocumentActors) -> list[Phrase]:
    """Noun phrases of a sentence: actor mentions (coded), other noun chunks (uncoded), and
    coordinations of them as compounds."""
    doc = sent.doc
    phrases: dict[int, Phrase] = {}
    taken: set[int] = set()
    for token in sent:
        found = memory.by_head.get(token.i)
        if found is None:
            continue
        span = doc.char_span(*found[1], alignment_mode="expand")
        if span is None:
            continue
        phrases[token.i] = Phrase(span.start, span.end - 1, [token], coded=_coded(found[0]))
        taken.update(range(span.start, span.end))
    for chunk in sent.noun_chunks:
        if chunk.root.i in phrases or any(i in taken for i in range(chunk.start, chunk.end)):
            continue
        phrases[chunk.root.i] = Phrase(chunk.start, chunk.end - 1, [chunk.root])
    out = list(phrases.values())
    for head_i, phrase in phrases.items():
        members = [phrase]
        stack = [doc[head_i]]
        while stack:
            for child in stack.pop().children:
                if child.dep_ == "conj" and child.i in phrases:
                    members.append(phrases[child.i])
                    stack.append(child)
        if len(members) > 1:
            out.append(
                Phrase(
                    min(m.first for m in members),
                    max(m.last for m in members),
                    [h for m in members for h in m.heads],
                    coded=any(m.coded for m in members),
                    compound=True,
                )
            )
    return out


def _pronoun(token, words) -> bool:
    """The token is one of these pronouns (the "US" is not "us")."""
    return token.pos_ == "PRON" and token.lower_ in words


def _coded(actor: Actor) -> bool:
    return bool(actor.code or actor.cameo)


def _uncoded(head) -> tuple[Actor, tuple[int, int]]:
    """A participant phrase no dictionary codes ("a car bomb", "the crowd"): kept with its
    words, so that the event shows who or what took part."""
    tokens = contiguous(phrase_tokens(head), head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return Actor(entity_text=head.doc.text[start:end], resolved_by="phrase"), (start, end)


def _clause_end(verb) -> int:
    """The last token of the verb's own clause to its right: its subtree, less a conjoined
    verb phrase ("condemned the attack and promised aid") and trailing punctuation."""
    end = verb.i
    for child in verb.children:
        if child.i < verb.i:
            continue
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"}:
            return min(end, child.left_edge.i - 1) if end > verb.i else end
        if child.dep_ not in {"cc", "punct"}:
            end = max(end, child.right_edge.i)
    return end


_NOT_PARTICIPANT_ENTS = {"DATE", "TIME", "CARDINAL", "ORDINAL", "PERCENT", "MONEY", "QUANTITY"}


def _participant(token) -> bool:
    return token.pos_ in {"NOUN", "PROPN"} and token.ent_type_ not in _NOT_PARTICIPANT_ENTS


def _passive(verb) -> list | None:
    """The agents of a passive verb ("was attacked by Arnor"), or None when it is active."""
    if not any(c.dep_ in {"nsubjpass", "auxpass"} for c in verb.children):
        return None
    agent = next((c for c in verb.children if c.dep_ == "agent"), None)
    return [c for c in agent.children if c.dep_ == "pobj"] if agent is not None else None


# -- argument helpers ---------------------------------------------------------------------------


def _object_lemmas(token, frames: Frames) -> set[str]:
    """Lemmas of the direct object, with hyphenated words the parser split joined again
    ("co-operation" comes out as three objects: co, -, operation)."""
    objects = [c for c in token.children if c.dep_ in {"dobj", "obj"}]
    lemmas = {c.lemma_.lower() for c in objects}
    for obj in objects:  # "halted mediation efforts": the effort is the mediation
        if obj.lemma_.lower() in frames.effort:
            lemmas |= {c.lemma_.lower() for c in obj.children if c.dep_ == "compound"}
        if obj.lower_ in frames.partitive:  # "captured part of the stronghold"
            for prep in obj.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    lemmas |= {c.lemma_.lower() for c in prep.children if c.dep_ == "pobj"}
    if len(objects) > 1:
        joined = "".join(c.text for c in objects).lower()
        lemmas |= {joined, joined.replace("-", "")}
    return lemmas


def _aimed_objects(noun, frames: Frames, preps: frozenset[str] | None = None) -> list:
    """The objects of the first preposition of ``frames.aimed`` (or ``preps``) on an event noun,
    on the noun an "of" joins to it ("lifted the state of emergency in the north"), or on a
    participle that qualifies it ("a ban imposed on foreign reporters")."""
    preps = frames.aimed if preps is None else preps
    holders = [noun]
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            holders += [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "acl" and child.tag_ == "VBN":
            holders.append(child)
    for holder in holders:
        for prep in holder.children:
            if prep.dep_ in {"prep", "dative"} and prep.lower_ in preps:
                objects = [c for c in prep.children if c.dep_ == "pobj" and _participant(c)]
                if objects:
                    return objects
    return []


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
        if node.dep_ == "prep" and any(c.dep_ in {"dobj", "obj"} for c in node.head.children):
            return []  # "accused Moscow of violating": the object is the doer, not the subject
        node = node.head
    return []


def _prep_objects(holders, prep: str) -> list:
    for holder in holders:
        for child in holder.children:
            if child.dep_ in {"prep", "dative", "agent"} and child.lower_ == prep:
                objects = [
                    c
                    for c in child.children
                    if c.dep_ in {"pobj", "pcomp"} and c.ent_type_ not in {"DATE", "TIME"}
                ]
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
            stack.extend(
                c for c in node.children if (c.dep_ == "conj" and not _is_stolen(c)) or separate(c)
            )
    return out


def _is_stolen(token) -> bool:
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return after is not None and _stolen_subject(after) == token


# PLOVER codes a stated intention, threat, demand or refusal as its own event type, with the
# intended action as the mode (CAMEO's 03, 13, 02 and 12 roots); Tidings keeps the action's CAMEO
# code and modality, and reads the PLOVER type so.
_PLOVER_KEPT = {"STATEMENT", "AGREE", "REQUEST", "REJECT", "THREATEN", "ACCUSE"}


def plover_reading(code, token, predicate, modality: str, negated: bool, frames: Frames) -> tuple:
    """The PLOVER (event type, mode) of an event: the CAMEO code's, unless the event is
    refused ("refused to meet": REJECT), threatened ("threatened to ban": THREATEN), demanded
    ("demanded that Hamas renounce": REQUEST), offered or intended ("will release": AGREE for a
    cooperative action, THREATEN for a material-conflict one) or negated cooperation ("did not
    agree": REJECT). The mode is then the action's own type, lower-cased."""
    event, quad = code.plover, code.quad_class
    if event is None or event in {"STATEMENT"} or quad is None:
        return event, code.mode
    governor = predicate.head.lemma_.lower() if predicate.dep_ in {"xcomp", "ccomp"} else ""
    if token != predicate and predicate.dep_ not in {"xcomp", "ccomp"}:
        governor = predicate.lemma_.lower()  # a light verb's own governor: "offered talks"
    action = event.lower()
    # a negated cooperative act is a refusal ("did not agree"), but a negated appeal is no
    # rejection of anything ("we are not asking for charity"): it stays a REQUEST, negated
    refused = negated and quad <= 2 and event not in {"REJECT", "REQUEST"}
    if governor in frames.refuse or refused:
        return "REJECT", action
    auxes = {c.lower_ for c in predicate.children if c.dep_ in {"aux", "auxpass"}}
    if (
        governor in frames.ask or auxes & _MUST or _asked(predicate, frames)
    ):  # "said Sudan must return it"
        return "REQUEST", action
    if event in _PLOVER_KEPT:
        return event, code.mode
    if governor == "threaten":
        return "THREATEN", action
    # a conditional consequence: "will withdraw its force unless ...", "may halt aid if ..."
    condition = _condition(predicate)
    if condition == "unless" or (condition and modality != "asserted" and quad >= 3):
        return "THREATEN", action
    if condition and modality != "asserted" and quad <= 2:  # "would meet him if he ..."
        return "AGREE", action
    intends = modality == "intended" and governor not in {"decide", "try"}
    if intends or governor in frames.offer:
        if quad <= 2:
            return "AGREE", action
        if quad == 4:
            return "THREATEN", action
    if modality == "wanted" and quad <= 2:
        # wanting one's own act is intent ("wants to deepen co-operation"); wanting a thing
        # of others is a request ("want a ceasefire")
        return ("AGREE" if predicate.dep_ == "xcomp" else "REQUEST"), action
    return event, code.mode


def _asked(predicate, frames: Frames) -> bool:
    """Whether the clause is what someone asks for: "demanded that its partners refuse to
    recognize", "reiterated its demand that Israel ease restrictions"."""
    node = predicate
    for _ in range(3):
        if node.dep_ not in {"xcomp", "ccomp", "acl", "relcl"} or node.head == node:
            return False
        node = node.head
        if node.lemma_.lower() in frames.asking and node.dep_ != "xcomp":
            return True
    return False


def _condition(predicate) -> str | None:
    """ "if" or "unless" when the predicate has a condition clause of its own."""
    for child in predicate.children:
        if child.dep_ == "advcl":
            for mark in child.children:
                if mark.dep_ == "mark" and mark.lower_ in {"if", "unless"}:
                    return mark.lower_
    return None


def _stative(token) -> bool:
    """A participle or adjective after "be" with no agent: "is opposed to", "is ready to"."""
    if token.pos_ == "ADJ":
        return token.dep_ == "acomp" and token.head.lemma_ == "be"
    return (
        token.tag_ == "VBN"
        and any(c.dep_ == "auxpass" for c in token.children)
        and not any(c.dep_ == "agent" for c in token.children)
    )


def _adjunct(predicate) -> bool:
    """A participle or infinitive that only adds a circumstance or purpose to its clause
    ("rioted, setting fire to their mattresses", "demonstrated, calling for independence")."""
    if predicate.dep_ not in {"advcl", "acl"} or any(
        c.dep_ in _SUBJECTS or c.dep_ == "mark" for c in predicate.children
    ):
        return False
    # a participle, or an infinitive of purpose ("began a hunger strike to demand")
    return predicate.tag_ == "VBG" or any(
        c.dep_ == "aux" and c.lower_ == "to" for c in predicate.children
    )


def _negated(token, predicate) -> bool:
    """A "not" on the predicate, or "failed to" / "failure to" above it, or a "not" on the verb
    whose infinitive it is ("did not call on Libya to close the border": no closing either)."""
    if predicate.dep_ in {"xcomp", "acl"} and predicate.head.lemma_.lower() in {"fail", "failure"}:
        return True
    if any(c.dep_ == "neg" for c in (*token.children, *predicate.children)):
        return True
    infinitive = predicate.dep_ in {"xcomp", "advcl"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in predicate.children
    )
    return infinitive and any(c.dep_ == "neg" for c in predicate.head.children)


def _modality(token, predicate, frames: Frames) -> str:
    """asserted, intended (future or commitment), wanted, or hypothetical (conditional, modal)."""
    auxes = {c.lower_ for c in predicate.children if c.dep_ in {"aux", "auxpass"}}
    if any(c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in predicate.children):
        return "hypothetical"
    infinitive = predicate.dep_ == "xcomp" or (
        predicate.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in predicate.children)
    )  # "have sworn to fight" comes out as an adverbial clause
    if infinitive and frames.modality(predicate.head.lemma_.lower()):
        return frames.modality(predicate.head.lemma_.lower())
    if predicate.dep_ == "pcomp" and frames.modality(predicate.head.head.lemma_.lower()):
        return frames.modality(predicate.head.head.lemma_.lower())  # "is committed to opening"
    if predicate.lemma_.lower() in {"want", "seek", "wish"}:
        return "wanted"
    if token != predicate and frames.modality(predicate.lemma_.lower()):
        return frames.modality(predicate.lemma_.lower())
    if auxes & _FUTURE:
        return "intended"
    if auxes & _HYPOTHETICAL:
        return "hypothetical"
    return "asserted"


def _main_clause(predicate, speech_verbs) -> bool:
    """The sentence's main predicate, one coordinated with it, or the clause a main speech verb
    reports: where news puts the event it is about ("Kurds demonstrated ..., calling for")."""
    node = predicate
    if node.dep_ == "conj":
        node = node.head
    if node.dep_ in {"ccomp", "parataxis"} and node.head.lemma_.lower() in speech_verbs:
        node = node.head
    return node.dep_ == "ROOT"


def _confidence(
    specificity: int,
    actors,
    recipients,
    main: bool = False,
    adjunct: bool = False,
    *,
    indirect: bool = False,
) -> float:
    """A heuristic score: resolved actor and recipient, a specific lexicon pattern and the main
    clause raise it, a circumstantial participle lowers it; a statement (``specificity`` -1)
    ranks below the events it reports. A recipient found only through ``EventCoder._aimed``
    does not count: it records the target without changing which event of the sentence
    ranks first ("agreed to open its borders to refugees" stays an agreement).

    Not calibrated yet; it orders events for review and for ``min_confidence``.
    """
    score = 0.4
    score += 0.25 if any(a.code for a, _ in actors) else 0.0
    if not indirect:
        score += 0.25 if any(r.code for r, _ in recipients) else (0.1 if recipients else 0.0)
    score += 0.1 if specificity > 0 else -0.2 if specificity < 0 else 0.0
    score += 0.1 if main else -0.1 if adjunct else 0.0
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


def _past_year(predicate, published: str | None) -> str | None:
    """The year of a date attached to the predicate that lies before the publication year ("in
    2014 Russia annexed Crimea", "invaded ... in 2003"): the event is historical, and its date
    that year (ISO 8601 at year precision)."""
    if not published or not published[:4].isdigit():
        return None
    for child in predicate.children:
        for token in child.subtree if child.dep_ in {"prep", "npadvmod", "advmod"} else [child]:
            if token.ent_type_ == "DATE" and token.like_num and len(token.text) == 4:
                year = token.text
                if year.isdigit() and 1800 < int(year) < int(published[:4]):
                    return year
    return None


def _last_weekday(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


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
