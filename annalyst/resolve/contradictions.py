"""Claims that cannot both hold, across sources, each reported with both citations.

The kinds follow the issue's list (and CLAIRE's taxonomy of inconsistencies: temporal,
numerical, spatial, named entity):

``dates``
    one single-valued date of one entity, dated by two sources to days that cannot both be: a
    group's founding or active period (end by end), or when a one-time event (a conference, a
    treaty) happened, as its page, another page's establishment row, or an event that names it say.
``counts``
    two ranges of one count that do not overlap (52,600–257,900 and 200,000 agree).
``holders``
    two different holders of one place at the same time.
``ally-opponent``
    one actor listed as another's ally and as its opponent, with no period that separates the two.
``outside-life``
    an event dated before the founding, or after the dissolution, of an actor in it.
``places``
    one event (``annalyst.resolve.coreference``) put in places that cannot both be.
``offices``
    one office held by two people at once.
``attributes``
    one state called by two forms that exclude each other (unitary, federal, confederal:
    ``annalyst/data/forms_of_state.yaml``), by an infobox row or a sentence.

Precision is respected throughout: a claim is the span of days it can mean, so "2014" and
"2014-06" agree, "late 2014" and 2015-12-17 do not. Entities are compared as the resolved world
ties them (``annalyst.resolve.world``): "ISIS" on one page and "Islamic State" on another are one
holder, and an ally named by an alias is the same ally. Claims of one source are never compared with
each other (a page listing several dated lines contradicts no copy of itself), except for an actor
listed as both ally and opponent, which one infobox can do, and a state given two forms (its infobox
row "Federal ... monarchy" and its lead "It is a unitary state").

Severity: ``high`` when the claims are far apart (more than a month between the days they can
mean, counts more than half apart, different holders or places); ``low`` when they are close
(a meeting on the 17th, its treaty signed on the 21st).
"""
from __future__ import annotations

import itertools
import json
import math
from functools import partial
from typing import Callable, Iterator

from annalyst.data import field_spec, load_yaml
from annalyst.days import period_ends, day_of, span_days
from annalyst.extract.prose_facts import form_of_state
from annalyst.resolve import world
from annalyst.resolve.report import KINDS, Contradiction, as_markdown, recorded
from annalyst.resolve.milestones import milestone_claims, most_precise
from annalyst.resolve.offices import office_claims
from annalyst.resolve.coreference import actors_of, event_days, groups, same_event
from annalyst.store.db import Store
from annalyst.store.timeline import timeline

__all__ = ["Contradiction", "contradictions", "record", "recorded", "as_markdown", "KINDS", "span_days"]

# a one-time entity's own dates: when it happened
_WHEN_FIELDS = ("date", "signed")
_LIFE_START, _LIFE_END = ("founded",), ("dissolved",)
_CLOSE_DAYS = 31


def contradictions(store: Store, kind: str | None = None) -> list[Contradiction]:
    """Every contradiction of the given kind (all kinds by default), in a stable order."""
    entity = world.entity_resolver(store)
    clusters = world.cluster_map(store)
    found: list[Contradiction] = []
    for kinds, finder in _FINDERS:
        if kind is None or kind in kinds:
            found += [c for c in finder(store, entity, clusters) if kind is None or c.kind == kind]
    return found


def record(store: Store) -> int:
    """Recompute the stored report (table ``contradictions``) from everything stored; its length."""
    found = contradictions(store)
    with store.db:
        store.db.execute("DELETE FROM contradictions")
        store.db.executemany(
            "INSERT INTO contradictions (entity_id, entity, field, kind, severity, claims) VALUES (?, ?, ?, ?, ?, ?)",
            [(c.entity_id, c.entity, c.field, c.kind, c.severity, json.dumps(list(c.claims), ensure_ascii=False,
                                                                               default=str)) for c in found])
    return len(found)


# ---------------------------------------------------------------- days

def _gap(a: tuple, b: tuple) -> int:
    """Days between two spans of days (0 when they overlap)."""
    return max(0, day_of(b[0]) - day_of(a[1]), day_of(a[0]) - day_of(b[1]))


def _severity_days(a: tuple, b: tuple) -> str:
    return "high" if _gap(a, b) > _CLOSE_DAYS else "low"


# ---------------------------------------------------------------- claims

def _source(store: Store, source_id: str) -> dict:
    row = store.db.execute("SELECT title, url FROM sources WHERE id = ?", (source_id,)).fetchone()
    return {"title": row["title"], "url": row["url"]} if row else {"title": source_id, "url": None}


def _fact_claim(store: Store, row, value) -> dict:
    evidence = [dict(e) for e in store.db.execute(
        'SELECT source_id, start, "end", text FROM evidence WHERE fact_id = ? ORDER BY id', (row["id"],))]
    shown = value.get("edtf") or value.get("text") or value if isinstance(value, dict) else value
    return {"source_id": row["source_id"], **_source(store, row["source_id"]), "value": shown, "evidence": evidence}


def _cited_claim(store: Store, source_id: str, value, evidence: list[dict]) -> dict:
    return {"source_id": source_id, **_source(store, source_id), "value": value,
            "evidence": [{"source_id": source_id, "start": e["start"], "end": e["end"], "text": e["text"]}
                         for e in evidence if e.get("text")]}


def _event_claim(store: Store, event: dict, field: str, value) -> dict:
    ev = event["evidence"]
    cited = (ev.get(field) or []) + (ev.get("notes") or [])[:1]
    return _cited_claim(store, event["source_id"], value, cited)


def _pairwise(claims: list[tuple[str, object, dict]], clash: Callable) -> Iterator[tuple[dict, dict, str]]:
    """(claim, claim, severity) for each pair of sources where one source makes a claim that no
    comparable claim of the other supports (it clashes with every one of them); claims are (source,
    value, claim dict). A source that states a field twice (an infobox row and a sentence) is
    contradicted by a claim that fits neither. A clash function gives a severity, False when the two
    agree, None when they cannot be compared."""
    by_source: dict[str, list] = {}
    for c in claims:
        by_source.setdefault(c[0], []).append(c)
    for a_src, b_src in itertools.combinations(sorted(by_source), 2):
        mine, theirs = by_source[a_src], by_source[b_src]
        found = _unsupported(mine, theirs, clash)
        if found is not None:
            yield found
        elif (found := _unsupported(theirs, mine, clash)) is not None:
            yield found[1], found[0], found[2]  # the pair in source order, as the report lists it


def _unsupported(mine: list, theirs: list, clash: Callable) -> tuple[dict, dict, str] | None:
    """The first claim of ``mine`` that clashes with every comparable claim of ``theirs``, with the
    first of those and the severity; None when each is supported or cannot be compared (the clash
    functions are symmetric)."""
    for a in mine:
        compared = [(v, b) for b in theirs if (v := clash(a[1], b[1])) is not None]
        if compared and all(v for v, _ in compared):
            severity, b = compared[0]
            return a[2], b[2], severity
    return None


def _entity_name(store: Store, entity_id: str) -> str:
    row = store.db.execute("SELECT name FROM entities WHERE id = ?", (entity_id,)).fetchone() or \
        store.db.execute("SELECT entity_name AS name FROM world_names WHERE entity_id = ? LIMIT 1",
                         (entity_id,)).fetchone()
    return row["name"] if row else entity_id


def _subject_facts(store: Store, fields: tuple[str, ...], clusters: dict[str, str]) -> dict[str, list]:
    """Facts of the given fields by the entity they are about, as the world resolves it."""
    rows = store.db.execute(
        f"""SELECT f.id, f.entity_id, f.field, f.value, f.source_id, f.qualifiers, f.object_id, e.kind
            FROM facts f JOIN entities e ON e.id = f.entity_id
            WHERE f.field IN ({",".join("?" * len(fields))}) ORDER BY f.source_id, f.id""", fields)
    found: dict[str, list] = {}
    for r in rows:
        found.setdefault(clusters.get(r["entity_id"], r["entity_id"]), []).append(r)
    return found


# ---------------------------------------------------------------- dates and counts

def _dates_and_counts(store: Store, entity, clusters) -> list[Contradiction]:
    fields = tuple(f for f, spec in load_yaml("infobox_fields.yaml")["fields"].items()
                   if not spec.get("multi") and spec["type"] in ("edtf", "range"))
    found: list[Contradiction] = []
    one_time = _one_time_dates(store, entity, clusters)
    for cluster, rows in _subject_facts(store, fields, clusters).items():
        by_field: dict[str, list] = {}
        for r in rows:
            if r["kind"] == "conflict" and r["field"] == "strength":
                continue  # a conflict's two sides share "strength" until facts say whose count it is
            if r["field"] in _WHEN_FIELDS and cluster in one_time:
                continue  # compared below, with what other pages say of when it happened
            by_field.setdefault(r["field"], []).append(r)
        for field, items in sorted(by_field.items()):
            typed = field_spec(field)["type"]
            claims = [(r["source_id"], json.loads(r["value"]), None) for r in items]
            claims = [(s, v, _fact_claim(store, r, v)) for (s, v, _), r in zip(claims, items)]
            clash = _period_clash if typed == "edtf" else _count_clash
            # periods with periods, single dates with single dates: "1969–2005" and a row's "(on
            # ceasefire from 1997)" are two claims of different shapes, each compared with its like
            shapes: dict[int, list] = {}
            for c in claims:
                shapes.setdefault(_shape(c[1]) if typed == "edtf" else 0, []).append(c)
            for group in shapes.values():
                for a, b, severity in _pairwise(group, clash):
                    found.append(Contradiction(cluster, _entity_name(store, cluster), field,
                                               "dates" if typed == "edtf" else "counts", severity, (a, b)))
    for cluster, claims in sorted(one_time.items()):
        for a, b, severity in _pairwise(claims, _span_clash):
            found.append(Contradiction(cluster, _entity_name(store, cluster), "date", "dates", severity, (a, b)))
    return found


def _shape(value) -> int:
    ends = period_ends(value.get("edtf")) if isinstance(value, dict) else None
    return len(ends) if ends else 0


def _one_time_dates(store: Store, entity, clusters) -> dict[str, list]:
    """When each one-time entity (its page gives it one date or a signing: a conference, a treaty)
    happened, as every source says: its page, other pages' establishment rows, events naming it."""
    claims: dict[str, list] = {}
    for cluster, rows in _subject_facts(store, _WHEN_FIELDS, clusters).items():
        for r in rows:
            value = json.loads(r["value"])
            edtf = value.get("edtf") if isinstance(value, dict) else None
            days = span_days(edtf) if edtf and "/" not in edtf else None
            if days is not None and r["kind"] not in ("armed_group", "state_forces", "person", "state_or_place"):
                claims.setdefault(cluster, []).append((r["source_id"], days, _fact_claim(store, r, value)))
    if not claims:
        return {}
    for r in store.db.execute("SELECT id, source_id, value FROM facts WHERE field = 'established_events'"):
        value = json.loads(r["value"])
        target = entity(value.get("event") or "")
        days = span_days(value.get("edtf"))
        if target in claims and days is not None:
            claims[target].append((r["source_id"], days, _fact_claim(store, r, value)))
    for event in timeline(store):
        days = event_days(event)
        for target in {entity(event[role]) for role in ("actor1", "actor2") if event.get(role)} & set(claims):
            if days is not None:
                written = (event["evidence"].get("event_date") or [{}])[0].get("text") or event["timex"]
                claims[target].append((event["source_id"], days, _event_claim(store, event, "event_date", written)))
    return claims


def _period_clash(a, b) -> str | None:
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return None
    ends_a, ends_b = period_ends(a.get("edtf")), period_ends(b.get("edtf"))
    if ends_a is None or ends_b is None or len(ends_a) != len(ends_b):
        return None  # unreadable, or a date beside a period: no claim to compare end by end
    worst: str | bool = False
    for x, y in zip(ends_a, ends_b):
        if x is not None and y is not None and (x[1] < y[0] or y[1] < x[0]):
            severity = _severity_days(x, y)
            worst = "high" if "high" in (worst, severity) else severity
    return worst


def _span_clash(a: tuple, b: tuple) -> str | bool:
    return _severity_days(a, b) if a[1] < b[0] or b[1] < a[0] else False


def _count_clash(a, b) -> str | None:
    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if not (isinstance(a, dict) and isinstance(b, dict) and number(a.get("low")) and number(b.get("low"))):
        return None
    if any(v.get("high") is not None and not number(v.get("high")) for v in (a, b)):
        return None
    # a missing high end is open ("40,000+"): no count above the low end contradicts it
    lo_a, hi_a = a["low"], a["high"] if a.get("high") is not None else math.inf
    lo_b, hi_b = b["low"], b["high"] if b.get("high") is not None else math.inf
    if not (hi_a < lo_b or hi_b < lo_a):
        return False
    low, high = (hi_a, lo_b) if hi_a < lo_b else (hi_b, lo_a)
    return "high" if high > 1.5 * max(low, 1) else "low"


# ---------------------------------------------------------------- holders

def _holders(store: Store, entity, clusters) -> list[Contradiction]:
    """Two sources: one place, two different holders, at overlapping times. A period runs from its
    start up to, not into, its end (a city held "until July 2017" and retaken "from July 2017" changed
    hands once); a row without an end claims only the days its start can mean."""
    by_place: dict[str, list] = {}
    for r in store.db.execute('SELECT * FROM territory_control ORDER BY source_id, id'):
        days = _held_days(r["from"], r["until"])
        if days is not None:
            by_place.setdefault(entity(r["place"]), []).append((r, days))
    found = []
    for place, rows in sorted(by_place.items()):
        for (a, da), (b, db_) in itertools.combinations(rows, 2):
            if a["source_id"] == b["source_id"] or entity(a["holder"]) == entity(b["holder"]):
                continue
            if not (da[0] < db_[1] and db_[0] < da[1]):
                continue
            claims = tuple(_cited_claim(store, r["source_id"], f"{r['holder']} from {r['from']}"
                                        + (f" until {r['until']}" if r["until"] else ""), json.loads(r["evidence"]))
                           for r in (a, b))
            found.append(Contradiction(place, a["place"], "holder", "holders", "high", claims))
    return found


def _held_days(start: str | None, until: str | None) -> tuple[int, int] | None:
    """[first day, day after the last) as day numbers."""
    first = span_days(start) if start else None
    if first is None:
        return None
    last = span_days(until) if until else None
    return day_of(first[0]), (day_of(last[0]) if last else day_of(first[1]) + 1)


# ---------------------------------------------------------------- allies and opponents

def _ally_opponent(store: Store, entity, clusters) -> list[Contradiction]:
    """An actor listed as another's ally and as its opponent (either side's page may say either),
    unless years in their qualifiers put the two in different periods."""
    relation: dict[tuple[str, str], dict[str, list]] = {}
    for cluster, rows in _subject_facts(store, ("allies", "opponents"), clusters).items():
        for r in rows:
            value = json.loads(r["value"])
            written = value if isinstance(value, str) else value.get("value", "")
            # the ally as named, without a qualifier the row adds ("Libya (Under Gaddafi Rule)")
            other = entity(world.without_qualifier(written))
            if other == cluster:
                continue
            key = tuple(sorted((cluster, other)))
            relation.setdefault(key, {}).setdefault(r["field"], []).append((r, value))
    found = []
    for (x, y), fields in sorted(relation.items()):
        for (a, va), (b, vb) in itertools.product(fields.get("allies", ()), fields.get("opponents", ())):
            if _separate_periods(a, b):
                continue
            claims = (_fact_claim(store, a, va), _fact_claim(store, b, vb))
            subject = clusters.get(a["entity_id"], a["entity_id"])
            found.append(Contradiction(subject, _entity_name(store, subject), "allies/opponents", "ally-opponent",
                                       "high", claims))
            break  # one report for the pair is enough
    return found


def _separate_periods(a, b) -> bool:
    pa, pb = _qualifier_days(a), _qualifier_days(b)
    return pa is not None and pb is not None and (pa[1] < pb[0] or pb[1] < pa[0])


def _qualifier_days(row) -> tuple | None:
    from annalyst.extract.values import period
    for q in json.loads(row["qualifiers"]):
        edtf = period(q.replace("until", "–").replace("since", "").strip())
        if edtf and (days := span_days(edtf if "/" in edtf or ".." not in edtf else None)):
            return days
    return None


# ---------------------------------------------------------------- events outside an actor's life

def _outside_life(store: Store, entity, clusters) -> list[Contradiction]:
    life: dict[str, dict] = {}
    for cluster, rows in _subject_facts(store, ("founded", "dissolved", "active"), clusters).items():
        if rows[0]["kind"] not in ("armed_group", "state_forces", "organization", "actor"):
            continue
        for r in rows:
            value = json.loads(r["value"])
            ends = period_ends(value.get("edtf")) if isinstance(value, dict) else None
            if not ends:
                continue
            claim = _fact_claim(store, r, value)
            if r["field"] in _LIFE_START or (r["field"] == "active" and ends[0] is not None):
                life.setdefault(cluster, {}).setdefault("start", []).append((ends[0], claim))
            if r["field"] in _LIFE_END or (r["field"] == "active" and len(ends) == 2 and ends[1] is not None):
                life.setdefault(cluster, {}).setdefault("end", []).append((ends[-1], claim))
    found = []
    if not life:
        return found
    events = timeline(store)
    by_source: dict[str, list[dict]] = {}
    for event in events:
        by_source.setdefault(event["source_id"], []).append(event)

    def tells(source: str, event: dict) -> bool:
        """Whether the source tells this event itself: then its bounds do not exclude it (the source's
        own prehistory or afterlife, as on the event's own page)."""
        return any(same_event(event, other, entity) for other in by_source.get(source, ()))

    for event in events:
        days = event_days(event)
        if days is None:
            continue
        for actor in sorted(actors_of(event, entity) & set(life)):
            # other sources' bounds only: a page that tells its subject's prehistory ("in 1916 ...")
            # before the founding it gives does not contradict itself
            mine = event["source_id"]
            if any(days[1] < s[0] for s, c in life[actor].get("start", []) if c["source_id"] == mine) or any(
                    days[0] > s[1] for s, c in life[actor].get("end", []) if c["source_id"] == mine):
                continue  # its own source bounds the life and tells the event outside it: a prehistory
            starts = [(s, c) for s, c in life[actor].get("start", ()) if c["source_id"] != event["source_id"]]
            ends = [(s, c) for s, c in life[actor].get("end", ()) if c["source_id"] != event["source_id"]]
            before = [c for span, c in starts if days[1] < span[0] and not tells(c["source_id"], event)]
            after = [c for span, c in ends if days[0] > span[1] and not tells(c["source_id"], event)]
            # every source's bound must exclude it: a founding one page dates later than another does not
            if before and len(before) == len(starts):
                found.append(_life_report(store, event, actor, "before founding", before[0]))
            elif after and len(after) == len(ends):
                found.append(_life_report(store, event, actor, "after dissolution", after[0]))
    return found


def _life_report(store: Store, event: dict, actor: str, where: str, bound: dict) -> Contradiction:
    written = (event["evidence"].get("event_date") or [{}])[0].get("text") or event["timex"]
    claim = _event_claim(store, event, "event_date", f"{event['sub_event_type']} {written} ({where})")
    return Contradiction(actor, _entity_name(store, actor), "event date", "outside-life", "high", (claim, bound))


# ---------------------------------------------------------------- places of one event

def _places(store: Store, entity, clusters) -> list[Contradiction]:
    found = []
    for group in groups(timeline(store), entity):
        if len(group) < 2:
            continue
        for a, b in itertools.combinations(group, 2):
            if not a["location"] or not b["location"] or not same_event(a, b, entity):
                continue  # only two tellings of one event directly, not through a third
            if not _different_places(a, b, entity):
                continue
            claims = (_event_claim(store, a, "location", a["location"]), _event_claim(store, b, "location", b["location"]))
            actor = sorted(actors_of(a, entity) & actors_of(b, entity))[0]
            found.append(Contradiction(actor, _entity_name(store, actor), "event location", "places", "high", claims))
    return found


def _different_places(a: dict, b: dict, entity) -> bool:
    """Places that cannot both be where one event happened: neither names the other (the same place
    by another name, or a place inside the other's country or region), and they lie far apart."""
    if entity(a["location"]) == entity(b["location"]):
        return False
    names = {a["location"].casefold(), b["location"].casefold()}
    if names & {(x or "").casefold() for x in (a["admin1"], b["admin1"], a["country"], b["country"])}:
        return False  # one is the region or country the other lies in
    if None not in (a["latitude"], b["latitude"]):
        return _km(a, b) > 50
    return a["country"] != b["country"] or a["admin1"] != b["admin1"]


def _km(a: dict, b: dict) -> float:
    la, lb = math.radians(a["latitude"]), math.radians(b["latitude"])
    dlon = math.radians(b["longitude"] - a["longitude"])
    c = math.sin(la) * math.sin(lb) + math.cos(la) * math.cos(lb) * math.cos(dlon)
    return 6371 * math.acos(max(-1.0, min(1.0, c)))


# ---------------------------------------------------------------- offices

def _offices(store: Store, entity, clusters) -> list[Contradiction]:
    """One office held by two people at once: a treaty's signatories on its signing day against each
    other, and the holders states' infoboxes list as current against each other (``resolve.offices``)."""
    by_office: dict[str, list] = {}
    for claim in office_claims(store, entity, clusters, span_days, partial(_fact_claim, store)):
        by_office.setdefault(claim["office"], []).append(claim)
    found = []
    for office, claims in sorted(by_office.items()):
        for a, b in itertools.combinations(claims, 2):
            if a["source_id"] == b["source_id"] or _same_person(a["person"], b["person"], entity):
                continue
            if (a["days"] is None) != (b["days"] is None):
                continue  # "current when written" beside a dated claim: no common time to compare at
            if a["days"] is not None and (a["days"][1] < b["days"][0] or b["days"][1] < a["days"][0]):
                continue
            found.append(Contradiction(office, a["office_name"], "office holder", "offices", "high",
                                       (a["claim"], b["claim"])))
    return found


def _same_person(a: str, b: str, entity) -> bool:
    """One person by two writings: the same entity, or the words of one (initials aside) all in the
    other ("Vladimir Putin", "Vladimir V. Putin")."""
    if entity(a) == entity(b):
        return True
    words = [{w.casefold().strip(".,") for w in n.split() if len(w.strip(".")) > 1} for n in (a, b)]
    shorter, longer = sorted(words, key=len)
    return len(shorter) >= 2 and shorter <= longer


# ---------------------------------------------------------------- attributes

# a state's form as its infobox row and its sentences give it (annalyst/data/forms_of_state.yaml)
_FORM_FIELDS = ("government_type", "form_of_state")


def _forms(store: Store, entity, clusters) -> list[Contradiction]:
    """A state called unitary by one statement and federal by another. The forms exclude each other
    whoever states them, so a page whose infobox and prose disagree contradicts itself, and is
    reported too: one report per pair of forms, with the first statement of each."""
    found: list[Contradiction] = []
    for cluster, rows in _subject_facts(store, _FORM_FIELDS, clusters).items():
        first: dict[str, dict] = {}
        for r in rows:
            value = json.loads(r["value"])
            form = form_of_state(value) if isinstance(value, str) and r["kind"] == "state_or_place" else None
            if form is not None and form not in first:
                first[form] = _fact_claim(store, r, value)
        for a, b in itertools.combinations(sorted(first), 2):
            found.append(Contradiction(cluster, _entity_name(store, cluster), "form of state", "attributes", "high",
                                       (first[a], first[b])))
    return found


def _milestones(store: Store, entity, clusters) -> list[Contradiction]:
    """A state's one-time milestone (its independence, the start of its civil war) dated by two
    sources to days that cannot both be (``annalyst.resolve.milestones``)."""
    found: list[Contradiction] = []
    claims = milestone_claims(store, entity, clusters, span_days, partial(_fact_claim, store))
    for (place, kind), items in sorted(claims.items()):
        for a, b, severity in _pairwise(most_precise(items), _span_clash):
            found.append(Contradiction(place, _entity_name(store, place), kind, "dates", severity, (a, b)))
    return found


# (the kinds a finder reports, the finder); dates and counts share one pass over single-valued facts
_FINDERS: tuple[tuple[tuple[str, ...], Callable], ...] = (
    (("dates", "counts"), _dates_and_counts), (("dates",), _milestones), (("holders",), _holders),
    (("ally-opponent",), _ally_opponent),
    (("outside-life",), _outside_life), (("places",), _places), (("offices",), _offices),
    (("attributes",), _forms),
)
