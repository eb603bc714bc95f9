"""NLP: sentence split, tags, dependency parse and entities from a spaCy pipeline.

The pipeline is named by ``Settings.model`` (any installed spaCy package or path) and loaded once
per process by ``resources.spacy_pipeline``. A small component makes every paragraph break a
sentence boundary, since the clean text joins paragraphs with blank lines and a sentence never
spans two of them; another trims entity spans to names (no leading article, no trailing
possessive), which the actor lookups and the CrossNER scores (``tidings eval ner``) both need.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from .records import Article, Span
from .resources import spacy_pipeline

# Articles per nlp.pipe batch; spaCy's own default of 1000 holds too many parses in memory
# for long articles, and 16 is as fast on two cores.
_BATCH = 16


@Language.component("tidings_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that contains a newline."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc


_LEADING = frozenset({"the", "a", "an"})
_TRAILING = frozenset({"'", "’", "'s", "’s", "-", "–", "(", ","})


@Language.component("tidings_entities")
def trim_entities(doc: Doc) -> Doc:
    """Entity spans as names: without a leading article ("the Australian Labor Party" is the
    party "Australian Labor Party"; OntoNotes-trained models include it) or a trailing
    possessive or stray punctuation ("Shulamit Aloni '"). A capitalised "The" is kept inside a
    sentence ("in The Hague") and dropped at its start, where it cannot be told apart."""
    entities = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        # A capitalised article inside a sentence belongs to the name ("in The Hague").
        while (
            start < end - 1
            and doc[start].lower_ in _LEADING
            and (doc[start].is_lower or doc[start].is_sent_start)
        ):
            start += 1
        while end > start + 1 and doc[end - 1].text.lower() in _TRAILING:
            end -= 1
        entities.append(SpacySpan(doc, start, end, ent.label))
    doc.ents = entities
    return doc


@dataclass(slots=True)
class ParsedArticle:
    """An article with its spaCy ``Doc``. Lives inside the stages; the store never sees it."""

    article: Article
    doc: Doc
    sentences: list = field(init=False)  # non-blank sentences, computed once for every stage

    def __post_init__(self) -> None:
        self.sentences = [s for s in self.doc.sents if s.text.strip()]

    def sentence_spans(self) -> tuple[Span, ...]:
        return tuple(Span(s.start_char, s.end_char, s.text) for s in self.sentences)


class Parser:
    """Parse articles with a spaCy pipeline, in batches."""

    def __init__(self, model: str, *, batch_size: int = _BATCH) -> None:
        self.nlp = spacy_pipeline(model)
        if "tidings_paragraphs" not in self.nlp.pipe_names:
            where = {"before": "parser"} if "parser" in self.nlp.pipe_names else {}
            self.nlp.add_pipe("tidings_paragraphs", **where)
        if "ner" in self.nlp.pipe_names and "tidings_entities" not in self.nlp.pipe_names:
            self.nlp.add_pipe("tidings_entities", after="ner")
        self.batch_size = batch_size
        self.model = model

    def __call__(self, article: Article) -> ParsedArticle:
        return ParsedArticle(article, self.nlp(article.text))

    def pipe(self, articles: Iterable[Article]) -> Iterator[ParsedArticle]:
        articles = list(articles)
        docs = self.nlp.pipe((a.text for a in articles), batch_size=self.batch_size)
        for article, doc in zip(articles, docs, strict=True):
            yield ParsedArticle(article, doc)
