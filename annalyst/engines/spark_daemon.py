"""Spark's Python daemon, with what every page needs loaded before it forks its workers.

Spark starts one daemon per executor and forks a Python worker from it for each task slot
(``spark.python.daemon.module`` names the daemon). This one loads the spaCy model and the data
tables first (:func:`annalyst.pipeline.warm`), as the process pool does before it forks, so that an
executor's workers share one copy of them instead of loading one each; the rest is PySpark's own
daemon. It must write nothing to standard output, where the daemon tells Spark its port.
"""
from __future__ import annotations

import gc

from pyspark import daemon

from annalyst.pipeline import warm

if __name__ == "__main__":
    warm()
    gc.freeze()  # as in annalyst.engines.pool: the workers' collections leave the shared pages alone
    daemon.manager()
