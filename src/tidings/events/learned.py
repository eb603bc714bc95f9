"""A learned event head: sentence embeddings plus the lexicon's own answer → an event class.

The lexicon codes what its entries name and says why; it misses what they do not name. The head
is a linear (logistic-regression) layer over two things: the sentence's embedding
(``embed.SentenceEncoder``) and the class of the lexicon's top event in that sentence (one-hot,
weighted by its confidence, with a column for "no event"). It is trained on labelled sentences
(``train_head``; ``tidings train-head``) and used by the event coder in two ways:

* **rerank**: each lexicon event's confidence becomes the mean of its own and the head's
  probability for the event's class, so that of two readings the one the head agrees with leads;
* **fill**: where no lexicon event of the head's best class exists in the sentence and the head's
  probability for it reaches ``threshold``, a *model event* is added: the CAMEO code the head
  gives for that class, the clause's subject and object as participants, ``rule`` =
  ``model:<head name>`` and the head's probability as confidence.

Classes are what the training labels were: CAMEO roots ("19"), or groups of roots (ConfliBERT's
five classes). ``roots`` maps each class to the roots it covers, and ``codes`` to the code a model
event gets. A head is saved as one ``.npz`` file (weights and a JSON header); it never runs
unless named (``TIDINGS_EVENT_HEAD``): the default coder is the lexicon alone.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..errors import ResourceError

NONE = "-"  # the lexicon-feature column for "no lexicon event"


@dataclass(frozen=True)
class EventHead:
    name: str
    labels: tuple[str, ...]
    roots: dict[str, tuple[str, ...]]  # class → the CAMEO roots it covers
    codes: dict[str, str]  # class → the CAMEO code of a model event of that class
    weights: np.ndarray  # (features, classes)
    bias: np.ndarray  # (classes,)
    threshold: float = 0.5

    def label_of(self, cameo: str | None) -> str | None:
        root = (cameo or "")[:2]
        return next((label for label in self.labels if root in self.roots[label]), None)

    def features(self, vectors: np.ndarray, lexicon: Sequence[tuple[str | None, float]]):
        """Embeddings beside the one-hot class of the lexicon's top event (class, confidence)."""
        columns = {label: n for n, label in enumerate((*self.labels, NONE))}
        onehot = np.zeros((len(lexicon), len(columns)), dtype=np.float32)
        for row, (label, confidence) in enumerate(lexicon):
            onehot[row, columns.get(label or NONE, columns[NONE])] = 1.0 + confidence
        return np.hstack([vectors.astype(np.float32), onehot])

    def probabilities(self, vectors: np.ndarray, lexicon) -> np.ndarray:
        scores = self.features(vectors, lexicon) @ self.weights + self.bias
        scores = np.exp(scores - scores.max(axis=1, keepdims=True))
        return scores / scores.sum(axis=1, keepdims=True)

    # -- files ---------------------------------------------------------------------------------

    def save(self, path: Path) -> None:
        header = {
            "name": self.name,
            "labels": list(self.labels),
            "roots": {k: list(v) for k, v in self.roots.items()},
            "codes": self.codes,
            "threshold": self.threshold,
            "format": 1,
        }
        with Path(path).open("wb") as handle:
            np.savez(handle, header=np.array(json.dumps(header)), w=self.weights, b=self.bias)

    @classmethod
    def load(cls, path: Path) -> EventHead:
        try:
            with np.load(path, allow_pickle=False) as data:
                header = json.loads(str(data["header"]))
                weights, bias = data["w"], data["b"]
        except (OSError, KeyError, ValueError) as exc:
            raise ResourceError(f"{path}: not an event head file ({exc})") from None
        labels = tuple(header["labels"])
        if weights.shape[1] != len(labels) or bias.shape != (len(labels),):
            raise ResourceError(f"{path}: weights do not match its {len(labels)} classes")
        return cls(
            name=header["name"],
            labels=labels,
            roots={k: tuple(v) for k, v in header["roots"].items()},
            codes=dict(header["codes"]),
            weights=weights,
            bias=bias,
            threshold=float(header.get("threshold", 0.5)),
        )


def root_classes(labels: Sequence[str]) -> tuple[dict, dict]:
    """Classes that are CAMEO codes or roots: each covers its root; a model event gets the
    root's general code ("19" → "190")."""
    roots = {label: (label[:2],) for label in labels}
    codes = {label: label[:2] + "0" for label in labels}
    return roots, codes


def train_head(
    name: str,
    vectors: np.ndarray,
    lexicon: Sequence[tuple[str | None, float]],
    labels: Sequence[str],
    *,
    roots: dict[str, tuple[str, ...]] | None = None,
    codes: dict[str, str] | None = None,
    c: float = 4.0,
    threshold: float = 0.5,
) -> EventHead:
    """Fit the head by multinomial logistic regression (scikit-learn, needed for training only).

    ``lexicon`` holds, per sentence, the class of the lexicon's top event (by the same ``roots``)
    and its confidence; ``labels`` the gold classes."""
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as exc:
        raise ResourceError(
            "training a head needs scikit-learn: pip install 'tidings[learned]'"
        ) from exc
    classes = tuple(sorted(set(labels)))
    if len(classes) < 2:
        raise ResourceError("training a head needs at least two classes")
    if roots is None or codes is None:
        roots, codes = root_classes(classes)
    shell = EventHead(name, classes, roots, codes, np.zeros((1, 1)), np.zeros(1), threshold)
    model = LogisticRegression(C=c, max_iter=3000)
    model.fit(shell.features(vectors, lexicon), list(labels))
    coef, intercept = model.coef_, model.intercept_
    if len(classes) == 2:  # one column for the second class: softmax([0, z]) is sigmoid(z)
        coef = np.vstack([np.zeros_like(coef), coef])
        intercept = np.concatenate([[0.0], intercept])
    order = [list(model.classes_).index(label) for label in classes]
    return EventHead(
        name,
        classes,
        roots,
        codes,
        coef.T[:, order].astype(np.float32),
        intercept[order].astype(np.float32),
        threshold,
    )
