"""What a page is about: the kind of its subject, from evidence the page gives.

Four named families of rules, all in ``data/subject_kinds.yaml``, each casting a weighted
vote with the span it read:

- ``infobox``: labels that only one family of infobox templates renders;
- ``lead``: the head of the lead sentence's predicate ("X is a militant group", "was a
  battle", "is a town"), ``lead_common_noun`` (the lead writes the subject in lower case or
  after "A": a type of thing) and ``lead_lifespan`` (a biography's dates after the name);
- ``titles``: the title's pattern ("Battle of X", "X massacre", "1990s", "Politics of X");
- ``title_in_gazetteer``: the title is a country or first-level division.

The kind with the most weight wins; a tie goes to the kind of the heaviest single vote;
nothing fires: ``other``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from annalyst.data import load_yaml
from annalyst.model import Document, Span
from annalyst.read import lines as L
from annalyst.read.labels import normalise_label

EXTRACTOR = "extract.kind"


@dataclass(frozen=True)
class Vote:
    """One rule's verdict: the kind it names, its weight, and the span it read."""

    rule: str
    kind: str
    weight: int
    span: Span


@dataclass(frozen=True)
class Verdict:
    kind: str
    votes: tuple[Vote, ...]  # the votes for ``kind``, heaviest first

    @property
    def is_actor(self) -> bool:
        return is_actor(self.kind)

    @property
    def is_conflict(self) -> bool:
        return is_conflict(self.kind)


def is_actor(kind: str) -> bool:
    """Whether a subject of this kind gets an actor profile (armed groups and state forces)."""
    return kind in _rules()["actor_kinds"]


def is_conflict(kind: str) -> bool:
    """Whether a subject of this kind gets a conflict profile."""
    return kind in _rules()["conflict_kinds"]


def id_prefix(kind: str) -> str:
    """The namespace of a subject's entity id ("actor:hamas", "place:bishkek")."""
    return _rules()["id_prefix"][kind]


def subject_kind(doc: Document, title: str, title_span: Span | None) -> Verdict:
    """The kind of the page's subject, with the votes that decided it."""
    votes = [*_infobox_votes(doc), *_lead_votes(doc, title), *_title_votes(title, title_span)]
    if not votes:
        return Verdict("other", ())
    totals: dict[str, int] = {}
    for v in votes:
        totals[v.kind] = totals.get(v.kind, 0) + v.weight
    heaviest = {k: max(v.weight for v in votes if v.kind == k) for k in totals}
    order = _rules()["kinds"]
    kind = max(totals, key=lambda k: (totals[k], heaviest[k], -order.index(k)))
    return Verdict(kind, tuple(sorted((v for v in votes if v.kind == kind), key=lambda v: -v.weight)))


@lru_cache(maxsize=None)
def _rules() -> dict:
    return load_yaml("subject_kinds.yaml")


# --- the infobox ---------------------------------------------------------------------

@lru_cache(maxsize=None)
def _template_labels() -> tuple[tuple[dict, frozenset[str]], ...]:
    return tuple((rule, frozenset(normalise_label(lab) for lab in rule["labels"])) for rule in _rules()["infobox"])


def _infobox_votes(doc: Document) -> list[Vote]:
    rows = doc.structure.infobox
    if not rows:
        return []
    keys = []
    for row in rows:
        full = normalise_label(row.label)
        keys.append((full, full.rsplit("•", 1)[-1].strip(), row))
    best: tuple[int, dict, list] | None = None
    for rule, labels in _template_labels():
        hits = [row for full, tail, row in keys if full in labels or tail in labels]
        if len(hits) >= rule["min"] and (best is None or len(hits) > best[0]):
            best = (len(hits), rule, hits)
    if best is None:
        return []
    _, rule, hits = best
    first = hits[0].label_span
    return [Vote(rule["name"], rule["kind"], rule["weight"], first)]


# --- the lead sentence ---------------------------------------------------------------

_WORD = re.compile(r"[A-Za-z\u00c0-\u024f][\w'’\-\u00c0-\u024f]*|[.;:!?,&]")


@lru_cache(maxsize=None)
def _heads() -> dict[str, str]:
    """Every head phrase (lower case) -> its kind; the first kind to list a phrase keeps it."""
    table: dict[str, str] = {}
    for kind, phrases in _rules()["lead"]["heads"].items():
        for p in phrases:
            table.setdefault(p.casefold(), kind)
    for p in _rules()["lead"]["armed_heads"]:
        table[p.casefold()] = "armed_group"
    return table


def _lead_votes(doc: Document, title: str) -> list[Vote]:
    if not doc.structure.paragraphs:
        return []
    lead = doc.structure.paragraphs[0]
    text = doc.text
    window = Span(lead.start, min(lead.end, lead.start + 900))
    masked = _masked(text, window)
    copula = _copula()
    end = re.search(r"(?<![A-Z])(?<!\bSt)(?<!\bMr)(?<!\bDr)\.\s+(?=[A-Z])", masked)
    m = copula.search(masked, 0, end.start() if end else len(masked))
    votes: list[Vote] = []
    generic = _generic(doc, title, window, m.start() if m else None)
    if generic:
        g = _rules()["generic"]
        votes.append(Vote(g["name"], g["kind"], g["weight"], generic))
    if m is None:
        return votes
    lifespan = _lifespan(text, window.start, window.start + m.start())
    if lifespan:
        votes.append(lifespan)
    head = _predicate_head(masked, m.end(), window.start)
    if head:
        votes.append(head)
    return votes


@lru_cache(maxsize=None)
def _copula() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(re.escape(c) for c in _rules()["lead"]["copulas"]) + r")\b")


def _masked(text: str, window: Span) -> str:
    """The window with parentheses, brackets and citation markers blanked (offsets kept)."""
    chars = list(text[window.start:window.end])
    depth = 0
    for i, ch in enumerate(chars):
        if ch in "([":
            depth += 1
        if depth:
            chars[i] = " "
        if ch in ")]" and depth:
            depth -= 1
    return "".join(chars)


def _predicate_head(masked: str, start: int, base: int) -> Vote | None:
    """The head of the predicate after the copula, as a vote.

    The predicate runs to a stop word; commas split it into conjuncts. The head is the last
    known phrase of the first conjunct that has one: "a city, ceremonial county and unitary
    authority" is a city; "a military academy" is an academy; "a film and entertainment
    conglomerate" is a conglomerate.
    """
    rules = _rules()["lead"]
    stops = {s.casefold() for s in rules["stops"]}
    rest = masked[start:]
    for skip in sorted(rules["skip_after_copula"], key=len, reverse=True):
        m = re.match(r"\s*(?:a|an|the)?\s*" + re.escape(skip) + r"\b", rest, re.I)
        if m:
            start += m.end()
            rest = masked[start:]
            break
    heads = _heads()
    conjuncts: list[list[re.Match]] = [[]]
    count = 0
    for w in _WORD.finditer(rest):
        low = w.group().casefold()
        if low in ".;:!?" or (low in stops and count) or count >= 16:
            break
        # a participle right after a head ends the noun phrase ("an attack carried out")
        if low.endswith(("ed", "ing")) and w.group()[0].islower() and _ends_in_head(conjuncts[-1], heads):
            break
        if low == ",":  # "a city, ceremonial county and unitary authority"; "and" joins a compound
            if conjuncts[-1]:
                conjuncts.append([])
            continue
        if low in ("a", "an", "the") and not conjuncts[-1]:
            continue
        conjuncts[-1].append(w)
        count += 1
    words = [w for c in conjuncts for w in c]
    found = None
    for conjunct in conjuncts:
        found = _last_head(conjunct, heads)
        if found:
            break
    if found is None:
        return None
    head_start, head_end, kind = found
    first = words.index(head_start)
    head_words = masked[start + head_start.start():start + head_end.end()].casefold()
    head_words = " ".join(head_words.split())
    before = [w.group().casefold() for w in words[:first]]
    pairs = {" ".join(before[j:j + 2]) for j in range(len(before) - 1)}
    armed = any(m.casefold() in before or m.casefold() in pairs for m in rules["armed_modifiers"])
    last = _singular(head_words.split()[-1])
    armed_head = head_words in rules["armed_heads"] or _singular(head_words) in rules["armed_heads"]
    if armed and (last in rules["group_heads"] or head_words in rules["group_heads"]):
        kind = "armed_group"
    elif kind == "armed_group" and not armed and not armed_head:
        kind = "organization"
    span = Span(base + start + head_start.start(), base + start + head_end.end())
    return Vote("lead_" + ("armed_group" if kind == "armed_group" else "head"), kind, rules["weight"], span)


def _ends_in_head(words: list[re.Match], heads: dict[str, str]) -> bool:
    found = _last_head(words, heads)
    return found is not None and found[1] is words[-1]


def _last_head(words: list[re.Match], heads: dict[str, str]) -> tuple[re.Match, re.Match, str] | None:
    """The known phrase that ends the words, the head of their noun phrase: (first, last
    word, kind). None when the last word is no known head: "a military escalation" names no
    military."""
    best = None
    for i in range(len(words)):
        for n in (3, 2, 1):
            if i + n > len(words):
                continue
            phrase = " ".join(w.group() for w in words[i:i + n]).casefold()
            kind = heads.get(phrase) or heads.get(_singular(phrase))
            if kind:
                if best is None or i + n > best[0]:
                    best = (i + n, i, kind)
                break
    if best is None or best[0] != len(words):
        return None
    end, first, kind = best
    return words[first], words[end - 1], kind


def _singular(phrase: str) -> str:
    if phrase.endswith("ies"):
        return phrase[:-3] + "y"
    if phrase.endswith(("ses", "xes", "ches", "shes")):
        return phrase[:-2]
    return phrase[:-1] if phrase.endswith("s") and not phrase.endswith("ss") else phrase


def _generic(doc: Document, title: str, window: Span, copula_at: int | None) -> Span | None:
    """Where the lead writes the subject as a common noun: all in lower case ("the commutator
    subgroup"), or after "A"/"An" ("A war hammer"). A capital inside it ("the battle of
    Raqqa", "the Buddha") makes it a name."""
    limit = window.start + (copula_at if copula_at is not None else 200)
    found = L.find_squeezed(doc.text, title, Span(window.start, min(window.end, limit)))
    if found is None or not title[:1].isupper():
        return None
    written = doc.text[found.start:found.end]
    if any(c.isupper() for c in written[1:]):
        return None
    before = doc.text[window.start:found.start]
    if written[:1].islower() or re.search(r"(?:^|\s)An?\s$", before):
        return found
    return None


_YEAR = re.compile(r"(?<![\d,.])\d{1,4}(?!\d)")


def _lifespan(text: str, start: int, copula: int) -> Vote | None:
    """A biography's parenthesis before the copula: "(born 1950)", "(1922 – 2009)"."""
    rule = _rules()["lifespan"]
    open_at = text.find("(", start, copula)
    while open_at >= 0:
        depth, i = 0, open_at
        while i < copula:
            depth += {"(": 1, ")": -1}.get(text[i], 0)
            if depth == 0:
                break
            i += 1
        inner = text[open_at + 1:i]
        if re.search(r"\b(?:born|b\.)\s+[^;]*\d{3,4}", inner):
            return Vote(rule["name"], rule["kind"], rule["born_weight"], Span(open_at, i + 1))
        if re.search(r"\d{3,4}[^;]*?\s*[–—-]\s*[^;]*?\d{3,4}|\b(?:died|d\.|fl\.)\s+[^;]*\d{3,4}", inner):
            return Vote(rule["name"], rule["kind"], rule["weight"], Span(open_at, i + 1))
        open_at = text.find("(", i + 1, copula)
    return None


# --- the title -----------------------------------------------------------------------

@lru_cache(maxsize=None)
def _title_rules() -> tuple[tuple[dict, re.Pattern], ...]:
    return tuple((r, re.compile(r["pattern"])) for r in _rules()["titles"])


def _title_votes(title: str, span: Span | None) -> list[Vote]:
    if span is None:
        return []
    votes = [Vote(r["name"], r["kind"], r["weight"], span) for r, p in _title_rules() if p.search(title)]
    g = _rules()["gazetteer"]
    if not votes and re.fullmatch(r"[A-Z][\w'’\- ]+", title):
        from annalyst.extract.places import geocode
        place = geocode(title)
        if place is not None and place.kind in g["place_kinds"] and place.name.casefold() == title.casefold():
            votes.append(Vote(g["name"], g["kind"], g["weight"], span))
    return votes
