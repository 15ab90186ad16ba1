"""Benchmark the temporal tagger: WikiWars (narrative), the news set (news mode), and speed.

Usage: python bench/bench_time.py [--reps N] [--dateparser]

1. Tags the 8 documents of ../shared/corpus/wikiwars-dev in narrative mode with
   the documents' creation date (2009-12-19) as the fallback anchor, writes the
   predictions to bench/out/time-pred.json and prints the shared scorer's output.
2. Tags the news development set (bench/data/news, TimeML, hand-annotated) in news
   mode, each document on its own creation date, and prints the shared scorer's
   figures for its tuning and its frozen check part side by side (splits.tsv).
   HeidelTime's published TempEval-3 platinum figures are the bar: strict .813,
   relaxed .903, value .776 (UzZaman et al., 2013).
3. Prints the tagger's throughput in words per second on one core (process time,
   best of N repetitions). With --dateparser it also times dateparser's
   search_dates on the same texts, as a reference point.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import time
from pathlib import Path

from annalyst.extract.time import tag_dates

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO / ".." / "shared"
GOLD = SHARED / "corpus" / "wikiwars-dev"
NEWS = REPO / "bench" / "data" / "news"
SCORER = SHARED / "tools" / "score_timex.py"
OUT = REPO / "bench" / "out" / "time-pred.json"
ANCHOR = "2009-12-19"


def _scorer():
    spec = importlib.util.spec_from_file_location("score_timex", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _texts() -> dict[str, str]:
    scorer = _scorer()
    return {p.name.split(".")[0]: scorer.plain_text(str(p)) for p in sorted(GOLD.glob("*.tml"))}


def _news(scorer) -> None:
    """The news set, tuning and check parts side by side, each document on its own DCT."""
    parts = dict(line.split("\t") for line in (NEWS / "splits.tsv").read_text().split("\n")[1:] if line)
    predictions = {}
    for path in sorted(NEWS.glob("*.tml")):
        dct, text, _ = scorer.read_gold(str(path))
        predictions[path.stem] = [t.as_dict() for t in tag_dates(text, dct[:10], "news")]
    _, per_doc = scorer.score(str(NEWS), predictions)
    totals = {}
    for doc, counts in per_doc.items():
        total = totals.setdefault(parts[doc], dict.fromkeys(counts, 0))
        for key, n in counts.items():
            total[key] += n
    print(f"news set (bench/data/news, news mode): {'':14}" + "".join(f"{part:>22}" for part in ("tuning", "check")))
    for key in ("strict", "relaxed", "value"):
        row = "".join(f"   P={scorer.prf(totals[part], key)[0]:.3f} F1={scorer.prf(totals[part], key)[2]:.3f}"
                      for part in ("tuning", "check"))
        print(f"  {key:8}{'':45}{row}")
    print("  documents / gold: " + ", ".join(f"{part} {sum(1 for d in parts.values() if d == part)}"
                                           f" / {totals[part]['gold']}" for part in ("tuning", "check")))


def _throughput(texts: dict[str, str], tag, reps: int) -> tuple[float, float]:
    words = sum(len(t.split()) for t in texts.values())
    best = float("inf")
    for _ in range(reps):
        t0 = time.process_time()
        for text in texts.values():
            tag(text)
        best = min(best, time.process_time() - t0)
    return words, best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("--dateparser", action="store_true")
    args = parser.parse_args()
    texts = _texts()
    predictions = {doc: [t.as_dict() for t in tag_dates(text, ANCHOR, "narrative")]
                   for doc, text in texts.items()}
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(predictions, ensure_ascii=False, indent=1), encoding="utf-8")
    print(f"predictions: {OUT.relative_to(REPO)}")
    subprocess.run([sys.executable, str(SCORER), str(GOLD), str(OUT), "--by-doc"], check=True)
    _news(_scorer())
    tag_dates("warm up the compiled rules in 1999", ANCHOR)
    words, secs = _throughput(texts, lambda t: tag_dates(t, ANCHOR, "narrative"), args.reps)
    print(f"annalyst tag_dates: {words} words in {secs:.3f} s of CPU -> "
          f"{words / secs:,.0f} words/s (best of {args.reps}, one process)")
    if args.dateparser:
        from dateparser.search import search_dates
        settings = {"RELATIVE_BASE": __import__("datetime").datetime(2009, 12, 19)}
        words, secs = _throughput(texts, lambda t: search_dates(t, languages=["en"], settings=settings), 1)
        print(f"dateparser search_dates: {words} words in {secs:.3f} s of CPU -> {words / secs:,.0f} words/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
