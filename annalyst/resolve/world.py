"""One world from many pages: which names, on which pages, mean one entity.

Each page is extracted on its own; this stage reads what the store holds from every page and
ties each name to one entity, by the named rules of ``annalyst/data/resolve.yaml``:

- the subjects of pages, by their names and aliases (``same-name``);
- the names other pages give them: an ally in an infobox, an event's actor or place, a
  territory's holder, a state's dated establishment row, "an independent Kurdistan" in prose,
  each tied by the first rule that finds it one entity (``actor-table``,
  ``status-premodifier``, ``demonym-premodifier``, ``fuzzy-name``);
- a name no rule ties to a page's subject is an entity of its own, which every page naming it
  shares: the Peshmerga, which no page is about, is one entity across the pages that report it.

The result, every name with its citation and its rule, is the ``world_names`` table, recomputed
from scratch after every ingest and every override, so that it never holds a stale tie. An
analyst's ``merge`` and ``split`` (the ``overrides`` table) are applied last; they outrank every
rule and, being kept apart from the sources, survive any re-ingest.
"""
from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Callable, Iterable, Iterator

from annalyst.data import load_yaml
from annalyst.extract.actors import canonical_actor, demonyms
from annalyst.model import entity_id as make_id
from annalyst.store.db import Store

__all__ = ["WorldName", "resolve_world", "lookup", "names", "members", "cluster_map", "entity_resolver",
           "add_overrides", "read_overrides", "fold", "without_qualifier", "RULES"]

_ROLES = ("actor1", "actor2", "assoc_actor_1", "assoc_actor_2")
_QUALIFIER = re.compile(r"\s*\([^()]*\)\s*$")
_PLACE_KINDS = ("state_or_place", "place")


@dataclass(frozen=True)
class WorldName:
    """One name of an entity, where a source writes it, and the rule that tied it."""

    entity_id: str
    entity_name: str
    entity_kind: str
    name: str
    rule: str
    source_id: str | None = None
    start: int | None = None
    end: int | None = None
    text: str | None = None
    member_id: str | None = None  # the stored entity the name came with, if any


@lru_cache(maxsize=1)
def _config() -> dict:
    return load_yaml("resolve.yaml")


RULES = tuple(r["name"] for r in _config()["rules"])


def without_qualifier(name: str) -> str:
    """A name without a trailing parenthesised qualifier ("Libya (Under Gaddafi Rule)" -> "Libya")."""
    return _QUALIFIER.sub("", name) or name


def fold(name: str) -> str:
    """A name as compared: Unicode-normalised, case-folded, spaces collapsed, no leading article."""
    text = " ".join(unicodedata.normalize("NFKC", name).casefold().split()).strip(" \"'“”‘’.,;:")
    return re.sub(r"^the\s+", "", text)


class _Index:
    """Folded name -> entities known by it, the weightiest first (a page's subject before a mention)."""

    def __init__(self) -> None:
        self.ids: dict[str, Counter] = defaultdict(Counter)
        self.info: dict[str, tuple[str, str]] = {}  # id -> (name, kind)
        self.by_initial: dict[str, list[str]] = defaultdict(list)  # the names, in the order added: fuzzy choices

    def add(self, entity_id: str, name: str, kind: str, display: str, weight: int = 1) -> None:
        key = fold(name)
        if key:
            if key not in self.ids:
                self.by_initial[key[0]].append(key)
            self.ids[key][entity_id] += weight
            self.info.setdefault(entity_id, (display, kind))

    def get(self, name: str, kinds: tuple[str, ...] | None = None) -> str | None:
        found = [(n, i) for i, n in self.ids.get(fold(name), Counter()).items()
                 if kinds is None or self.info[i][1] in kinds]
        return max(found, key=lambda p: (p[0], p[1]))[1] if found else None


@dataclass(frozen=True)
class _Mention:
    written: str
    canonical: str | None
    kind: str  # the kind of entity a new one would be: actor, place, other
    source_id: str | None
    start: int | None
    end: int | None
    text: str | None
    member_id: str | None = None
    places: tuple[str, ...] = ()


def resolve_world(store: Store) -> int:
    """Recompute ``world_names`` from everything stored, then apply the overrides; the number of names."""
    rows = _resolved(store)
    rows = _apply_overrides(store, rows)
    canonical = {name: canonical_actor(name) for name in {r.name for r in rows}}
    with store.db:
        store.db.execute("DELETE FROM world_names")
        store.db.executemany(
            'INSERT INTO world_names (entity_id, entity_name, entity_kind, name, rule, source_id, start, "end",'
            " text, member_id, canonical) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(r.entity_id, r.entity_name, r.entity_kind, r.name, r.rule, r.source_id, r.start, r.end, r.text,
              r.member_id, canonical[r.name]) for r in rows])
    return len(rows)


def _resolved(store: Store) -> list[WorldName]:
    db = store.db
    index, by_canonical = _Index(), {}
    out: list[WorldName] = []
    subjects = {r["id"]: (r["name"], r["kind"], r["n"]) for r in db.execute(
        """SELECT e.id, e.name, e.kind, count(f.id) AS n FROM entities e JOIN facts f ON f.entity_id = e.id
           WHERE e.id IN (SELECT entity_id FROM facts WHERE field = 'name') GROUP BY e.id ORDER BY e.id""")}
    for sid, (name, kind, weight) in subjects.items():
        ev = db.execute('SELECT source_id, start, "end", text FROM evidence WHERE entity_id = ? ORDER BY id LIMIT 1',
                        (sid,)).fetchone()
        out.append(WorldName(sid, name, kind, name, "same-name", *(tuple(ev) if ev else (None,) * 4), sid))
        index.add(sid, name, kind, name, 100 + weight)
        for alias in db.execute(
                """SELECT a.name, v.source_id, v.start, v."end", v.text FROM aliases a
                   LEFT JOIN evidence v ON v.alias_id = a.id WHERE a.entity_id = ? ORDER BY a.id""", (sid,)):
            out.append(WorldName(sid, name, kind, alias["name"], "same-name", alias["source_id"], alias["start"],
                                 alias["end"], alias["text"], sid))
            index.add(sid, alias["name"], kind, name, 100 + weight)
        if ev is not None:  # a dump's redirects to its page ("ISIS" -> "Islamic State"): Wikipedia:Redirect
            for redirect in db.execute("SELECT r.title FROM redirects r JOIN sources s ON s.title = r.target"
                                       " WHERE s.id = ? ORDER BY r.id", (ev["source_id"],)):
                out.append(WorldName(sid, name, kind, redirect["title"], "same-name", member_id=sid))
                index.add(sid, redirect["title"], kind, name, 100 + weight)
        for written in {name, *(a["name"] for a in db.execute("SELECT name FROM aliases WHERE entity_id = ?",
                                                                (sid,)))}:
            canonical = canonical_actor(written) if kind not in _PLACE_KINDS else None
            if canonical:
                by_canonical.setdefault(canonical, sid)
    mentions = list(_mentions(store, subjects))
    # names that stand for themselves first (a canonical actor, an entity's own name), so that a
    # later, longer form ("Kurdish Peshmerga") finds the entity they make
    mentions.sort(key=lambda m: (m.canonical is None, len(m.written)))
    pending: list[_Mention] = []
    for m in mentions:
        hit = _by_rules(m, index, by_canonical)
        if hit is None:
            pending.append(m)
            continue
        target, rule = hit
        out.append(_row(index, target, m, rule))
    # an entity of its own for each name left, unless a close spelling tied to the same context finds one
    contexts = _contexts(out)
    for m in pending:
        target = _fuzzy(m, index, contexts)
        if target is not None:
            out.append(_row(index, target, m, "fuzzy-name"))
            continue
        own = m.canonical or m.written
        new_id = make_id(m.kind, own)
        if new_id in subjects:  # a subject of another kind keeps its id; this name is another entity
            new_id = make_id(f"{m.kind}-mention", own)
        index.add(new_id, own, m.kind, own, 1)
        if m.canonical:
            by_canonical.setdefault(m.canonical, new_id)
        out.append(_row(index, new_id, m, "same-name" if fold(m.written) == fold(own) else "actor-table"))
    return out


def _row(index: _Index, target: str, m: _Mention, rule: str) -> WorldName:
    name, kind = index.info[target]
    return WorldName(target, name, kind, m.written, rule, m.source_id, m.start, m.end, m.text, m.member_id)


def _by_rules(m: _Mention, index: _Index, by_canonical: dict[str, str]) -> tuple[str, str] | None:
    if (hit := index.get(m.written)) is not None:
        return hit, "same-name"
    if m.canonical:
        if (hit := index.get(m.canonical) or by_canonical.get(m.canonical)) is not None:
            return hit, "actor-table"
    rest = _without_status(m.written)
    if rest and (hit := index.get(rest, _PLACE_KINDS)) is not None:
        return hit, "status-premodifier"
    rest = _without_demonym(m.written)
    if rest and m.kind != "place":
        hit = index.get(rest) or by_canonical.get(canonical_actor(rest) or "")
        if hit is not None:
            return hit, "demonym-premodifier"
    return None


def _without_status(written: str) -> str | None:
    cfg = _config()
    words = written.split()
    i = 1 if words and words[0].casefold() in cfg["determiners"] else 0
    status = {w.casefold() for w in cfg["status_words"]}
    j = i
    while j < len(words) and (words[j].casefold() in status or " ".join(words[j:j + 2]).casefold() in status):
        j += 2 if " ".join(words[j:j + 2]).casefold() in status else 1
    return " ".join(words[j:]) if j > i and j < len(words) else None


def _without_demonym(written: str) -> str | None:
    words = written.split()
    i = 1 if words and words[0].casefold() in _config()["determiners"] else 0
    return " ".join(words[i + 1:]) if len(words) > i + 1 and words[i] in demonyms() else None


def _contexts(rows: Iterable[WorldName]) -> dict[str, set[str]]:
    """Entity -> the sources that name it: the context a close spelling must share."""
    found: dict[str, set[str]] = defaultdict(set)
    for r in rows:
        if r.source_id:
            found[r.entity_id].add(r.source_id)
    return found


def _fuzzy(m: _Mention, index: _Index, contexts: dict[str, set[str]]) -> str | None:
    rule = next(r for r in _config()["rules"] if r["name"] == "fuzzy-name")
    key = fold(m.written)
    if len(key) < rule["min_length"]:
        return None
    choices = [k for k in index.by_initial.get(key[0], ()) if abs(len(k) - len(key)) <= 3]
    from rapidfuzz import fuzz, process  # imported where used: reading the world needs no fuzzy matching

    for choice, score, _ in process.extract(key, choices, scorer=fuzz.ratio, score_cutoff=rule["cutoff"], limit=3):
        target = index.get(choice)
        if target is not None and ({m.source_id} | set(m.places)) & (contexts.get(target, set()) | {target}):
            return target
    return None


def _mentions(store: Store, subjects: dict) -> Iterator[_Mention]:
    db = store.db
    # entities other pages name (allies, leaders, places in infoboxes), each with its evidence
    for r in db.execute("""SELECT e.id, e.name, e.kind, v.source_id, v.start, v."end", v.text FROM entities e
                           JOIN evidence v ON v.entity_id = e.id ORDER BY e.id, v.id"""):
        if r["id"] in subjects:
            continue
        kind = "place" if r["kind"] in _PLACE_KINDS else r["kind"]
        yield _Mention(r["name"], canonical_actor(r["name"]) if kind == "actor" else None, kind,
                       r["source_id"], r["start"], r["end"], r["text"], r["id"])
    # events: their actors and places, as the event layer names them and as the source writes them
    for r in db.execute("SELECT * FROM events ORDER BY id"):
        evidence = json.loads(r["evidence"])
        place = (r["location"],) if r["location"] else ()
        for role in _ROLES:
            value = r[role]
            names = json.loads(value) if role.startswith("assoc") and value else ([value] if value else [])
            spans = [e for e in evidence.get(role, ()) if e.get("text")]
            for name in names:
                if not isinstance(name, str):
                    continue
                # the span that writes this actor (a role's evidence may also quote its trigger)
                cited = next((e for e in spans if fold(e["text"]) == fold(name)
                              or canonical_actor(_trim_article(e["text"])) == name), None)
                written = _trim_article(cited["text"]) if cited else name
                yield _Mention(written, name, "actor", r["source_id"], *_cite(cited), places=place)
                if fold(written) != fold(name):  # the canonical name itself, for the entity it makes
                    yield _Mention(name, name, "actor", r["source_id"], *_cite(cited), places=place)
        if r["location"]:
            cited = next((e for e in evidence.get("location", ()) if e.get("text")), None)
            yield _Mention(r["location"], None, "place", r["source_id"], *_cite(cited))
    for r in db.execute("SELECT * FROM territory_control ORDER BY id"):
        cited = (json.loads(r["evidence"]) or [None])[0]
        yield _Mention(r["holder"], canonical_actor(r["holder"]), "actor", r["source_id"], *_cite(cited),
                       places=(r["place"],))
    # a state's dated establishment rows name events ("Erbil Conference 17th December 2015")
    for r in db.execute("""SELECT f.value, v.source_id, v.start, v."end", v.text FROM facts f
                           JOIN evidence v ON v.fact_id = f.id WHERE f.field = 'established_events'"""):
        event = json.loads(r["value"]).get("event")
        if event:
            start = r["start"]
            yield _Mention(event, None, "other", r["source_id"], start, start + len(event), event)
    yield from _status_mentions(store, subjects)


def _status_mentions(store: Store, subjects: dict) -> Iterator[_Mention]:
    """States and places that prose names with a status word before them ("an independent Kurdistan")."""
    places = sorted({name for name, kind, _ in subjects.values() if kind in _PLACE_KINDS and len(name) > 2},
                    key=len, reverse=True)
    if not places:
        return
    cfg = _config()
    status = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in cfg["status_words"])
    det = "|".join(re.escape(w) for w in cfg["determiners"])
    # the status words in any case, the place as its page writes it
    pattern = re.compile(rf"\b(?:(?:{det})\s+)?(?:(?:{status})\s+)+(?-i:{'|'.join(map(re.escape, places))})\b",
                         re.IGNORECASE)
    for r in store.db.execute("SELECT source_id, text FROM documents ORDER BY source_id"):
        seen: set[str] = set()
        for m in pattern.finditer(r["text"]):
            written = m.group(0)
            if fold(written) not in seen:  # one citation per form and source
                seen.add(fold(written))
                yield _Mention(written, None, "place", r["source_id"], m.start(), m.end(), written)


def _trim_article(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip())


def _cite(e: dict | None) -> tuple:
    return (e["start"], e["end"], e["text"]) if e else (None, None, None)


# ---------------------------------------------------------------- overrides

def add_overrides(store: Store, decisions: Iterable[tuple[str, str, str, str | None]]) -> None:
    """Record analysts' merges and splits (kept apart from every source), then re-resolve."""
    decisions = list(decisions)
    if any(action not in ("merge", "split") for action, *_ in decisions):
        raise ValueError("an override is a merge or a split")
    with store.db:
        store.db.executemany("INSERT INTO overrides (action, a, b, note) VALUES (?, ?, ?, ?)", decisions)
    resolve_world(store)
    from annalyst.resolve.contradictions import record  # they read the world this module resolves
    from annalyst.resolve.coreference import record as record_event_groups

    from annalyst.store.search import record as record_search

    record(store)
    record_event_groups(store)
    record_search(store)


def read_overrides(path) -> list[tuple[str, str, str, str | None]]:
    """The decisions of an overrides file; an InputError names the file and the item at fault."""
    import yaml

    from annalyst.errors import InputError
    from annalyst.read.page import read_text
    try:
        items = yaml.safe_load(read_text(path))
    except yaml.YAMLError as exc:
        raise InputError(path, f"not YAML ({str(exc).splitlines()[0]})") from None
    if not isinstance(items, list):
        raise InputError(path, "expected a list of {merge: [A, B]} or {split: [A, B]}")
    out = []
    for number, item in enumerate(items, start=1):
        action = next((k for k in ("merge", "split") if isinstance(item, dict) and k in item), None)
        names = item.get(action) if action else None
        if not (isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) and n.strip() for n in names)):
            raise InputError(path, "expected {merge: [A, B]} or {split: [A, B]} with two names", position=number)
        out.append((action, names[0], names[1], item.get("note")))
    return out


def _apply_overrides(store: Store, rows: list[WorldName]) -> list[WorldName]:
    for o in store.db.execute("SELECT action, a, b FROM overrides ORDER BY id"):
        a_id, b_id = _find(rows, o["a"]), _find(rows, o["b"])
        if a_id is None:
            continue
        name, kind = next((r.entity_name, r.entity_kind) for r in rows if r.entity_id == a_id)
        if o["action"] == "merge" and b_id is not None and b_id != a_id:
            rows = [replace(r, entity_id=a_id, entity_name=name, entity_kind=kind, rule="override")
                    if r.entity_id == b_id else r for r in rows]
        elif o["action"] == "split":
            new_id = make_id(kind, o["b"])
            new_id = new_id if new_id != a_id else make_id(f"{kind}-split", o["b"])
            # the name leaves; the stored entity it came with (A's page subject) stays with A
            rows = [replace(r, entity_id=new_id, entity_name=o["b"], rule="override",
                            member_id=None if r.member_id == a_id else r.member_id)
                    if r.entity_id == a_id and fold(r.name) == fold(o["b"]) else r for r in rows]
            if b_id is None:
                rows.append(WorldName(new_id, o["b"], kind, o["b"], "override"))
    return rows


def _find(rows: list[WorldName], name: str) -> str | None:
    key = fold(name)
    counts = Counter(r.entity_id for r in rows if fold(r.name) == key or r.entity_id == name)
    return counts.most_common(1)[0][0] if counts else None


# ---------------------------------------------------------------- reading

def lookup(store: Store, name: str) -> str | None:
    """The entity a name means, in the resolved world: by any name a source gives it, then by the
    canonical actor the name stands for ("Kurdish Peshmerga")."""
    for candidate in (name, "canonical"):
        if candidate == "canonical":  # the actor table only for a name no source gives (it takes a while to load)
            candidate = canonical_actor(name)
        if not candidate:
            continue
        rows = store.db.execute(
            """SELECT entity_id, count(*) AS n, max(entity_id = member_id) AS own FROM world_names
               WHERE name = ? COLLATE NOCASE OR entity_id = ? GROUP BY entity_id ORDER BY own DESC, n DESC,
               entity_id LIMIT 1""", (candidate.strip(), candidate.strip())).fetchone()
        if rows is not None:
            return rows["entity_id"]
    return None


def names(store: Store, entity_id: str) -> list[dict]:
    """Every name the sources give an entity, each with its rule, its citation and the canonical actor
    it stands for."""
    return [dict(r) for r in store.db.execute(
        'SELECT name, rule, source_id, start, "end", text, canonical FROM world_names WHERE entity_id = ? ORDER BY id',
        (entity_id,))]


def members(store: Store, entity_id: str) -> set[str]:
    """The stored entities (a page's subject, another page's mention of it) that are this one."""
    return {entity_id} | {r[0] for r in store.db.execute(
        "SELECT DISTINCT member_id FROM world_names WHERE entity_id = ? AND member_id IS NOT NULL", (entity_id,))}


def entity_resolver(store: Store) -> Callable[[str], str]:
    """A function from a name to the entity it means (its folded self when the world does not know
    it), reading the store once: for comparing many claims."""
    table: dict[str, Counter] = defaultdict(Counter)
    own: set[tuple[str, str]] = set()
    for r in store.db.execute("SELECT name, entity_id, member_id FROM world_names"):
        table[fold(r["name"])][r["entity_id"]] += 1
        if r["member_id"] == r["entity_id"]:
            own.add((fold(r["name"]), r["entity_id"]))

    @lru_cache(maxsize=None)
    def entity(name: str) -> str:
        # as written, as the actor table names it, and without a trailing qualifier ("Libya (under Gaddafi)")
        for candidate in (name, canonical_actor(name) or "", without_qualifier(name)):
            key = fold(candidate)
            if key in table:
                return max(table[key].items(), key=lambda p: ((key, p[0]) in own, p[1], p[0]))[0]
        return f"name:{fold(name)}"
    return entity


def cluster_map(store: Store) -> dict[str, str]:
    """Stored entity id -> the entity it is, for every stored entity the world ties to another."""
    return {r[0]: r[1] for r in store.db.execute(
        "SELECT DISTINCT member_id, entity_id FROM world_names WHERE member_id IS NOT NULL")}
