"""Find the actors of a document and resolve each to an ``Actor`` with its CAMEO code.

Every noun phrase of the parse is a candidate: its head with compounds, modifiers, possessives,
appositions and "of"/"in"/"from" attachments ("human rights activists in Arnor", "Lavrov,
Russia's foreign minister"). A phrase is coded from the ``ActorDictionary`` (first actor plus
agents, see ``actors.dictionary``); before that, three document-level rules apply, in text order:

* pronouns ("he", "she") are the last person named in this paragraph or the one before;
* "his country" / "her government" is that person's country (or its government);
* a definite role noun ("the minister", "the foreign minister") is the last person named whose
  role has that noun.

People introduced with a title or an apposition are learned for the rest of the document: in
"Turkish Foreign Minister Mevlut Cavusoglu" the name gets TURGOV and the role "foreign
minister", so "Cavusoglu" alone later resolves the same way even when no dictionary knows him
(``resolved_by`` says ``document:``). A known person (a people file) beats a country in the
same phrase ("his Russian counterpart, Sergey Lavrov" is Lavrov).

``ActorResolver.document`` resolves every mention once, in order, and keeps them; the events
and quotes stages look their argument heads up there, so coreference sees the same history
whichever stage asks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace

from ..records import Actor, ActorMention
from .dictionary import UNKNOWN, ActorDictionary, blocks, compose
from .lexicon import CountryLexicon

# Dependencies that stay inside an argument's phrase; clauses do not.
_PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "flat", "appos", "det", "case", "nummod", "nn"}
# Prepositions whose object belongs to the noun's phrase ("officials in Washington").
_PHRASE_PREPS = {"of", "in", "from"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_STATE_NOUNS = {"country", "nation", "government", "state", "administration"}
_NOT_ACTOR_POS = {"NUM", "SYM", "PUNCT", "SPACE", "X"}
_HEAD_POS = {"NOUN", "PROPN"}
_FORMER = {"former", "ex", "ex-", "then"}
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}
_PLACE_ENTS = {"GPE", "LOC", "FAC"}
_BACK_REFERENCES = ("coref:pronoun", "coref:role", "document:")
# Heads that stand for part of the group their "of" phrase names ("members of the opposition").
_PARTITIVE = {
    "member", "members", "element", "elements", "part", "parts", "unit", "units", "wing",
    "faction", "factions", "supporters", "supporter", "head", "chief", "delegation",
    "representatives", "representative", "dozens", "hundreds", "thousands", "some", "many",
}  # fmt: skip


@dataclass
class DocumentActors:
    """Per-document memory: every mention so far, the people named, the names learned."""

    date: str | None
    known: dict[str, Actor] = field(default_factory=dict)  # name or surname -> actor
    people: list[tuple[int, Actor]] = field(default_factory=list)  # (paragraph, person)
    by_head: dict[int, tuple[Actor, tuple[int, int]] | None] = field(default_factory=dict)
    mentions: list[ActorMention] = field(default_factory=list)
    consumed: set[int] = field(default_factory=set)  # tokens already coded inside a phrase
    paragraph: int = 0


class ActorResolver:
    """Resolve noun phrases to actors through an ``ActorDictionary``."""

    def __init__(
        self,
        dictionary: ActorDictionary,
        countries: CountryLexicon,
        sectors: frozenset[str],
        titles: frozenset[str] = frozenset(),
    ) -> None:
        self.dictionary = dictionary
        self.countries = countries
        self.sectors = sectors
        self.titles = titles  # words of role titles, kept out of names

    # -- documents ----------------------------------------------------------------------------

    def start(self, date: str | None) -> DocumentActors:
        return DocumentActors(date=date)

    def document(self, parsed) -> DocumentActors:
        """Resolve every actor mention of a parsed article, in text order."""
        article = parsed.article
        memory = self.start(article.published)
        previous_end = 0
        for number, sent in enumerate(parsed.sentences):
            if "\n" in article.text[previous_end : sent.start_char]:
                memory.paragraph += 1
            previous_end = sent.end_char
            for token in sent:
                if token.i in memory.consumed or not is_mention_head(token):
                    continue
                found = self.resolve(token, memory)
                if found is None:
                    continue
                actor, (start, end) = found
                key = f"{article.doc_id}|{start}|{end}"
                memory.mentions.append(
                    ActorMention(
                        mention_id="a" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest(),
                        doc_id=article.doc_id,
                        actor=actor,
                        start=start,
                        end=end,
                        sequence=number,
                    )
                )
        return memory

    def resolve(self, head, memory: DocumentActors) -> tuple[Actor, tuple[int, int]] | None:
        """The actor of the phrase headed by spaCy token ``head`` and its character span."""
        if head.i in memory.by_head:
            return memory.by_head[head.i]
        found = self._resolve(head, memory)
        memory.by_head[head.i] = found
        if found is not None and (found[0].resolved_by or "").startswith(_BACK_REFERENCES):
            memory.people.append((memory.paragraph, found[0]))  # the referent is recent again
        return found

    # -- one phrase ---------------------------------------------------------------------------

    def _resolve(self, head, memory: DocumentActors) -> tuple[Actor, tuple[int, int]] | None:
        if head.pos_ in _NOT_ACTOR_POS:
            return None
        span = (head.idx, head.idx + len(head.text))
        if head.lower_ in _PERSON_PRONOUNS:
            person = _recent_person(memory)
            if person is None:
                return None
            actor = replace(
                person, entity_text=head.text, resolved_by=f"coref:pronoun:{person.name}"
            )
            return actor, span
        tokens = phrase_tokens(head)
        shown = contiguous(tokens, head)
        span = (shown[0].idx, shown[-1].idx + len(shown[-1].text))
        text = head.doc.text[span[0] : span[1]]
        actor = (
            self._possessive_state(head, tokens, text, memory)
            or self._role_reference(head, tokens, text, memory)
            or self._code(head, tokens, text, memory)
        )
        return (actor, span) if actor is not None else None

    def _code(self, head, tokens, text: str, memory: DocumentActors) -> Actor | None:
        words, owners = _words(tokens)
        hit = self._first_actor(words, owners)
        attached = _attached(head, tokens)
        if hit is not None and owners[hit[1]] in attached:
            # "a solution in Syria", "the deaths of 600,000 people": a country in an attached
            # phrase makes the head an actor only when the head is an agent ("activists in
            # Arnor") or a part of a group ("members of the opposition"). Otherwise the
            # country is a mention of its own.
            # A titled person ("Foreign Minister Ana Morales of Chile") counts as an agent.
            has_agent = any(
                head in owners[s:e] or owners[s] not in attached
                for _, s, e in self.dictionary.find_agents(words)
            )
            if not has_agent and head.lower_ not in _PARTITIVE:
                core = [t for t in tokens if t not in attached]
                return self._code(head, core, head.doc.text[core[0].idx : _end(core)], memory)
        outside = (hit[1], hit[2]) if hit else (0, 0)
        agents = self.dictionary.find_agents(words, outside)
        covered = set(range(*outside)) | {i for _, s, e in agents for i in range(s, e)}
        memory.consumed.update(owners[i].i for i in covered)
        name = self._person_name(words, owners, covered, bool(agents))
        former = any(t.lower_ in _FORMER for t in tokens) and bool(agents or hit)
        agent_entries = [a for a, _, _ in agents]
        role = next((a.role for a in agent_entries if a.role), None)
        refs = [a.ref for a in agent_entries]
        if hit is None:
            remembered = self._remembered(name, memory)
            if remembered is not None:
                return replace(
                    remembered, entity_text=text, resolved_by=f"document:{remembered.name}"
                )
            if not agents:
                return _unresolved(tokens, text, name)
            shared = self._shared_actors(head, memory)
            if shared:  # "Danish media and government": the government is Danish too
                codes = [compose(c.cameo, agent_entries, former=former) for _, c in shared]
                refs = [shared[0][1].ref, *refs]
                label = name or shared[0][0].name
                return self._actor(text, label, "/".join(codes), role, refs, former)
            cameo = compose(None, agent_entries, former=former)
            actor = self._actor(text, name or agent_entries[-1].term, cameo, role, refs, former)
            if name and role:  # "Foreign Minister Ana Morales": a person, country unknown
                self._learn(name, actor, memory)
            return actor
        entry, start, end = hit
        coding = entry.coding(memory.date)
        if coding is None:
            return _unresolved(tokens, text, name)
        cameo = compose(coding.cameo, agent_entries, former=former)
        if entry.kind == "person":
            role = coding.role if not former else f"former {coding.role or role or ''}".strip()
            actor = self._actor(text, entry.name, cameo, role, [coding.ref, *refs], former)
            self._learn(entry.name, actor, memory)
            return actor
        if agents and owners[start] in attached:
            # "the ambassadors of Arnor, Osgiliath and Gondor": one agent, several countries
            listed = self._listed(_root(owners[start:end]), head)
            others = self._codings(listed, memory, consume=True)
            codes = [cameo] + [compose(c.cameo, agent_entries, former=former) for _, c in others]
            cameo = "/".join(dict.fromkeys(codes))
        actor = self._actor(text, name or entry.name, cameo, role, [coding.ref, *refs], former)
        if name and (role or entry.kind == "actor"):  # learned from the text
            self._learn(name, actor, memory)
        return actor

    def _listed(self, anchor, head) -> list:
        """The names listed with ``anchor`` ("Arnor, Osgiliath and Gondor" from "Arnor"), with
        those the parser hung on ``head`` instead: in "Lawmakers in Fornost and Gondor" the
        small model makes Gondor a conjunct of "Lawmakers"."""
        listed = list(anchor.conjuncts)
        last = max([anchor, *listed], key=lambda t: t.i)
        for other in sorted(head.conjuncts, key=lambda t: t.i):
            between = other.doc[last.i + 1 : other.i]
            if (
                other.i > last.i
                and other.text[:1].isupper()
                and all(t.dep_ in {"cc", "punct"} for t in between)
            ):
                listed.append(other)
                last = other
        return listed

    def _codings(self, tokens, memory: DocumentActors, *, consume: bool = False) -> list:
        """(entry, coding) of the first actor in each token's own phrase."""
        found = []
        for token in tokens:
            phrase = phrase_tokens(token)
            words, owners = _words(phrase)
            hit = self._first_actor(words, owners)
            coding = hit[0].coding(memory.date) if hit else None
            if coding is not None:
                found.append((hit[0], coding))
                if consume:
                    memory.consumed.update(t.i for t in phrase)
        return found

    def _shared_actors(self, head, memory: DocumentActors) -> list:
        """(entry, coding) of the actors that modify ``head``'s conjuncts, for a head with only
        a sector: "Danish media and government" makes the government Danish; "Lawmakers and
        officials in Fornost" puts the lawmakers in Fornost. A conjunct that is itself a name
        gives nothing: "the government and Turkey" are two actors."""
        found = []
        for other in head.conjuncts:
            phrase = phrase_tokens(other)
            words, owners = _words(phrase)
            hit = self._first_actor(words, owners)
            if hit is None or other in owners[hit[1] : hit[2]]:
                continue
            coding = hit[0].coding(memory.date)
            if coding is None:
                continue
            found.append((hit[0], coding))
            if owners[hit[1]] in _attached(other, phrase):
                found += self._codings(self._listed(_root(owners[hit[1] : hit[2]]), other), memory)
        return found

    def _first_actor(self, texts, owners):
        """PETRARCH's first actor in the phrase, except that a known person wins. A city counts
        only where the NER marks a place."""
        hits, i = [], 0
        while i < len(texts):
            found = self.dictionary.actors.match(texts, i)
            if found is None or (
                found[0].kind == "city"
                and not all(t.ent_type_ in _PLACE_ENTS for t in owners[i : found[1]])
            ):
                i += 1
                continue
            hits.append((found[0], i, found[1]))
            i = found[1]
        if not hits:
            return None
        return next((h for h in hits if h[0].kind == "person"), hits[0])

    def _actor(self, text, name, cameo, role, refs, former=False) -> Actor:
        parts = blocks(cameo.split("/")[0])
        sector = tuple(b for b in parts if b in self.sectors)
        code = next((b for b in parts if b not in self.sectors and b != UNKNOWN), None)
        if role and former and not role.startswith("former"):
            role = f"former {role}"
        return Actor(
            entity_text=text,
            name=name,
            code=code,
            sector=sector,
            cameo=cameo,
            role=role,
            resolved_by="+".join(r for r in refs if r) or None,
        )

    def _person_name(self, words, owners, covered: set[int], titled: bool) -> str:
        """The longest run of capitalised name words outside the actor and agent phrases: the
        person a title or apposition introduces."""
        runs, run = [], []
        for n, (word, tok) in enumerate(zip(words, owners, strict=True)):
            named = tok.ent_type_ == "PERSON" or (
                tok.pos_ == "PROPN" and (titled or tok.ent_type_ in _NAME_ENTS)
            )
            hyphen = word in "-–" and run and n + 1 < len(words) and words[n + 1][:1].isupper()
            if hyphen or (
                n not in covered
                and named
                and word[:1].isupper()
                and word.lower() not in self.titles
                and tok.ent_type_ not in {"GPE", "NORP"}
            ):
                run.append(tok)
            else:
                if run:
                    runs.append(run)
                run = []
        if run:
            runs.append(run)
        if not runs:
            return ""
        best = max(runs, key=len)  # "Khalid Al-Mansouri": as written, hyphen and all
        return best[0].doc.text[best[0].idx : _end(best)].replace("_", " ")

    def _learn(self, name: str, actor: Actor, memory: DocumentActors) -> None:
        learned = replace(actor, name=name)
        memory.people.append((memory.paragraph, learned))
        memory.known.setdefault(name, learned)
        if " " in name:
            memory.known.setdefault(name.split()[-1], learned)

    def _remembered(self, name: str, memory: DocumentActors) -> Actor | None:
        if not name:
            return None
        return memory.known.get(name) or memory.known.get(name.split()[-1])

    def _possessive_state(self, head, tokens, text: str, memory: DocumentActors) -> Actor | None:
        """ "his country", "her government": the country of the last person named."""
        if head.lower_ not in _STATE_NOUNS:
            return None
        if not any(t.dep_ == "poss" and t.lower_ in {"his", "her"} for t in tokens):
            return None
        person = _recent_person(memory)
        if person is None or not person.code:
            return None
        country = self.countries.countries.get(person.code)
        government = head.lower_ in {"government", "administration"}
        cameo = person.code + ("GOV" if government else "")
        return Actor(
            entity_text=text,
            name=country.name if country else person.code,
            code=person.code,
            sector=("GOV",) if government else (),
            cameo=cameo,
            resolved_by=f"coref:possessive:{person.name}",
        )

    def _role_reference(self, head, tokens, text: str, memory: DocumentActors) -> Actor | None:
        """ "the minister", "the foreign minister": the last person named in that role."""
        if head.pos_ != "NOUN" or head.tag_ in {"NNS", "NNPS"}:
            return None
        if not any(t.lower_ == "the" and t.dep_ == "det" for t in tokens):
            return None
        if any(t.pos_ == "PROPN" or t.ent_type_ in _NAME_ENTS for t in tokens):
            return None  # "the Turkish minister" names a country: coded by the dictionary
        words = [t.lower_ for t in tokens if t.dep_ != "det"]
        for _, person in reversed(memory.people):
            role = person.role or ""
            if role and all(w in role.split() for w in words):
                return replace(person, entity_text=text, resolved_by=f"coref:role:{person.name}")
        return None


def _recent_person(memory: DocumentActors) -> Actor | None:
    """The last person named in this paragraph or the one before it."""
    if not memory.people:
        return None
    paragraph, person = memory.people[-1]
    return person if memory.paragraph - paragraph <= 1 else None


def is_mention_head(token) -> bool:
    """True for the head of a noun phrase that is not a modifier inside a larger phrase. The
    object of an attached preposition is a head too: ``document`` skips it when the larger
    phrase used it ("activists in Arnor") and codes it alone when not ("peace in Ithilen")."""
    if token.pos_ == "PRON":
        return token.lower_ in _PERSON_PRONOUNS and token.dep_ != "poss"
    if token.pos_ not in _HEAD_POS:
        return False
    if token.dep_ not in _PHRASE_DEPS or separate(token):
        return True
    return token.head.pos_ not in _HEAD_POS | {"PRON", "ADJ"}  # a broken parse: "Ethiopia act"


def separate(token) -> bool:
    """A name hung on another name as apposition or modifier is a list item, not part of its
    phrase: "Mordor, the Shire, Fornost and Bree"; "Fornost and the evil awful Gondor"."""
    # Names, by their capital: the small model tags unknown names as common nouns.
    if not (token.text[:1].isupper() and token.head.text[:1].isupper()):
        return False
    # an adjacent nmod is part of the name ("Calenardhon Gondor"); one further off is not
    if token.dep_ == "appos":  # "Minister Telemar" is one name; "Mordor, the Shire" a list
        return token.i != token.head.i + 1
    return token.dep_ == "nmod" and token.i < token.head.i - 1


def phrase_tokens(head) -> list:
    """The head and its phrase-internal dependents, in text order."""
    keep, stack = [head], [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            inside = child.dep_ in _PHRASE_DEPS and not child.is_punct and not separate(child)
            if child.is_punct and child.text in "-–" and not child.whitespace_:
                inside = not tok.doc[child.i - 1].whitespace_  # "Al-Qaeda", "Barad-dur"
            elif child.dep_ == "prep" and child.lower_ in _PHRASE_PREPS and tok.pos_ in _HEAD_POS:
                inside = any(c.dep_ == "pobj" for c in child.children)
            elif child.dep_ == "pobj" and tok.dep_ == "prep":
                inside = True
            if inside:
                keep.append(child)
                stack.append(child)
    keep.sort(key=lambda t: t.i)
    return keep


def contiguous(tokens: list, head) -> list:
    """The unbroken run of ``tokens`` around ``head``: an apposition after a comma counts for
    resolution but is not part of the span shown for the mention."""
    start = tokens.index(head)
    lo = hi = start
    while lo > 0 and tokens[lo - 1].i == tokens[lo].i - 1:
        lo -= 1
    while hi < len(tokens) - 1 and tokens[hi + 1].i == tokens[hi].i + 1:
        hi += 1
    return tokens[lo : hi + 1]


def _words(tokens) -> tuple[list[str], list]:
    """Words to match against the dictionary and the token each comes from; a token joined
    with underscores ("Dol_Amroth", as some corpora write multi-word names) is its words."""
    words, owners = [], []
    for tok in tokens:
        parts = [p for p in tok.text.split("_") if p] if "_" in tok.text else [tok.text]
        words += parts
        owners += [tok] * len(parts)
    return words, owners


def _root(tokens):
    """The token of a span whose head lies outside it ("Tirith" in "Minas Tirith")."""
    inside = {t.i for t in tokens}
    return next((t for t in tokens if t.head.i not in inside or t.head == t), tokens[-1])


def _attached(head, tokens) -> set:
    """The tokens of ``tokens`` inside a prepositional phrase attached to ``head``."""
    inside = set()
    for child in head.children:
        if child.dep_ == "prep":
            inside |= {t for t in child.subtree if t in tokens}
    return inside


def _end(tokens) -> int:
    return tokens[-1].idx + len(tokens[-1].text)


def _unresolved(tokens, text: str, name: str) -> Actor | None:
    """A name no dictionary knows: kept, so that ``tidings actors`` lists it for curation."""
    head = next((t for t in tokens if t.dep_ not in _PHRASE_DEPS), tokens[-1])
    if head.ent_type_ not in _NAME_ENTS | {"LOC", "FAC"}:
        return None
    cleaned = text[4:] if text.lower().startswith("the ") else text
    return Actor(entity_text=text, name=name or cleaned, resolved_by="unresolved")
