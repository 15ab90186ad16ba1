"""Helpers for the export tests: write an export of a session store, and read the store back to
compare with it."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from annalyst.export import Filters, export


@pytest.fixture
def write(tmp_path: Path):
    """write(store, format, **filters) -> (the output path, the Export)."""
    def run(store, format: str, **filters):
        out = tmp_path / (format if format in ("csv", "parquet") else f"out.{format}")
        return out, export(store, format, out, Filters(**filters))
    return run


def lead_events(store) -> dict[int, dict]:
    """Each stored event once (an event several sources tell: its lead telling), by id."""
    rows = store.db.execute("SELECT * FROM events WHERE id NOT IN"
                            " (SELECT event_id FROM event_groups WHERE event_id != lead_id) ORDER BY id")
    out = {}
    for r in rows:
        event = dict(r)
        for key in ("assoc_actor_1", "assoc_actor_2", "fatalities", "evidence"):
            event[key] = json.loads(event[key]) if event[key] is not None else None
        out[event["id"]] = event
    return out


def by_key(store) -> dict[str, dict]:
    """The lead events by the key an export gives them: ``source_id#n``, n their place in their source."""
    events = lead_events(store)
    keys = {}
    for source_id, in store.db.execute("SELECT DISTINCT source_id FROM events"):
        ids = [i for i, in store.db.execute("SELECT id FROM events WHERE source_id = ? ORDER BY id", (source_id,))]
        keys.update({f"{source_id}#{n}": events[i] for n, i in enumerate(ids) if i in events})
    return keys
