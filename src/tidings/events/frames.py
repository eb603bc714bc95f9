"""The words that shape how a clause is read (``data/frames.tsv``), apart from the event lexicon.

The event lexicon (``verbs.tsv``) says which predicates are events; these word lists say how
the grammar around them is read: which verbs carry an event noun ("held talks"), which words
make an act intended or wanted ("plans to", "is ready to"), which ask for what their clause
says ("demanded that"), which quantities stand for what they measure ("tons of aid").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ResourceError
from ..resources import read_tsv

# frame: what the word does (``value``, where the frame has one)
FRAMES = {
    "light": 'a verb that carries an event noun as its object: "held talks"',
    "effort": 'a noun that carries its compound\'s event: "a mediation effort"',
    "carrier": 'a verb whose preposition (value) carries an event noun: "engaged in"',
    "modal": 'a word whose infinitive is intended or wanted (value): "plans to", "ready to"',
    "belief": 'a verb of knowing whose subject asserts its clause: "we know that"',
    "asking": 'a verb or noun that asks for what its clause says: "demanded that"',
    "partitive": 'a quantity that stands for the noun it measures: "tons of aid"',
    "aimed": 'a preposition that joins an event noun to its target: "sanctions against the regime"',
    "toward": 'a preposition of the verb that names its target when nothing else does: "lent to"',
    "refuse": 'a verb that refuses its infinitive (PLOVER REJECT): "refused to meet"',
    "offer": 'a verb that offers its infinitive (PLOVER AGREE): "offered to mediate"',
    "ask": 'a verb that demands its infinitive (PLOVER REQUEST): "urged it to stop"',
}
MODAL_VALUES = ("intended", "wanted")


@dataclass(frozen=True, slots=True)
class Frames:
    light: frozenset[str] = frozenset()
    effort: frozenset[str] = frozenset()
    carrier: frozenset[tuple[str, str]] = frozenset()
    modal: dict[str, str] = field(default_factory=dict)  # word -> intended | wanted
    belief: frozenset[str] = frozenset()
    asking: frozenset[str] = frozenset()
    partitive: frozenset[str] = frozenset()
    aimed: frozenset[str] = frozenset()
    toward: frozenset[str] = frozenset()
    refuse: frozenset[str] = frozenset()
    offer: frozenset[str] = frozenset()
    ask: frozenset[str] = frozenset()

    def modality(self, word: str) -> str | None:
        return self.modal.get(word)

    @classmethod
    def from_tsv(cls, path: Path) -> Frames:
        words: dict[str, set] = {frame: set() for frame in FRAMES}
        modal: dict[str, str] = {}
        for line, row in read_tsv(path, ("word", "frame", "value")):
            word, frame, value = row["word"].strip().lower(), row["frame"], row["value"].strip()
            if frame not in FRAMES:
                raise ResourceError(
                    f"{path}:{line}: frame must be one of {', '.join(FRAMES)}, found {frame!r}"
                )
            if not word:
                raise ResourceError(f"{path}:{line}: empty word")
            if frame == "carrier":
                if not value:
                    raise ResourceError(f"{path}:{line}: a carrier needs its preposition")
                words[frame].add((word, value.lower()))
            elif frame == "modal":
                if value not in MODAL_VALUES:
                    raise ResourceError(
                        f"{path}:{line}: a modal's value must be intended or wanted, "
                        f"found {value!r}"
                    )
                modal[word] = value
            else:
                words[frame].add(word)
        return cls(
            **{frame: frozenset(found) for frame, found in words.items() if frame != "modal"},
            modal=modal,
        )
