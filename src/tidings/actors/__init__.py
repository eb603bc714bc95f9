"""Actors: find who acts in a sentence and resolve them to country, sector and CAMEO codes."""

from .lexicon import CountryLexicon, OrganisationLexicon, PeopleLexicon, RoleLexicon
from .resolver import ActorResolver, DocumentActors, phrase_tokens

__all__ = [
    "ActorResolver",
    "CountryLexicon",
    "DocumentActors",
    "OrganisationLexicon",
    "PeopleLexicon",
    "RoleLexicon",
    "phrase_tokens",
]
