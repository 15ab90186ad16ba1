"""Shared fixtures: the corpora beside the checkout, a fresh store per test, and stores built once
per session (the seed's wiki, the seed page alone, a synthetic store of report-like events)."""
from __future__ import annotations

from pathlib import Path

import sys

import pytest

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus"
SEED = CORPUS / "seed" / "isil-scotland-says-yes.txt"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "annalyst.db"


@pytest.fixture(scope="session")
def althistory(tmp_path_factory):
    """The seed's wiki (../shared/corpus/althistory, CC BY-SA 3.0), 37 pages, ingested once."""
    from annalyst.pipeline import ingest
    from annalyst.store.db import open_store

    store = open_store(tmp_path_factory.mktemp("althistory") / "annalyst.db")
    report = ingest([CORPUS / "althistory"], store)
    assert not report.errors and len(report.stored) == 37
    return store


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory):
    """The seed page alone, ingested once."""
    from annalyst.pipeline import ingest
    from annalyst.store.db import open_store

    path = tmp_path_factory.mktemp("seed") / "seed.db"
    store = open_store(path)
    report = ingest([SEED], store)
    assert not report.errors
    store.path = path
    return store


@pytest.fixture(scope="session")
def synthetic(tmp_path_factory):
    """600 report-like events in 6 sources (bench/synthetic.py), resolved as an ingest resolves them."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
    from synthetic import build_store

    path = tmp_path_factory.mktemp("synthetic") / "synthetic.db"
    store = build_store(path, 600, per_source=100, resolve=True)
    store.path = path
    return store
