"""Engines that run the per-page work: a process pool on one machine (``pool``), Spark on a cluster (``spark``)."""
