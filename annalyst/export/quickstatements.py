"""``quickstatements``: facts as Wikidata QuickStatements (version 1) commands, for editors who
curate Wikidata, each statement referenced by its source's address (S854) and the quoted text
(S1683). The mapping of fields to properties is ``data/exports/wikidata.yaml``.

annalyst's entities have no Wikidata item ids, so each entity is a ``CREATE`` followed by its label,
aliases and the statements whose values are dates, quantities or texts in a language. A statement
whose value is another item needs that item's id: it is counted under ``left_out``, not guessed.
QuickStatements strings cannot hold a double quote or a tab: in quotes, ``"`` becomes ``'`` and
white space runs become one space.
"""
from __future__ import annotations

import re
from typing import TextIO

from annalyst.data import load_yaml
from annalyst.export.select import Selection

__all__ = ["write", "time_value"]

_EDTF_DAY = re.compile(r"^(-?)(\d{4})(?:-(\d\d)(?:-(\d\d))?)?$")
_LANG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]+)*$")


def write(selection: Selection, out: TextIO) -> dict:
    """Write the selection's entities as QuickStatements lines; the counts written and left out."""
    mapping = load_yaml("exports/wikidata.yaml")
    sources = {}
    counts: dict = {"written": 0, "statements": 0, "left_out": {}}
    for entity in selection.entities():
        if not entity["facts"]:  # only a name another page mentions: nothing to state
            continue
        out.write("CREATE\n")
        out.write(f"LAST\tLen\t{_string(entity['name'])}\n")
        for alias in sorted({n["name"] for n in entity["names"] if n["kind"] != "native_name"} - {entity["name"]}):
            out.write(f"LAST\tAen\t{_string(alias)}\n")
        for n in entity["names"]:
            spec = mapping["names"].get(n["kind"])
            if spec and n["lang"] and _LANG.match(n["lang"]):
                out.write(f"LAST\t{spec['property']}\t{n['lang']}:{_string(n['name'])}"
                          f"{_reference(selection, sources, n['source_id'], n['text'])}\n")
                counts["statements"] += 1
        for fact in entity["facts"]:
            spec = mapping["fields"].get(fact["field"])
            if spec is None:
                continue
            value = _value(fact["value"], spec)
            if value is None:
                reason = "needs a Wikidata item id" if spec["value"] == "item" else "value not stateable"
                counts["left_out"][reason] = counts["left_out"].get(reason, 0) + 1
                continue
            quote = fact["evidence"][0]["text"] if fact["evidence"] else None
            out.write(f"LAST\t{spec['property']}\t{value}{_reference(selection, sources, fact['source_id'], quote)}\n")
            counts["statements"] += 1
        counts["written"] += 1
    return counts


def _value(value, spec: dict) -> str | None:
    if spec["value"] == "date" and isinstance(value, dict) and value.get("edtf"):
        ends = value["edtf"].split("/")
        return time_value(ends[-1] if spec.get("end") == "last" else ends[0])
    if spec["value"] == "quantity" and isinstance(value, dict):
        low, high = value.get("low"), value.get("high")
        if low is None and high is None:
            return None
        low, high = (low if low is not None else high), (high if high is not None else low)
        middle, tolerance = (low + high) / 2, (high - low) / 2
        return f"{middle:g}~{tolerance:g}" if tolerance else f"{middle:g}"
    return None


def time_value(edtf: str) -> str | None:
    """A plain EDTF date as a QuickStatements time: "+2014-06-00T00:00:00Z/10" (month precision)."""
    m = _EDTF_DAY.match(edtf or "")
    if not m:
        return None
    sign, year, month, day = m.groups()
    precision = 11 if day else 10 if month else 9
    return f"{'-' if sign else '+'}{year}-{month or '00'}-{day or '00'}T00:00:00Z/{precision}"


def _reference(selection: Selection, sources: dict, source_id: str | None, quote: str | None) -> str:
    if source_id is None:
        return ""
    if source_id not in sources:
        row = selection.store.db.execute("SELECT url FROM sources WHERE id = ?", (source_id,)).fetchone()
        sources[source_id] = row["url"] if row else None
    out = f"\tS854\t{_string(sources[source_id])}" if sources[source_id] else ""
    return out + (f"\tS1683\ten:{_string(quote)}" if quote else "")


def _string(text: str) -> str:
    return '"' + " ".join(str(text).replace('"', "'").split()) + '"'
