"""Events: who did what to whom, coded in CAMEO and PLOVER from the dependency parse."""

from .cameo import CameoTable, quad_class
from .coder import EventCoder, event_date
from .lexicon import VerbEntry, VerbLexicon

__all__ = ["CameoTable", "EventCoder", "VerbEntry", "VerbLexicon", "event_date", "quad_class"]
