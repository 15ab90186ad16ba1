"""The attribute ruler's matches found by lookups (``nlp._index_attribute_ruler``) are the model's own:
every token of real pages gets the same part of speech, tag, lemma and morphology either way."""
from __future__ import annotations

import pytest

from annalyst.extract import nlp as N
from tests.conftest import CORPUS, SEED


@pytest.fixture(scope="module")
def paragraphs() -> list[str]:
    texts = [SEED.read_text(encoding="utf-8")]
    for folder in ("wild", "wikipedia", "realworld"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((CORPUS / folder).glob("*.txt"))[:4]]
    return [line for t in texts for line in t.splitlines() if len(line.split()) >= 8][:400]


def test_the_indexed_ruler_gives_what_the_matcher_gives(paragraphs, monkeypatch):
    indexed = N.load_nlp()
    N.load_nlp.cache_clear()
    monkeypatch.setattr(N, "_index_attribute_ruler", lambda ruler: None)
    try:
        plain = N.load_nlp()
    finally:
        N.load_nlp.cache_clear()
    assert indexed.get_pipe("attribute_ruler").match is not plain.get_pipe("attribute_ruler").match

    def attrs(nlp):
        return [[(t.pos_, t.tag_, t.lemma_, str(t.morph)) for t in doc] for doc in nlp.pipe(paragraphs)]
    assert len(paragraphs) >= 200
    assert attrs(indexed) == attrs(plain)
