"""Claims about one entity that cannot both hold, each with both citations.

First kinds (of the issue's list): ``dates`` (two sources date one single-valued field, such as
when a group was active or founded, to times that cannot both hold) and ``counts`` (two ranges
of one count that do not overlap). Precision is respected: "2014" and "2014-06" agree, an end
of "2018" and an end of "2017" do not; 52,600–257,900 and 200,000 agree.

A date is compared as the days it may be (EDTF, through the ``edtf`` library); a period
("1999/2018") end by end. Values from one source are not compared with each other.
"""
from __future__ import annotations

import itertools
import json
import time
from dataclasses import dataclass

from edtf import parse_edtf

from annalyst.data import field_spec
from annalyst.store.db import Store

__all__ = ["Contradiction", "contradictions", "as_markdown", "KINDS"]

KINDS = ("dates", "counts")


@dataclass(frozen=True)
class Contradiction:
    """Two claims that cannot both hold: the entity, the field, the kind and both claims with citations."""

    entity_id: str
    entity: str
    field: str
    kind: str
    severity: str  # high: the days or counts are disjoint at both claims' own precision
    claims: tuple[dict, dict]

    def as_dict(self) -> dict:
        return {"entity_id": self.entity_id, "entity": self.entity, "field": self.field, "kind": self.kind,
                "severity": self.severity, "claims": list(self.claims)}


def contradictions(store: Store, kind: str | None = None) -> list[Contradiction]:
    """Every pair of stored claims from different sources that cannot both hold."""
    rows = store.db.execute(
        """SELECT f.id, f.entity_id, e.name, f.field, f.value, f.source_id FROM facts f
           JOIN entities e ON e.id = f.entity_id ORDER BY f.entity_id, f.field, f.id""").fetchall()
    found: list[Contradiction] = []
    for (entity_id, field), group in itertools.groupby(rows, key=lambda r: (r["entity_id"], r["field"])):
        spec = field_spec(field)
        if spec.get("multi") or spec["type"] not in ("edtf", "range"):
            continue
        claims = [r for r in group]
        for a, b in itertools.combinations(claims, 2):
            if a["source_id"] == b["source_id"]:
                continue
            va, vb = json.loads(a["value"]), json.loads(b["value"])
            clash = _dates_clash(va, vb) if spec["type"] == "edtf" else _counts_clash(va, vb)
            if clash and (kind is None or kind == clash):
                found.append(Contradiction(entity_id, a["name"], field, clash, "high",
                                           (_claim(store, a, va), _claim(store, b, vb))))
    return found


def _dates_clash(a: dict, b: dict) -> str | None:
    ends_a, ends_b = _ends(a.get("edtf")), _ends(b.get("edtf"))
    if ends_a is None or ends_b is None or len(ends_a) != len(ends_b):
        return None  # unreadable, or a date beside a period: no claim to compare end by end
    for x, y in zip(ends_a, ends_b):
        if x is not None and y is not None and (x[1] < y[0] or y[1] < x[0]):
            return "dates"
    return None


def _ends(edtf: str | None) -> list[tuple[str, str] | None] | None:
    """Each end of an EDTF date or interval as its earliest and latest day; an open end is None."""
    if not edtf:
        return None
    out = []
    for part in edtf.split("/"):
        if part in ("..", ""):
            out.append(None)
            continue
        try:
            parsed = parse_edtf(part)
            out.append((time.strftime("%Y-%m-%d", parsed.lower_strict()),
                        time.strftime("%Y-%m-%d", parsed.upper_strict())))
        except Exception:  # the edtf library's parse errors share no base class worth naming
            return None
    return out


def _counts_clash(a: dict, b: dict) -> str | None:
    if "low" not in a or "low" not in b:
        return None
    # a missing high end is open ("40,000+"): no count above the low end contradicts it
    lo_a, hi_a = a["low"], a["high"] if a.get("high") is not None else float("inf")
    lo_b, hi_b = b["low"], b["high"] if b.get("high") is not None else float("inf")
    return "counts" if hi_a < lo_b or hi_b < lo_a else None


def _claim(store: Store, row, value: dict) -> dict:
    evidence = [dict(e) for e in store.db.execute(
        'SELECT source_id, start, "end", text FROM evidence WHERE fact_id = ? ORDER BY id', (row["id"],))]
    source = store.db.execute("SELECT title, url FROM sources WHERE id = ?", (row["source_id"],)).fetchone()
    return {"source_id": row["source_id"], "title": source["title"], "url": source["url"],
            "value": value.get("edtf") or value.get("text") or value, "evidence": evidence}


def as_markdown(found: list[Contradiction]) -> str:
    """The report in Markdown, to paste where editors discuss the pages: each conflict with both
    quotes and links to their sources."""
    if not found:
        return "No contradictions found.\n"
    lines = ["## Contradictions between sources", ""]
    for c in found:
        lines.append(f"- **{c.entity}**, {c.field} ({c.kind}):")
        for claim in c.claims:
            quote = claim["evidence"][0]["text"] if claim["evidence"] else ""
            where = f"[{claim['title']}]({claim['url']})" if claim["url"] else claim["title"]
            lines.append(f"  - {claim['value']}: “{quote}” ({where})")
    return "\n".join(lines) + "\n"
