"""The pipeline: the stage order, and the turning of a stage failure into a ``Rejected`` record.

    RawDocument ─ clean ─▶ Article ─ nlp ─▶ ParsedArticle ─┬ places ─▶ [Place]
                                                            ├ actors ─▶ [ActorMention]
                                                            ├ quotes ─▶ [Quote]  (uses actors)
                                                            └ events ─▶ [Event]  (uses all three)
                                                           ═▶ CodedDocument

Stages are built once (their resources come from ``resources``, cached per process) and know
nothing about files, batches or stores; the executors in ``run.local`` do.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from .. import resources
from ..clean import Cleaner, SiteMemory
from ..config import Settings
from ..errors import TidingsError
from ..events import EventCoder
from ..ingest import content_id
from ..nlp import Parser
from ..places import PlaceFinder, place_rows
from ..quotes import QuoteFinder
from ..records import Article, CodedDocument, RawDocument, Rejected

log = logging.getLogger(__name__)


class Pipeline:
    """All stages, built once. ``code`` turns raw documents into coded documents or rejections."""

    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings = settings or Settings.load()
        countries = resources.country_lexicon(settings.countries_file)
        actors = resources.actor_resolver(settings)
        self.actors = actors
        speech = resources.speech_verbs()
        self.cleaner = Cleaner(
            resources.furniture_rules(),
            wires=resources.wire_lexicon(),
            min_chars=settings.min_chars,
            memory=SiteMemory(),
        )
        self.parser = Parser(settings.model)
        self.places = PlaceFinder(
            countries,
            resources.gazetteer(
                settings.gazetteer_cache, settings.min_population, settings.countries_file
            ),
        )
        self.events = EventCoder(
            resources.verb_lexicon(tuple(settings.verbs_files), settings.builtin_verbs),
            resources.cameo_table(),
            actors,
            speech,
            surface=resources.surface_lexicon(tuple(settings.petrarch_verbs)),
            discards=resources.discards(tuple(settings.discards_files), settings.builtin_discards),
            lead_sentences=settings.lead_sentences,
            min_confidence=settings.min_confidence,
            code_unresolved=settings.code_unresolved,
            lemmas=resources.lemma_fixes(),
            frames=resources.event_frames(),
            head=resources.event_head(settings.event_head) if settings.event_head else None,
            encoder=(
                resources.sentence_encoder(settings.embedding_model)
                if settings.event_head
                else None
            ),
        )
        self.quotes = QuoteFinder(
            actors,
            resources.cue_lexicon(),
            model=resources.quote_model(settings.quote_model) if settings.quote_model else None,
        )

    def code(self, raws: Iterable[RawDocument]) -> list[CodedDocument | Rejected]:
        """Code a batch; a document that fails any stage becomes a ``Rejected``, the rest go on."""
        results: list[CodedDocument | Rejected | None] = []
        articles: list[tuple[int, str, Article]] = []
        raws = list(raws)
        self.cleaner.remember(raws)
        for raw in raws:
            cleaned = self._clean(raw)
            if isinstance(cleaned, Rejected):
                results.append(cleaned)
            else:
                articles.append((len(results), raw.origin, cleaned))
                results.append(None)
        parsed = self.parser.pipe(a for _, _, a in articles)
        for (slot, origin, article), doc in zip(articles, parsed, strict=True):
            results[slot] = self._analyse(doc, article, origin)
        return results  # type: ignore[return-value]

    def code_one(self, raw: RawDocument) -> CodedDocument | Rejected:
        return self.code([raw])[0]

    def _clean(self, raw: RawDocument) -> Article | Rejected:
        doc_id = content_id(raw)
        try:
            return self.cleaner(raw, doc_id)
        except TidingsError as exc:
            return Rejected(
                raw.source, raw.origin, "clean", getattr(exc, "reason", str(exc)), doc_id
            )
        except Exception as exc:  # a bug must not sink the batch; the document is kept as rejected
            log.exception("%s: cleaning failed", raw.origin)
            return Rejected(raw.source, raw.origin, "clean", f"internal error: {exc!r}", doc_id)

    def _analyse(self, parsed, article: Article, origin: str) -> CodedDocument | Rejected:
        stage = "places"
        try:
            places = self.places(parsed)
            stage = "actors"
            actors = self.actors.document(parsed)
            stage = "quotes"
            quotes = self.quotes(parsed, actors)
            stage = "events"
            events = self.events(parsed, places, actors, quotes)
        except Exception as exc:  # as above: reported per document, never fatal to the run
            log.exception("%s: %s failed", article.source, stage)
            return Rejected(
                article.source, origin, stage, f"internal error: {exc!r}", article.doc_id
            )
        return CodedDocument(
            article=article,
            events=tuple(events),
            quotes=tuple(quotes),
            places=place_rows(article.doc_id, places),
            actors=tuple(actors.mentions),
            sentences=parsed.sentence_spans(),
        )
