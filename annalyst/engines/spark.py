"""The per-page work on Spark executors: the same extraction as the process pool, on a cluster.

The driver reads the input (a dump is streamed, never loaded) and hands pages to Spark a batch
at a time; each partition extracts its pages with :func:`annalyst.pipeline.extract_job`, in a
Python worker forked from a daemon that has loaded the spaCy model (``spark_daemon``), so that an
executor's workers share one copy. Each task gets a fresh fork (``spark.python.worker.reuse`` off): it
costs no model load, and what a task's pages leave behind in a worker goes with it (on 200 pages
of the bench's dump, local[2]: peak 1478 MB with workers reused, 1196 MB without).
Each batch's results are written to Parquet, one dataset per table of the store (sources,
documents, entities, aliases, facts, media, evidence, events, territory_control; the columns of
``annalyst.store.rows.TABLES``, after ``page``, the page's place in the batch, and ``row``, the row's
place in its page), with ``pages`` saying which pages failed and why. The driver reads them back
in input order and saves each page's rows into the store, whose only writer it is.

Run it on a real cluster with the package installed on every node (``pip install annalyst``) and
the input on storage every node can read; see the README's "Whole wikis" section.
"""
from __future__ import annotations

import os
import pickle
import sys
import tempfile
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from annalyst.errors import EngineError
from annalyst.store.rows import TABLES

__all__ = ["run"]

BATCH = 256
# a batch is cut into this many tasks per core: each task's pages are extracted in a worker forked
# for it, so smaller tasks hold less (what a task's pages leave behind goes with its worker) and a
# long page holds up fewer others
_TASKS_PER_CORE = 4
_JVM_OPTIONS = ("-XX:+UseSerialGC -Xms64m -Xmn48m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20"
                " -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m -Xss512k")


def session(master: str):
    """A Spark session for ``master`` ("local[2]", "spark://host:7077"): the driver on this host,
    no web UI, a Python worker forked for each task from a daemon holding the model. The driver JVM gets
    the least memory Spark allows (512 MB; in local mode it is also the executor, and a batch of
    pages is a few MB), a heap that starts small (the JVM's default start is 1/64 of the machine's
    memory, 377 MB on 24 GB, and a heap never shrinks below its start), a small young generation that
    is collected often and a heap given back when free, the serial collector and the client compiler,
    and heap buffers for the network: all hold less."""
    from pyspark.sql import SparkSession
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName("annalyst ingest")
               .config("spark.ui.enabled", "false")
               .config("spark.python.worker.reuse", "false")
               .config("spark.python.daemon.module", "annalyst.engines.spark_daemon")
               .config("spark.driver.memory", "512m")
               .config("spark.driver.extraJavaOptions", _JVM_OPTIONS)
               .config("spark.network.io.preferDirectBufs", "false")
               .config("spark.shuffle.io.preferDirectBufs", "false"))
    if master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    return builder.getOrCreate()


def _partition(work: Callable, jobs: Iterable[tuple[int, bytes]]) -> Iterator[tuple[int, bytes | None, dict]]:
    """(page, its failure pickled or None, its rows by table) for each job of a partition."""
    for index, job in jobs:
        _, result = work(pickle.loads(job))
        if isinstance(result, dict):
            yield index, None, result
        else:
            yield index, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), {}


def _schemas() -> dict[str, object]:
    from pyspark.sql.types import BinaryType, DoubleType, LongType, StringType, StructField, StructType
    spark_type = {str: StringType(), int: LongType(), float: DoubleType()}
    schemas = {"pages": StructType([StructField("page", LongType()), StructField("failure", BinaryType())])}
    for table, columns in TABLES.items():
        schemas[table] = StructType([StructField("page", LongType()), StructField("row", LongType()),
                                     *(StructField(name, spark_type[kind]) for name, kind in columns)])
    return schemas


def _table_rows(table: str):
    return lambda result: [(result[0], n, *row) for n, row in enumerate(result[2].get(table, ()))]


def run(work: Callable, items: Iterable, master: str = "local[*]", parquet: str | Path | None = None) -> Iterator:
    """``(item, result)`` for every item, in order, where ``work(item)`` gives ``(item, result)`` and a
    result is a page's rows by table (``annalyst.store.rows``) or a failure (any other value), worked
    out on Spark executors and passed through Parquet: kept in ``parquet`` (``batch-N/TABLE``) when it
    is given, else in a temporary folder. A Spark that cannot start, or fails a job, is an
    EngineError naming the master and Spark's reason."""
    from pyspark import StorageLevel
    if parquet is not None and Path(parquet).is_dir() and any(Path(parquet).iterdir()):
        raise EngineError(f"{parquet}: the Parquet folder is not empty")
    try:
        spark = session(master)
    except Exception as exc:  # noqa: BLE001 - Py4J and the JVM raise errors of their own kinds
        raise EngineError(f"Spark at {master}: could not start ({_reason(exc)})") from exc
    schemas = _schemas()
    slices = max(1, spark.sparkContext.defaultParallelism) * _TASKS_PER_CORE
    it = iter(items)
    try:
        with _folder(parquet) as tmp:
            for number in range(sys.maxsize):
                batch = list(islice(it, BATCH))
                if not batch:
                    break
                jobs = [(i, pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)) for i, job in enumerate(batch)]
                out = Path(tmp) / f"batch-{number}"
                try:
                    results = spark.sparkContext.parallelize(jobs, min(slices, len(jobs))) \
                        .mapPartitions(lambda part: _partition(work, part)).persist(StorageLevel.MEMORY_AND_DISK)
                    spark.createDataFrame(results.map(lambda r: (r[0], r[1])), schemas["pages"]) \
                        .write.parquet(str(out / "pages"))
                    for table in TABLES:
                        spark.createDataFrame(results.flatMap(_table_rows(table)), schemas[table]) \
                            .write.parquet(str(out / table))
                    results.unpersist()
                    # a batch is small: sorted here, not by a Spark job
                    read = {table: sorted(spark.read.parquet(str(out / table)).collect(),
                                          key=lambda r: (r["page"], r["row"])) for table in TABLES}
                    pages = sorted(spark.read.parquet(str(out / "pages")).collect(), key=lambda r: r["page"])
                except Exception as exc:  # noqa: BLE001 - as above
                    raise EngineError(f"Spark at {master}: a job failed ({_reason(exc)})") from exc
                _collect_driver_garbage(spark)
                by_page: list[dict[str, list[tuple]]] = [{table: [] for table in TABLES} for _ in batch]
                for table in TABLES:
                    for row in read[table]:
                        by_page[row["page"]][table].append(tuple(row)[2:])
                for row in pages:
                    index = row["page"]
                    yield batch[index], pickle.loads(row["failure"]) if row["failure"] is not None else by_page[index]
    finally:
        spark.stop()


def _collect_driver_garbage(spark) -> None:
    """A full collection in the driver's JVM once a batch is read back. The serial collector leaves
    the old generation to fill up to the heap's limit before it collects it, so a long run would
    otherwise hold the whole heap; after a full collection the heap shrinks to what is live (plus
    ``MaxHeapFreeRatio``) and gives the rest back."""
    spark.sparkContext._jvm.java.lang.System.gc()


@contextmanager
def _folder(kept: str | Path | None) -> Iterator[str]:
    if kept is None:
        with tempfile.TemporaryDirectory(prefix="annalyst-spark-") as tmp:
            yield tmp
        return
    Path(kept).mkdir(parents=True, exist_ok=True)
    yield str(kept)


def _reason(exc: Exception) -> str:
    """Spark's own message on one line: the JVM's exception when there is one (Py4J's text around
    it names only the call that failed)."""
    java = getattr(exc, "java_exception", None)
    text = java.toString() if java is not None else str(exc)
    return " ".join(str(text).split())[:300]
