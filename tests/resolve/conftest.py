"""The seed's wiki (../shared/corpus/althistory, CC BY-SA 3.0) ingested once for the resolve tests."""
from __future__ import annotations

import pytest

from annalyst.pipeline import ingest
from annalyst.store.db import open_store
from tests.conftest import CORPUS


@pytest.fixture(scope="session")
def althistory(tmp_path_factory):
    store = open_store(tmp_path_factory.mktemp("althistory") / "annalyst.db")
    report = ingest([CORPUS / "althistory"], store)
    assert not report.errors and len(report.stored) == 37
    return store
