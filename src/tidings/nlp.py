"""NLP: sentence split, tags, dependency parse and entities from a spaCy pipeline.

The pipeline is named by ``Settings.model`` (any installed spaCy package or path) and loaded once
per process by ``resources.spacy_pipeline``. A small component makes every paragraph break a
sentence boundary, since the clean text joins paragraphs with blank lines and a sentence never
spans two of them; another (``EntityFixer``) trims entity spans to names, gives known names
their type from the bundled data and keeps a person's surname a person through the document.
``tidings eval ner`` measures the difference against the bare model.
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
# Labels a known name may replace: the small model's usual confusions for names it has not seen
# ("Cavusoglu" as ORG, "Aleppo" as LANGUAGE). Dates, numbers and money are never relabelled.
_NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "LANGUAGE", "PRODUCT",
                          "WORK_OF_ART", "EVENT", "LAW"})  # fmt: skip


def trim(doc: Doc) -> list[SpacySpan]:
    """Entity spans as names: without a leading article ("the Australian Labor Party" is the
    party "Australian Labor Party"; OntoNotes-trained models include it) or a trailing
    possessive or stray punctuation ("Shulamit Aloni '"). A capitalised "The" is kept inside a
    sentence ("in The Hague") and dropped at its start, where it cannot be told apart."""
    entities = []
    for ent in doc.ents:
        start, end = ent.start, ent.end
        while (
            start < end - 1
            and doc[start].lower_ in _LEADING
            and (doc[start].is_lower or doc[start].is_sent_start)
        ):
            start += 1
        while end > start + 1 and doc[end - 1].text.lower() in _TRAILING:
            end -= 1
        entities.append(SpacySpan(doc, start, end, ent.label))
    return entities


class EntityFixer:
    """The ``tidings_entities`` component: names as news readers know them.

    1. Trim spans to names (``trim``).
    2. Known names keep their type: a span that is exactly a name of the bundled data (people,
       organisations, countries and their adjectives, cities of 15,000 people or more) gets that
       name's label.
    3. Document consistency: a person introduced by full name ("Christian Simard") makes later
       mentions of the surname alone a PERSON too, whatever the model said, and a surname the
       model missed becomes an entity.
    """

    def __init__(self, names: dict[str, str] | None = None) -> None:
        self._names = names

    @property
    def names(self) -> dict[str, str]:
        if self._names is None:
            from .resources import name_gazetteer

            self._names = name_gazetteer()
        return self._names

    def __call__(self, doc: Doc) -> Doc:
        names = self.names
        entities = []
        surnames: set[str] = set()
        for ent in trim(doc):
            label = ent.label_
            known = names.get(ent.text)
            if known and label in _NAME_LABELS and known != label:
                label = known
            if label == "PERSON" and len(ent) > 1 and ent[-1].is_title:
                surnames.add(ent[-1].text)
            entities.append(SpacySpan(doc, ent.start, ent.end, label))
        if surnames:
            entities = _surnames(doc, entities, surnames)
        doc.ents = entities
        return doc


def _surnames(doc: Doc, entities: list[SpacySpan], surnames: set[str]) -> list[SpacySpan]:
    """Single-token mentions of a surname already introduced become PERSON entities."""
    taken = {i for ent in entities for i in range(ent.start, ent.end)}
    out = []
    for ent in entities:
        if len(ent) == 1 and ent.text in surnames and ent.label_ in {"ORG", "GPE", "NORP"}:
            ent = SpacySpan(doc, ent.start, ent.end, "PERSON")
        out.append(ent)
    for token in doc:
        if token.i not in taken and token.text in surnames and token.pos_ == "PROPN":
            out.append(SpacySpan(doc, token.i, token.i + 1, "PERSON"))
    return sorted(out, key=lambda e: e.start)


@Language.factory("tidings_entities")
def make_entity_fixer(nlp: Language, name: str) -> EntityFixer:
    return EntityFixer()


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
