"""Whole wikis: a synthetic MediaWiki dump ingested by each engine, beside raw spaCy on the same texts.

The dump is built from ../shared/corpus texts (every page of every corpus, its front matter
dropped), each wrapped as a MediaWiki XML page and replicated under new titles until the XML
reaches the size asked for, then compressed with bz2. Printed side by side, in one run:

- reading only (the dump streamed, every page rendered, nothing extracted): pages/s and peak RSS,
  for a small and a large dump, to show that memory does not grow with the dump;
- end to end (``annalyst ingest DUMP``) with 1 worker, 2 workers and Spark local[2] (when pyspark
  is installed), on the first ``--pages`` pages of the large dump: pages/s, words/s, peak RSS of
  the whole process tree, and words/s per core against raw spaCy;
- raw spaCy ``nlp.pipe`` with only tok2vec and ner on the same page texts (the first ``--spacy-pages``
  of them: a rate, in words per second), the ratio's denominator;
- the 2-worker ingest again on a quarter of those pages, so that its peak memory can be set beside
  the full run's: memory that grew with the input would show there;
- the speedup of 2 workers over 1, pair by pair: 1 worker then 2 workers on the same first
  ``--pair-pages`` pages, ``--pairs`` times, each pair's ratio and their median. A shared machine's
  speed drifts over a long run, so two single runs minutes apart compare that drift as much as the
  engines; a pair's two runs are close in time, and the median of several pairs holds.

Times come from one run on a shared machine: compare the columns of one run, not runs.

    python bench/bench_dump.py                 # 50 MB and 200 MB dumps, 1,000 pages end to end
    python bench/bench_dump.py --small-mb 5 --large-mb 20 --pages 200 --pairs 1   # a quick look
"""
from __future__ import annotations

import argparse
import bz2
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
CORPUS = ROOT.parent / "shared" / "corpus"

from annalyst.read.dump import DumpPage, read_dump, write_dump  # noqa: E402


def corpus_pages() -> list[tuple[str, str]]:
    """(title, text) of every plain-text page of the corpus, its front matter dropped."""
    pages = []
    for path in sorted(CORPUS.rglob("*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        if text.startswith("---"):
            end = text.find("\n---", 3)
            text = text[end + 4:] if end >= 0 else text
        if len(text.split()) >= 50:
            pages.append((f"{path.parent.name}/{path.stem}", text))
    return pages


def build_dump(path: Path, pages: list[tuple[str, str]], megabytes: float) -> int:
    """Write pages, replicated under new titles, until the XML holds ``megabytes``; the page count."""
    target = int(megabytes * 1e6)
    count = 0

    def replicas():
        nonlocal count
        size, round_ = 0, 0
        while size < target:
            for title, text in pages:
                count += 1
                size += len(text.encode()) + 300  # the page's XML around its text
                yield (f"{title} (copy {round_})" if round_ else title), text
                if size >= target:
                    return
            round_ += 1

    with bz2.open(path, "wb", compresslevel=6) as out:
        write_dump(replicas(), out, base="https://example.org/wiki/Main_Page")
    return count


class TreeRSS:
    """Peak resident memory of a process and all its children, sampled from /proc: each process's
    proportional share (Pss), so that pages forked workers share with their parent count once.

    The sampler runs beside what it measures, on the same cores, so it reads little: each process's
    parent from its small ``stat`` file, and memory only for the processes of the tree (reading
    ``smaps_rollup`` walks a process's page tables). Sampling every process's memory five times a
    second took a fifth of a core, which slowed the runs that use every core more than the others."""

    def __init__(self, pid: int, every: float = 0.5):
        self.pid, self.every, self.peak = pid, every, 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, _tree_rss(self.pid))
            self._stop.wait(self.every)


def _tree_rss(root: int) -> int:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        parent = int(stat[stat.rfind(")") + 2:].split(maxsplit=2)[1])  # the field after the state
        children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += _pss(pid)
        todo += children.get(pid, [])
    return total


def _pss(pid: int) -> int:
    """A process's proportional set size in bytes (0 once it has gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            line = next((line for line in f if line.startswith("Pss:")), None)
        return int(line.split()[1]) * 1024 if line else 0
    except OSError:
        return 0


def run_measured(command: list[str]) -> tuple[float, int, str]:
    """(seconds, peak RSS of the process tree, last line of stderr) of a command."""
    started = time.monotonic()
    proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeRSS(proc.pid) as rss:
        _, err = proc.communicate()
    seconds = time.monotonic() - started
    if proc.returncode not in (0, 1):
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {err[-2000:]}")
    return seconds, rss.peak, (err.strip().splitlines() or [""])[-1]


def ingest_command(source: str | Path, db: Path, *options: str) -> list[str]:
    """``annalyst ingest SOURCE --db DB [OPTIONS]`` as this Python runs it."""
    return [sys.executable, "-m", "annalyst", "ingest", str(source), "--db", str(db), *options]


def head_dump(source: Path, out: Path, pages: int) -> list[str]:
    """The first ``pages`` articles of a dump as a dump of their own; their texts."""
    texts, items = [], []
    for item in read_dump(source):
        if isinstance(item, DumpPage):
            items.append((item.source.title, item.markup))
            texts.append(item.markup)
            if len(items) == pages:
                break
    with bz2.open(out, "wb") as f:
        write_dump(items, f, base="https://example.org/wiki/Main_Page")
    return texts


READ_ONLY = """
import sys, time
from annalyst.read.dump import DumpPage, page_document, read_dump
n = 0
for item in read_dump(sys.argv[1]):
    if isinstance(item, DumpPage):
        page_document(item)
        n += 1
print(n, file=sys.stderr)
"""


def raw_spacy(texts: list[str]) -> float:
    """Words per second of spaCy's own tok2vec and ner over the texts, in this process."""
    import spacy
    from annalyst.extract.nlp import MODEL
    nlp = spacy.load(MODEL, exclude=["parser", "tagger", "attribute_ruler", "lemmatizer", "senter"])
    words = sum(len(t.split()) for t in texts)
    started = time.monotonic()
    for _ in nlp.pipe(texts, batch_size=64):
        pass
    return words / (time.monotonic() - started)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--small-mb", type=float, default=50)
    ap.add_argument("--large-mb", type=float, default=200)
    ap.add_argument("--pages", type=int, default=1000, help="pages of the large dump ingested end to end")
    ap.add_argument("--engines", default="1,2,spark", help="comma-separated: worker counts and/or spark (empty: none)")
    ap.add_argument("--spacy-pages", type=int, default=200, help="pages raw spaCy's rate is measured on")
    ap.add_argument("--pairs", type=int, default=3, help="1-worker/2-worker pairs timed for the speedup (0: none)")
    ap.add_argument("--pair-pages", type=int, default=150, help="pages each run of a pair ingests")
    args = ap.parse_args()
    pages = corpus_pages()
    print(f"corpus: {len(pages)} pages, {sum(len(t.split()) for _, t in pages):,} words")
    with tempfile.TemporaryDirectory(prefix="annalyst-bench-") as tmp:
        tmp = Path(tmp)
        dumps = {}
        for name, mb in (("small", args.small_mb), ("large", args.large_mb)):
            path = tmp / f"{name}.xml.bz2"
            count = build_dump(path, pages, mb)
            dumps[name] = path
            print(f"{name} dump: {mb:g} MB of XML, {count:,} pages, {path.stat().st_size / 1e6:.1f} MB bz2")
        print()
        print(f"{'reading only':<28}{'pages':>8}{'s':>9}{'pages/s':>10}{'peak RSS MB':>13}")
        for name, path in dumps.items():
            seconds, peak, last = run_measured([sys.executable, "-c", READ_ONLY, str(path)])
            n = int(last) if last.isdigit() else 0
            print(f"{name + ' dump':<28}{n:>8,}{seconds:>9.1f}{n / seconds:>10.1f}{peak / 1e6:>13.0f}")
        head = tmp / "head.xml.bz2"
        texts = head_dump(dumps["large"], head, args.pages)
        words = sum(len(t.split()) for t in texts)
        spacy_rate = raw_spacy(texts[:args.spacy_pages])
        print()
        print(f"end to end, {len(texts):,} pages ({words:,} words)")
        print(f"{'engine':<28}{'s':>9}{'pages/s':>10}{'words/s':>10}{'per core':>10}{'/ spaCy':>9}{'peak RSS MB':>13}")
        print(f"{'raw spaCy tok2vec+ner':<28}{'':>9}{'':>10}{spacy_rate:>10.0f}{spacy_rate:>10.0f}{1:>9.2f}{'':>13}")
        for engine in filter(None, args.engines.split(",")):
            db = tmp / f"{engine}.db"
            command = ingest_command(head, db)
            if engine == "spark":
                try:
                    import pyspark  # noqa: F401
                except ImportError:
                    print(f"{'spark local[2]':<28}  (pyspark is not installed)")
                    continue
                command += ["--engine", "spark", "--master", "local[2]"]
                cores, label = 2, "spark local[2]"
            else:
                cores, label = int(engine), f"in-process, {engine} worker{'s' if engine != '1' else ''}"
                command += ["--workers", engine]
            seconds, peak, last = run_measured(command)
            rate = words / seconds
            print(f"{label:<28}{seconds:>9.1f}{len(texts) / seconds:>10.2f}{rate:>10.0f}{rate / cores:>10.0f}"
                  f"{rate / cores / spacy_rate:>9.2f}{peak / 1e6:>13.0f}   {last}")
        quarter = tmp / "quarter.xml.bz2"
        part = head_dump(dumps["large"], quarter, len(texts) // 4)
        seconds, peak, last = run_measured(ingest_command(quarter, tmp / "quarter.db", "--workers", "2"))
        rate = sum(len(t.split()) for t in part) / seconds
        print(f"{f'2 workers, {len(part)} pages':<28}{seconds:>9.1f}{len(part) / seconds:>10.2f}{rate:>10.0f}"
              f"{rate / 2:>10.0f}{rate / 2 / spacy_rate:>9.2f}{peak / 1e6:>13.0f}   {last}")
        if args.pairs:
            speedup_pairs(dumps["large"], tmp, args.pairs, args.pair_pages)


def speedup_pairs(dump: Path, tmp: Path, pairs: int, pages: int) -> None:
    """Print 1 worker against 2 on the same pages, a pair at a time, and the median ratio."""
    sample = tmp / "pairs.xml.bz2"
    count = len(head_dump(dump, sample, pages))
    print()
    print(f"2 workers against 1, pair by pair, {count} pages each run")
    print(f"{'pair':<8}{'1 worker s':>12}{'2 workers s':>13}{'speedup':>9}")
    ratios = []
    for n in range(1, pairs + 1):
        times = []
        for workers in ("1", "2"):
            db = tmp / f"pair-{n}-{workers}.db"
            seconds, _, _ = run_measured(ingest_command(sample, db, "--workers", workers))
            times.append(seconds)
            db.unlink()
        ratios.append(times[0] / times[1])
        print(f"{n:<8}{times[0]:>12.1f}{times[1]:>13.1f}{ratios[-1]:>9.2f}")
    print(f"{'median':<8}{'':>12}{'':>13}{statistics.median(ratios):>9.2f}")


if __name__ == "__main__":
    main()
