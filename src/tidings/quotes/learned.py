"""A learned cue scorer: which words of a parse head an attribution, beside the cue lexicon.

The lexicon names the cues it knows and says why; PolNeAR's attributions have a long tail of cues
no short list holds ("reserved his passion for", "mulled", "draws a line at"). The scorer is a
logistic regression over facts of the parse about one *candidate*: a word the quotes stage could
take for a cue, because the finder can build a content for it (a clausal complement, an
infinitive, an object, the object of a topic preposition, or the clause a verb set off by a comma
hangs off; ``QuoteFinder.candidates``). The facts (``features``) are the word (lemma, part of
speech, dependency, its head), what hangs off it (a "that" clause, "to", "about ..."), whether and
how the lexicon lists it, its subject (a name, a pronoun, a noun, none), where its content lies
and how long it is, and whether the sentence has quote marks.

It is used by the quotes stage in two ways when a model file is named (``TIDINGS_QUOTE_MODEL``):

* **add**: a candidate the lexicon does not list becomes an attribution when its probability
  reaches ``threshold``: ``rule`` is ``model:<name>``, ``cue_kind`` is the lexicon's kind of
  the lemma where it has one (a word the rules took only in another use), else ``other``;
* **veto**: a lexicon cue whose probability is below ``veto`` is dropped (0: never).

Every attribution it scored carries the probability as ``confidence``. Without a model file the
stage is the rules alone. A model is trained on brat attributions (``brat``, PolNeAR's format) by
``train`` (``tidings train-quotes``): a candidate is a positive example when it lies in a gold cue
and the content the finder builds for it shares a word character with that attribution's
content. It is saved as JSON (feature weights, bias, thresholds); reading it needs no
scikit-learn, training does (the ``learned`` extra).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ResourceError
from .brat import Annotated, Attribution, word_chars
from .lexicon import Cue

FORMAT = 1
# The kind of a model cue whose lemma the lexicon does not list.
OTHER = "other"
# Defaults of ``tidings train-quotes``, chosen on PolNeAR train (docs/evaluation.md, quotes): a
# cue outside the lexicon from this probability; a lexicon cue dropped below that one.
THRESHOLD = 0.5
VETO = 0.2
# The regularisation of the logistic regression (scikit-learn's C).
C = 0.3


@dataclass(frozen=True)
class QuoteModel:
    name: str
    weights: dict[str, float]
    bias: float
    threshold: float = 0.5  # a cue outside the lexicon from this probability
    veto: float = 0.0  # a lexicon cue below this probability is dropped
    trained_on: dict = field(default_factory=dict)  # what the model was trained on, for people

    def probability(self, features: Iterable[str]) -> float:
        score = self.bias + sum(self.weights.get(f, 0.0) for f in set(features))
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))

    def save(self, path: Path) -> None:
        body = {
            "format": FORMAT,
            "name": self.name,
            "threshold": self.threshold,
            "veto": self.veto,
            "bias": self.bias,
            "trained_on": self.trained_on,
            "weights": dict(sorted(self.weights.items())),
        }
        Path(path).write_text(json.dumps(body, indent=0, ensure_ascii=False), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> QuoteModel:
        try:
            body = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ResourceError(f"{path}: not a quote model file: {exc}") from exc
        if not isinstance(body, dict) or body.get("format") != FORMAT:
            raise ResourceError(f"{path}: not a quote model file of format {FORMAT}")
        try:
            weights = {str(k): float(v) for k, v in body["weights"].items()}
            return cls(
                str(body["name"]),
                weights,
                float(body["bias"]),
                float(body["threshold"]),
                float(body["veto"]),
                dict(body.get("trained_on") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ResourceError(f"{path}: a quote model file lacks or mangles {exc}") from exc


def model_cue(token, lexicon_cue: Cue | None, name: str) -> Cue:
    """The cue a model attribution gets: the word's lemma, the lexicon's kind where it lists
    the lemma, and the ``object`` frame (a clause, else an object, else a topic preposition)."""
    lemma = token.lemma_.lower()
    return Cue(f"model:{name}", lemma, lexicon_cue.kind if lexicon_cue else OTHER, "object")


def features(token, listed: Cue | None, source, parts, quoted: bool) -> list[str]:
    """The facts the scorer weighs about a candidate cue ``token`` (module docstring)."""
    lemma = token.lemma_.lower()
    head = token.head
    out = [
        f"lemma={lemma}",
        f"pos={token.pos_}",
        f"tag={token.tag_}",
        f"dep={token.dep_}",
        f"lemma+pos={lemma}|{token.pos_}",
        f"lemma+dep={lemma}|{token.dep_}",
        f"head={head.lemma_.lower()}" if head is not token else "head=ROOT",
        f"head.pos={head.pos_}|{token.dep_}",
        f"listed={listed.kind}|{listed.frame}" if listed else "listed=no",
        f"quoted={quoted}",
    ]
    for child in token.children:
        dep = child.dep_
        if dep in {"prep", "mark", "aux", "agent"}:
            dep += ":" + child.lower_
        elif dep in {"ccomp", "xcomp", "acl"}:
            marks = [c.lower_ for c in child.children if c.dep_ in {"mark", "aux"}]
            dep += ":" + (marks[0] if marks else "-")
        out += [f"child={dep}", f"lemma+child={lemma}|{dep}"]
    if source is None:
        out.append("source=none")
    else:
        kind = source.lower_ if source.pos_ == "PRON" else source.ent_type_ or source.pos_ or "?"
        out += [f"source={kind}", f"lemma+source={lemma}|{kind}"]
    start, end = min(p[0] for p in parts), max(p[1] for p in parts)
    where = "before" if end <= token.idx else "after" if start >= token.idx else "around"
    size = sum(e - s for s, e in parts)
    out += [
        f"content={where}",
        f"content.size={min(6, int(math.log2(1 + size // 10)))}",
        f"lemma+content={lemma}|{where}",
    ]
    return out


def fit(
    annotated: list[Annotated],
    finder,
    parser,
    *,
    name: str,
    threshold: float = THRESHOLD,
    veto: float = VETO,
) -> QuoteModel:
    """A model trained on annotated texts: each is parsed by ``parser`` (``nlp.Parser``) as an
    article built directly from the text, so the annotation offsets hold."""
    from ..records import Article

    texts = [Article(doc_id=a.name, source=a.name, text=a.text) for a in annotated]
    rows = []
    for item, parsed in zip(annotated, parser.pipe(texts), strict=True):
        rows += examples(finder, parsed, item.attributions)
    trained_on = {
        "texts": len(annotated),
        "attributions": sum(len(a.attributions) for a in annotated),
        "candidates": len(rows),
        "parser": parser.model,
    }
    return train(rows, name=name, threshold=threshold, veto=veto, trained_on=trained_on)


def examples(finder, parsed, gold: Iterable[Attribution]) -> list[tuple[list[str], bool]]:
    """The candidates of one parsed article as training rows: (features, whether the word lies
    in a gold cue and the content built for it shares a word character with that
    attribution's content)."""
    from .finder import quotations

    text = parsed.doc.text
    cues: dict[int, frozenset[int]] = {}  # character of a gold cue -> its content's characters
    for attribution in gold:
        content = word_chars(text, attribution.content)
        for start, end in attribution.cue:
            for i in range(start, end):
                cues[i] = cues.get(i, frozenset()) | content
    rows = []
    for candidate in finder.candidates(parsed.doc, quotations(text), unlisted=True):
        content = cues.get(candidate.token.idx)
        built = word_chars(text, candidate.attribution.parts)
        rows.append((candidate.features, bool(content and content & built)))
    return rows


def train(
    rows: list[tuple[list[str], bool]],
    *,
    name: str,
    threshold: float = THRESHOLD,
    veto: float = VETO,
    c: float = C,
    trained_on: dict | None = None,
) -> QuoteModel:
    """A logistic regression over candidate rows (features, whether it is a gold cue)."""
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise ResourceError(
            "training a quote model needs scikit-learn: pip install 'tidings[learned]'"
        ) from exc
    labels = [bool(label) for _, label in rows]
    if len(set(labels)) < 2:
        raise ResourceError("a quote model needs both gold cues and other candidates to learn from")
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([dict.fromkeys(f, 1.0) for f, _ in rows]).tocsr()
    matrix.indices = matrix.indices.astype("int32")  # liblinear takes 32-bit indices only
    matrix.indptr = matrix.indptr.astype("int32")
    regression = LogisticRegression(C=c, max_iter=2000, solver="liblinear")
    regression.fit(matrix, labels)
    weights = {
        feature: round(float(w), 5)
        for feature, w in zip(vectorizer.get_feature_names_out(), regression.coef_[0], strict=True)
        if abs(w) >= 1e-4
    }
    return QuoteModel(
        name, weights, float(regression.intercept_[0]), threshold, veto, dict(trained_on or {})
    )
