"""Writes through the server: refused without a token, and with one, reviews and merges that are
audited and survive re-ingest, and uploads that refuse folder names and oversized bodies."""
from __future__ import annotations

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from annalyst.pipeline import ingest
from annalyst.store.db import open_store
from annalyst.web import create_app
from annalyst.web.app import MAX_BODY, read_tokens
from tests.conftest import SEED

ISIL = "actor:islamic-state-of-iraq-and-the-levant"
TOKEN = "s3cret-token-for-the-tests"


@pytest.fixture
def store_path(tmp_path):
    page = tmp_path / "pages" / SEED.name
    page.parent.mkdir()
    shutil.copy(SEED, page)
    path = tmp_path / "annalyst.db"
    assert not ingest([page], open_store(path)).errors
    return path, page


@pytest.fixture
def client(store_path):
    return TestClient(create_app(store_path[0], {TOKEN: "analyst"}))


def _auth(token=TOKEN):
    return {"Authorization": f"Bearer {token}"}


def _strength(client):
    return client.get("/api/entity", params={"id": ISIL}).json()["strength"]


WRITES = [("/api/review", {"json": {"entity": ISIL, "field": "strength", "value": {}, "decision": "accept"}}),
          ("/api/merge", {"json": {"a": "ISIL", "b": "Peshmerga"}}),
          ("/api/ingest", {"files": {"page": ("page.txt", b"A page\n\nText.")}})]


@pytest.mark.parametrize("path, body", WRITES)
def test_every_write_is_refused_without_a_token(store_path, path, body):
    read_only = TestClient(create_app(store_path[0]))
    assert read_only.post(path, **body, headers=_auth()).status_code == 403
    writable = TestClient(create_app(store_path[0], {TOKEN: "analyst"}))
    assert writable.post(path, **body).status_code == 401
    assert writable.post(path, **body, headers=_auth("not-the-token-at-all")).status_code == 403


def test_a_correction_survives_re_ingest_and_is_audited(client, store_path):
    before = _strength(client)
    value = {k: v for k, v in before.items() if k not in ("evidence", "qualifiers", "contradicted_by")}
    corrected = {"low": 50000, "high": 250000, "text": "50,000–250,000"}
    answer = client.post("/api/review", headers=_auth(), json={"entity": ISIL, "field": "strength", "value": value,
                                                               "decision": "correct", "correction": corrected})
    assert answer.status_code == 200, answer.text
    path, page = store_path
    page.write_text(page.read_text(encoding="utf-8") + "\nA sentence added later.\n", encoding="utf-8")
    report = ingest([page], open_store(path))
    assert report.stored[0][1] == "replaced"
    after = _strength(client)
    assert {k: after[k] for k in corrected} == corrected and after["reviewed"]["who"] == "analyst"
    assert after["corrected_from"] == value and after["evidence"]  # still cited to what the page says
    row = open_store(path).db.execute("SELECT who, action, target, before, after FROM audit").fetchone()
    assert (row["who"], row["action"], row["target"]) == ("analyst", "review:correct", f"{ISIL} strength")
    assert json.loads(row["before"]) == value and json.loads(row["after"]) == corrected


def test_a_rejected_value_is_gone_from_the_profile(client):
    ideologies = client.get("/api/entity", params={"id": ISIL}).json()["ideology"]
    first = {k: v for k, v in ideologies[0].items() if k not in ("evidence", "qualifiers")}
    assert client.post("/api/review", headers=_auth(), json={"entity": ISIL, "field": "ideology", "value": first,
                                                             "decision": "reject"}).status_code == 200
    left = client.get("/api/entity", params={"id": ISIL}).json()["ideology"]
    assert len(left) == len(ideologies) - 1 and first["value"] not in [i["value"] for i in left]


def test_a_review_of_a_value_the_profile_lacks_is_404(client):
    answer = client.post("/api/review", headers=_auth(), json={"entity": ISIL, "field": "strength",
                                                               "value": {"low": 1}, "decision": "reject"})
    assert answer.status_code == 404


def test_an_upload_is_ingested_and_audited(client, store_path):
    page = b"Test Front\n\nThe Test Front is an armed group founded in 2015.\n"
    answer = client.post("/api/ingest", headers=_auth(), files={"page": ("test-front.txt", page)})
    assert answer.status_code == 200, answer.text
    assert answer.json()["stored"] == [{"page": "test-front.txt", "status": "added"}]
    assert client.get("/api/search", params={"q": "Test Front"}).json()
    audit = open_store(store_path[0]).db.execute("SELECT action, target FROM audit").fetchall()
    assert [tuple(r) for r in audit] == [("ingest", "test-front.txt")]


@pytest.mark.parametrize("name", ["../escape.txt", "folder/page.txt", ".hidden", "..\\escape.txt"])
def test_an_upload_with_a_folder_in_its_name_is_refused(client, name, store_path):
    answer = client.post("/api/ingest", headers=_auth(), files={"page": (name, b"A page\n\nText.\n")})
    assert answer.status_code == 400
    assert not (store_path[0].parent / "escape.txt").exists()


def test_an_oversized_body_is_refused_with_413(client):
    answer = client.post("/api/ingest", headers={**_auth(), "Content-Length": str(MAX_BODY + 1)},
                         content=b"x" * 10)
    assert answer.status_code == 413


def test_a_merge_is_audited(client, store_path):
    answer = client.post("/api/merge", headers=_auth(), json={"a": "ISIL", "b": "Peshmerga", "note": "a test"})
    assert answer.status_code == 200 and answer.json()["a"] == answer.json()["b"]
    row = open_store(store_path[0]).db.execute("SELECT action, target FROM audit").fetchone()
    assert tuple(row) == ("merge", "ISIL <- Peshmerga")


@pytest.mark.parametrize("text, tokens", [("abcdefghijklmnopqrstu\n", {"abcdefghijklmnopqrstu": "token 1"}),
                                          ("# reviewers\nana abcdefghijklmnopqrstu\n", {"abcdefghijklmnopqrstu": "ana"})])
def test_token_files(tmp_path, text, tokens):
    (tmp_path / "tokens").write_text(text)
    assert read_tokens(tmp_path / "tokens") == tokens


@pytest.mark.parametrize("text", ["", "short\n", "a b c\n"])
def test_bad_token_files_are_refused(tmp_path, text):
    from annalyst.errors import InputError
    (tmp_path / "tokens").write_text(text)
    with pytest.raises(InputError):
        read_tokens(tmp_path / "tokens")
