"""The per-page work on Spark executors: the same extraction as the process pool, on a cluster.

The driver reads the input (a dump is streamed, never loaded) and hands pages to Spark a batch
at a time; each partition extracts its pages with :func:`annalyst.pipeline.extract_job`, in a
Python worker forked from a daemon that has loaded the spaCy model (``spark_daemon``), so that an
executor's workers share one copy, and kept for the next batch (Spark reuses its Python workers).
Each batch's results are written to Parquet (one row per page: its position, its source id and
the extracted document, profile, events and territory rows, pickled), read back in input order,
and saved into the store by the driver, the store's only writer.

Run it on a real cluster with the package installed on every node (``pip install annalyst``) and
the input on storage every node can read; see the README's "Whole wikis" section.
"""
from __future__ import annotations

import os
import pickle
import sys
import tempfile
from itertools import islice
from pathlib import Path
from typing import Callable, Iterable, Iterator

from annalyst.errors import EngineError

__all__ = ["run"]

BATCH = 256


def session(master: str):
    """A Spark session for ``master`` ("local[2]", "spark://host:7077"): the driver on this host,
    no web UI, Python workers forked from a daemon holding the model and reused. The driver JVM gets
    the least memory Spark allows (512 MB; in local mode it is also the executor, and a batch of
    pages is a few MB) and the serial collector and client compiler, which hold less."""
    from pyspark.sql import SparkSession
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName("annalyst ingest")
               .config("spark.ui.enabled", "false")
               .config("spark.python.worker.reuse", "true")
               .config("spark.python.daemon.module", "annalyst.engines.spark_daemon")
               .config("spark.driver.memory", "512m")
               .config("spark.driver.extraJavaOptions", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m -Xss512k")
               .config("spark.sql.shuffle.partitions", "4"))
    if master.startswith("local"):
        builder = builder.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1")
    return builder.getOrCreate()


def _partition(work: Callable, rows: Iterable[tuple[int, bytes]]) -> Iterator[tuple[int, str, bytes]]:
    for index, job in rows:
        job = pickle.loads(job)
        result = work(job)
        yield index, job.label, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)


def run(work: Callable, items: Iterable, master: str = "local[*]", scratch: str | Path | None = None) -> Iterator:
    """``work(item)`` for every item, in order, on Spark executors; results pass through Parquet.
    A Spark that cannot start, or fails a job, is an EngineError naming the master and Spark's reason."""
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType
    try:
        spark = session(master)
    except Exception as exc:  # noqa: BLE001 - Py4J and the JVM raise errors of their own kinds
        raise EngineError(f"Spark at {master}: could not start ({_reason(exc)})") from exc
    schema = StructType([StructField("index", LongType()), StructField("label", StringType()),
                         StructField("result", BinaryType())])
    slices = max(1, spark.sparkContext.defaultParallelism)
    it = iter(items)
    try:
        with tempfile.TemporaryDirectory(prefix="annalyst-spark-", dir=scratch) as tmp:
            for number in range(sys.maxsize):
                batch = list(islice(it, BATCH))
                if not batch:
                    break
                rows = [(i, pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)) for i, job in enumerate(batch)]
                rdd = spark.sparkContext.parallelize(rows, min(slices, len(rows)))
                out = f"{tmp}/batch-{number}.parquet"
                try:
                    spark.createDataFrame(rdd.mapPartitions(lambda part: _partition(work, part)), schema) \
                        .write.parquet(out)
                    for row in spark.read.parquet(out).orderBy("index").toLocalIterator():
                        yield pickle.loads(row["result"])
                except Exception as exc:  # noqa: BLE001 - as above
                    raise EngineError(f"Spark at {master}: a job failed ({_reason(exc)})") from exc
    finally:
        spark.stop()


def _reason(exc: Exception) -> str:
    """Spark's own message on one line: the JVM's exception when there is one (Py4J's text around
    it names only the call that failed)."""
    java = getattr(exc, "java_exception", None)
    text = java.toString() if java is not None else str(exc)
    return " ".join(str(text).split())[:300]
