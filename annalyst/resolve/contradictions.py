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
from functools import lru_cache
from dataclasses import dataclass

from edtf import parse_edtf

from annalyst.data import field_spec, load_yaml
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
    """Every pair of sources whose claims on one single-valued field cannot both hold: no claim of the
    one fits any claim of the other (a page listing several dated lines contradicts no copy of itself)."""
    fields = [f for f, spec in load_yaml("infobox_fields.yaml")["fields"].items()
              if not spec.get("multi") and spec["type"] in ("edtf", "range")]
    rows = store.db.execute(
        f"""SELECT f.id, f.entity_id, e.name, f.field, f.value, f.source_id FROM facts f
           JOIN entities e ON e.id = f.entity_id WHERE f.field IN ({",".join("?" * len(fields))})
           -- a conflict's two sides share "strength" until facts say whose count it is
           AND NOT (e.kind = 'conflict' AND f.field = 'strength')
           ORDER BY f.entity_id, f.field, f.source_id, f.id""", fields).fetchall()
    found: list[Contradiction] = []
    for (entity_id, field), group in itertools.groupby(rows, key=lambda r: (r["entity_id"], r["field"])):
        typed = field_spec(field)["type"]
        clashes = _dates_clash if typed == "edtf" else _counts_clash
        by_source = {s: [(r, json.loads(r["value"])) for r in rs]
                     for s, rs in itertools.groupby(group, key=lambda r: r["source_id"])}
        for a_src, b_src in itertools.combinations(sorted(by_source), 2):
            pairs = [(a, b) for a in by_source[a_src] for b in by_source[b_src]]
            verdicts = [clashes(a[1], b[1]) for a, b in pairs]
            if not pairs or None in verdicts or (kind is not None and verdicts[0] != kind):
                continue  # some claim of the one fits some claim of the other
            (a, va), (b, vb) = pairs[0]
            found.append(Contradiction(entity_id, a["name"], field, verdicts[0], "high",
                                       (_claim(store, a, va), _claim(store, b, vb))))
    return found


def _dates_clash(a, b) -> str | None:
    if not (isinstance(a, dict) and isinstance(b, dict)):
        return None
    ends_a, ends_b = _ends(a.get("edtf")), _ends(b.get("edtf"))
    if ends_a is None or ends_b is None or len(ends_a) != len(ends_b):
        return None  # unreadable, or a date beside a period: no claim to compare end by end
    for x, y in zip(ends_a, ends_b):
        if x is not None and y is not None and (x[1] < y[0] or y[1] < x[0]):
            return "dates"
    return None


@lru_cache(maxsize=4096)
def _ends(edtf: str | None) -> tuple | None:
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
            # (year, month, day) tuples: strings of years before 1000 or BC would not sort
            out.append((tuple(parsed.lower_fuzzy()[:3]), tuple(parsed.upper_fuzzy()[:3])))
        except Exception:  # the edtf library's parse errors share no base class worth naming
            return None
    return tuple(out)


def _counts_clash(a, b) -> str | None:
    def number(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool)
    if not (isinstance(a, dict) and isinstance(b, dict) and number(a.get("low")) and number(b.get("low"))):
        return None
    if any(v.get("high") is not None and not number(v.get("high")) for v in (a, b)):
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
            "value": value.get("edtf") or value.get("text") or value if isinstance(value, dict) else value,
            "evidence": evidence}


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
