"""The per-page work on every core of one machine: a process pool fed a few pages at a time.

Results come back in the order of their inputs, and no more than a few pages per worker are in
flight at once, so memory stays flat however long the input is (``Executor.map`` and
``Pool.imap`` would read the whole input ahead). One worker runs in this process: no pool at all.
Workers are forked where the platform allows, so that what this process has loaded (the spaCy
model, the data tables) is shared, not loaded again.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator, TypeVar

__all__ = ["default_workers", "run"]

T = TypeVar("T")
R = TypeVar("R")
_IN_FLIGHT_PER_WORKER = 4


def default_workers() -> int:
    """The cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def run(work: Callable[[T], R], items: Iterable[T], workers: int | None = None,
        warm: Callable[[], None] | None = None) -> Iterator[R]:
    """``work(item)`` for every item, in order, on ``workers`` processes (all cores by default).
    ``warm`` loads what every item needs (a model) once: here, before forking, so that the workers
    share it; in each worker where processes cannot fork (one worker needs no warming: this process
    loads what it needs when it first needs it)."""
    workers = workers or default_workers()
    if workers == 1:
        yield from map(work, items)
        return
    fork = "fork" in multiprocessing.get_all_start_methods()
    if warm is not None and fork:
        warm()
        # what is loaded now is shared with the workers; the collector must not write to it, or each
        # worker's first collection copies every page of it (the gc module's documentation on fork)
        gc.freeze()
    context = multiprocessing.get_context("fork" if fork else "spawn")
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=None if fork else warm) as pool:
            pending: deque = deque()
            for item in items:
                pending.append(pool.submit(work, item))
                if len(pending) >= workers * _IN_FLIGHT_PER_WORKER:
                    yield pending.popleft().result()
            while pending:
                yield pending.popleft().result()
    finally:
        gc.unfreeze()
