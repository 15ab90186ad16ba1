"""The profile stage: a Document -> its subject, the subject's names, and cited facts."""
from __future__ import annotations

import re

from annalyst.data import load_yaml
from annalyst.extract import names as N
from annalyst.extract.establishment import establishment_facts, office_facts
from annalyst.extract.infobox import infobox_facts
from annalyst.extract.kind import EXTRACTOR as KIND_EXTRACTOR, Verdict, id_prefix, is_actor, is_conflict, subject_kind
from annalyst.extract.places import geocode
from annalyst.extract.prose_facts import prose_facts
from annalyst.model import Alias, Document, Entity, Evidence, Extraction, Fact, Media, entity_id
from annalyst.read import lines as L

EXTRACTOR = "extract.profile"


def extract_profile(doc: Document) -> Extraction:
    """The page's subject with its kind, names and infobox facts."""
    name, name_evidence = _subject_name(doc)
    verdict = subject_kind(doc, L.without_disambiguation(name), doc.structure.header or doc.structure.title)
    subject = Entity(entity_id(id_prefix(verdict.kind), name), verdict.kind, name, name_evidence)
    name_fact = Fact(subject.id, "name", name, name_evidence)
    boxed = infobox_facts(doc, subject.id, actors=verdict.is_actor or verdict.is_conflict)
    # an infobox's "Native name" is a name of the subject, one field with the lead's native names
    native_rows = [f for f in boxed.facts if f.field == "native_name" and isinstance(f.value, str)]
    facts = tuple(f for f in boxed.facts if f not in native_rows)
    # Template:Infobox country's and Template:Infobox geopolitical organization's dated establishment
    # rows (established_eventN / established_dateN) and leader rows (leader_titleN / leader_nameN)
    if verdict.kind in ("state_or_place", "organization"):
        facts += tuple(establishment_facts(doc, subject.id)) + tuple(office_facts(doc, subject.id))
    aliases = tuple(_aliases(doc, subject, native_rows))
    if verdict.is_actor or verdict.kind == "state_or_place":  # a person "founded" things; a group "was founded"
        prose = tuple(prose_facts(doc, subject.id, {subject.name, L.without_disambiguation(name),
                                                    *(a.name for a in aliases)}))
        facts += prose
        objects = _object_entities(prose, {e.id for e in boxed.entities} | {subject.id})
    else:
        objects = ()
    return Extraction(subject=subject, entities=boxed.entities + objects,
                      aliases=aliases,
                      facts=(name_fact, _kind_fact(doc, subject, verdict), *facts),
                      media=_unique_media(doc.structure.media))


def _object_entities(facts: tuple[Fact, ...], known: set[str]) -> tuple[Entity, ...]:
    """The entities prose facts name (an organisation it was part of, a place it operates in), once each."""
    found: dict[str, Entity] = {}
    for f in facts:
        if f.object_id and f.object_id not in known and f.object_id not in found:
            name = f.value if isinstance(f.value, str) else f.value["value"]
            found[f.object_id] = Entity(f.object_id, f.object_id.split(":")[0], name, f.evidence[:1])
    return tuple(found.values())


def _kind_fact(doc: Document, subject: Entity, verdict: Verdict) -> Fact:
    """The kind as a fact: each deciding rule's span is its evidence, the rule its extractor."""
    evidence = tuple(doc.evidence(v.span.start, v.span.end, f"{KIND_EXTRACTOR}.{v.rule}") for v in verdict.votes)
    if not evidence:  # no rule spoke: "other" by default, cited to the page's name
        evidence = tuple(Evidence(e.source_id, e.start, e.end, e.text, f"{KIND_EXTRACTOR}.default")
                         for e in subject.evidence[:1])
    return Fact(subject.id, "kind", verdict.kind, evidence, tuple(v.rule for v in verdict.votes) or ("default",))


def _subject_name(doc: Document) -> tuple[str, tuple[Evidence, ...]]:
    """The subject's name: the title as the page writes it (a rendered article's header, its
    spaces restored, disambiguation kept; else the title line without its disambiguation),
    quoted where written."""
    title, header = doc.structure.title, doc.structure.header
    evidence: list[Evidence] = []
    if header is not None:
        name = doc.source.title
        evidence.append(doc.evidence(header.start, header.end, EXTRACTOR))
    elif title is not None and not _in_lead(doc, title):
        written = doc.text[title.start:title.end]
        name = L.without_disambiguation(written)
        evidence.append(doc.evidence(title.start, title.start + len(name), EXTRACTOR))
    else:  # the title as the page's address or header spells it, with its case
        name = L.without_disambiguation(doc.source.title)
    lead = N.subject_span(doc, L.without_disambiguation(name))
    if lead is not None:
        evidence.append(doc.evidence(lead.start, lead.end, EXTRACTOR))
        if title is None and header is None and not doc.source.title:
            name = doc.text[lead.start:lead.end]
    if not evidence:  # nothing quotes the title: the first line of the page does
        first = L.strip_span(doc.text, L.split_lines(doc.text, doc.structure.body_start)[0].span)
        evidence.append(doc.evidence(first.start, first.end, EXTRACTOR))
    return name, tuple(evidence)


def _in_lead(doc: Document, span) -> bool:
    lead = doc.structure.paragraphs[0] if doc.structure.paragraphs else None
    return lead is not None and lead.start <= span.start < lead.end


def _aliases(doc: Document, subject: Entity, native_rows: list[Fact] = ()) -> list[Alias]:
    found: list[Alias] = []
    native = doc.structure.native_name
    if native is not None and not N.too_short(doc.text[native.start:native.end]):
        written = doc.text[native.start:native.end]
        script, lang = L.script_info(written)
        found.append(Alias(subject.id, written, "native_name",
                           (doc.evidence(native.start, native.end, EXTRACTOR),), lang, script))
    for row in native_rows:
        script, lang = L.script_info(row.value)
        found.append(Alias(subject.id, row.value, "native_name", row.evidence, lang, script))
    base = L.without_disambiguation(subject.name)
    if base != subject.name:  # "ETA (separatist group)" is also just "ETA"
        found.append(Alias(subject.id, base, "alias", subject.evidence[:1]))
    if subject.kind == "state_or_place":
        found.extend(_official_names(doc, subject, base))
    seen = {(a.name, a.kind) for a in found} | {(subject.name, "alias")}
    for name in N.lead_names(doc, base):
        if (name.value, name.kind) in seen or name.value in (subject.name, base):
            continue
        seen.add((name.value, name.kind))
        evidence = (doc.evidence(name.span.start, name.span.end, N.EXTRACTOR),)
        found.append(Alias(subject.id, name.value, name.kind, evidence, name.lang, name.script))
    return found


def _official_names(doc: Document, subject: Entity, base: str) -> list[Alias]:
    """A state's official name where its infobox heading gives it, between the title and the lead:
    a state form of its name ("Republic of Kurdistan", "Commonwealth of Scotland") or the official
    name ISO 3166 gives it ("Syrian Arab Republic"); rule ``infobox_conventional_long_name``."""
    rule = load_yaml("subject_kinds.yaml")["official_name"]
    forms = "|".join(re.escape(f) for f in sorted(rule["state_forms"], key=len, reverse=True))
    pattern = re.compile(rf"(?:[A-Z][\w'’-]+ ){{0,3}}(?:{forms}) of (?:the )?{re.escape(base)}")
    title = doc.structure.header or doc.structure.title
    # from the title line on; from the top when the page has no title line (the lead names it)
    start = title.end if title is not None and not _in_lead(doc, title) else doc.structure.body_start
    end = doc.structure.paragraphs[0].start if doc.structure.paragraphs else min(len(doc.text), start + 2000)
    official = _iso_official_name(base)
    found = []
    for line in L.split_lines(doc.text, start):
        if line.start >= end:
            break
        span = L.strip_span(doc.text, line.span)
        written = doc.text[span.start:span.end]
        if pattern.fullmatch(written) or (official and written.casefold() == official.casefold()):
            found.append(Alias(subject.id, written, "official_name",
                               (doc.evidence(span.start, span.end, f"{EXTRACTOR}.{rule['name']}"),)))
    return found[:1]


def _iso_official_name(name: str) -> str | None:
    """The official name ISO 3166 gives a country ("Syria" -> "Syrian Arab Republic"), through pycountry."""
    import pycountry
    try:
        country = pycountry.countries.lookup(name)
    except LookupError:
        return None
    return getattr(country, "official_name", None)


def _unique_media(media: tuple[Media, ...]) -> tuple[Media, ...]:
    """One entry per image file: a file shown twice keeps the caption it had."""
    by_file: dict[str, Media] = {}
    for m in media:
        if m.file not in by_file or (by_file[m.file].caption is None and m.caption):
            by_file[m.file] = m
    return tuple(by_file.values())


def page_context(x: Extraction, doc: Document | None = None):
    """What the events stage needs to know of the page: its subject, names, allies, opponents;
    for a page about a war or battle (given the page), the two sides its lead names."""
    # here, so that reading profiles never imports spaCy
    from annalyst.extract.events.sides import lead_sides
    from annalyst.extract.nlp import PageContext

    def values(field: str) -> tuple[str, ...]:
        return tuple(f.value for f in x.facts if f.field == field and isinstance(f.value, str))

    countries = tuple(dict.fromkeys(f.value["country"] for f in x.facts
                                    if isinstance(f.value, dict) and f.value.get("country")))
    return PageContext(subject=L.without_disambiguation(x.subject.name) if is_actor(x.subject.kind) else None,
                       aliases=tuple(a.name for a in x.aliases if a.kind != "native_name"),
                       allies=values("allies"), opponents=values("opponents"), countries=countries,
                       sides=lead_sides(doc) if doc is not None and is_conflict(x.subject.kind) else (),
                       setting=_setting(x.subject), kind=x.subject.kind)


# "Battle of Mosul", "Siege of Marawi", "Palmyra offensive (2016)": a battle named after its town
_NAMED_AFTER = re.compile(r"^(?:the )?(?:\d{4}(?:[–-]\d{2,4})? )?(?:(?:first|second|third) )?"
                          r"(?:battle|siege|fall|liberation|capture|sack|recapture|occupation|offensive) (?:of|for) "
                          r"(?P<after>.+?)(?: \(.*\))?$"
                          r"|^(?P<before>.+?) (?:offensive|siege|massacre)(?: \(.*\))?$", re.I)


def _setting(subject: Entity) -> str | None:
    """The town a conflict page is named after, if the gazetteer knows it as one."""
    found = _NAMED_AFTER.match(L.without_disambiguation(subject.name)) if is_conflict(subject.kind) else None
    if found is None:
        return None
    town = found.group("after") or found.group("before")
    place = geocode(town)
    return town if place is not None and place.kind not in ("country", "region") else None
