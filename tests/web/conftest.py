"""A server for the web tests: the app over one store of the seed's wiki (althistory/), realworld/,
the Wikipedia corpus and a hostile page, on a free local port, started once per session."""
from __future__ import annotations

import socket
import threading
import time

import pytest
import uvicorn

from annalyst.pipeline import ingest
from annalyst.store.db import open_store
from annalyst.web import create_app
from tests.conftest import CORPUS, FIXTURES


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    path = tmp_path_factory.mktemp("web") / "annalyst.db"
    report = ingest([CORPUS / "althistory", CORPUS / "realworld", CORPUS / "wikipedia",
                     FIXTURES / "web" / "hostile-page.txt"], open_store(path))
    assert not report.errors, report.errors
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(path), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(400):
        if server.started:
            break
        time.sleep(0.05)
    assert server.started
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)
