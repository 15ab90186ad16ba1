"""Throughput of the annalyst pipeline against the bare spaCy model, in words per second.

Runs both over the same texts (the wikipedia/ corpus by default) and prints the figures
side by side; it never passes or fails. The issue asks for the pipeline plus mention
finding to keep at least 0.6x the bare model's speed.

    python bench/bench_actors.py [folder ...]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

import spacy

from annalyst.extract.mentions import find_mentions
from annalyst.extract.nlp import load_nlp
from annalyst.extract.nlp import MODEL

ROUNDS = 2
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "wikipedia"


def texts(folders: list[Path]) -> list[str]:
    return [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]


def timed(run, corpus: list[str]) -> float:
    start = time.perf_counter()
    run(corpus)
    return time.perf_counter() - start


def main(argv: list[str]) -> None:
    corpus = texts([Path(a) for a in argv] or [CORPUS])
    words = sum(len(t.split()) for t in corpus)
    raw = spacy.load(MODEL)
    ours = load_nlp()
    find_mentions(ours("warm up the caches: Pershmerga retook Tal Afar from ISIL."))
    # Alternate the two and keep each one's best round: the machine is shared.
    t_raw = t_ours = float("inf")
    for _ in range(ROUNDS):
        t_raw = min(t_raw, timed(lambda c: [d for d in raw.pipe(c)], corpus))
        t_ours = min(t_ours, timed(lambda c: [find_mentions(d) for d in ours.pipe(c)], corpus))
    print(f"{len(corpus)} texts, {words} words, best of {ROUNDS} rounds")
    print(f"raw nlp.pipe                    {words / t_raw:10.0f} words/s  ({t_raw:.1f} s)")
    print(f"load_nlp().pipe + find_mentions {words / t_ours:10.0f} words/s  ({t_ours:.1f} s)")
    print(f"ratio                           {t_raw / t_ours:10.2f}x")


if __name__ == "__main__":
    main(sys.argv[1:])
