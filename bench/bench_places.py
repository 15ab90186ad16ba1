"""Benchmark the offline geocoder: gazetteer load time and lookups per second.

Usage: python bench/bench_places.py [--reps N]

Prints the time to get the gazetteer ready (a build, or a load from the disk cache), then
lookups per second on one core (process time, best of N repetitions) for three workloads:
known names with the lookup cache warm, known names cold, and strings that reach fuzzy
matching (misspellings and non-places). The names are real place strings of
../shared/corpus (the tests' parametrisations).
"""
from __future__ import annotations

import argparse
import time

from annalyst.extract.places import lookup as places  # geocode, and the caches the bench clears

KNOWN = ["Tal Afar", "Mosul", "Al-Raqqah", "Erbil", "Mindanao", "Kurdistan", "Marawi",
         "Saint-Denis", "Stanley", "Falkland Islands", "Lima", "Ayacucho", "Gaza Strip",
         "West Bank", "Golan Heights", "Sinai", "Quneitra", "Aksai Chin", "Belfast",
         "Northern Ireland", "Basque Country", "San Sebastián", "Padania", "Palmyra",
         "Baghdad", "Tripoli", "Syria", "Iran", "Russia", "the United States", "Britain",
         "near Mosul", "Gulane village (Cadale, Middle Shabelle)"]
FUZZY = ["Aleppoo", "Ninewah", "Kurdestan", "Deir Ezzor", "Fallouja", "Middle Shabelle",
         "Peshmerga", "Pershmerga", "Kurdish", "Islamic State", "Caliphate", "Scotland Yard"]


def per_second(names: list[str], reps: int, cold: bool) -> float:
    best = float("inf")
    for _ in range(reps):
        if cold:
            places._geocode.cache_clear()
        start = time.process_time()
        for name in names:
            places.geocode(name, ("IQ", "SY"))
        best = min(best, time.process_time() - start)
    return len(names) / best if best else float("inf")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    start = time.perf_counter()
    places._gazetteer()
    print(f"gazetteer ready in {time.perf_counter() - start:.2f} s")
    places.geocode("Mosul")
    print(f"known names, cache warm: {per_second(KNOWN, args.reps, cold=False):,.0f} lookups/s")
    print(f"known names, cache cold: {per_second(KNOWN, args.reps, cold=True):,.0f} lookups/s")
    print(f"fuzzy strings, cache cold: {per_second(FUZZY, args.reps, cold=True):,.0f} lookups/s")


if __name__ == "__main__":
    main()
