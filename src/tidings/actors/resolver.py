"""Resolve the noun phrase of an event argument to an ``Actor``.

First pass (issue 2): a phrase is the argument's head with its modifiers (compounds, adjectives,
possessives, appositions). It resolves, in this order, to a known person (``people.tsv``, with
the article date), an organisation, or a country (name, alias, adjective, capital) combined with
a role noun for the sector ("Turkish Foreign Minister" → TUR, GOV). People introduced with a
title are remembered for the rest of the document, so "Cavusoglu" later resolves like the first
mention; "he" and "his country" point back to the last person named.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..records import Actor
from .lexicon import CountryLexicon, CountryMatch, OrganisationLexicon, PeopleLexicon, RoleLexicon

# Dependencies that stay inside an argument's phrase; clauses and prepositions do not.
_PHRASE_DEPS = {"compound", "amod", "poss", "nmod", "flat", "appos", "det", "case", "nummod", "nn"}
_PERSON_PRONOUNS = {"he", "she", "him", "her"}
_STATE_NOUNS = {"country", "nation", "government", "state"}
_NOT_ACTOR_POS = {"NUM", "SYM", "PUNCT", "SPACE"}
# The small model often tags a surname as a common noun; its entity label still marks a name.
_NAME_ENTS = {"PERSON", "ORG", "GPE", "NORP"}


@dataclass
class DocumentActors:
    """Per-document memory: names introduced so far and the last person named."""

    date: str | None
    known: dict[str, Actor] = field(default_factory=dict)  # surface form -> actor
    last_person: Actor | None = None


class ActorResolver:
    """Resolve argument phrases to actors, with a per-document memory (``DocumentActors``)."""

    def __init__(
        self,
        countries: CountryLexicon,
        organisations: OrganisationLexicon,
        people: PeopleLexicon,
        roles: RoleLexicon,
    ) -> None:
        self.countries = countries
        self.organisations = organisations
        self.people = people
        self.roles = roles

    def start(self, date: str | None) -> DocumentActors:
        return DocumentActors(date=date)

    def resolve(self, head, memory: DocumentActors) -> tuple[Actor, tuple[int, int]] | None:
        """Resolve the phrase headed by spaCy token ``head``; return the actor and its char span."""
        if head.pos_ in _NOT_ACTOR_POS:
            return None
        if head.lower_ in _PERSON_PRONOUNS:
            if memory.last_person is None:
                return None
            actor = replace(memory.last_person, entity_text=head.text, resolved_by="coref:pronoun")
            return actor, (head.idx, head.idx + len(head.text))
        tokens = phrase_tokens(head)
        span = (tokens[0].idx, tokens[-1].idx + len(tokens[-1].text))
        text = head.doc.text[span[0] : span[1]]
        actor = (
            self._possessive_state(head, tokens, text, memory)
            or self._person(tokens, text, memory)
            or self._organisation(tokens, text)
            or self._country(tokens, text, memory)
        )
        if actor is None:
            return None
        if actor.role or (actor.resolved_by or "").startswith("people"):
            memory.last_person = actor
        return actor, span

    def _person(self, tokens, text: str, memory: DocumentActors) -> Actor | None:
        name = _proper_name(tokens, titles=self.roles.words)
        if not name:
            return None
        person = self.people.get(name, memory.date) or self.people.get(
            name.split()[-1], memory.date
        )
        if person is not None:
            actor = Actor(
                entity_text=text,
                name=person.name,
                code=person.country,
                sector=person.sector,
                cameo=_cameo(person.country, person.sector),
                role=person.role,
                resolved_by=f"people.tsv:{person.id}",
            )
            memory.known[name.split()[-1]] = actor
            return actor
        remembered = memory.known.get(name) or memory.known.get(name.split()[-1])
        if remembered is not None:
            return replace(remembered, entity_text=text, resolved_by=f"document:{remembered.name}")
        return None

    def _organisation(self, tokens, text: str) -> Actor | None:
        for form in (_proper_name(tokens), _strip_det(text)):
            org = self.organisations.get(form) if form else None
            if org is not None:
                return Actor(
                    entity_text=text,
                    name=org.name,
                    code=org.code,
                    sector=org.sector,
                    cameo=org.code,
                    resolved_by=f"{self.organisations.path}:{org.id}",
                )
        return None

    def _country(self, tokens, text: str, memory: DocumentActors) -> Actor | None:
        match, surface = self._country_in(tokens)
        role = self.roles.find([t.lower_ for t in tokens])
        name = _proper_name(tokens, skip=surface, titles=self.roles.words) if match else None
        if match is None:
            if role is None or not _is_head_role(tokens, role):
                return _unresolved(tokens, text)
            return Actor(
                entity_text=text,
                name=role.term,
                sector=(role.sector,),
                cameo=role.sector,
                role=role.role or None,
                resolved_by=f"roles.tsv:{role.id}",
            )
        country = match.country
        sector = (role.sector,) if role else (("GOV",) if match.form == "capital" else ())
        actor = Actor(
            entity_text=text,
            name=name or country.name,
            code=country.iso3,
            sector=sector,
            cameo=_cameo(country.iso3, sector),
            role=(role.role or None) if role else None,
            resolved_by=match.rule + (f"+roles.tsv:{role.id}" if role else ""),
        )
        if name and role:  # "Turkish Foreign Minister Mevlut Cavusoglu": learned from the text
            memory.known[name] = memory.known[name.split()[-1]] = actor
        return actor

    def _country_in(self, tokens) -> tuple[CountryMatch | None, str | None]:
        """The first country form in the phrase, longest first, and the words that matched."""
        words = [t.text for t in tokens]
        for size in (3, 2, 1):
            for i in range(len(words) - size + 1):
                form = " ".join(words[i : i + size])
                match = self.countries.get(form)
                if match is not None:
                    return match, form
        return None, None

    def _possessive_state(self, head, tokens, text: str, memory: DocumentActors) -> Actor | None:
        """ "his country", "her government": the country of the last person named."""
        if head.lower_ not in _STATE_NOUNS or memory.last_person is None:
            return None
        if not any(t.dep_ == "poss" and t.lower_ in {"his", "her"} for t in tokens):
            return None
        person = memory.last_person
        sector = ("GOV",) if head.lower_ == "government" else ()
        country = self.countries.countries.get(person.code or "")
        return Actor(
            entity_text=text,
            name=country.name if country else person.code,
            code=person.code,
            sector=sector,
            cameo=_cameo(person.code, sector),
            resolved_by=f"coref:possessive:{person.name}",
        )


def phrase_tokens(head) -> list:
    """The head and its phrase-internal dependents, in text order."""
    keep, stack = [head], [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in _PHRASE_DEPS and not child.is_punct or _of_name(child):
                keep.append(child)
                stack.append(child)
    keep.sort(key=lambda t: t.i)
    # A phrase is contiguous: cut at the first gap so an apposition after a comma is dropped
    # from the span (it still counted for resolution above through the dependency walk).
    start = keep.index(head)
    lo = hi = start
    while lo > 0 and keep[lo - 1].i == keep[lo].i - 1:
        lo -= 1
    while hi < len(keep) - 1 and keep[hi + 1].i == keep[hi].i + 1:
        hi += 1
    return keep[lo : hi + 1]


def _of_name(token) -> bool:
    """ "of Chile" in "Foreign Minister Ana Morales of Chile" belongs to the phrase."""
    if token.dep_ == "prep" and token.lower_ == "of":
        return any(c.dep_ == "pobj" and c.pos_ == "PROPN" for c in token.children)
    return token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.lower_ == "of"


def _proper_name(tokens, skip: str | None = None, titles: frozenset[str] = frozenset()) -> str:
    """The longest run of proper nouns in the phrase, without the country form it contains and
    without title words ("Foreign Minister Ana Morales" → "Ana Morales")."""
    skipped = set(skip.split()) if skip else set()
    runs, run = [], []
    for tok in tokens:
        named = tok.pos_ == "PROPN" or tok.ent_type_ in _NAME_ENTS
        if (
            named
            and tok.text not in skipped
            and tok.lower_ not in titles
            and tok.text[:1].isupper()
        ):
            run.append(tok.text)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    return " ".join(max(runs, key=len)) if runs else ""


def _is_head_role(tokens, role) -> bool:
    return role.term.split()[-1] in {t.lower_ for t in tokens[-2:]}


def _unresolved(tokens, text: str) -> Actor | None:
    if not any(t.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} for t in tokens):
        return None
    name = _proper_name(tokens) or _strip_det(text)
    return Actor(entity_text=text, name=name, resolved_by="unresolved")


def _strip_det(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") else text


def _cameo(code: str | None, sector: tuple[str, ...]) -> str | None:
    if not code:
        return None
    return code + sector[0] if sector and len(code) == 3 and sector[0] != code else code
