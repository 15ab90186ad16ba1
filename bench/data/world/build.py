"""Merge the hand-annotated parts into ``world-dev.jsonl`` and split it, once, into tuning and check.

    python bench/data/world/build.py

The split is drawn once at random (70% tuning, 30% check) and frozen in ``splits.tsv``: an item
keeps the part it was given; only items new since then are drawn, with the same ratio. Never read
the check part's errors while writing rules; the bench prints both parts side by side.
"""
from __future__ import annotations

import json
import random
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = 20261201
CHECK_SHARE = 0.3


def main() -> None:
    items = [json.loads(line) for part in sorted((HERE / "parts").glob("*.jsonl"))
             for line in part.read_text(encoding="utf-8").splitlines() if line.strip()]
    splits_file = HERE / "splits.tsv"
    splits = dict(line.split("\t") for line in splits_file.read_text(encoding="utf-8").splitlines()[1:]) \
        if splits_file.exists() else {}
    new = [item["id"] for item in items if item["id"] not in splits]
    random.Random(SEED + len(splits)).shuffle(new)
    cut = round(len(new) * CHECK_SHARE)
    splits.update({i: "check" for i in new[:cut]})
    splits.update({i: "tuning" for i in new[cut:]})
    splits_file.write_text("id\tsplit\n" + "".join(f"{i}\t{s}\n" for i, s in sorted(splits.items())), encoding="utf-8")
    with (HERE / "world-dev.jsonl").open("w", encoding="utf-8") as out:
        for item in items:
            out.write(json.dumps({**item, "split": splits[item["id"]]}, ensure_ascii=False) + "\n")
    counts = {s: sum(1 for i in items if splits[i["id"]] == s) for s in ("tuning", "check")}
    print(f"{len(items)} items: {counts['tuning']} tuning, {counts['check']} check")


if __name__ == "__main__":
    main()
