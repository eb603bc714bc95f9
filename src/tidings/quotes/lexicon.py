"""The cue lexicon: the words that introduce what someone said, thinks or wants.

Two data files (formats in ``data/README.md``): ``speech_verbs.tsv``, the reporting verbs the
event coder shares, and ``attribution_cues.tsv``, the cues only the quotes stage uses (speech
verbs the coder codes as events of their own, such as "urge" or "deny"; belief, intention and
evidence verbs; the phrase "according to"). A lemma may appear in one file only. A third,
``quote_labels.tsv``, lists the words that make a "Label:" at the start of a paragraph a part of
the page ("Editor's Note:", "CORRECTION:") rather than a speaker; a fourth,
``cue_prepositions.tsv``, the cue verbs whose content is the object of a preposition the
finder does not otherwise take ("referring *to* the convention").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ResourceError
from ..resources import read_tsv

KINDS = frozenset({"speech", "belief", "intent", "evidence", "stance"})
# clause: the content is a clausal complement ("said that ..."); object: a direct object too
# ("announced new rates"); source: a phrase whose object is the source ("according to X");
# mark: punctuation before a quotation, the source being the name before it ("Ames: “…”");
# hanging: only the words the cue hangs off or a quotation next to it ("“…,” he continued"),
# never a complement ("hiring continues to grow" reports nothing).
FRAMES = frozenset({"clause", "object", "source", "mark", "hanging"})


@dataclass(frozen=True, slots=True)
class Cue:
    id: str  # "speech_verbs.tsv:say"
    lemma: str  # a lemma, or a phrase of words ("according to")
    kind: str
    frame: str


@dataclass(frozen=True, slots=True)
class CueLexicon:
    """Cues by lemma (single words) and by first word (phrases)."""

    words: dict[str, Cue]
    phrases: dict[str, tuple[Cue, ...]]
    # words that make a "Label:" before a colon a section of the page, not a speaker
    labels: frozenset[str] = frozenset()
    # cue lemma -> prepositions whose object is its content ("refer" -> "to")
    prepositions: dict[str, frozenset[str]] = field(default_factory=dict)

    def get(self, lemma: str) -> Cue | None:
        return self.words.get(lemma)

    @classmethod
    def from_tsv(
        cls,
        speech: Path,
        cues: Path,
        labels: Path | None = None,
        prepositions: Path | None = None,
    ) -> CueLexicon:
        found: dict[str, Cue] = {}
        for line, row in read_tsv(speech, ("id", "lemma", "frame")):
            _add(found, Cue(f"{speech.name}:{row['id']}", row["lemma"], "speech", row["frame"]),
                 speech, line)  # fmt: skip
        for line, row in read_tsv(cues, ("id", "cue", "kind", "frame")):
            if row["kind"] not in KINDS:
                raise ResourceError(
                    f"{cues}:{line}: kind {row['kind']!r} is not one of {', '.join(sorted(KINDS))}"
                )
            _add(found, Cue(f"{cues.name}:{row['id']}", row["cue"], row["kind"], row["frame"]),
                 cues, line)  # fmt: skip
        words = {k: c for k, c in found.items() if " " not in k}
        phrases: dict[str, list[Cue]] = {}
        for key, cue in found.items():
            if " " in key:
                phrases.setdefault(key.split()[0], []).append(cue)
        not_speakers = set()
        for line, row in read_tsv(labels, ("word", "note")) if labels else ():
            if not row["word"] or row["word"] != row["word"].lower() or " " in row["word"]:
                raise ResourceError(
                    f"{labels}:{line}: a label word is one lower-case word, found {row['word']!r}"
                )
            not_speakers.add(row["word"])
        preps: dict[str, set[str]] = {}
        for line, row in read_tsv(prepositions, ("cue", "preposition")) if prepositions else ():
            if row["cue"] not in words or " " in row["preposition"] or not row["preposition"]:
                raise ResourceError(
                    f"{prepositions}:{line}: {row['cue']!r} is not a cue of one word, or "
                    f"{row['preposition']!r} is not one word"
                )
            preps.setdefault(row["cue"], set()).add(row["preposition"])
        return cls(
            words,
            {k: tuple(v) for k, v in phrases.items()},
            frozenset(not_speakers),
            {k: frozenset(v) for k, v in preps.items()},
        )


def _add(found: dict[str, Cue], cue: Cue, path: Path, line: int) -> None:
    if cue.frame not in FRAMES:
        raise ResourceError(
            f"{path}:{line}: frame {cue.frame!r} is not one of {', '.join(sorted(FRAMES))}"
        )
    if not cue.lemma or cue.lemma != cue.lemma.lower():
        raise ResourceError(f"{path}:{line}: a cue is a lower-case lemma, found {cue.lemma!r}")
    if cue.lemma in found:
        raise ResourceError(
            f"{path}:{line}: {cue.lemma!r} is already a cue ({found[cue.lemma].id})"
        )
    found[cue.lemma] = cue
