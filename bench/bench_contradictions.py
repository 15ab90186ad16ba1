"""Benchmark contradiction detection on injected contradictions and harmless variants.

Usage: python bench/bench_contradictions.py [--cases FILE] [--keep DIR]

For each case of ``bench/data/contradictions/cases.yaml``, a real page of ../shared/corpus is
stored, then a copy of it with one claim changed, as a second source; ``annalyst check`` must
report the injected contradiction (of its kind) and nothing else, and nothing at all for a harmless
variant (a kind the change necessarily implies, listed under ``implies``, is neither; a contradiction
between the real pages themselves, with no claim of the copy, is not counted). Prints, per
kind and for each part (``tuning``, and the frozen ``check`` cases, written once and never tuned
on), the cases, true and false positives, misses, precision and recall, and lists every miss and
false report of the tuning part only.
"""
from __future__ import annotations

import argparse
import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from annalyst.pipeline import ingest  # noqa: E402
from annalyst.resolve.contradictions import KINDS, contradictions  # noqa: E402
from annalyst.store.db import open_store  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus"
CASES = ROOT / "bench" / "data" / "contradictions" / "cases.yaml"


def copy_text(store, base: Path, case: dict) -> str:
    """The page's text with the case's change made, as a source of its own."""
    text = base.read_text(encoding="utf-8")
    if "text" in case:
        old, new = case["text"]
        if text.count(old) != 1:
            raise SystemExit(f"{CASES}: {old!r} is not once in {base}")
        text = text.replace(old, new)
    else:
        field, contains, new = case["fact"]
        span = store.db.execute(
            """SELECT v.start, v."end" FROM facts f JOIN evidence v ON v.fact_id = f.id
               WHERE f.field = ? AND f.value LIKE ? ORDER BY v."end" - v.start LIMIT 1""",
            (field, f"%{contains}%")).fetchone()
        if span is None:
            raise SystemExit(f"{CASES}: no {field} fact containing {contains!r} in {base}")
        text = text[:span["start"]] + new + text[span["end"]:]
    # a mirror's address, so that the copy is another source about the same page
    return re.sub(r"^(source: https?://)", r"\1mirror.", text, count=1, flags=re.M)


def run(cases_file: Path, keep: Path | None) -> int:
    spec = yaml.safe_load(cases_file.read_text(encoding="utf-8"))
    work = Path(keep or tempfile.mkdtemp(prefix="annalyst-contradictions-"))
    work.mkdir(parents=True, exist_ok=True)
    templates: dict[str, Path] = {}
    tp, fp, fn, n = Counter(), Counter(), Counter(), Counter()  # keyed by (part, kind)
    problems = []
    for number, case in enumerate(spec["cases"], start=1):
        also = tuple(case.get("also", ()))
        key, expected = (case["page"], *also), case["kind"]
        part = case.get("part", "tuning")
        base = CORPUS / spec["pages"][case["page"]]
        if key not in templates:  # the page (and the pages stored beside it), stored once
            templates[key] = work / f"{'+'.join(key)}.db"
            template = open_store(templates[key])
            assert not ingest([base, *(CORPUS / spec["pages"][p] for p in also)], template).errors, base
            template.close()  # written back from the WAL, so that a copy of the file holds it
        db = work / f"case{number:02d}.db"
        shutil.copy(templates[key], db)
        store = open_store(db)
        stored_before = {r["id"] for r in store.db.execute("SELECT id FROM sources")}
        page = work / f"case{number:02d}" / base.name.replace(".txt", "-copy.txt")
        page.parent.mkdir(exist_ok=True)
        page.write_text(copy_text(store, base, case), encoding="utf-8")
        report = ingest([page], store)
        if report.errors:
            raise SystemExit(f"case {number}: {report.errors[0]}")
        # what the real pages already contradict among themselves is not the change's doing
        found = [c for c in contradictions(store) if any(q["source_id"] not in stored_before for q in c.claims)]
        kinds = Counter(c.kind for c in found)
        if expected != "none":
            n[part, expected] += 1
            if kinds[expected]:
                tp[part, expected] += 1
            else:
                fn[part, expected] += 1
                problems.append((part, f"miss  case {number:2} {expected:13} {case.get('text') or case.get('fact')}"))
        for kind in kinds:
            if kind != expected and kind not in case.get("implies", ()):
                fp[part, kind] += 1
                c = next(c for c in found if c.kind == kind)
                problems.append((part, f"false case {number:2} {kind:13} (injected: {expected}) {c.entity}: "
                                 + " | ".join(str(q["value"]) for q in c.claims)))
        store.close()
    for part in ("tuning", "check"):
        cases = [c for c in spec["cases"] if c.get("part", "tuning") == part]
        harmless = sum(1 for c in cases if c["kind"] == "none")
        print(f"\n{part}: injected contradictions: {len(cases) - harmless} cases; harmless variants: {harmless}")
        print(f"{'kind':14} {'cases':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'precision':>10} {'recall':>7}")
        for kind in KINDS:
            t, f, m, k = tp[part, kind], fp[part, kind], fn[part, kind], n[part, kind]
            p = t / (t + f) if t + f else float("nan")
            r = t / k if k else float("nan")
            print(f"{kind:14} {k:5} {t:4} {f:4} {m:4} {p:10.3f} {r:7.3f}")
    # the frozen check part's errors are counted above, never listed: rules are not written from them
    for part, line in problems:
        if part == "tuning":
            print(line)
    if not keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=Path, default=CASES)
    parser.add_argument("--keep", type=Path, default=None, help="Keep the stores and copies in this folder.")
    args = parser.parse_args()
    raise SystemExit(run(args.cases, args.keep))
