"""The per-page work on Spark executors: the same extraction as the process pool, on a cluster.

The driver reads the input (a dump is streamed, never loaded) and hands pages to Spark a batch
at a time; each partition extracts its pages with :func:`annalyst.pipeline.extract_job`, in a
Python worker that loads the spaCy model once and keeps it (Spark reuses its Python workers).
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

__all__ = ["run"]

BATCH = 256


def session(master: str):
    """A Spark session for ``master`` ("local[2]", "spark://host:7077"): the driver on this host,
    no web UI, Python workers reused so that each loads the model once."""
    from pyspark.sql import SparkSession
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = (SparkSession.builder.master(master).appName("annalyst ingest")
               .config("spark.ui.enabled", "false")
               .config("spark.python.worker.reuse", "true")
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
    """``work(item)`` for every item, in order, on Spark executors; results pass through Parquet."""
    from pyspark.sql.types import BinaryType, LongType, StringType, StructField, StructType
    spark = session(master)
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
                spark.createDataFrame(rdd.mapPartitions(lambda part: _partition(work, part)), schema) \
                    .write.parquet(out)
                for row in spark.read.parquet(out).orderBy("index").toLocalIterator():
                    yield pickle.loads(row["result"])
    finally:
        spark.stop()
