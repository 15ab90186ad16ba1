"""Death counts in event prose: "at least 4 were killed" is 4, "dozens" is no number.

>>> count_fatalities("Three militants were killed.").value
3
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.tokens import Span as SpacySpan

from annalyst.data import load_yaml

from .triggers import irrealis_lemmas

__all__ = ["Count", "count_fatalities", "parse_number", "victim_count", "sentence_count"]


@dataclass(frozen=True)
class Count:
    """A fatality count (int, or {"low", "high"} for a range) and where it was read, relative to the text."""

    value: int | dict
    start: int
    end: int


@lru_cache(maxsize=1)
def _lexicon() -> dict:
    return load_yaml("events/numbers.yaml")


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern, ...]:
    lex = _lexicon()
    words = sorted((set(lex["units"]) | set(lex["scales"])) - {"a", "an", "no", "both", "single"}, key=len, reverse=True)
    num = r"(?:(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?: (?:million|thousand))?|(?:%s)(?:[- ](?:%s))*)" % ("|".join(words), "|".join(words))
    approx = "|".join(re.escape(a) for a in sorted(lex["approximate"], key=len, reverse=True))
    fatal = "|".join(re.escape(v) for v in sorted(lex["fatal_verbs"], key=len, reverse=True))
    nouns = "|".join(lex["fatal_nouns"])
    units = "|".join(lex["not_people"])
    # a number of times, years or rounds is no count of people ("struck four times and died")
    n = rf"(?:(?:{approx}) )?(?P<n>{num})(?! (?:{units})\b)"
    rng = rf"(?:between )?(?P<lo>{num}) ?(?:–|-|to|and) ?(?P<hi>{num})"
    return (
        re.compile(rf"\b(?:death toll|toll|number of (?:dead|deaths|people killed))\b[^.;]{{0,50}}?\b(?:rose to|rises to|reached|climbed to|"
                   rf"stood at|stands at|is|was|of|at|to) {n}\b", re.I),
        re.compile(rf"\b{rng} (?:[A-Za-z'-]+ ){{0,4}}?(?:(?:were|was|had been|have been) )?(?:{fatal})\b", re.I),
        re.compile(rf"\b(?:{fatal}) {n}\b", re.I),
        re.compile(rf"\b{n} (?:[A-Za-z'-]+ ){{0,7}}?(?:(?:were|was|had been|have been|are|being) )?(?:{fatal})\b", re.I),
        re.compile(rf"\b{n} (?:{nouns})\b", re.I),
    )


def parse_number(written: str) -> int | None:
    """The integer a written number stands for: "25", "1,500", "twenty-six", "1.5 million"."""
    written = written.lower().replace(",", "").strip()
    lex = _lexicon()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?: (million|thousand))?", written)
    if m:
        return int(float(m.group(1)) * lex["scales"].get(m.group(2) or "", 1))
    total, current = 0, 0
    for word in re.split(r"[- ]+", written):
        if word in lex["scales"] and word != "hundred":
            total, current = total + max(current, 1) * lex["scales"][word], 0
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in lex["units"]:
            current += lex["units"][word]
        elif word != "and":
            return None
    return total + current


def count_fatalities(text: str) -> Count | None:
    """The death count a sentence states, or None when it states none."""
    return _none_killed(text) or _stated_count(text)


def _none_killed(text: str) -> Count | None:
    """0, where the text says no one died."""
    for pattern in _lexicon()["none_killed"]:
        m = re.search(pattern, text, re.I)
        if m:
            return Count(0, m.start(), m.end())
    return None


def _stated_count(text: str) -> Count | None:
    """The first number (or range) the fatality patterns find: a death toll first, then ranges, then counts."""
    for i, pattern in enumerate(_patterns()):
        for m in pattern.finditer(text):
            if i == 1:
                lo, hi = parse_number(m.group("lo")), parse_number(m.group("hi"))
                if lo is not None and hi is not None and lo < hi:
                    return Count({"low": lo, "high": hi}, m.start(), m.end())
                continue
            value = parse_number(m.group("n"))
            if value is not None and value < 10_000_000 and not _is_year(m.group("n")):
                return Count(value, m.start(), m.end())
    return None


def sentence_count(sent: SpacySpan) -> Count | None:
    """A parsed sentence's death count: "no one died", then the victims a killing verb names, then a stated number."""
    text = sent.text
    return _none_killed(text) or victim_count(sent) or _stated_count(text)


def _is_year(written: str) -> bool:
    return bool(re.fullmatch(r"1[0-9]{3}|20[0-9]{2}", written))


_FATAL_LEMMAS = {"kill", "assassinate", "murder", "execute", "slay"}
_SINGULAR = {"NN", "NNP"}


def victim_count(sent: SpacySpan) -> Count | None:
    """Deaths counted from the victims of a killing verb ("X, his driver and his bodyguard were shot and
    killed" is 3), plus each named person the sentence says died ("Centeno died at the scene and Trapero
    died of his wounds" is 2; "89 people were killed, and Smith died later" is 90)."""
    killed = _killed_count(sent)
    died = [d for d in (_one_died(token) for token in sent) if d is not None]
    if killed is not None:
        died = [d for d in died if not (killed.start <= d[0] - sent.start_char < killed.end)]
    if not died:
        return killed
    start, end = died[0][0] - sent.start_char, died[-1][1] - sent.start_char
    if killed is None:
        return Count(len(died), start, end)
    if not isinstance(killed.value, int):
        return killed
    return Count(killed.value + len(died), min(killed.start, start), max(killed.end, end))


def _killed_count(sent: SpacySpan) -> Count | None:
    for token in sent:
        if token.lemma_.lower() not in _FATAL_LEMMAS and not (token.lower_ == "shot" and _has_dead(token)):
            continue
        if _intended(token):
            continue
        verb = token
        while verb.dep_ == "conj" and not _victims(verb):
            verb = verb.head
        victims = _victims(verb)
        if not victims:
            continue
        counts = [_one_count(victim) for victim in victims]
        if None in counts:
            continue  # "began executing prisoners": no number here; a later verb may have one
        total = sum(counts)
        first, last = min(v.left_edge.i for v in victims), max(v.i for v in victims)
        doc = sent.doc
        return Count(total, doc[first].idx - sent.start_char, doc[last].idx + len(doc[last]) - sent.start_char)
    return None


def _one_died(token) -> tuple[int, int] | None:
    """(start, end) of "Kennedy died" / "Wallace was pronounced dead": one named person's death."""
    if token.pos_ not in ("VERB", "AUX") or not (token.lemma_.lower() == "die" or (
            token.lemma_.lower() == "pronounce" and any(c.lower_ == "dead" for c in token.children))):
        return None
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and token.dep_ == "conj":  # "was struck four times and died": the first verb's subject
        subject = next((c for c in token.head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.conjuncts or _intended(token):
        return None
    # a person: so tagged, "he"/"she", or a singular proper noun (only people die; the small model
    # tags many surnames as places: "Moyne died of his wounds"); not one who dies by his own hand
    # after the killing he is the subject of ("... before he died")
    if token.dep_ == "advcl" and any(c.lower_ in ("before", "after") for c in token.children):
        return None
    if subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she") or subject.tag_ == "NNP":
        return subject.idx, token.idx + len(token)
    return None


def _intended(token) -> bool:
    """ "threatening to assassinate him": a killing that did not happen."""
    return token.dep_ in ("xcomp", "ccomp", "advcl") and token.head.lemma_.lower() in irrealis_lemmas()


def _written_number(token) -> str:
    """The whole written number a number token heads: "twenty-six", "1,500", not just "six"."""
    words = [t for t in token.subtree if t.like_num or t.text == "-" or t.lower_ in ("hundred", "thousand", "million")]
    words = [t for t in words if abs(t.i - token.i) <= 4]
    return "".join(t.text_with_ws for t in words).strip() if words else token.text


def _has_dead(token) -> bool:
    words = [c.lower_ for c in token.subtree]
    return "dead" in words or "death" in words or "firing" in words and "squad" in words


def _victims(verb) -> list:
    heads = [c for c in verb.children if c.dep_ in ("nsubjpass", "dobj")]
    if not heads:
        return []
    out = [heads[0]]
    out += [c for c in heads[0].conjuncts if c.pos_ in ("NOUN", "PROPN", "NUM")]
    # "Buback, his driver, and his bodyguard": an apposition with its own possessive is another person
    out += [c for c in heads[0].children if c.dep_ == "appos" and any(g.dep_ == "poss" for g in c.children)]
    return out


def _one_count(token) -> int | None:
    if token.lower_ in ("who", "whom") and token.head.dep_ == "relcl":
        token = token.head.head  # "Raúl Reyes, who was killed"
    if token.pos_ == "NUM":
        return parse_number(_written_number(token))
    if token.lower_ in ("he", "she", "him", "her"):
        return 1
    for child in token.children:
        if child.dep_ == "nummod" or (child.dep_ == "det" and child.lower_ in ("both",)):
            return parse_number(_written_number(child))
    if token.lower_ == "both":
        return 2
    if token.tag_ in _SINGULAR or token.pos_ == "PROPN":
        return 1
    return None
