"""The first cleaning pass: furniture out (and kept, classified), metadata in, offsets exact."""

from __future__ import annotations

import pytest

from tidings.clean import Cleaner, detect_language
from tidings.clean.meta import parse_credit, parse_dateline, parse_timestamp
from tidings.errors import InputError
from tidings.records import RawDocument
from tidings.resources import furniture_rules, wire_lexicon

from .conftest import FIXTURES


def _clean(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    raw = RawDocument(name, name, text=text)
    return Cleaner(furniture_rules(), wires=wire_lexicon())(raw, "d1"), text


def test_wire_story_body_is_only_the_news():
    article, _ = _clean("wire_story.txt")
    assert article.text.startswith("Chile and Peru signed an agreement on Tuesday")
    for furniture in (
        "READ MORE",
        "This photo",
        "via AP",
        "Story continues",
        "©",
        "Report an error",
    ):
        assert furniture not in article.text
    assert article.text.endswith("Lima will not sanction Chilean boats, Morales said.")


def test_wire_story_metadata():
    article, _ = _clean("wire_story.txt")
    assert article.title == "Chile and Peru sign fisheries pact after months of talks"
    assert article.published == "2025-03-04T08:15:00"
    assert article.updated == "2025-03-04T11:02:00"
    assert (article.dateline.place, article.dateline.wire) == ("Santiago, Chile", None)
    assert article.credit == "The Canadian Press"
    assert article.captions and article.captions[0].startswith("This photo provided by the Chilean")
    assert article.language == "en"


def test_removed_furniture_is_classified_with_offsets_into_the_input():
    article, text = _clean("wire_story.txt")
    kinds = [r.kind for r in article.removed]
    assert kinds.count("timestamp") == 2 and kinds.count("teaser") == 1
    assert {"headline", "caption", "credit", "navigation", "legal", "dateline"} <= set(kinds)
    for piece in article.removed:
        assert text[piece.start : piece.end].replace("\n", " ") == piece.text


def test_every_clean_offset_maps_back_to_the_same_words_in_the_input():
    article, text = _clean("wire_story.txt")
    for seg in article.segments:
        original = text[seg.source_start : seg.source_start + seg.length]
        assert original.replace("\n", " ") == article.text[seg.start : seg.start + seg.length]
    offset = article.text.index("Morales said")
    assert text[article.source_offset(offset) :].startswith("Morales said")


def test_byline_newsletter_and_trailer_are_removed():
    article, _ = _clean("dallas_wire.txt")
    assert article.byline == "Maria Lopez"
    assert (article.dateline.place, article.dateline.wire) == ("Dallas", "AP")
    assert article.text.startswith("Police arrested 40 protesters on Saturday")
    assert "newsletter" not in article.text and "Reporting by" not in article.text
    assert "Advertisement" not in article.text


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("December 1, 2016 7:31 am", ("published", "2016-12-01T07:31:00")),
        ("Updated: December 1, 2016 10:46 am", ("updated", "2016-12-01T10:46:00")),
        # A named zone or an offset is kept; a stamp without one stays naive.
        ("Published 10:12 a.m. ET Feb. 2, 2024", ("published", "2024-02-02T10:12:00-05:00")),
        ("Last updated 2024-05-08T09:30:00+02:00", ("updated", "2024-05-08T09:30:00+02:00")),
        ("2024-05-08", ("published", "2024-05-08T00:00:00")),
        ("The talks resumed on December 1, 2016 in Geneva.", None),
    ],
)
def test_timestamp_lines(line, expected):
    assert parse_timestamp(line) == expected


@pytest.mark.parametrize(
    ("lead", "place", "wire"),
    [
        ("ANKARA, Turkey – Turkish officials said", "Ankara, Turkey", None),
        ("DALLAS (AP) — Police said", "Dallas", "AP"),
        ("NAIROBI, Kenya (AP) — Donors", "Nairobi, Kenya", "AP"),
        ("GENEVA (Reuters) - Talks", "Geneva", "Reuters"),
        ("NEW YORK (AFP) - The UN", "New York", "AFP"),
        # Agencies that set the place in title case, and rewrite desks that keep only the date.
        ("Mexico City (AFP) – It featured", "Mexico City", "AFP"),
        ("Berlin (dpa) - Die Regierung", "Berlin", "dpa"),
        ("Mar 3 (Reuters) - The council", None, "Reuters"),
    ],
)
def test_dateline_reads_city_and_wire(lead, place, wire):
    dateline, length = parse_dateline(lead)
    assert (dateline.place, dateline.wire) == (place, wire)
    assert not lead[length:].startswith((" ", "-", "–", "—"))


def test_sentence_openers_are_not_datelines():
    assert parse_dateline("The UN - which met on Monday - said") is None
    assert parse_dateline("Senator Ann Ford (R-Ore.) - who chairs the panel - said") is None
    assert parse_dateline("The mayor (said) - no one else") is None
    assert parse_dateline("LAGOS: Officers said", colon=False) is None
    assert parse_dateline("LAGOS: Officers said") is not None


def test_dateline_after_a_standfirst_and_a_labelled_headline():
    text = (
        "Port strike enters third week;\n"
        "Union and operators far apart on pay.\n\n"
        "ABSTRACT.\n\n"
        "Dockworkers in two cities kept picket lines up as talks stalled again.\n\n"
        "FULL TEXT.\n\n"
        "ROTTERDAM, Netherlands - Picket lines stayed up on Monday at the container terminals, "
        "where cranes stood idle for a fifteenth day and ships queued offshore.\n\n"
        "The union said its members would not return without a pay offer that matched "
        "inflation, and the operators said they had nothing more to give.\n"
    )
    article = Cleaner(furniture_rules(), min_chars=0)(RawDocument("s.txt", "s.txt", text=text), "s")
    assert article.title == "Port strike enters third week; Union and operators far apart on pay."
    assert article.dateline.place == "Rotterdam, Netherlands"
    assert article.text.startswith("Picket lines stayed up on Monday")
    kinds = {r.kind: r.text for r in article.removed}
    assert kinds["standfirst"].startswith(("ABSTRACT", "Dockworkers", "FULL TEXT"))
    assert "Dockworkers" not in article.text


def test_transcript_speaker_labels_are_not_datelines():
    text = (
        "Debate night, in their words\n\n"
        "ANNA REYES: We will build the bridge, and we will pay for it without new taxes.\n\n"
        "TOM HALE: She has promised that bridge for ten years and never found the money.\n"
    )
    article = Cleaner(furniture_rules(), min_chars=0)(RawDocument("t.txt", "t.txt", text=text), "t")
    assert article.dateline is None
    assert "ANNA REYES: We will build" in article.text


def test_credit_owner_is_read_from_the_copyright_line():
    assert parse_credit("© 2016 The Canadian Press") == "The Canadian Press"
    assert parse_credit("Copyright 2024 Reuters. All rights reserved.") == "Reuters"


def test_a_page_of_only_furniture_is_rejected():
    raw = RawDocument("f.txt", "f.txt", text="READ MORE: Something else\n\nReport an error\n")
    with pytest.raises(InputError, match="no article body"):
        Cleaner(furniture_rules())(raw, "d2")


def test_language_of_english_and_other_text():
    assert detect_language("The minister said that the talks would resume in the spring.") == "en"
    assert (
        detect_language("Der Minister sagte, dass die Gespräche im Frühjahr weitergehen.") == "de"
    )
    assert detect_language("12:05 | AP") == "und"


def test_page_text_keeps_only_the_story_run():
    """A full page dump: menus, related stories and comments lie outside the story's run."""
    article, text = _clean("page_dump.txt")
    assert article.title == "Harbour strike ends as dockers accept pay offer"
    assert article.text.startswith("Dock workers in Gothenburg voted on Wednesday")
    assert article.text.endswith("millions of kronor a day.")
    for outside in ("Subscribe", "Ferry Operators", "good on them", "Privacy policy", "newsletter"):
        assert outside not in article.text
    assert (article.dateline.place, article.wire) == ("Gothenburg, Sweden", "Reuters")
    assert article.byline == "Tomas Lindqvist"
    assert article.published == "2025-03-12T18:40:00"
    kinds = {r.kind for r in article.removed}
    assert {"boilerplate", "section", "navigation", "byline", "timestamp", "credit"} <= kinds
    for piece in article.removed:
        assert text[piece.start : piece.end].replace("\n", " ") == piece.text


def test_hard_wrapped_paragraphs_are_rejoined():
    text = (
        "Officials in Quito said on Monday that the new bridge over the river would\n"
        "open to traffic in May, two years later than first planned.\n\n"
        "Work stopped twice during the rainy season."
    )
    article = Cleaner(furniture_rules())(RawDocument("w.txt", "w.txt", text=text), "d3")
    assert "would open to traffic in May" in article.text
    assert article.text.endswith("Work stopped twice during the rainy season.")


def test_first_line_headline_with_full_stop_above_a_dateline():
    text = (
        "Port strike ends after nine days.\n\n"
        "OSLO (AP) — Dock workers accepted a pay offer and ended their strike, the union said."
    )
    article = Cleaner(furniture_rules())(RawDocument("h.txt", "h.txt", text=text), "d4")
    assert article.title == "Port strike ends after nine days."
    assert article.text.startswith("Dock workers accepted")
    assert article.dateline.wire == "AP"


def test_news_page_html_drops_standfirst_teasers_and_related_cards():
    html = (FIXTURES / "news_page.html").read_text(encoding="utf-8")
    article = Cleaner(furniture_rules(), wires=wire_lexicon())(
        RawDocument("p.html", "p.html", html=html), "d5"
    )
    assert article.title == "Dam talks resume in Addis Ababa"
    assert article.text.startswith("Negotiators from Ethiopia, Egypt and Sudan resumed talks")
    assert article.text.endswith("planned for March in Khartoum.")
    for teaser in ("SEE MORE", "joint drills", "Related coverage", "year-long pause"):
        assert teaser not in article.text
    assert (article.dateline.place, article.wire) == ("Addis Ababa, Ethiopia", "AP")
    # The page's own declarations, zone kept; the earliest publication date when they disagree
    # (the JSON-LD carries the republication).
    assert (article.published, article.updated) == (
        "2025-02-03T09:15:00+03:00",
        "2025-02-04T12:30:00+03:00",
    )
    # Offsets point into the HTML source, at the same words.
    offset = article.text.index("Sudan has asked")
    assert html[article.source_offset(offset) :].startswith("Sudan has asked")


def test_page_dump_without_gallery_deals_and_comment_thread():
    """A short story between a photo gallery (captions printed twice), a list of deal cards with
    cut-off blurbs, and a comment thread that is longer than the story: only the story is body."""
    article, text = _clean("commented_page.txt")
    assert article.title == "Harbour council approves ferry subsidy"
    assert article.byline == "Tomas Reyes"
    assert article.text.startswith("The harbour council voted on Tuesday")
    assert article.text.endswith("when the council will review the route again.")
    for outside in ("winter tyres", "half the usual price", "late boat", "dawn on Tuesday"):
        assert outside not in article.text
    assert article.captions == (
        "A ferry leaves the north quay at dawn on Tuesday, as crews prepare for the winter "
        "timetable.",
    )
    kinds = {r.kind for r in article.removed}
    assert {"comments", "caption", "credit", "headline", "byline"} <= kinds
    thread = next(r for r in article.removed if r.kind == "comments")
    assert text[thread.start : thread.end] == thread.text


_PITCH = (
    "The Courier is funded by readers like you, and every subscription keeps a reporter on "
    "the council beat."
)
_STORIES = [
    (
        "Library hours cut",
        [
            "The town library will close on Mondays from next month, the council said on "
            "Wednesday, after its budget for the year was cut by a tenth.",
            "Staff will move to longer hours on Saturdays, when most families visit, the "
            "head librarian told a meeting of the arts committee.",
        ],
    ),
    (
        "Bridge repairs delayed",
        [
            "Repairs to the old river bridge will not start before spring, engineers told "
            "councillors on Tuesday, because the steel has not arrived.",
            "Traffic will keep to a single lane in the meantime, with lights at both ends "
            "during the morning and evening rush.",
        ],
    ),
    (
        "School meals contract renewed",
        [
            "The council renewed its school meals contract for three more years on Monday, "
            "after parents asked for more fresh food on the menu.",
            "The caterer agreed to buy vegetables from farms in the valley and to publish its "
            "menus a month ahead, the education officer said.",
        ],
    ),
]


def _site_page(title: str, paragraphs: list[str]) -> str:
    return f"{title}\n\n{paragraphs[0]}\n\n{_PITCH}\n\n" + "\n\n".join(paragraphs[1:]) + "\n"


def test_a_sites_template_line_is_learnt_from_its_other_pages():
    """A sentence a site prints in every story (a prose pitch between paragraphs) is only known
    as furniture by its repetition across the site's pages; other sites and a site's copy of a
    story it already printed are left alone."""
    from tidings.clean import SiteMemory

    raws = [
        RawDocument(f"{i}.txt", f"{i}.txt", text=_site_page(t, p), url=f"https://courier.test/{i}")
        for i, (t, p) in enumerate(_STORIES)
    ]
    title, paragraphs = _STORIES[0]
    updates = [
        RawDocument(
            f"u{n}.txt",
            f"u{n}.txt",
            text=_site_page(title, [paragraphs[0], f"{paragraphs[1]} (Update {n}: times added.)"]),
            url=f"https://courier.test/u{n}",
        )
        for n in (1, 2)
    ]
    other = RawDocument("o.txt", "o.txt", text=raws[1].text, url="https://gazette.test/1")
    cleaner = Cleaner(furniture_rules(), min_chars=0, memory=SiteMemory())
    alone = Cleaner(furniture_rules(), min_chars=0)(raws[0], "a")
    assert "funded by readers" in alone.text  # one page cannot tell the pitch from the story
    cleaner.remember([*raws, other])
    for raw in raws:
        article = cleaner(raw, raw.source)
        assert "funded by readers" not in article.text
        assert article.text.count("\n\n") == 1  # both story paragraphs kept
        pitch = next(r for r in article.removed if "funded by readers" in r.text)
        assert pitch.kind == "boilerplate"
    assert "funded by readers" in cleaner(other, "o").text  # another site's page
    cleaner.remember(updates)
    # Updates of story 0: most of their prose is now "template", so none of it is taken away.
    update = cleaner(updates[1], "u2")
    assert update.text.startswith("The town library will close on Mondays")
    assert "Update 2" in update.text
