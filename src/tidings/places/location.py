"""Where an event happened: the place its own words point to, else its sentence's, else its
paragraph's, else the dateline's. ``Place.chosen_by`` records which (trigger, sentence,
paragraph, dateline)."""

from __future__ import annotations

from dataclasses import replace

from ..records import Place, Span
from .finder import COMPASS

# Prepositions that put an event somewhere ("in Aleppo", "near the border town of Azaz").
_LOCATIVE = frozenset(
    [
        "in",
        "at",
        "near",
        "outside",
        "inside",
        "across",
        "around",
        "throughout",
        "on",
        "into",
        "over",
        "along",
        "off",
    ]
)
_DIRECTIONS = COMPASS | {"outside", "near"}
_MAX_STEPS = 4


def event_location(
    sent, places: list[Place], article, participants: list[Span], trigger=None
) -> Place | None:
    """The event's location, or None. ``trigger`` is the event's predicate token; participants
    (actor and recipient spans) are never the location: "Russia backs ..." names an actor."""
    here = [
        p
        for p in places
        if p.start is not None
        and sent.start_char <= p.start < sent.end_char
        and not any(s.start <= p.start < s.end for s in participants)
    ]
    if trigger is not None:
        for place in here:
            if _governed_by(sent, place, trigger):
                return replace(place, chosen_by="trigger")
    located = [p for p in here if p.resolution is not None and _locative(sent.doc, p)]
    if located:
        return replace(located[0], chosen_by="sentence")
    paragraph = _paragraph_place(sent, places, article.text)
    if paragraph is not None:
        return replace(paragraph, chosen_by="paragraph")
    if article.dateline and article.dateline.place:
        dateline = next((p for p in places if p.chosen_by == "dateline"), None)
        return dateline or Place(name=article.dateline.place, chosen_by="dateline")
    return None


def _governed_by(sent, place: Place, trigger) -> bool:
    """The place hangs from the trigger through a locative preposition ("attacked … in
    Aleppo", "shelled a market in Aleppo", "clashed north of Aleppo") or is, or names, its
    object ("struck the Aleppo district"). A clause between them breaks the link: in "said
    that a truce in Syria must hold" the saying is not in Syria."""
    token = next((t for t in sent if t.idx <= place.start < t.idx + len(t.text)), None)
    while token is not None and token.dep_ in {"compound", "appos", "conj", "amod"}:
        if token.head.i == token.i:
            break
        token = token.head
    if token is None or token.head.i == token.i:
        return False
    head = token.head
    if head.i == trigger.i:
        return token.dep_ in {"dobj", "npadvmod"}
    if token.dep_ == "pobj" and head.dep_ == "prep":
        anchor = head.head
        if head.lower_ == "of" and anchor.lower_ in _DIRECTIONS:
            anchor = anchor.head
        elif head.lower_ not in _LOCATIVE:
            return False
    elif token.dep_ != "dobj" and head.pos_ == "NOUN":
        anchor = head
    else:
        return False
    if anchor.i == trigger.i:
        return True
    return anchor.head.i == trigger.i and anchor.dep_ in {"dobj", "npadvmod", "advmod"}


def _locative(doc, place: Place) -> bool:
    """The place is where something happens ("in Aleppo", "north of Aleppo"), not a subject or
    object standing for its government ("Turkey backs …")."""
    token = next((t for t in doc if t.idx <= place.start < t.idx + len(t.text)), None)
    for _ in range(_MAX_STEPS):
        if token is None or token.head.i == token.i:
            return False
        if token.dep_ == "pobj" and token.head.lower_ in _LOCATIVE | {"of", "from", "to"}:
            return token.head.lower_ in _LOCATIVE or token.head.head.lower_ in _DIRECTIONS
        if token.dep_ not in {"compound", "appos", "conj", "pobj"}:
            return False
        token = token.head
    return False


def _paragraph_place(sent, places: list[Place], text: str) -> Place | None:
    """The last resolved locative place before the sentence in its paragraph."""
    start = text.rfind("\n", 0, sent.start_char) + 1
    before = [
        p
        for p in places
        if p.start is not None
        and start <= p.start < sent.start_char
        and p.resolution
        and _locative(sent.doc, p)
    ]
    return before[-1] if before else None
