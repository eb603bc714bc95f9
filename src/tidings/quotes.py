"""Quotes: who said what.

First pass (issue 2): direct quotes in straight or curly double quotes of at least three words,
attributed to the subject of a speech verb in the same sentence ("..., Cavusoglu said"). Indirect
speech, multi-paragraph quotes and pronoun speakers come with the quotes issue.
"""

from __future__ import annotations

import hashlib
import re

from .actors import ActorResolver, DocumentActors
from .records import Quote, Span

_QUOTE = re.compile(r"[“\"](?P<text>[^“”\"]{3,}?)[”\"]")


class QuoteFinder:
    def __init__(self, actors: ActorResolver, speech_verbs: frozenset[str]) -> None:
        self.actors = actors
        self.speech_verbs = speech_verbs

    def __call__(self, parsed, actors: DocumentActors | None = None) -> list[Quote]:
        article, quotes = parsed.article, []
        sentences = parsed.sentences
        memory = actors if actors is not None else self.actors.document(parsed)
        for match in _QUOTE.finditer(article.text):
            text = match.group("text").strip()
            if len(text.split()) < 3:
                continue
            number, sent = _sentence_of(sentences, match.end() - 1)
            if sent is None:
                continue
            speaker, span, cue = self._speaker(sent, match.start(), match.end(), memory)
            key = f"{article.doc_id}|{match.start()}"
            quotes.append(
                Quote(
                    quote_id="q" + hashlib.blake2b(key.encode(), digest_size=8).hexdigest(),
                    doc_id=article.doc_id,
                    text=text,
                    kind="direct",
                    start=match.start("text"),
                    end=match.end("text"),
                    sequence=number,
                    speaker=speaker,
                    speaker_span=span,
                    cue=cue,
                )
            )
        return quotes

    def _speaker(self, sent, start: int, end: int, memory):
        for token in sent:
            inside = start <= token.idx < end
            if inside or token.lemma_.lower() not in self.speech_verbs or token.pos_ != "VERB":
                continue
            for child in token.children:
                if child.dep_ == "nsubj" and not start <= child.idx < end:
                    found = self.actors.resolve(child, memory)
                    if found is not None:
                        actor, (s, e) = found
                        return actor, Span(s, e, sent.doc.text[s:e]), token.lemma_.lower()
            return None, None, token.lemma_.lower()
        return None, None, None


def _sentence_of(sentences, offset: int):
    for number, sent in enumerate(sentences):
        if sent.start_char <= offset < sent.end_char:
            return number, sent
    return -1, None
