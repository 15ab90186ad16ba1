"""``timelinejs``: events as a TimelineJS3 JSON file (its "JSON format" documentation: a ``title``
slide, ``events`` each with ``start_date``, ``end_date``, ``text``, ``group`` and ``unique_id``).

A date is given to its precision: "2014" is ``{"year": 2014}`` with an ``end_date`` at the year's
last day, so that TimelineJS draws it as a span, not a day. TimelineJS renders ``text`` as HTML, so
everything from a source is escaped. An undated event cannot be placed and is counted under
``left_out``. The title slide names every source and its licence.
"""
from __future__ import annotations

import html
import json
from typing import TextIO

from annalyst.export.select import Selection, stable_number, ymd

__all__ = ["write"]


def write(selection: Selection, out: TextIO) -> dict:
    """Write the selection's events as one TimelineJS3 document, an event at a time."""
    counts: dict = {"written": 0, "left_out": {}}
    out.write('{"events": [\n')
    for event in selection.events():
        if event["days"] is None:
            counts["left_out"]["no date"] = counts["left_out"].get("no date", 0) + 1
            continue
        out.write(("" if counts["written"] == 0 else ",\n") + json.dumps(_slide(selection, event), ensure_ascii=False))
        counts["written"] += 1
    sources = selection.sources()
    credit = "; ".join(f"{html.escape(s['title'])} ({html.escape(s['licence'] or 'licence not stated')})" for s in sources)
    title = {"text": {"headline": "Events", "text": f"From {len(sources)} sources: {credit}"}}
    out.write("\n], " + '"title": ' + json.dumps(title, ensure_ascii=False) + "}\n")
    return counts


def _slide(selection: Selection, event: dict) -> dict:
    first, last = (ymd(d) for d in event["days"])
    slide = {"start_date": _date(first, last), "unique_id": _unique(event["key"]), "group": event["event_type"],
             "text": {"headline": html.escape(", ".join(x for x in (event["sub_event_type"], event["location"]) if x)),
                      "text": _text(event)}}
    if first != last:
        slide["end_date"] = {"year": last[0], "month": last[1], "day": last[2]}
        slide["display_date"] = _shown(first, last)
    return slide


def _date(first: tuple, last: tuple) -> dict:
    """The start to the precision the span shows: a whole year is only its year, a month its month."""
    if first[1:] == (1, 1) and last[1:] == (12, 31):
        return {"year": first[0]}
    if first[2] == 1 and (last[0], last[1]) == (first[0], first[1]):
        return {"year": first[0], "month": first[1]}
    return {"year": first[0], "month": first[1], "day": first[2]}


def _shown(first: tuple, last: tuple) -> str:
    if first[1:] == (1, 1) and last[1:] == (12, 31):
        return str(first[0]) if first[0] == last[0] else f"{first[0]}–{last[0]}"
    if "day" not in _date(first, last):
        return f"{first[0]:04d}-{first[1]:02d}"
    return f"{first[0]:04d}-{first[1]:02d}-{first[2]:02d} – {last[0]:04d}-{last[1]:02d}-{last[2]:02d}"


def _text(event: dict) -> str:
    parts = [html.escape(event["notes"] or "")]
    actors = " vs ".join(x for x in (event["actor1"], event["actor2"]) if x)
    if actors:
        parts.append(f"<b>{html.escape(actors)}</b>")
    cited = [f"{html.escape(t['source_id'])}: “{html.escape(spans[0]['text'])}”" for t in event["tellings"]
             for spans in [t["evidence"].get("sub_event_type") or t["evidence"].get("event_date") or []] if spans]
    if cited:
        parts.append("<small>" + "<br>".join(cited) + "</small>")
    return "<p>" + "</p><p>".join(p for p in parts if p) + "</p>"


def _unique(key: str) -> str:
    """An id TimelineJS can put in a URL fragment (letters, digits, dashes), the same at every export."""
    return f"event-{stable_number(key)}"
