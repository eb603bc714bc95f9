"""Actors: find who acts in a document and resolve them to country, sector and CAMEO codes."""

from .dictionary import ActorDictionary
from .lexicon import CountryLexicon, RoleLexicon
from .resolver import ActorResolver, DocumentActors, phrase_tokens, separate

__all__ = [
    "ActorDictionary",
    "ActorResolver",
    "CountryLexicon",
    "DocumentActors",
    "RoleLexicon",
    "phrase_tokens",
    "separate",
]
