"""Quotes: who said what (direct, indirect and mixed), each speaker resolved to an actor.

``QuoteFinder`` (``finder``) is the stage; ``CueLexicon`` (``lexicon``) reads the cue words from
``data/speech_verbs.tsv`` and ``data/attribution_cues.tsv``; ``find_marked`` (``marks``) finds
quotations by their quote marks.
"""

from .finder import QuoteFinder
from .lexicon import Cue, CueLexicon
from .marks import Marked, find_marked

__all__ = ["Cue", "CueLexicon", "Marked", "QuoteFinder", "find_marked"]
