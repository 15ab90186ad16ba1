"""Analysts' reviews of profile values (accept, reject, correct) and the audit of every write.

A review names its value as the profile shows it (``core``: the item without its evidence), so it
still applies after a re-ingest has replaced the facts it was made on. :func:`apply` is the step
``annalyst.store.profiles.profile`` ends with: a rejected value goes, a corrected one is replaced
by the analyst's value, each reviewed item says who decided what, and when.
"""
from __future__ import annotations

import json

from annalyst.store.db import Store

__all__ = ["core", "review", "apply", "audit"]

_NOT_VALUE = ("evidence", "qualifiers", "contradicted_by", "reviewed")


def core(item: dict) -> str:
    """A profile item's value without its evidence, as canonical JSON."""
    return json.dumps({k: v for k, v in item.items() if k not in _NOT_VALUE}, sort_keys=True, ensure_ascii=False)


def review(store: Store, who: str, entity_id: str, field: str, value: dict, decision: str,
           correction: dict | None = None, note: str | None = None) -> None:
    """Record a decision on one value, and its audit row, in one transaction."""
    with store.db:
        store.db.execute("INSERT INTO reviews (entity_id, field, value, decision, correction, note, who)"
                         " VALUES (?, ?, ?, ?, ?, ?, ?)",
                         (entity_id, field, core(value), decision,
                          json.dumps(correction, ensure_ascii=False) if correction is not None else None, note, who))
        _audit(store, who, f"review:{decision}", f"{entity_id} {field}", core(value),
               json.dumps(correction, ensure_ascii=False) if correction is not None else decision)


def audit(store: Store, who: str, action: str, target: str, before: str | None, after: str | None) -> None:
    """Record one write made through the server."""
    with store.db:
        _audit(store, who, action, target, before, after)


def _audit(store: Store, who, action, target, before, after) -> None:
    store.db.execute("INSERT INTO audit (who, action, target, before, after) VALUES (?, ?, ?, ?, ?)",
                     (who, action, target, before, after))


def apply(store: Store, entity_id: str, out: dict) -> dict:
    """The profile with the analysts' latest decision on each of its values applied."""
    rows = store.db.execute("SELECT * FROM reviews WHERE entity_id = ? ORDER BY id", (entity_id,)).fetchall()
    latest = {(r["field"], r["value"]): r for r in rows}
    for (field, value), r in latest.items():
        items = out.get(field)
        listed = items if isinstance(items, list) else [items] if isinstance(items, dict) else []
        kept = []
        for item in listed:
            if core(item) != value:
                kept.append(item)
                continue
            decided = {"decision": r["decision"], "who": r["who"], "when": r["created"], "note": r["note"]}
            if r["decision"] == "reject":
                continue
            if r["decision"] == "correct":
                item = {**json.loads(r["correction"]), "evidence": item.get("evidence", []),
                        "corrected_from": json.loads(value)}
            kept.append({**item, "reviewed": decided})
        if isinstance(items, list):
            out[field] = kept
        elif kept:
            out[field] = kept[0]
        elif field in out:
            del out[field]
    return out
