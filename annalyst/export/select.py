"""What an export writes: the stored world, read lazily, with the user's filters applied.

Every format module reads one :class:`Selection`:

- ``events()``: one record per event, in time order. An event that several sources tell
  (``annalyst.resolve.coreference``) is one record, its most precise telling, with every telling's
  source under ``sources`` and ``tellings``.
- ``control()``: who held which place, from when until when.
- ``entities()``: each entity of the resolved world, with its names and its facts.
- ``relations()``: typed edges between entities (ally, opponent, predecessor, ...), with periods.
- ``sources()``: every source the records read so far came from, with its licence.

Records stream from SQLite one at a time, so an export's memory does not grow with the number of
events stored; only the set of sources cited is kept.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Iterator

from annalyst.data import load_yaml
from annalyst.days import date_key, span_days
from annalyst.errors import AnnalystError
from annalyst.store.db import Store

__all__ = ["Filters", "Selection", "FilterError", "event_days", "participants", "stable_number", "ymd"]

_ISO = re.compile(r"-?\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?")
_DAY = re.compile(r"(-?\d{4,})(?:-(\d\d)(?:-(\d\d))?)?")
_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_JSON_COLUMNS = ("assoc_actor_1", "assoc_actor_2", "fatalities", "evidence")


class FilterError(AnnalystError):
    """A filter that cannot be applied: a date that is not ISO, a name the store does not know."""


@dataclass(frozen=True)
class Filters:
    """Which records an export keeps. Dates are ISO ("2014", "2014-06", "2014-06-10"): an event is
    kept when the days its date can mean overlap ``start``..``end``."""

    actor: str | None = None
    place: str | None = None
    start: str | None = None
    end: str | None = None
    types: tuple[str, ...] = ()  # ACLED event types or sub-event types, any case

    def __post_init__(self) -> None:
        for option, value in (("--from", self.start), ("--to", self.end)):
            if value is not None and not _ISO.fullmatch(value):
                raise FilterError(f"{option} {value}: expected an ISO date (YYYY, YYYY-MM or YYYY-MM-DD)")

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None


class Selection:
    """The records an export writes, read from ``store`` as they are asked for."""

    def __init__(self, store: Store, filters: Filters = Filters()):
        self.store, self.filters = store, filters
        self._cited: dict[str, None] = {}  # source ids, in the order first cited
        low = span_days(filters.start) if filters.start else None
        high = span_days(filters.end) if filters.end else None
        self._window = (low[0] if low else (-10**6, 1, 1), high[1] if high else (10**6, 12, 31))
        store.db.create_function("annalyst_day", 1, _day_number, deterministic=True)

    # ------------------------------------------------------------ events

    def events(self) -> Iterator[dict]:
        """Each kept event once, in time order (undated last): its stored fields (JSON decoded), its
        ``key`` (``source_id#n``, its place among its source's events: stable across re-ingests of the
        same text), ``days`` (its first and last possible day, ISO), ``sources`` and ``tellings``."""
        db = self.store.db
        where, params = self._type_clause()
        rows = db.execute(f"""
            WITH numbered AS (SELECT e.*, row_number() OVER (PARTITION BY e.source_id ORDER BY e.id) - 1 AS n
                              FROM events e)
            SELECT numbered.*, (SELECT group_concat(g.event_id) FROM event_groups g
                                WHERE g.lead_id = numbered.id AND g.event_id != numbered.id) AS told_also
            FROM numbered
            WHERE numbered.id NOT IN (SELECT event_id FROM event_groups WHERE event_id != lead_id) {where}
            ORDER BY annalyst_day(event_date) IS NULL, annalyst_day(event_date), source_id, id""", params)
        for row in rows:
            event = _decoded(dict(row))
            if not self._keeps(event):
                continue
            event["key"] = f"{event['source_id']}#{event.pop('n')}"
            others = [int(i) for i in (event.pop("told_also") or "").split(",") if i]
            event["tellings"] = [self._telling(event)]
            if others:  # the other sources' tellings of it (rare: read one event at a time)
                event["tellings"] += [self._telling(_decoded(dict(r))) for r in db.execute(
                    f"SELECT * FROM events WHERE id IN ({','.join('?' * len(others))}) ORDER BY source_id, id", others)]
            event["sources"] = list(dict.fromkeys(t["source_id"] for t in event["tellings"]))
            self._cite(*event["sources"])
            yield event

    def _type_clause(self) -> tuple[str, list]:
        if not self.filters.types:
            return "", []
        wanted = [t.casefold() for t in self.filters.types]
        marks = ",".join("?" * len(wanted))
        return (f"AND (lower(event_type) IN ({marks}) OR lower(sub_event_type) IN ({marks}))", wanted + wanted)

    def _keeps(self, event: dict) -> bool:
        days = event_days(event)
        event["days"] = [_iso(days[0]), _iso(days[1])] if days else None
        if self.filters.dated and (days is None or days[1] < self._window[0] or self._window[1] < days[0]):
            return False
        if self.filters.actor and not self._actor_names & {n.casefold() for n in participants(event)}:
            return False
        if self.filters.place:
            names, countries = self._place_names
            where = {event[k].casefold() for k in ("location", "admin1") if event.get(k)}
            if not (names & where or (event.get("country") or "") in countries):
                return False
        return True

    @staticmethod
    def _telling(event: dict) -> dict:
        return {"source_id": event["source_id"], "event_id": event["id"], "event_date": event["event_date"],
                "location": event["location"], "evidence": event["evidence"]}

    @cached_property
    def _actor_names(self) -> set[str]:
        return {n.casefold() for n in self._names_of(self.filters.actor)}

    @cached_property
    def _place_names(self) -> tuple[set[str], set[str]]:
        """The place's names, and the country codes it is (``--place Iraq``: every event in Iraq)."""
        import pycountry

        try:
            names = self._names_of(self.filters.place)
        except FilterError:  # a place no page is about: as written (a country, a town the events name)
            names = {self.filters.place}
        countries = set()
        for name in names:
            try:
                countries.add(pycountry.countries.lookup(name).alpha_2)
            except LookupError:
                continue
        return {n.casefold() for n in names}, countries

    def _names_of(self, name: str) -> set[str]:
        from annalyst.resolve import entity_for, names_of

        entity_id = entity_for(self.store, name)
        if entity_id is None:
            raise FilterError(f"{name!r}: no such entity in the store")
        return names_of(self.store, name, entity_id)

    # ------------------------------------------------------------ territory control

    def control(self) -> Iterator[dict]:
        """Who held which place, from when until when (``from``/``until`` ISO, open when unknown)."""
        f = self.filters
        for row in self.store.db.execute(
                'SELECT * FROM territory_control ORDER BY annalyst_day("from") IS NULL, annalyst_day("from"), place, id'):
            record = {**dict(row), "evidence": json.loads(row["evidence"])}
            if f.place and record["place"].casefold() not in self._place_names[0]:
                continue
            if f.actor and record["holder"].casefold() not in self._actor_names:
                continue
            if f.dated:
                first = span_days(record["from"]) if record["from"] else None
                last = span_days(record["until"]) if record["until"] else None
                if (last and last[1] < self._window[0]) or (first and self._window[1] < first[0]):
                    continue
            self._cite(record["source_id"])
            yield record

    # ------------------------------------------------------------ entities and relations

    def entities(self) -> Iterator[dict]:
        """Each entity of the resolved world (``--actor``: it and those it has relations with): its id,
        name and kind, its names (each with its kind, language and script) and its facts, each fact with
        the source it came from and its evidence."""
        db = self.store.db
        keep = self._related if self.filters.actor else None
        for row in db.execute("SELECT entity_id, min(entity_name) AS name, min(entity_kind) AS kind FROM world_names"
                              " GROUP BY entity_id ORDER BY entity_id"):
            if keep is not None and row["entity_id"] not in keep:
                continue
            members = [m for (m,) in db.execute("SELECT DISTINCT member_id FROM world_names WHERE entity_id = ?"
                                                " AND member_id IS NOT NULL ORDER BY member_id", (row["entity_id"],))]
            names = self._entity_names(row["entity_id"], members)
            facts = [self._fact(f) for m in members for f in db.execute(
                "SELECT * FROM facts WHERE entity_id = ? ORDER BY id", (m,))]
            self._cite(*(f["source_id"] for f in facts), *(n["source_id"] for n in names if n["source_id"]))
            yield {"id": row["entity_id"], "name": row["name"], "kind": row["kind"], "names": names, "facts": facts}

    def _entity_names(self, entity_id: str, members: list[str]) -> list[dict]:
        db = self.store.db
        out: dict[tuple, dict] = {}
        for m in members:
            for a in db.execute("""SELECT a.name, a.kind, a.lang, a.script, a.source_id, v.start, v."end", v.text
                                   FROM aliases a LEFT JOIN evidence v ON v.alias_id = a.id
                                   WHERE a.entity_id = ? ORDER BY a.id""", (m,)):
                out.setdefault((a["name"], a["kind"]), {**dict(a), "rule": None})
        for n in db.execute('SELECT name, rule, source_id, start, "end", text FROM world_names WHERE entity_id = ?'
                            " ORDER BY id", (entity_id,)):
            if not any(k[0] == n["name"] for k in out):
                out[(n["name"], "name")] = {**dict(n), "kind": "name", "lang": None, "script": None}
        return list(out.values())

    def _fact(self, row) -> dict:
        value = json.loads(row["value"])
        evidence = [dict(e) for e in self.store.db.execute(
            'SELECT source_id, start, "end", text FROM evidence WHERE fact_id = ? ORDER BY id', (row["id"],))]
        return {"field": row["field"], "value": value, "qualifiers": json.loads(row["qualifiers"]),
                "object_id": self._world_id(row["object_id"]) if row["object_id"] else None,
                "source_id": row["source_id"], "evidence": evidence}

    def relations(self) -> Iterator[dict]:
        """Edges from the facts that name another entity, typed as ``data/exports/relations.yaml`` says:
        source and target (world ids; a name no entity has becomes ``name:...``), type, period, the
        fact's source and evidence."""
        types = load_yaml("exports/relations.yaml")["fields"]
        marks = ",".join("?" * len(types))
        for row in self.store.db.execute(f"SELECT * FROM facts WHERE field IN ({marks}) ORDER BY id", list(types)):
            fact = self._fact(row)
            source = self._world_id(row["entity_id"])
            for target_name in _object_names(fact):
                target = fact["object_id"] or self._entity_of_name(target_name)
                if self.filters.actor and not {source, target} & self._actor_ids:
                    continue
                start, until = _qualifier_period(fact["qualifiers"])
                self._cite(fact["source_id"])
                yield {"source": source, "target": target, "target_name": target_name, "type": types[row["field"]],
                       "field": row["field"], "from": start, "until": until, "source_id": fact["source_id"],
                       "evidence": fact["evidence"]}

    @cached_property
    def _actor_ids(self) -> set[str]:
        from annalyst.resolve import entity_for

        found = entity_for(self.store, self.filters.actor)
        if found is None:
            raise FilterError(f"{self.filters.actor!r}: no such entity in the store")
        return {found}

    @cached_property
    def _related(self) -> set[str]:
        """The ``--actor`` entity and every entity it has a relation with."""
        out = set(self._actor_ids)
        for edge in self.relations():
            out |= {edge["source"], edge["target"]}
        return out

    @cached_property
    def _clusters(self) -> dict[str, str]:
        return {m: e for m, e in self.store.db.execute(
            "SELECT DISTINCT member_id, entity_id FROM world_names WHERE member_id IS NOT NULL")}

    @cached_property
    def _by_name(self) -> dict[str, str]:
        """A written name -> the world entity most of its mentions are (resolved at ingest)."""
        out: dict[str, tuple[int, str]] = {}
        for name, entity_id, n in self.store.db.execute(
                "SELECT name, entity_id, count(*) FROM world_names GROUP BY name COLLATE NOCASE, entity_id"):
            key = name.casefold()
            if key not in out or n > out[key][0]:
                out[key] = (n, entity_id)
        return {k: v[1] for k, v in out.items()}

    def _world_id(self, stored_id: str) -> str:
        return self._clusters.get(stored_id, stored_id)

    def _entity_of_name(self, name: str) -> str:
        """The world entity a written name is, else an id of its own (``name:...``)."""
        from annalyst.resolve.world import fold

        return self._by_name.get(name.casefold()) or f"name:{fold(name)}"

    def entity_of(self, name: str | None) -> str | None:
        """The world entity an event's actor or place name is (``None`` for no name)."""
        return self._entity_of_name(name) if name else None

    def contradictions(self) -> Iterator[dict]:
        """The stored contradiction report (``--actor``: about that entity), each with both claims."""
        from annalyst.resolve.report import recorded

        for c in recorded(self.store):
            if self.filters.actor and c.entity_id not in self._actor_ids:
                continue
            self._cite(*(claim["source_id"] for claim in c.claims))
            yield c.as_dict()

    # ------------------------------------------------------------ sources

    def _cite(self, *source_ids: str) -> None:
        for s in source_ids:
            self._cited.setdefault(s)

    def cite_all(self) -> None:
        """Cite every stored source (for exports of whole tables)."""
        self._cite(*(s for (s,) in self.store.db.execute("SELECT id FROM sources ORDER BY id")))

    def sources(self) -> list[dict]:
        """The sources cited so far, each with its title, address, licence and when it was read."""
        out = []
        for source_id in self._cited:
            row = self.store.db.execute("SELECT id, title, url, licence, retrieved, timestamp FROM sources WHERE id = ?",
                                        (source_id,)).fetchone()
            if row is not None:
                out.append(dict(row))
        return out


def event_days(event: dict) -> tuple[tuple, tuple] | None:
    """The first and last day an event's stored date can mean (its TIMEX value, else its date at
    its precision), as (year, month, day) tuples."""
    if event.get("timex") and (days := span_days(event["timex"])):
        return days
    date = event.get("event_date")
    return span_days(date[:4] if event.get("time_precision") == 3 and date else date) if date else None


def participants(event: dict) -> list[str]:
    """The names of an event's actors, in ACLED's role order."""
    out = []
    for role in _ROLES:
        value = event.get(role)
        out += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and v]
    return out


def stable_number(key: str) -> int:
    """A number for a record's key (``source_id#n``), the same at every export of the same sources:
    for the formats whose ids are numbers (ACLED's ``event_id_cnty``, GED's ``id``)."""
    return int(hashlib.blake2b(key.encode("utf-8"), digest_size=8).hexdigest(), 16) % 10**9


def ymd(iso: str) -> tuple[int, int, int]:
    """An ISO day ("2014-06-10", "-0043-03-15") as a (year, month, day) tuple, astronomical years."""
    m = _DAY.match(iso)
    return int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)


def _decoded(row: dict) -> dict:
    for key in _JSON_COLUMNS:
        if key in row:
            row[key] = json.loads(row[key]) if row[key] is not None else None
    return row


def _day_number(iso: str | None) -> int | None:
    key = date_key(iso)
    return key[1] if key[0] == 0 else None


def _iso(ymd: tuple) -> str:
    year, month, day = ymd
    return f"{'-' if year < 0 else ''}{abs(year):04d}-{month:02d}-{day:02d}"


def _object_names(fact: dict) -> list[str]:
    value = fact["value"]
    text = value if isinstance(value, str) else (value.get("value") or value.get("text")) if isinstance(value, dict) else None
    return [text] if text else []


def _qualifier_period(qualifiers: list[str]) -> tuple[str | None, str | None]:
    """A relation's period from its qualifiers ("2014–2017", "since 2015", "until 2016"), as the
    EDTF of its first and last year; None for an end the qualifiers do not give."""
    from annalyst.extract.values import period

    for q in qualifiers:
        words = q.casefold().split()
        since, until = words[:1] == ["since"], words[:1] == ["until"]
        edtf = period(" ".join(q.split()[1:]) if since or until else q)
        if not edtf:
            continue
        if since or until:
            return (edtf, None) if since else (None, edtf)
        first, _, last = edtf.partition("/")
        return first, (last if last != ".." else None) if "/" in edtf else first
    return None, None
