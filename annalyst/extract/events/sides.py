"""The two sides of a war or battle, from the first sentence of the page about it.

A conflict page's lead says who fought whom: "took place between China and India", "fought
between Russia and an ultimately victorious alliance of the Ottoman Empire, France, ...",
"launched by the Syrian Democratic Forces (SDF) against the Islamic State (ISIL)". Its
sentences then write "the two sides signed", or name only one side ("Iraqi troops began their
offensive"); the sides say who the other party is.

    >>> from annalyst.model import Document, Source
    >>> doc = Document(Source("x", "Sino-Indian War"), "The war took place between China and India in 1962.")
    >>> [[p.name for p in side] for side in lead_sides(doc)]
    [['China'], ['India']]
"""
from __future__ import annotations

from spacy.tokens import Span as SpacySpan

from annalyst.extract.actors import actor_table
from annalyst.extract.mentions import find_mentions
from annalyst.extract.nlp import Mention, Party, load_nlp
from annalyst.extract.places import geocode
from annalyst.model import Document

from .phrases import state_country
from .where import is_country

__all__ = ["lead_sides", "side_of", "Party"]

# "by X against Y", "by X ... to retake the city from Y"
_OPPOSED = frozenset({"against", "from"})


def lead_sides(doc: Document) -> tuple[tuple[Party, ...], ...]:
    """The two sides the page's first sentence names, or () when it names no two."""
    spans = doc.structure.paragraphs
    lead = doc.text[spans[0].start:spans[0].end] if spans else doc.text[:2000]
    pdoc = load_nlp()(lead)
    mentions = find_mentions(pdoc)
    for sent in list(pdoc.sents)[:3]:  # the first sentence, however parentheses split it
        sides = _between(sent, mentions) or _by_against(sent, mentions)
        if sides:
            return sides
    return ()


def side_of(name: str, sides: tuple[tuple[Party, ...], ...]) -> int | None:
    """Which side (0 or 1) an actor is on: the same actor, or the same state's forces or government."""
    state = _state(name)
    for i, side in enumerate(sides):
        if any(p.name == name or state is not None and _state(p.name) == state for p in side):
            return i
    return None


def _state(name: str) -> str | None:
    """The country a state actor or a country acts for ("Military Forces of China" and "China" both give CN)."""
    if name in actor_table().actors:
        return state_country(name)
    place = geocode(name)
    return place.country if place is not None and place.kind == "country" else None


def _parties(mentions: list[Mention], start: int, end: int) -> tuple[Party, ...]:
    """The actors and countries named between two offsets, each once, in order."""
    out: dict[str, Party] = {}
    for m in mentions:
        if start <= m.start < end and (m.kind == "actor" or is_country(m)):
            out.setdefault(m.canonical, Party(m.canonical, m.text))
    return tuple(out.values())


def _between(sent: SpacySpan, mentions: list[Mention]) -> tuple[tuple[Party, ...], ...]:
    """ "between A and B": A's own words one side; B and any later conjunct the other."""
    for prep in (t for t in sent if t.lower_ == "between" and t.dep_ == "prep"):
        first = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if first is None or not first.conjuncts:
            continue
        other = first.conjuncts[0]
        one = _parties(mentions, first.left_edge.idx, other.left_edge.idx)
        two = _parties(mentions, other.left_edge.idx, max(c.right_edge.idx + len(c.right_edge) for c in first.conjuncts))
        if one and two:
            return one, two
    return ()


def _by_against(sent: SpacySpan, mentions: list[Mention]) -> tuple[tuple[Party, ...], ...]:
    """ "launched by A against B", "initiated by A ... to retake the city of Mosul from B"."""
    by = next((t for t in sent if t.lower_ == "by" and t.dep_ == "agent"), None)
    if by is None:
        return ()
    for opposed in (t for t in sent if t.i > by.i and t.lower_ in _OPPOSED and t.dep_ == "prep"):
        one = _parties(mentions, by.idx, opposed.idx)
        two = _parties(mentions, opposed.idx, opposed.right_edge.idx + len(opposed.right_edge))
        if one and two:
            return one, two
    return ()
