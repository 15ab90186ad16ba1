"""Where an event happened: place names the parse puts where places go, and the most specific one.

The gazetteer and the NER miss many villages ("the village of Malha", "in Sana'a"); ACLED
still records the location by the name the report gives. A proper name is read as a place
when the parse puts it after a locative preposition ("in", "at", "near") or names it as a
settlement ("the settlement of Nirim", "the settlement Kiryat Arba").

    >>> from annalyst.extract.nlp import load_nlp
    >>> doc = load_nlp()("Irgun occupied the Arab village of Malha after a fierce battle.")
    >>> [m.text for m in parsed_places(doc, [])]
    ['Malha']
"""
from __future__ import annotations

import re

from spacy.tokens import Doc as SpacyDoc, Token

from annalyst.extract.nlp import Mention, place_index
from annalyst.extract.places import geocode

__all__ = ["parsed_places", "is_qualifier", "is_facility", "is_modifier", "is_attached", "is_person", "names_agreement",
           "is_country", "mention_root"]

# Prepositions that put the event at a place; "from", "on", "of" and "over" name other things as often.
_AT = frozenset("in at near outside inside into around within across".split())
_SETTLEMENT = frozenset("village town city settlement kibbutz moshav camp district municipality province region "
                        "department neighbourhood neighborhood suburb port hamlet area zone county governorate "
                        "state".split())
# "the Mecca Agreement", "the London Straits Convention": named after the city where it was made.
_SIGNED_AT = frozenset("agreement accord accords convention conference treaty summit protocol pact talks".split())
_NOT_PLACE_ENTS = frozenset({"PERSON", "DATE", "TIME", "NORP", "EVENT", "CARDINAL", "ORDINAL", "WORK_OF_ART",
                             "LAW", "MONEY", "PERCENT", "QUANTITY", "LANGUAGE", "ACTOR"})
_ACTOR_WORDS = frozenset("army police government military navy forces guard council parliament court".split())
_JOINERS = frozenset({"-", "'", "’", "de", "del", "al", "el", "la", "du"})
# A street, building or base is below ACLED's location level when a town is also named.
_FACILITY = re.compile(r"\b(street|road|route|highway|avenue|square|station|airport|building|office|barracks|hotel|house|"
                       r"prison|embassy|headquarters|base|bridge|beach|market|mosque|church|stadium)\b", re.I)


def parsed_places(doc: SpacyDoc, mentions: list[Mention]) -> list[Mention]:
    """Proper names in a locative slot that no actor or place mention already covers."""
    taken = [(m.start, m.end) for m in mentions]
    out: list[Mention] = []
    for tok in doc:
        if not tok.text[:1].isupper() or tok.is_sent_start:
            continue
        settlement = _settlement_slot(tok) and tok.pos_ in ("PROPN", "NOUN") or _signed_at(tok)
        if not settlement and (tok.pos_ != "PROPN" or not (_in_place_slot(tok) or _qualified(tok, mentions, True))):
            continue
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children):
            continue  # "the Battle of Nezib", "the Treaty of London": a name of a thing, not a place
        if tok.lower_ in _ACTOR_WORDS or tok.text.endswith(".") and len(tok.text) <= 4:
            continue  # "for the Army"; "raids in St." (a name cut short)
        first = _name_start(tok)
        start, end = doc[first].idx, tok.idx + len(tok)
        overlap = [(s, e) for s, e in taken if s < end and start < e]
        if overlap and not (settlement and all(start <= s and e <= end and (s, e) != (start, end) for s, e in overlap)):
            continue  # "the village of Iraq Suwaydan": the whole name, not the country inside it
        labels = {t.ent_type_ for t in doc[first:tok.i + 1]}
        if settlement and labels & {"DATE", "ACTOR", "CARDINAL", "ORDINAL"} or not settlement and \
                labels & _NOT_PLACE_ENTS and not _qualified(tok, mentions):
            continue  # "the settlement Kiryat Arba" is a place even when the NER says PERSON
        text = doc.text[start:end]
        out.append(Mention(start, end, text, "place", text, "parse", 0.6))
        taken.append((start, end))
    return out


def _qualified(tok: Token, mentions: list[Mention], parenthesis_only: bool = False) -> bool:
    """A name followed by the places that locate it, "Lurgan (Armagh, Northern Ireland)": a place whatever the NER says."""
    doc = tok.doc
    if tok.i + 2 >= len(doc) or doc[tok.i + 1].text not in (("(",) if parenthesis_only else ("(", ",")):
        return False
    if doc[tok.i + 1].text == "(":
        inside = [t for t in doc[tok.i + 2:tok.i + 8] if t.idx > tok.idx]
        close = next((t.i for t in inside if t.text == ")"), None)
        if close is None:
            return False
        return any(m.kind == "place" and tok.i + 2 <= _index(doc, m.start) < close for m in mentions) and \
            (not parenthesis_only or doc[close - 1].ent_type_ == "GPE")
    after = doc[tok.i + 2]
    return any(m.kind == "place" and m.start <= after.idx < m.end for m in mentions)


def _index(doc: SpacyDoc, char: int) -> int:
    span = doc.char_span(char, char + 1, alignment_mode="expand")
    return span.start if span is not None else -1


def _in_place_slot(tok: Token, depth: int = 0) -> bool:
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in _AT or _settlement_slot(tok):
        return True
    if depth == 0 and tok.dep_ == "appos" and head.pos_ in ("PROPN", "NOUN") and _in_place_slot(head, 1):
        return True  # "in the Colonial Office, Whitehall"
    if tok.dep_ == "compound" and head.lemma_.lower() in _SETTLEMENT and head.i > tok.i and depth == 0:
        return _in_place_slot(head, 1)  # "an area of the Caqueta department"
    return _signed_at(tok)


def names_agreement(tok: Token) -> bool:
    """ "the Mecca Agreement": a city naming an agreement is where it was made."""
    if tok.whitespace_ == "" or tok.i > 0 and tok.doc[tok.i - 1].whitespace_ == "":
        return False  # a piece of a longer name: "Ajuria-Enea"
    for _ in range(3):  # "the London Straits Convention"
        if tok.dep_ != "compound":
            return False
        tok = tok.head
        if tok.lemma_.lower() in _SIGNED_AT:
            return True
    return False


def _signed_at(tok: Token) -> bool:
    return tok.pos_ == "PROPN" and names_agreement(tok) and _city(tok)


def _city(tok: Token) -> bool:
    """A city or province the gazetteer knows by this very name (not by an alternate: "Tranquility")."""
    return place_index().get(tok.text) in ("city", "admin1", "admin2")


def _settlement_slot(tok: Token) -> bool:
    """ "the village of Malha", "two settlements: Nirim", "the settlement Kiryat Arba"."""
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in _SETTLEMENT:
        return True
    return tok.dep_ == "appos" and head.lemma_.lower() in _SETTLEMENT


def _name_start(tok: Token) -> int:
    """The first token of the proper name ``tok`` ends: "Iraq Suwaydan", "Nir-Am", "Santa Rosa"."""
    doc, i = tok.doc, tok.i
    while i > 0:
        prev = doc[i - 1]
        name_word = prev.pos_ == "PROPN" and prev.text[:1].isupper()
        joiner = prev.lower_ in _JOINERS and i > 1 and doc[i - 2].pos_ == "PROPN"
        if not (name_word or joiner) or not (i - 1 <= prev.head.i <= tok.i):
            break
        i -= 1
    return i


def is_qualifier(m: Mention, places: list[Mention], text: str) -> bool:
    """Whether a place only locates the town just before it: "Capbreton (Landes, France)", "Florencia, Caquetá",
    "Garmouth in Morayshire", "Tal Afar city (Ninewa, Iraq)"; a street or building before it does not count."""
    return any(other.end <= m.start and _JOIN.fullmatch(text[other.end:m.start]) and not is_facility(other)
               for other in places)


_JOIN = re.compile(r"(?: (?:city|town|village|district|governorate|province))?\s*(?:[(,]|in)\s*", re.I)


def is_modifier(m: Mention, doc: SpacyDoc, places: list[Mention]) -> bool:
    """A place that only qualifies a thing ("a Gaza beach", "the Caribbean coastal city") or follows
    the first of a list ("Ayacucho, Huancavelica, and Apurímac"): a weaker location than a place named for itself."""
    root = mention_root(doc, m)
    if root is None:
        return False
    if root.dep_ in ("compound", "amod", "nmod") and root.head.pos_ == "NOUN":
        named = root.head.lemma_.lower() in _SETTLEMENT and not any(c.lower_ == "of" for c in root.head.children)
        return not named  # "Tal Afar city" names the city; "the Caribbean coastal city of Cartagena" does not
    if any(a.dep_ == "appos" and a.i != root.i for a in _ancestors(root, 6)):
        return True  # "Lord Moyne, the Minister Resident in the Middle East, in Cairo"
    if root.dep_ == "pobj" and root.head.dep_ == "conj" and root.head.head.dep_ == "prep":
        return True  # "in San Sebastián and in Hernani": the first named
    return root.dep_ == "conj" and any(p.start <= root.head.idx < p.end for p in places)


def is_person(m: Mention, doc: SpacyDoc, places: list[Mention]) -> bool:
    """A name the NER took for a place that the sentence shows is a person."""
    before = doc.text[max(0, m.start - 12):m.start]
    if _TITLE.match(before) or _NICKNAME.search(before[-10:]):
        return True  # "Lord Moyne", 'called "Ormeño"'
    root = mention_root(doc, m)
    if root is None:
        return False
    people = [c for c in root.conjuncts if c.ent_type_ == "PERSON" and not any(p.start <= c.idx < p.end for p in places)]
    return bool(people)  # "Ovalle and Sanchez were kidnapped"


def _ancestors(tok: Token, n: int) -> list[Token]:
    out = []
    for _ in range(n):
        if tok.head.i == tok.i or tok.dep_ in ("ROOT", "relcl", "advcl", "ccomp", "acl"):
            break
        out.append(tok)
        tok = tok.head
    return out[1:] if out else out


def is_attached(m: Mention, doc: SpacyDoc, trigger: int) -> bool:
    """Whether a place hangs on the trigger's own verb ("assassinated Lord Moyne ... in Cairo"), not on a noun."""
    tok = mention_root(doc, m)
    if tok is None:
        return False
    for _ in range(8):
        if tok.dep_ in ("compound", "appos", "conj", "pobj", "prep", "dobj") and tok.head.i != tok.i:
            if tok.dep_ == "prep" or tok.dep_ == "dobj":
                return tok.head.i == trigger or tok.head.i == doc[trigger].head.i and doc[trigger].dep_ == "conj"
            tok = tok.head
        else:
            return False
    return False


_NICKNAME = re.compile(r"\b(called|known as|alias|nicknamed)\s*[\"“']?\s*$")
_TITLE = re.compile(r".*\b(Lord|Lady|Sir|General|Commander|Colonel|Captain|President|King|Queen|Prince|Mr|Mrs|Dr)\.? $")


def is_facility(m: Mention, text: str | None = None) -> bool:
    """A street, building or base rather than a town; given the text, also a name the facility word
    follows ("the IDHS (Intelligence Data Handling Service) Building")."""
    if _FACILITY.search(m.text):
        return True
    return text is not None and bool(_FACILITY_AFTER.match(text, m.end))


_FACILITY_AFTER = re.compile(r"(?:\s*\([^()]{1,80}\))?\s+" + _FACILITY.pattern, re.I)


def is_country(m: Mention) -> bool:
    """Whether the gazetteer reads a place mention as a whole country."""
    found = geocode(m.canonical)
    return found is not None and found.kind == "country"


def mention_root(doc: SpacyDoc, m: Mention) -> Token | None:
    """The syntactic head of a mention's words (offsets into ``doc``), or None when they are not on tokens."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.root if span is not None else None
