"""Event coreference: the same event told by several sources.

Two stored events from different sources are one event when they are of one ACLED sub-event
type, each is dated to within a week (ACLED's own de-duplication works day by day; a "March 2016"
offensive is too vague to be the same as a battle on the 8th), their days can be the same, and
they share an actor, as the resolved world names actors (``Pershmerga`` on one page and
``Peshmerga`` on another are one actor); where both name a second side, that must agree too. Places are not required to agree:
where two tellings of one event put it in different places, that is a contradiction to report
(``annalyst.resolve.contradictions``), not a reason to keep two events.

:func:`record` stores the groups (table ``event_groups``) after each ingest and override, for the
exports, which stream events and cannot compare them all. :func:`merged_timeline` gives one record
per event with every source's citation, its date and place reconciled (the most precise claim), and
every disagreement kept under ``disagreements``.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable, Iterable, Sequence

from annalyst.days import date_key, span_days, span_width
from annalyst.store.db import Store
from annalyst.store.timeline import timeline

__all__ = ["event_days", "actors_of", "same_event", "groups", "merged_timeline", "record"]

_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_WEEK = 7


@lru_cache(maxsize=8192)
def _days_of(edtf: str) -> tuple[tuple, tuple] | None:
    return span_days(edtf)


@lru_cache(maxsize=65536)
def _written_days(text: str):
    """The days a written date can mean; False when the text holds no single date."""
    from annalyst.extract.time import tag_dates  # the tagger only when events are compared

    dates = [t for t in tag_dates(text) if t.edtf]
    return _days_of(dates[0].edtf) if len(dates) == 1 else False


def event_days(event: dict) -> tuple[tuple, tuple] | None:
    """The earliest and latest day an event's date can be, as its source writes it ("in late 2014"
    is September to December 2014, not the first of September)."""
    written = (event.get("evidence") or {}).get("event_date") or []
    for e in written:
        days = _written_days(e.get("text") or "")
        if days is not False:
            return days
    return _days_of(event["timex"]) if event.get("timex") else (
        _days_of(event["event_date"]) if event.get("event_date") else None)


def actors_of(event: dict, entity: Callable[[str], str]) -> set[str]:
    """The resolved entities among an event's actors."""
    names: list[str] = []
    for role in _ROLES:
        value = event.get(role)
        names += [v for v in (value if isinstance(value, list) else [value]) if isinstance(v, str) and v]
    return {entity(n) for n in names}


def same_event(a: dict, b: dict, entity: Callable[[str], str], days: tuple | None = None) -> bool:
    """Whether two events from different sources tell one event (``days``: their days, if known)."""
    if a["source_id"] == b["source_id"] or a["sub_event_type"] != b["sub_event_type"]:
        return False
    da, db_ = days or (event_days(a), event_days(b))
    if da is None or db_ is None or da[1] < db_[0] or db_[1] < da[0]:
        return False
    if max(span_width(da), span_width(db_)) > _WEEK:
        return False
    sides = [{entity(e[r]) for r in ("actor1", "actor2") if e.get(r)} for e in (a, b)]
    if len(sides[0]) == 2 and len(sides[1]) == 2 and sides[0] != sides[1]:
        return False
    return bool(actors_of(a, entity) & actors_of(b, entity))


def groups(events: Sequence[dict], entity: Callable[[str], str]) -> list[list[dict]]:
    """Events partitioned into tellings of one event (transitively: a told like b, b like c)."""
    parent = list(range(len(events)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    days = [event_days(e) for e in events]
    by_type: dict[str, list[int]] = {}
    for i, e in enumerate(events):
        # an undated event is told like no other, nor one dated more loosely than same_event allows
        # (a year, a century): leaving them out of the sweep keeps it near linear
        if days[i] is not None and span_width(days[i]) <= _WEEK:
            by_type.setdefault(e["sub_event_type"], []).append(i)
    for members in by_type.values():
        # a sweep in order of first day: only events whose days overlap can be one event
        members.sort(key=lambda i: days[i][0])
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if days[j][0] > days[i][1]:
                    break
                if root(i) != root(j) and same_event(events[i], events[j], entity, (days[i], days[j])):
                    parent[root(j)] = root(i)
    found: dict[int, list[dict]] = {}
    for i, e in enumerate(events):
        found.setdefault(root(i), []).append(e)
    return list(found.values())


def _precision_rank(event: dict) -> int:
    days = event_days(event)
    return 0 if days is None else -span_width(days)


def merged_timeline(store: Store, names: Iterable[str] | None = None,
                    roles: tuple[str, ...] = ("actors", "location")) -> list[dict]:
    """The timeline with each event once, as the last ingest grouped the tellings (``event_groups``,
    see :func:`record`): the most precise telling first, every telling's source and citation under
    ``tellings``, and where they disagree on date or place, ``disagreements``."""
    events = timeline(store, names, roles)
    lead_of = dict(store.db.execute("SELECT event_id, lead_id FROM event_groups").fetchall())
    grouped: dict[int, list[dict]] = {}
    for e in events:
        grouped.setdefault(lead_of.get(e["id"], e["id"]), []).append(e)
    out = []
    for lead, group in grouped.items():
        if len(group) > 1:  # the lead first (the filter may have left it out: then the most precise)
            group.sort(key=lambda e: e["id"] != lead)
            if group[0]["id"] != lead:
                group.sort(key=_precision_rank, reverse=True)
        best = dict(group[0])
        if len(group) > 1:
            best["tellings"] = [{"source_id": e["source_id"], "id": e["id"], "event_date": e["event_date"],
                                 "location": e["location"], "evidence": e["evidence"]} for e in group]
            disagree = {}
            for field in ("event_date", "location"):
                values = {e[field] for e in group if e[field]}
                if len(values) > 1:
                    disagree[field] = sorted(values)
            if disagree:
                best["disagreements"] = disagree
        out.append(best)
    return sorted(out, key=lambda e: date_key(e["event_date"]))


def record(store: Store) -> int:
    """Recompute ``event_groups`` from every stored event: each telling of an event several sources
    tell names its group's lead, the most precise telling (as :func:`merged_timeline` leads with it).
    Returns the number of events so grouped."""
    from annalyst.resolve.world import entity_resolver

    rows = []
    for group in groups(timeline(store), entity_resolver(store)):
        if len(group) > 1:
            lead = max(group, key=_precision_rank)["id"]  # the first of the most precise, as sorted
            rows += [(e["id"], lead) for e in group]
    with store.db:
        store.db.execute("DELETE FROM event_groups")
        store.db.executemany("INSERT INTO event_groups (event_id, lead_id) VALUES (?, ?)", rows)
    return len(rows)
