"""Actors and places named in a parsed text: the gazetteer's entities, the page's own context (its
subject, aliases, allies and opponents), fuzzy corrections of misspelt names, model entities named like
armed groups ("23rd Egyptian Armored Brigade"), and demonyms coordinated with an actor ("Egyptian and
Syrian forces"). The pipeline that parses the text is :mod:`annalyst.extract.nlp`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from spacy.tokens import Doc, Span

from annalyst.extract.actors import actor_table, canonical_actor, demonyms, fuzzy_actor, name_variants
from annalyst.extract.nlp import ACTOR, Mention, PageContext, fuzzy_place, place_index

__all__ = ["find_mentions", "context_actor", "named_like_armed_group", "ambiguous_actors"]

# --- mentions in a parsed Doc ---------------------------------------------------------

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NAME_LABELS = frozenset({"ORG", "NORP", "PERSON", "PRODUCT", "WORK_OF_ART", "GPE", "LOC", "FAC",
                          "EVENT", "CARDINAL"})
# ORG/NORP entities named like an armed group are actors even when no list holds them.
_ARMED = re.compile(r"\b(?:forces?|troops|brigades?|militias?|army|armies|front|movement|liberation|"
                    r"battalions?|regiments?|corps|guards?|divisions?|rebels|insurgents|mujahideen|"
                    r"jihad|resistance|fighters|militants|gang|faction|commandos?|task force|"
                    r"paramilitar(?:y|ies)|guerrillas?|legion|squadron|fleet|navy|air force)\b", re.I)
_NOT_ARMED = re.compile(r"\b(?:memorial|museum|cemetery|hospital|day|medal|cross|college|academy|school|"
                        r"university|band|stadium|club|party|council|ministry|bank|company|corporation)\b", re.I)
# Words that name a kind of unit, not which one: "Air Force" alone is nobody in particular.
_UNIT_WORDS = re.compile(r"air|special|armed|national|royal|naval|marine|infantry|commando|mechani[sz]ed|"
                         r"armou?red|mountain|airborne|security|defen[cs]e|self|popular|revolutionary|"
                         r"republican|islamic|people's|peoples|united|combined|joint|task", re.I)
_EVENT_OF = re.compile(r"^(?:[Tt]he )?(?:Fall|Battle|Siege|Capture|Liberation|Sack|Recapture|Occupation|"
                       r"Massacre|Bombing) (?:of|for) (.+)$")
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")
_CONNECTORS = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "ibn", "bin", "of", "the", "and",
                         "de", "del", "la", "-", "'", "’"})
# Order of precedence: the page's context and the gazetteer, then fuzzy, then the model.
_GROUP = {"context": 2, "gazetteer": 2, "fuzzy": 1, "model": 1}
_RANK = {"context": 4, "gazetteer": 3, "fuzzy": 2, "model": 1}


def find_mentions(doc: Doc, context: PageContext | None = None) -> list[Mention]:
    """Actors and places named in ``doc``, context applied, non-overlapping, sorted by start."""
    found = list(_entity_mentions(doc))
    if context is not None:
        found += _context_mentions(doc, context)
    found += _run_mentions(doc)
    found += _coordinated_demonyms(doc, found)
    found += _unresolved(doc)
    return _non_overlapping(found, len(doc.text))


def _unresolved(doc: Doc) -> Iterator[Mention]:
    """ "the RAF placed three pipe bombs": an abbreviation that is an armed actor whichever one it means
    (the Royal Air Force, the Red Army Faction), kept as written where the page cannot say which.
    A page that can resolves it first (its context mentions outrank these)."""
    names = ambiguous_actors()
    if not names:
        return
    for m in _alternation(names).finditer(doc.text):
        if doc.char_span(m.start(), m.end()) is not None:
            yield Mention(m.start(), m.end(), m.group(), "actor", m.group(), "model")


@lru_cache(maxsize=1)
def ambiguous_actors() -> tuple[str, ...]:
    """Abbreviations the actor table lists for two or more actors (context-only names)."""
    return tuple(sorted(w for w, actors in actor_table().context_only.items() if len(actors) > 1))


def _coordinated_demonyms(doc: Doc, found: list[Mention]) -> list[Mention]:
    """ "Egyptian and Syrian forces", "Kurdish and U.S. Air Force jets": each demonym's forces.

    The demonym takes the noun of the actor it is coordinated with ("Egyptian forces");
    where the gazetteer has no such form, "<demonym> forces" ("Kurdish forces").
    """
    known = demonyms()
    actor_at = {m.start: m for m in found if m.kind == "actor" and m.source in ("gazetteer", "context")}
    out: list[Mention] = []
    for token in doc:
        if token.text not in known or token.i + 2 >= len(doc):
            continue
        i = token.i + 1
        while i + 1 < len(doc) and doc[i].lower_ in ("and", "or", ",") and doc[i + 1].text in known \
                and doc[i + 1].idx not in actor_at:
            i += 2  # "Egyptian, Syrian and Jordanian forces"
        if doc[i].lower_ not in ("and", "or", ",") or i + 1 >= len(doc) or doc[i + 1].idx not in actor_at:
            continue
        partner = actor_at[doc[i + 1].idx]
        # the longest demonym the partner starts with, so the result never hangs on set order
        prefixes = [d for d in known if partner.text.startswith(d + " ")]
        noun = partner.text[len(max(prefixes, key=len)):].strip() if prefixes else None
        canonical = noun and canonical_actor(f"{token.text} {noun}") or canonical_actor(f"{token.text} forces")
        if canonical is not None:
            out.append(Mention(token.idx, token.idx + len(token.text), token.text, "actor", canonical,
                               "gazetteer", 0.9))
    return out


def _entity_mentions(doc: Doc) -> Iterator[Mention]:
    for ent in doc.ents:
        if ent.label_ == ACTOR:
            yield _mention(ent, "actor", ent.ent_id_, "gazetteer")
        elif ent.label_ in _PLACE_LABELS and ent.ent_id_:
            yield _mention(ent, "place", ent.ent_id_, "gazetteer")
        elif ent.label_ in _NAME_LABELS:
            clean = _model_text(ent)
            span = clean and ent.doc.char_span(*clean, alignment_mode="contract")
            span = _without_determiner(span) if span else None
            if span is not None:
                found = _model_mention(span, ent.label_)
                if found is not None:
                    yield found


def _model_mention(span: Span, label: str) -> Mention | None:
    """A model entity, corrected by the gazetteer (exact, then fuzzy) where it can be."""
    event = _EVENT_OF.match(span.text)
    if event is not None:  # "the Fall of Mosul": the place is what follows "of"
        inner = span.doc.char_span(span.start_char + event.start(1), span.end_char)
        if inner is None:
            return None
        span, label = inner, "GPE"
    text = span.text
    if text in place_index():
        return _mention(span, "place", text, "gazetteer")
    hit = fuzzy_actor(text)
    if hit is not None:
        return _mention(span, "actor", hit[0], "fuzzy", hit[1] / 100)
    if label in _PLACE_LABELS:
        place = fuzzy_place(text)
        if place is not None:
            return _mention(span, "place", place[0], "fuzzy", place[1] / 100)
        return _mention(span, "place", text, "model")
    if label in ("ORG", "NORP"):
        span = _with_unit_prefix(span)
        if _named_like_armed_group(span):
            return _mention(span, "actor", span.text, "model")
    return None


def named_like_armed_group(name: str) -> bool:
    """ "Jerusalem Brigade", "Kurdistan Workers' Front": a name that says its bearer is armed."""
    return bool(_ARMED.search(name)) and not _NOT_ARMED.search(name)


def _named_like_armed_group(span: Span) -> bool:
    """ "Jerusalem Brigade", "Welsh Guards"; not a bare "Brigades", "Armed Forces Memorial" or "force.[213"."""
    text = span.text
    if not named_like_armed_group(text) or any(c in text for c in "[](),;"):
        return False
    if not span[-1].text[:1].isupper():
        return False
    own_words = [t for t in span if _ORDINAL.match(t.text) or t.is_alpha and t.text[:1].isupper()
                 and not _ARMED.fullmatch(t.text) and not _UNIT_WORDS.fullmatch(t.text)]
    return bool(own_words)


def _with_unit_prefix(span: Span) -> Span:
    """A unit's name with the ordinal and demonym the model left out: "23rd Egyptian Armored Brigade"."""
    start = span.start
    while start > 0:
        token = span.doc[start - 1]
        if not (_ORDINAL.match(token.text) or token.ent_type_ in ("NORP", "ORDINAL")):
            break
        start -= 1
    return span.doc[start:span.end]


def _run_mentions(doc: Doc) -> Iterator[Mention]:
    """Fuzzy actor matches among capitalised runs that no entity covers ("Pershmerga").

    Places are corrected only where the model says it saw a place: a capitalised word
    is far more often a person or a heading ("Leaders" is 86 from "Leander").
    """
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    for span in _capitalised_runs(doc, covered):
        pieces = [span] if len(span) == 1 else [span, *(span[i:i + 1] for i in range(len(span)))]
        for piece in pieces:
            hit = fuzzy_actor(piece.text)
            if hit is not None:
                yield _mention(piece, "actor", hit[0], "fuzzy", hit[1] / 100)
                break


def _capitalised_runs(doc: Doc, covered: set[int]) -> Iterator[Span]:
    start = None
    for token in doc:
        capital = token.i not in covered and token.is_alpha and token.text[0].isupper() and not token.is_sent_start
        inside = start is not None and token.i not in covered and token.lower_ in _CONNECTORS
        if capital or inside:
            start = token.i if start is None else start
            continue
        if start is not None:
            yield from _trimmed(doc, start, token.i)
            start = None
    if start is not None:
        yield from _trimmed(doc, start, len(doc))


def _trimmed(doc: Doc, start: int, end: int) -> Iterator[Span]:
    while end > start and doc[end - 1].lower_ in _CONNECTORS:
        end -= 1
    if end > start:
        yield doc[start:end]


def _context_mentions(doc: Doc, context: PageContext) -> list[Mention]:
    names = _context_names(context)
    found = []
    if names:
        for m in _alternation(tuple(sorted(names))).finditer(doc.text):
            if doc.char_span(m.start(), m.end()) is not None:
                found.append(Mention(m.start(), m.end(), m.group(), "actor", names[m.group()], "context"))
    for m in _alternation(tuple(sorted(actor_table().context_only))).finditer(doc.text):
        chosen = _context_only(m.group(), names, context)
        if chosen is not None and doc.char_span(m.start(), m.end()) is not None:
            found.append(Mention(m.start(), m.end(), m.group(), "actor", chosen, "context"))
    return found


def context_actor(written: str, context: PageContext) -> str | None:
    """The actor a written name means on a page: "RAF" is the Red Army Faction on its page."""
    names = _context_names(context)
    return names.get(written) or _context_only(written, names, context)


def _context_only(written: str, names: dict[str, str], context: PageContext) -> str | None:
    """Which of the actors an ambiguous abbreviation may mean the page means: one it names, else one of its countries."""
    table = actor_table()
    candidates = table.context_only.get(written, ())
    chosen = [c for c in candidates if c in names.values()] or [
        c for c in candidates if set(table.actors[c].countries) & set(context.countries)]
    return chosen[0] if len(chosen) == 1 else None


def _context_names(context: PageContext) -> dict[str, str]:
    """Written name -> canonical actor, for the subject and its aliases, allies and opponents."""
    names: dict[str, str] = {}
    if context.subject and _looks_like_name(context.subject):
        subject = canonical_actor(context.subject) or re.sub(r"^[Tt]he\s+", "", context.subject.strip())
        for written in (context.subject, *context.aliases):
            for variant in name_variants(written):
                names.setdefault(variant, subject)
    for written in (*context.allies, *context.opponents):
        if not _looks_like_name(written):
            continue
        canonical = canonical_actor(written) or next(name_variants(written))
        for variant in name_variants(written):
            names.setdefault(variant, canonical)
    return names


def _looks_like_name(written: str) -> bool:
    words = [w for w in re.split(r"[\s()]+", written) if w]
    return bool(words) and all(not (w.isalpha() and w.islower() and len(w) > 3) or w in _CONNECTORS
                               for w in words)


@lru_cache(maxsize=256)
def _alternation(names: tuple[str, ...]) -> re.Pattern:
    longest_first = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")


def _without_determiner(span: Span) -> Span | None:
    while len(span) and span[0].lower_ in ("the", "a", "an") or len(span) and span[-1].text in ("'s", "’s"):
        span = span[1:] if span[0].lower_ in ("the", "a", "an") else span[:-1]
    return span if len(span) else None


def _mention(span: Span, kind: str, canonical: str, source: str, score: float = 1.0) -> Mention:
    return Mention(span.start_char, span.end_char, span.text, kind, canonical, source, score)


def _model_text(span: Span) -> tuple[int, int] | None:
    """The character range of a model entity without a citation marker or trailing stop ("Gaza,[59")."""
    text = span.text
    cut = text.find("[")
    text = (text if cut < 0 else text[:cut]).rstrip(" .,;:")
    return (span.start_char, span.start_char + len(text)) if text else None


def _non_overlapping(found: list[Mention], length: int) -> list[Mention]:
    taken = bytearray(length)
    kept = []
    for m in sorted(found, key=lambda m: (-_GROUP[m.source], -(m.end - m.start), -_RANK[m.source], m.start)):
        if not any(taken[m.start:m.end]):
            taken[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)

