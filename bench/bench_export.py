"""Exports and start-up, measured in one run.

1. Streaming: build synthetic stores (bench/synthetic.py) of 10,000 and 100,000 events, export each
   in every format with ``annalyst export``, and print the seconds and the peak resident memory of
   the export process (its ``ru_maxrss``, exact however short the run) of both side by side. A
   format that streams has the same peak at both sizes.
2. Start-up: the median wall time of ``annalyst --help`` and ``annalyst show ISIL`` (on the seed
   page's store) beside ``python -c "import typer, rich.console"``, and their ratio.

    python bench/bench_export.py [--sizes 10000,100000] [--formats acled-csv,...] [--runs 15]
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import build_store  # noqa: E402

SEED = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "seed" / "isil-scotland-says-yes.txt"
FORMATS = ("acled-csv", "ucdp-csv", "geojson", "jsonld", "timelinejs", "graphml", "quickstatements", "csv", "parquet")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000")
    ap.add_argument("--formats", default=",".join(FORMATS))
    ap.add_argument("--runs", type=int, default=15, help="start-up runs per command (the median is printed)")
    args = ap.parse_args()
    sizes = [int(n) for n in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="annalyst-bench-export-") as tmp:
        tmp = Path(tmp)
        stores = {}
        for n in sizes:
            started = time.monotonic()
            build_store(tmp / f"{n}.db", n).close()
            stores[n] = tmp / f"{n}.db"
            print(f"synthetic store of {n:,} events built in {time.monotonic() - started:.1f} s")
        header = "".join(f"{f'{n:,} events: s':>20}{'peak MB':>9}" for n in sizes)
        print(f"\n{'format':<17}{header}{'peak ratio':>12}")
        for fmt in args.formats.split(","):
            cells, peaks = "", []
            for n in sizes:
                out = tmp / f"{fmt}-{n}" if fmt in ("csv", "parquet") else tmp / f"{fmt}-{n}.out"
                seconds, peak, last = run_peak([sys.executable, "-m", "annalyst", "export", "-f", fmt,
                                                "--db", str(stores[n]), "--out", str(out)])
                if not out.exists():
                    raise SystemExit(f"{fmt}: no output ({last})")
                cells += f"{seconds:>20.1f}{peak / 1e6:>9.0f}"
                peaks.append(peak)
            print(f"{fmt:<17}{cells}{peaks[-1] / peaks[0]:>12.2f}")
        startup(tmp, args.runs)


def run_peak(command: list[str]) -> tuple[float, int, str]:
    """(seconds, peak resident bytes, last line of stderr) of one process, from the kernel's rusage."""
    started = time.monotonic()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        err.seek(0)
        last = (err.read().decode("utf-8", "replace").strip().splitlines() or [""])[-1]
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({proc.returncode}): {last}")
    return seconds, usage.ru_maxrss * 1024, last


def startup(tmp: Path, runs: int) -> None:
    db = tmp / "seed.db"
    subprocess.run([sys.executable, "-m", "annalyst", "ingest", str(SEED), "--db", str(db)], check=True,
                   capture_output=True)
    annalyst = str(Path(sys.executable).with_name("annalyst"))
    commands = {"python -c 'import typer, rich.console'": [sys.executable, "-c", "import typer, rich.console"],
                "annalyst --help": [annalyst, "--help"],
                "annalyst show ISIL": [annalyst, "show", "ISIL", "--db", str(db)]}
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # interleaved, so that the machine's drift touches every command alike
        for name, command in commands.items():
            started = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
            times[name].append(time.perf_counter() - started)
    base = statistics.median(times["python -c 'import typer, rich.console'"])
    print(f"\n{'start-up (median of ' + str(runs) + ')':<42}{'s':>8}{'× typer+rich':>14}")
    for name, values in times.items():
        print(f"{name:<42}{statistics.median(values):>8.3f}{statistics.median(values) / base:>14.2f}")


if __name__ == "__main__":
    main()
