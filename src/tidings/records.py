"""The data model: every record that crosses a stage boundary.

Records are frozen dataclasses. Spans are character offsets into ``Article.text`` (the clean
body) plus a sentence index, so that every event, quote and place points back to its words.
spaCy objects never leave the stages; the store sees only these records, and its Arrow schemas
are derived from the type hints below (``tidings.store.schema``), so this module is the one
place where a field is added or renamed.

Field names follow PLOVER where PLOVER has one (``actor``, ``recipient``, ``event``, ``mode``,
``context``, ``event_loc``, ``text_info``).
"""

from __future__ import annotations

from dataclasses import dataclass, field

# ---------------------------------------------------------------------------------------------
# Input


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read from the input, before cleaning.

    ``source`` names the document for the user: a file path, or the ``id`` of a JSONL record.
    ``origin`` says where the bytes came from (``path`` or ``path:line``) for error messages.
    Exactly one of ``text`` and ``html`` is set.
    """

    source: str
    origin: str
    text: str | None = None
    html: str | None = None
    date: str | None = None
    url: str | None = None
    encoding: str | None = None


@dataclass(frozen=True, slots=True)
class Rejected:
    """A document that could not be coded, and why. It is stored, never dropped."""

    source: str
    origin: str
    stage: str
    reason: str
    doc_id: str | None = None


# ---------------------------------------------------------------------------------------------
# Clean article


@dataclass(frozen=True, slots=True)
class Removed:
    """A piece of page furniture taken out of the body, with its offsets in the input text."""

    kind: str  # timestamp, headline, caption, credit, teaser, navigation, legal, byline, dateline,
    # standfirst, boilerplate, section …
    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Dateline:
    place: str | None = None
    wire: str | None = None


@dataclass(frozen=True, slots=True)
class Segment:
    """``length`` characters at ``start`` in the clean text come from ``source_start`` in the input."""

    start: int
    source_start: int
    length: int


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    source: str
    text: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    dateline: Dateline | None = None
    byline: str | None = None
    credit: str | None = None
    wire: str | None = None  # the news agency, by its name in data/wires.tsv
    language: str | None = None
    captions: tuple[str, ...] = ()
    removed: tuple[Removed, ...] = ()
    segments: tuple[Segment, ...] = ()

    def source_offset(self, offset: int) -> int | None:
        """Map an offset in the clean text back to the input text (None if it was generated)."""
        for seg in self.segments:
            if seg.start <= offset <= seg.start + seg.length:
                return seg.source_start + (offset - seg.start)
        return None


# ---------------------------------------------------------------------------------------------
# Actors, places, events, quotes


@dataclass(frozen=True, slots=True)
class Actor:
    """A participant, as resolved from its phrase.

    ``entity_text`` is the phrase as written; ``name`` the normalised name (the person, the
    country, the organisation); ``code`` the country (ISO3) or, for international bodies, the
    organisation's own code; ``sector`` the sector codes (``sectors.tsv``); ``cameo`` the full
    CAMEO actor code (``---GOV`` when the country is unknown; ``A/B`` for a phrase that names
    several actors at once, as PETRARCH dictionaries allow); ``role`` the office ("foreign
    minister"); ``resolved_by`` the dictionary entries or document rule that resolved it, joined
    by ``+`` (``countries.tsv:country:tur/adjective+roles.tsv:gov-foreign-minister``), or
    ``unresolved`` for a name no dictionary knows."""

    entity_text: str
    name: str | None = None
    code: str | None = None
    sector: tuple[str, ...] = ()
    cameo: str | None = None
    role: str | None = None
    resolved_by: str | None = None


@dataclass(frozen=True, slots=True)
class ActorMention:
    """A row of the actors table: one phrase of the article that names an actor, resolved or
    not (``actor.resolved_by == "unresolved"``), with its character span in ``Article.text``."""

    mention_id: str
    doc_id: str
    actor: Actor
    start: int
    end: int
    sequence: int  # sentence number


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class TextInfo:
    sequence: int  # sentence number in the clean text, from 0
    start: int  # sentence offsets in Article.text
    end: int
    sentence: str
    trigger: Span | None = None
    actor_spans: tuple[Span, ...] = ()
    recipient_spans: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Place:
    """A toponym resolved against the gazetteer. ``resolution`` is country, admin1, city or sub-city."""

    name: str
    start: int | None = None
    end: int | None = None
    sequence: int | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None
    country: str | None = None
    admin1: str | None = None
    feature_class: str | None = None
    feature_code: str | None = None
    resolution: str | None = None
    chosen_by: str | None = None  # how an event location was picked: trigger, sentence, dateline


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event. ``quad_class`` follows GDELT: 1 verbal cooperation (CAMEO roots 01-05),
    2 material cooperation (06-08), 3 verbal conflict (09-13), 4 material conflict (14-20)."""

    event_id: str
    doc_id: str
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    event: str | None  # PLOVER event type (None for a code an imported dictionary invented)
    cameo: str
    text_info: TextInfo
    rule: str  # the lexicon entry or model that produced it, e.g. verbs.tsv:accuse
    date: str | None = None
    mode: str | None = None
    context: tuple[str, ...] = ()
    goldstein: float | None = None
    quad_class: int | None = None
    event_loc: Place | None = None
    negated: bool = False
    modality: str = "asserted"  # asserted, intended, wanted, hypothetical, historical
    reported_by: Actor | None = None
    confidence: float = 0.0


@dataclass(frozen=True, slots=True)
class Quote:
    """What someone said (or thinks, or wants): one contiguous piece of an attribution's
    content. ``start``/``end`` span the content in ``Article.text`` (inside the quote marks for
    a direct quote; the reported clause for an indirect one); the pieces of a quote split by its
    attribution ("…," he said, "…") are separate records with the same ``cue_span``."""

    quote_id: str
    doc_id: str
    text: str
    kind: str  # direct, indirect, mixed
    start: int
    end: int
    sequence: int
    speaker: Actor | None = None
    speaker_span: Span | None = None
    cue: str | None = None  # the cue's lemma ("say", "according to")
    cue_kind: str | None = None  # speech, belief, intent, evidence
    cue_span: Span | None = None
    rule: str | None = None  # the lexicon entry of the cue, e.g. speech_verbs.tsv:say, or model:NAME
    confidence: float | None = None  # the learned cue scorer's probability (with a quote model)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A row of the places table: a place found in an article."""

    place_id: str
    doc_id: str
    place: Place


@dataclass(frozen=True, slots=True)
class CodedDocument:
    """Everything Tidings read out of one article: what the store writes as one unit."""

    article: Article
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    places: tuple[PlaceMention, ...] = ()
    actors: tuple[ActorMention, ...] = ()
    sentences: tuple[Span, ...] = field(default=(), compare=False)
