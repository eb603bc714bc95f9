"""Where an event happened: the place its own words point to, else its sentence's, else its
paragraph's, else the dateline's. ``Place.chosen_by`` records which (trigger, sentence,
paragraph, dateline)."""

from __future__ import annotations

from dataclasses import replace

from ..records import Place, Span

# Prepositions that put an event somewhere ("in Aleppo", "near the border town of Azaz").
_LOCATIVE = frozenset(
    ["in", "at", "near", "outside", "inside", "across", "around", "throughout", "on", "into", "over", "along", "off"]
)
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
    located = [p for p in here if p.resolution is not None] or here
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
    Aleppo") or is, or modifies, its object ("struck the Aleppo district")."""
    token = next((t for t in sent if t.idx <= place.start < t.idx + len(t.text)), None)
    if token is None:
        return False
    root = token
    while root.head.i != root.i and place.start <= root.head.idx < place.end:
        root = root.head
    locative, node = False, root
    for _ in range(_MAX_STEPS):
        head = node.head
        if head.i == node.i:
            return False
        if node.dep_ == "pobj" and head.lower_ in _LOCATIVE:
            locative = True
        if head.i == trigger.i:
            return (
                locative
                or node.dep_ in {"dobj", "npadvmod"}
                or (node.dep_ == "prep" and node.lower_ in _LOCATIVE)
            )
        node = head
    return False


def _paragraph_place(sent, places: list[Place], text: str) -> Place | None:
    """The last resolved place before the sentence in its paragraph."""
    start = text.rfind("\n", 0, sent.start_char) + 1
    before = [
        p
        for p in places
        if p.start is not None and start <= p.start < sent.start_char and p.resolution
    ]
    return before[-1] if before else None
