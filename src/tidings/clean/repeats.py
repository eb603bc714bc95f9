"""Repetition across a corpus: the lines a site prints on many of its pages.

A site's template (its menus, its newsletter pitch, its "About us" blurb, its comment rules) is
the same text on every page, while its stories differ. ``SiteMemory`` remembers, for each site
(the host of the document's URL), the lines of its last ``window`` documents; a line of a new
document that at least ``min_docs`` of them share (the document itself included) is the site's
template, and the plain-text cleaner scores it as not story (``clean.text``).

Two guards keep stories safe. Only documents with a URL take part: without one there is no site,
and pooling all sites would make a wire story printed by three papers look like a template.
And a document whose prose is mostly "repeated" is a copy or an update of another story of
the site, so repetition is ignored for it (``clean.text.MOSTLY_REPEATED``).

Memory is bounded: ``window`` documents per site and ``sites`` sites, the least recently seen
site forgotten first. Results depend on what was seen before, in input order; a batch is
remembered before it is cleaned, so a site's first pages benefit from the rest of their batch.
"""

from __future__ import annotations

import re
from collections import Counter, OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

_WORD = re.compile(r"\w+")
_LINE = re.compile(r"[^\n]+")


def line_key(line: str) -> str:
    """The form in which lines are compared: lower-cased words, single-spaced."""
    return " ".join(_WORD.findall(line.lower()))


def site_of(url: str | None) -> str | None:
    """The site of a URL: its host without a leading "www."; None without a URL."""
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname or ""
    return host.removeprefix("www.") or None


@dataclass
class _Site:
    documents: deque[tuple[str, frozenset[str]]] = field(default_factory=deque)
    counts: Counter[str] = field(default_factory=Counter)


class SiteMemory:
    """Lines recently seen in each site's documents (see the module docstring)."""

    def __init__(self, *, window: int = 200, sites: int = 2000, min_docs: int = 3) -> None:
        self.window = window
        self.max_sites = sites
        self.min_docs = min_docs
        self._sites: OrderedDict[str, _Site] = OrderedDict()

    def add(self, site: str | None, doc_id: str, text: str) -> None:
        """Remember a document's lines (once per document id)."""
        if site is None:
            return
        memory = self._sites.get(site)
        if memory is None:
            memory = self._sites[site] = _Site()
            if len(self._sites) > self.max_sites:
                self._sites.popitem(last=False)
        self._sites.move_to_end(site)
        if any(seen == doc_id for seen, _ in memory.documents):
            return
        keys = frozenset(k for k in map(line_key, _LINE.findall(text)) if k)
        memory.documents.append((doc_id, keys))
        memory.counts.update(keys)
        if len(memory.documents) > self.window:
            _, old = memory.documents.popleft()
            memory.counts.subtract(old)
            for key in old:
                if memory.counts[key] <= 0:
                    del memory.counts[key]

    def template(self, site: str | None) -> Callable[[str], bool] | None:
        """A test of whether a line key is in ``site``'s template: shared by at least
        ``min_docs`` remembered documents. None when the site has too few documents."""
        memory = self._sites.get(site) if site else None
        if memory is None or len(memory.documents) < self.min_docs:
            return None
        counts, least = memory.counts, self.min_docs
        return lambda key: counts.get(key, 0) >= least
