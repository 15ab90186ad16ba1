"""The contradiction report as stored: each contradiction, its kinds, reading the stored report back
and writing it for a wiki talk page. Light to import: the commands and exports that only read the
report need none of the finders (``annalyst.resolve.contradictions``) or their date grammar."""
from __future__ import annotations

import json
from dataclasses import dataclass

from annalyst.store.db import Store

__all__ = ["Contradiction", "KINDS", "recorded", "as_markdown"]

KINDS = ("dates", "counts", "holders", "ally-opponent", "outside-life", "places", "offices", "attributes")


@dataclass(frozen=True)
class Contradiction:
    """Two claims that cannot both hold: the entity, the field, the kind and both claims with citations."""

    entity_id: str
    entity: str
    field: str
    kind: str
    severity: str
    claims: tuple[dict, dict]

    def as_dict(self) -> dict:
        return {"entity_id": self.entity_id, "entity": self.entity, "field": self.field, "kind": self.kind,
                "severity": self.severity, "claims": list(self.claims)}


def recorded(store: Store, entity_id: str | None = None) -> list[Contradiction]:
    """The stored report as of the last ingest or override (of one entity, if given)."""
    rows = store.db.execute("SELECT * FROM contradictions" + (" WHERE entity_id = ?" if entity_id else "")
                            + " ORDER BY id", (entity_id,) if entity_id else ())
    return [Contradiction(r["entity_id"], r["entity"], r["field"], r["kind"], r["severity"],
                          tuple(json.loads(r["claims"]))) for r in rows]


def as_markdown(found: list[Contradiction]) -> str:
    """The report in Markdown, to paste on a wiki talk page: each conflict with both quotes and
    links to their sources."""
    if not found:
        return "No contradictions found.\n"
    lines = ["## Contradictions between sources", ""]
    for c in found:
        lines.append(f"- **{_md(c.entity)}**, {_md(c.field)} ({c.kind}, {c.severity}):")
        for claim in c.claims:
            quotes = " … ".join(f"“{_md(e['text'])}”" for e in claim["evidence"][:2]) or "(no quote)"
            title = _md(claim["title"])
            where = f"[{title}](<{claim['url']}>)" if claim["url"] else title
            lines.append(f"  - {_md(str(claim['value']))}: {quotes} ({where})")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    """Text made inert in Markdown: its markup characters escaped, line breaks folded."""
    out = " ".join(str(text).split())
    for ch in "\\`*_{}[]<>()#+!|~":
        out = out.replace(ch, "\\" + ch)
    return out
