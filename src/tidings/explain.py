"""Render one coded article for a person: metadata, removed furniture, sentences, events, quotes."""

from __future__ import annotations

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from .records import Actor, CodedDocument, Event, Rejected


def render(console: Console, result: CodedDocument | Rejected) -> bool:
    """Print the article; return True when it was rejected."""
    if isinstance(result, Rejected):
        console.print(f"[red]rejected[/red] {result.origin}: {result.reason} ({result.stage})")
        return True
    article = result.article
    meta = Table(show_header=False, title=f"{article.source}  [dim]{article.doc_id}[/dim]")
    dateline = article.dateline
    for label, value in [
        ("title", article.title),
        ("published", article.published),
        ("updated", article.updated),
        (
            "dateline",
            f"{dateline.place or ''} {('(' + dateline.wire + ')') if dateline.wire else ''}"
            if dateline
            else None,
        ),
        ("byline", article.byline),
        ("credit", article.credit),
        ("language", article.language),
        ("url", article.url),
    ]:
        meta.add_row(label, escape(str(value)) if value else "[dim]—[/dim]")
    console.print(meta)
    if article.removed:
        console.print("[bold]Removed furniture[/bold]")
        for piece in article.removed:
            console.print(f"  [dim]{piece.kind:<10}[/dim] {escape(_short(piece.text))}")
    by_sentence: dict[int, list[Event]] = {}
    for event in result.events:
        by_sentence.setdefault(event.text_info.sequence, []).append(event)
    console.print("[bold]Sentences and events[/bold]")
    for number, sent in enumerate(result.sentences):
        console.print(f"[cyan]{number:>3}[/cyan] {escape(sent.text.strip())}")
        for event in by_sentence.get(number, []):
            console.print("      " + _event_line(event))
    if result.quotes:
        console.print("[bold]Quotes[/bold]")
        for quote in result.quotes:
            who = _actor(quote.speaker) if quote.speaker else "[dim]unattributed[/dim]"
            console.print(f"  {who} ({quote.cue or '—'}): “{escape(_short(quote.text, 100))}”")
    return False


def _event_line(event: Event) -> str:
    ti = event.text_info
    actors = " + ".join(_actor(a) for a in event.actor)
    recipients = " + ".join(_actor(a) for a in event.recipient) or "[dim]—[/dim]"
    flags = [event.modality] if event.modality != "asserted" else []
    if event.negated:
        flags.append("negated")
    if event.reported_by:
        flags.append(f"reported by {event.reported_by.name}")
    why = (
        f"trigger “{escape(ti.trigger.text if ti.trigger else '?')}”, actor “"
        + escape("”, “".join(s.text for s in ti.actor_spans))
        + "”"
        + (
            ", recipient “" + escape("”, “".join(s.text for s in ti.recipient_spans)) + "”"
            if ti.recipient_spans
            else ""
        )
    )
    return (
        f"[green]{event.cameo}[/green] {event.event}  {actors} → {recipients}"
        f"  [yellow]{' '.join(flags)}[/yellow]  date {event.date or '—'}  conf {event.confidence:.2f}\n"
        f"        [dim]{why}; rule {event.rule}; goldstein {event.goldstein}, quad {event.quad_class}[/dim]"
    )


def _actor(actor: Actor) -> str:
    code = actor.cameo or actor.code or "?"
    return f"{escape(actor.name or actor.entity_text)} [magenta]{code}[/magenta]"


def _short(text: str, limit: int = 90) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
