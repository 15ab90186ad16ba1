"""``json``: annalyst's own JSON, every profile, event, territory-control period and source
(``annalyst.store.profiles.export``). Built whole in memory: for a store of many pages, the
streaming formats suit better."""
from __future__ import annotations

import json
from typing import TextIO

from annalyst.export.select import Selection
from annalyst.store.profiles import export

__all__ = ["write"]


def write(selection: Selection, out: TextIO) -> dict:
    found = export(selection.store)
    json.dump(found, out, ensure_ascii=False, indent=2)
    out.write("\n")
    selection.cite_all()
    return {"written": len(found["events"]), "profiles": len(found["profiles"])}
