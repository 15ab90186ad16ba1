"""Ingest a folder of real pages (by default ../shared/corpus/wild/, 500 Wikipedia articles) as a
user would, and print pages per second, words per second and the peak memory of the whole process
tree, with 1 worker and with every core, side by side, and the summary line of each run; beside
them, raw spaCy ``nlp.pipe`` (tok2vec + ner) on the first ``--spacy-pages`` of the same texts.
Unlike bench_dump's replicated dump, every page here is a different text, so no cache helps.

    python bench/bench_ingest.py [FOLDER] [--workers 1,2]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dump import CORPUS, ingest_command, raw_spacy, run_measured  # noqa: E402


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("folder", nargs="?", default=str(CORPUS / "wild"))
    ap.add_argument("--workers", default="1,2")
    ap.add_argument("--spacy-pages", type=int, default=100)
    args = ap.parse_args()
    files = sorted(p for p in Path(args.folder).rglob("*") if p.is_file() and not p.name.startswith("."))
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    words = sum(len(t.split()) for t in texts)
    print(f"{args.folder}: {len(files)} files, {words:,} words")
    spacy_rate = raw_spacy(texts[:args.spacy_pages])
    print(f"raw spaCy tok2vec+ner: {spacy_rate:.0f} words/s on one core")
    print(f"{'workers':<10}{'s':>9}{'pages/s':>10}{'words/s':>10}{'per core':>10}{'/ spaCy':>9}{'peak RSS MB':>13}   summary")
    with tempfile.TemporaryDirectory(prefix="annalyst-bench-") as tmp:
        for n in args.workers.split(","):
            seconds, peak, last = run_measured(ingest_command(args.folder, Path(tmp) / f"{n}.db", "--workers", n))
            rate = words / seconds
            print(f"{n:<10}{seconds:>9.1f}{len(files) / seconds:>10.2f}{rate:>10.0f}{rate / int(n):>10.0f}"
                  f"{rate / int(n) / spacy_rate:>9.2f}{peak / 1e6:>13.0f}   {last}")


if __name__ == "__main__":
    main()
