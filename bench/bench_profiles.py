"""Benchmark the profile layer on real pages nobody here wrote: ../shared/corpus/wild.

Usage: python bench/bench_profiles.py [--show-tuning-errors] [--db FILE]

With ``--db``, the pages are not extracted here: the store given is read, as after
``annalyst ingest ../shared/corpus/wild --db FILE`` (the whole pipeline, events included).

Every page of ../shared/corpus/wild is read, its profile extracted and stored in a fresh
store, and read back the way ``annalyst show TITLE --json`` reads it: found by its title,
whatever its kind. The figures are printed for the tuning and the frozen check part of the
hand-labelled set (bench/data/profiles: wild-labels.tsv, splits.tsv) side by side:

- kind accuracy, and how many pages that are not armed groups got ``armed_group``;
- name exactly as the labelled title is written;
- the share of ``Information box`` values (one per dict entry with text) that are cited
  facts of their page: a fact whose evidence lies inside that value;
- aliases that carry IPA, a language label or a pronunciation respelling (checked here
  with tests of their own, not the extractor's filters);
- how often each kind rule decided a page, and how many facts each prose-fact rule
  (annalyst/data/prose_facts.yaml) gave, on tuning, check, and the other corpora
  (wikipedia/, realworld/, althistory/, seed/) as unseen text.

Only tuning errors are ever listed (``--show-tuning-errors``); check errors are not shown.
"""
from __future__ import annotations

import argparse
import ast
import csv
import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

from annalyst.extract.profile import extract_profile
from annalyst.extract.prose_facts import EXTRACTOR as PROSE_EXTRACTOR
from annalyst.read.page import read_page
from annalyst.store.db import open_store
from annalyst.store.profiles import find_entity, profile

REPO = Path(__file__).resolve().parents[1]
CORPUS = REPO / ".." / "shared" / "corpus"
LABELS = REPO / "bench" / "data" / "profiles"
# IPA: brackets, slashes, stress or length marks, or two letters only the IPA writes (θ is Greek, ð Icelandic)
_IPA = re.compile("[\\[\\]/ˈˌːˑ]|[ɐɪʊʃʒɑɒʌɜɹɾʁʔ].*[ɐɪʊʃʒɑɒʌɜɹɾʁʔ]")
_LABELLED = re.compile(r"^[A-Z][\w'’ -]{1,30}:\s")
_RESPELT = re.compile(r"^-|-$|\u2060")


def _dict_values(text: str) -> list[str]:
    """The values of a page's Information box line, as ast reads them (with text only)."""
    lines = text.split("\n")
    for i, line in enumerate(lines[:-1]):
        if line.strip() == "Information box":
            try:
                box = ast.literal_eval(lines[i + 1].strip())
            except (ValueError, SyntaxError):
                return []
            return [v for v in box.values() if isinstance(v, str) and re.search(r"\w", re.sub(r"\[\w{1,3}\]", "", v))]
    return []


def _cited_values(text: str, found: dict) -> tuple[int, int]:
    """(values cited, values) of the Information box: a value is cited when some fact's evidence
    quotes a span inside where the line writes it."""
    values = _dict_values(text)
    if not values:
        return 0, 0
    start = text.index("Information box")
    spans = [(e["start"], e["end"]) for field, items in found.items() if isinstance(items, (list, dict))
             for item in (items if isinstance(items, list) else [items]) if isinstance(item, dict)
             for e in item.get("evidence", []) if isinstance(e, dict) and e.get("start", -1) > start]
    cited, at = 0, start
    for value in values:
        written = repr(value)[1:-1]
        where = text.find(written, at)
        if where < 0:
            continue
        at = where
        end = where + len(written)
        cited += any(where <= s and e <= end for s, e in spans)
    return cited, len(values)


def _bad_alias(alias: dict) -> bool:
    v = alias["value"]
    return bool(_IPA.search(v) or _LABELLED.match(v) or _RESPELT.search(v))


def run(show_errors: bool, db: Path | None = None) -> None:
    labels = {r["file"]: r for r in csv.DictReader((LABELS / "wild-labels.tsv").open(encoding="utf-8"), delimiter="\t")}
    parts = {r["file"]: r["part"] for r in csv.DictReader((LABELS / "splits.tsv").open(encoding="utf-8"), delimiter="\t")}
    tallies = {p: Counter() for p in ("tuning", "check")}
    rules = {p: Counter() for p in ("tuning", "check", "unseen")}
    errors = []
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(db or Path(tmp) / "bench.db")
        for name, label in sorted(labels.items()):
            path = CORPUS / "wild" / name
            doc = read_page(path)
            extraction = extract_profile(doc)
            if db is None:
                store.save(doc, extraction)
            entity = find_entity(store, label["title"])
            found = profile(store, entity) if entity else {"kind": None, "name": {"value": None}}
            t, part = tallies[parts[name]], parts[name]
            t["pages"] += 1
            t["found"] += entity is not None
            t["kind"] += found["kind"] == label["kind"]
            t["false armed"] += found["kind"] == "armed_group" and label["kind"] != "armed_group"
            t["name"] += found["name"]["value"] == label["title"]
            cited, values = _cited_values(doc.text, found)
            t["box cited"] += cited
            t["box values"] += values
            aliases = found.get("aliases", []) + found.get("native_name", [])
            t["aliases"] += len(aliases)
            t["bad aliases"] += sum(_bad_alias(a) for a in aliases)
            for r in _rules_of(extraction):
                rules[part][r] += 1
            if part == "tuning" and (found["kind"] != label["kind"] or found["name"]["value"] != label["title"]):
                errors.append((name, label["kind"], found["kind"], label["title"], found["name"]["value"]))
        store.close()
    for folder in ("wikipedia", "realworld", "althistory", "seed"):
        for path in sorted((CORPUS / folder).glob("*.txt")):
            for r in _rules_of(extract_profile(read_page(path))):
                rules["unseen"][r] += 1
    _print(tallies, rules)
    if show_errors:
        print("\ntuning errors (label kind, got kind, label title, got name):")
        for e in errors:
            print("  ", *e, sep=" | ")


def _rules_of(extraction) -> list[str]:
    """The kind rules that decided the page, and the prose-fact rule of each prose fact."""
    kinds = [f"kind: {q}" for f in extraction.facts if f.field == "kind" for q in f.qualifiers]
    prose = [f"prose: {f.evidence[0].extractor.removeprefix(PROSE_EXTRACTOR + '.')}" for f in extraction.facts
             if f.evidence and f.evidence[0].extractor.startswith(PROSE_EXTRACTOR + ".")]
    return kinds + prose


def _print(tallies: dict, rules: dict) -> None:
    def ratio(t, a, b):
        return f"{t[a] / t[b]:.3f}" if t[b] else "—"
    rows = [("pages", lambda t: str(t["pages"])),
            ("found by title", lambda t: ratio(t, "found", "pages")),
            ("kind accuracy", lambda t: ratio(t, "kind", "pages")),
            ("not armed, got armed_group", lambda t: str(t["false armed"])),
            ("name exactly the title", lambda t: ratio(t, "name", "pages")),
            ("Information box values cited", lambda t: f"{ratio(t, 'box cited', 'box values')} of {t['box values']}"),
            ("aliases with IPA, label, respelling", lambda t: f"{t['bad aliases']} of {t['aliases']}")]
    print(f"{'wild/ (hand-labelled)':40} {'tuning':>16} {'check':>16}")
    for name, fn in rows:
        print(f"{name:40} {fn(tallies['tuning']):>16} {fn(tallies['check']):>16}")
    for prefix, heading in (("kind: ", "kind rule: pages it decided"), ("prose: ", "prose rule: facts it gave")):
        print(f"\n{heading:40} {'tuning':>10} {'check':>10} {'unseen':>10}")
        for r in sorted(r for r in set().union(*rules.values()) if r.startswith(prefix)):
            name = r.removeprefix(prefix)
            print(f"{name:40} {rules['tuning'][r]:>10} {rules['check'][r]:>10} {rules['unseen'][r]:>10}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-tuning-errors", action="store_true")
    parser.add_argument("--db", type=Path, help="read this store (after annalyst ingest) instead of extracting here")
    args = parser.parse_args(argv)
    run(args.show_tuning_errors, args.db)


if __name__ == "__main__":
    sys.exit(main())
