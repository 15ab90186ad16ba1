"""A synthetic store of many events, for the export bench and the export tests: report-like
sentences, each stored as the event ACLED would code it, with evidence spans into the stored text.

The values vary the way stored events do: every event type, day- and year-precision dates (some BC,
some undated), exact counts, ranges and no count of fatalities, places with coordinates, places
known only by their country, and no place. The actors, countries and places come from annalyst's own
tables (``annalyst/data/actors.yaml`` and the gazetteer), so that the exports' lookups are real.

    from synthetic import build_store
    build_store(path, events=100_000, per_source=100)
"""
from __future__ import annotations

import random
from pathlib import Path

from annalyst.model import Entity, Event, Evidence, Extraction, Source, entity_id
from annalyst.read.page import parse_page
from annalyst.store.db import Store, open_store
from annalyst.store.rows import source_rows

__all__ = ["build_store", "TYPES"]

# (event type, sub-event type, the verb a report uses): every ACLED event type, some sub-event types
TYPES = (("Battles", "Armed clash", "clashed with"), ("Battles", "Government regains territory", "retook a town from"),
         ("Explosions/Remote violence", "Air/drone strike", "struck positions of"),
         ("Explosions/Remote violence", "Shelling/artillery/missile attack", "shelled"),
         ("Violence against civilians", "Attack", "attacked"), ("Protests", "Peaceful protest", "marched against"),
         ("Riots", "Mob violence", "rioted against"), ("Strategic developments", "Agreement", "signed a truce with"))
# (actor, country, place, latitude, longitude): places as the gazetteer has them
_PLACES = (("Military Forces of Iraq", "IQ", "Tal Afar", "Ninawa", 36.37913, 42.44806),
           ("Military Forces of Syria", "SY", "Aleppo", "Aleppo", 36.20124, 37.16117),
           ("Military Forces of Nigeria", "NG", "Maiduguri", "Borno", 11.84692, 13.15712),
           ("Military Forces of Afghanistan", "AF", "Kandahar", "Kandahar", 31.61332, 65.71013),
           ("Military Forces of Colombia", "CO", "Medellin", "Antioquia", 6.25184, -75.56359))
_GROUPS = ("Islamic State", "Boko Haram", "Taliban", "Al Shabaab", "Hamas")


def build_store(path: str | Path, events: int, per_source: int = 100, seed: int = 12,
                resolve: bool = False) -> Store:
    """A store at ``path`` with ``events`` events, ``per_source`` to a source (CC BY-SA 4.0); with
    ``resolve``, the world resolved and the event groups recorded as an ingest does (slow for many)."""
    rng = random.Random(seed)
    store = open_store(path)
    for n in range(0, events, per_source):
        count = min(per_source, events - n)
        store.save_rows(_source(n // per_source, count, rng))
    if resolve:
        from annalyst.resolve.coreference import record
        from annalyst.resolve.world import resolve_world

        resolve_world(store)
        record(store)
    return store


def _source(number: int, count: int, rng: random.Random) -> dict:
    source_id = f"synthetic-{number:06d}"
    lines, specs = [], []
    offset = 0
    for i in range(count):
        spec = _spec(rng)
        sentence = (f"{spec['when_text']}, {spec['actor1']} {spec['verb']} {spec['actor2']}"
                    f"{' in ' + spec['place'] if spec['place'] else ''}{spec['deaths_text']}.")
        specs.append((offset, sentence, spec))
        lines.append(sentence)
        offset += len(sentence) + 1
    text = "\n".join(lines) + "\n"
    doc = parse_page(text, default_id=source_id, fallback_title=f"Synthetic reports {number}")
    doc = type(doc)(Source(source_id, f"Synthetic reports {number}", None, "CC BY-SA 4.0"), doc.text, doc.structure)
    subject = Entity(entity_id("other", f"Synthetic reports {number}"), "other", f"Synthetic reports {number}", ())
    extraction = Extraction(subject, (), (), (), ())
    stored = [_event(source_id, text, offset, sentence, spec) for offset, sentence, spec in specs]
    return source_rows(doc, extraction, stored)


def _spec(rng: random.Random) -> dict:
    event_type, sub_event_type, verb = rng.choice(TYPES)
    actor1, country, place, admin1, lat, lon = rng.choice(_PLACES)
    where = rng.random()
    year = rng.choice((2014, 2015, 2016, 2017, 2018, 2024))
    precision = rng.random()
    if precision < 0.7:
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        date, timex, tp, when = f"{year}-{month:02d}-{day:02d}", f"{year}-{month:02d}-{day:02d}", 1, \
            f"On {day} {_MONTHS[month - 1]} {year}"
    elif precision < 0.9:
        date, timex, tp, when = f"{year}-01-01", str(year), 3, f"In {year}"
    elif precision < 0.95:
        date, timex, tp, when = "-0049-01-01", "-0049", 3, "In 49 BC"
    else:
        date, timex, tp, when = None, None, None, "Later"
    deaths = rng.random()
    fatalities, deaths_text = ((rng.randint(1, 40), None) if deaths < 0.4 else
                               ({"low": 10, "high": 20}, None) if deaths < 0.6 else (None, ""))
    if deaths_text is None:
        deaths_text = (f", killing {fatalities}" if isinstance(fatalities, int) else ", killing between 10 and 20")
    return {"event_type": event_type, "sub_event_type": sub_event_type, "verb": verb, "actor1": actor1,
            "actor2": rng.choice(_GROUPS), "country": country if where < 0.9 else None,
            "place": place if where < 0.7 else None, "admin1": admin1 if where < 0.7 else None,
            "lat": lat if where < 0.7 else None, "lon": lon if where < 0.7 else None,
            "date": date, "timex": timex, "tp": tp, "when_text": when, "fatalities": fatalities,
            "deaths_text": deaths_text}


def _event(source_id: str, text: str, offset: int, sentence: str, s: dict) -> Event:
    def span(part: str) -> tuple[Evidence, ...]:
        start = text.index(part, offset)
        return (Evidence(source_id, start, start + len(part), part, "synthetic"),)

    evidence = {"sub_event_type": span(s["verb"]), "actor1": span(s["actor1"]), "actor2": span(s["actor2"]),
                "event_date": span(s["when_text"]), "notes": span(sentence)}
    if s["place"]:
        evidence["location"] = span(s["place"])
    return Event(s["date"], s["tp"], s["event_type"], s["sub_event_type"], s["actor1"], (), s["actor2"], (),
                 s["country"], s["admin1"], s["place"], s["lat"], s["lon"], 1 if s["place"] else None,
                 s["fatalities"], sentence, evidence, 0.9, s["timex"])


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")
