"""Profile facts from a page's prose: founded, dissolved, part of, split from, areas of operation,
opponents, a state's form (unitary, federal) and its milestones.

An infobox gives a profile's fields as rows; the lead and body often state the same fields in
sentences ("The group originated as .. in 1999, as part of al-Qaeda", "In September of 2018 ..
ISIL collapsed"). The rules are named data (``annalyst/data/prose_facts.yaml``), each from the
infobox field and Wikidata property it fills. A rule speaks only of the page's subject: the
sentence names it (its name or an alias, as a whole word, not premodified into another entity's
name: "the Real IRA") or opens a clause with an anaphor ("The group", "It"), a few words before
the trigger; or the rule's pattern names the subject itself ({subject}: "Kurdistan has started to
oppose ISIL"). Dates must write their year; names in lists run on through commas and "and".

``milestones`` facts are a state's one-time events stated in prose ("On the 15th March 2015,
Scotland formally left the United Kingdom"): ``{"type", "of", "edtf", "text"}``, where ``of`` is
the place as written (the subject when written as an anaphor). They are compared across pages by
:mod:`annalyst.resolve.milestones`.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable, Iterator

from annalyst.data import load_yaml
from annalyst.extract.actors import canonical_actor, demonym_places
from annalyst.extract.infobox import place_value
from annalyst.extract.time import tag_dates
from annalyst.model import Document, Fact, entity_id

EXTRACTOR = "extract.prose_facts"
# a sentence ends at . ! or ?, after any citation marks ("Brotherhood.[141][142] The")
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:\[[^\]\n]{1,12}\])*\s+(?=[\"“A-Z])")
_CLAUSE_BREAK = re.compile(r"[;,]| before | after | until | and then ")
_NEAR_WORDS = 3  # at most this many words between the subject's mention and the trigger, unless a rule says
_YEAR = re.compile(r"\d{3,4}")


_NAME = r"(?:the\s)?(?:al-)?[A-Z][\w'’.-]*(?:\s(?:of\s|of\sthe\s|al-|and\sthe\s|de\s|del\s|de\sla\s)?[A-Z][\w'’.-]*)*"
_LIST_ITEM = re.compile(_NAME)
# between two names of a list: a comma, "and" / "or", and an aside set off by commas
_LIST_SEP = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+and\s*,?\s*|\s+or\s+)(?:[a-z]+(?:\s+[a-z]+)?\s*,\s*)?")


@lru_cache(maxsize=1)
def _premodifiers() -> frozenset[str]:
    return frozenset(load_yaml("prose_facts.yaml")["other_entity_premodifiers"])


@lru_cache(maxsize=1)
def _rules() -> tuple[list[dict], list[dict], tuple[str, ...]]:
    data = load_yaml("prose_facts.yaml")
    rules = [{**r, "pattern": _spaced(r["pattern"].replace("{name}", _NAME))} for r in data["rules"]]
    rules = [{**r, "re": re.compile(r["pattern"]) if "{subject}" not in r["pattern"] else None} for r in rules]
    milestones = [{**r, "re": re.compile(_spaced(r["pattern"]))} for r in data["milestones"]["rules"]]
    return rules, milestones, tuple(data["anaphors"])


def _spaced(pattern: str) -> str:
    """A pattern whose spaces match any run of white space: scraped text writes no-break spaces."""
    return pattern.replace(" ", r"\s+")


def _compiled(rule: dict, subject: str | None) -> re.Pattern | None:
    """The rule's pattern, with the subject's names in place of {subject}."""
    if rule["re"] is not None:
        return rule["re"]
    return re.compile(rule["pattern"].replace("{subject}", subject)) if subject else None


def milestone_type(label: str) -> str | None:
    """The milestone an establishment row's label names ("Independence", "Independence from United
    KIngdom", "Declaration of Independence"; a leading demonym already removed), or None."""
    text = re.sub(r"\s+from\s+.*$", "", " ".join(label.split()), flags=re.I).casefold()
    return load_yaml("prose_facts.yaml")["milestones"]["types"].get(text)


def form_of_state(text: str) -> str | None:
    """The form of state (unitary, federal, confederal) the first of its words in ``text`` names, or None:
    "Federal parliamentary republic" -> "federal" (annalyst/data/forms_of_state.yaml)."""
    m = _form_words().search(text)
    return m.lastgroup if m else None


@lru_cache(maxsize=1)
def _form_words() -> re.Pattern:
    forms = load_yaml("forms_of_state.yaml")["forms"]
    return re.compile("|".join(rf"(?P<{form}>\b(?:{'|'.join(map(re.escape, words))})\b)" for form, words in forms.items()),
                      re.I)


def prose_facts(doc: Document, subject_id: str, names: Iterable[str]) -> Iterator[Fact]:
    """Facts the page's sentences state about its subject, known by ``names`` (name and aliases)."""
    rules, milestones, anaphors = _rules()
    names = sorted({n for n in names if len(n) >= 2}, key=len, reverse=True)
    subject = r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])" if names else None
    subject_re = re.compile(subject) if subject else None
    compiled = [(rule, _compiled(rule, subject)) for rule in rules]
    anaphor_re = re.compile(r"(?:^|, )(?:" + "|".join(re.escape(a) for a in anaphors) + r")\b", re.I)
    seen: set[tuple] = set()
    for start, sentence in _sentences(doc):
        for rule, pattern in compiled:
            if pattern is None:
                continue
            for m in pattern.finditer(sentence):
                if rule["re"] is not None and not _about_subject(sentence, m.start(), subject_re, anaphor_re,
                                                                 rule.get("near", _NEAR_WORDS)):
                    continue
                for fact in _facts(doc, subject_id, rule, start, sentence, m, subject_re):
                    key = (fact.field, str(fact.value))
                    if key not in seen:
                        seen.add(key)
                        yield fact
        for rule in milestones:
            for m in rule["re"].finditer(sentence):
                fact = _milestone(doc, subject_id, rule, start, sentence, m, anaphors)
                if fact is not None:
                    yield fact


def _sentences(doc: Document) -> Iterator[tuple[int, str]]:
    for para in doc.structure.paragraphs:
        text = doc.text[para.start:para.end]
        at = 0
        for piece in _SENTENCE_END.split(text):
            offset = text.index(piece, at)
            at = offset + len(piece)
            yield para.start + offset, piece


def _about_subject(sentence: str, trigger: int, subject_re, anaphor_re, near: int) -> bool:
    """The subject (by name, or by an anaphor opening a clause) is written shortly before the trigger."""
    before = sentence[:trigger]
    hits = [m.end() for r in (subject_re, anaphor_re) if r is not None for m in r.finditer(before)
            if not _premodified(before, m.start(), m.group())]
    return bool(hits) and len(before[max(hits):].split()) <= near


_PREPOSITION = re.compile(r"(?:^|\s)(?:[Ii]n|[Oo]n|[Bb]y|[Ff]rom|[Ss]ince|[Dd]uring|[Uu]ntil)\s+$")


def _with_preposition(sentence: str, at: int) -> int:
    """Where a date's clause begins: before the preposition that introduces it ("In September of 2018")."""
    m = _PREPOSITION.search(sentence[:at])
    return m.start() + (m.group()[0].isspace()) if m else at


def _premodified(text: str, at: int, mention: str) -> bool:
    """The mention at ``at`` follows a word that makes it another entity: a premodifier ("the original
    IRA"), or a word that makes it another actor's name in the actor table ("the Real IRA")."""
    words = text[:at].split()
    if not words:
        return False
    if words[-1].casefold() in _premodifiers():
        return True
    return _other_actor(words[-1], mention)


def _other_actor(word: str, mention: str) -> bool:
    longer = canonical_actor(f"{word} {mention}")
    return longer is not None and longer != canonical_actor(mention) and canonical_actor(word) is None


def _date_near(sentence: str, trigger_end: int):
    """The date of the trigger's clause: the first after it before the clause ends, else the last before it."""
    # a date that writes its year: "the time" or "that year" anchored by the tagger is no founding date
    dates = [t for t in tag_dates(sentence) if t.type == "DATE" and t.edtf and _YEAR.search(t.text)]
    brk = _CLAUSE_BREAK.search(sentence, trigger_end)
    clause_end = brk.start() if brk else len(sentence)
    after = [t for t in dates if trigger_end <= t.start < clause_end]
    if after:
        return after[0]
    before = [t for t in dates if t.end <= trigger_end]
    return before[-1] if before else None


def _facts(doc: Document, subject_id: str, rule: dict, start: int, sentence: str, m: re.Match,
           subject_re: re.Pattern | None) -> Iterator[Fact]:
    extractor = f"{EXTRACTOR}.{rule['name']}"
    if rule["kind"] == "date":
        date = _date_near(sentence, m.end())
        if date is None:
            return
        lo, hi = min(m.start(), _with_preposition(sentence, date.start)), max(m.end(), date.end)
        evidence = (doc.evidence(start + date.start, start + date.end, extractor),
                    doc.evidence(start + lo, start + hi, extractor))
        yield Fact(subject_id, rule["field"], {"edtf": date.edtf, "text": date.text}, evidence)
        return
    if rule["kind"] == "form":
        form = form_of_state(m.group("form"))
        if form is not None:
            evidence = (doc.evidence(start + m.start("form"), start + m.end("form"), extractor),
                        doc.evidence(start + m.start(), start + m.end(), extractor))
            yield Fact(subject_id, rule["field"], form, evidence)
        return
    if rule["kind"] == "object":
        spans = [(m.start("object"), m.start("object") + len(m.group("object").rstrip()))]
    else:
        spans = list(_list_names(sentence, m.start("list")))
    for lo, hi in spans:
        written = sentence[lo:hi]
        if written.endswith(".") and written.count(".") == 1:
            hi, written = hi - 1, written[:-1]  # the sentence's full stop, not an abbreviation's
        tail = subject_re.search(written) if subject_re is not None else None
        if tail is not None:  # the subject itself, or a list running into its name ("Syrian Opposition ISIL")
            written = written[:tail.start()].rstrip()
            hi = lo + len(written)
            if not written:
                continue
        fact = _named_fact(doc, subject_id, rule, start + lo, written,
                           doc.evidence(start + m.start(), start + max(m.end(), hi), extractor), extractor)
        if fact is not None:
            yield fact


def _list_names(sentence: str, at: int) -> Iterator[tuple[int, int]]:
    """The spans of the names a list starting at ``at`` runs through."""
    while True:
        item = _LIST_ITEM.match(sentence, at)
        if item is None:
            return
        yield item.start(), item.end()
        sep = _LIST_SEP.match(sentence, item.end())
        if sep is None or sep.end() == item.end():
            return
        at = sep.end()


def _named_fact(doc: Document, subject_id: str, rule: dict, offset: int, written: str, context, extractor: str):
    name = re.sub(r"^the\s+", "", written) if not canonical_actor(written) else written
    if name in demonym_places():
        return None  # "located in the Syrian [desert]": an adjective, not a place
    canonical = canonical_actor(name) if rule["field"] != "areas_of_operation" else None
    if canonical is None and not name[:1].isupper() and not name.startswith("al-"):
        return None  # "part of a wider movement": no name
    value = canonical or name
    evidence = (doc.evidence(offset, offset + len(written), extractor), context)
    qualifiers = (f"written: {name}",) if canonical and canonical != name else ()
    if rule["field"] == "areas_of_operation":
        return Fact(subject_id, rule["field"], place_value(value), evidence, object_id=entity_id("place", value))
    return Fact(subject_id, rule["field"], value, evidence, qualifiers, object_id=entity_id("actor", value))


def _milestone(doc: Document, subject_id: str, rule: dict, start: int, sentence: str, m: re.Match,
               anaphors: tuple[str, ...]) -> Fact | None:
    date = _date_near(sentence, m.end())
    if date is None:
        return None
    who = m.group("who")
    of = None if who.casefold() in anaphors else who  # None: the page's subject
    lo, hi = min(m.start(), date.start), max(m.end(), date.end)
    evidence = (doc.evidence(start + lo, start + hi, f"{EXTRACTOR}.{rule['name']}"),)
    return Fact(subject_id, "milestones", {"type": rule["type"], "of": of, "edtf": date.edtf, "text": date.text},
                evidence)
