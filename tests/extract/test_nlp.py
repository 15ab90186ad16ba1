"""The spaCy pipeline as annalyst runs it: the attribute ruler's matches found by lookups
(``nlp._index_attribute_ruler``) are the model's own, every token of real pages getting the same part of
speech, tag, lemma and morphology either way; ``parse`` batches by characters and parses as ``nlp.pipe``."""
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


@pytest.mark.parametrize("budget", [1, 400, 3000])
def test_parse_batches_by_characters_and_parses_as_the_model_does(paragraphs, monkeypatch, budget):
    nlp = N.load_nlp()
    texts = paragraphs[:60]
    expected = [[(t.text, t.ent_type_, t.dep_) for t in doc] for doc in nlp.pipe(texts)]
    batches: list[list[str]] = []
    pipe = type(nlp).pipe

    def recording(self, batch, **kwargs):
        batches.append(list(batch))
        return pipe(self, batches[-1], **kwargs)
    monkeypatch.setattr(type(nlp), "pipe", recording)
    got = [[(t.text, t.ent_type_, t.dep_) for t in doc] for doc in N.parse(iter(texts), batch_chars=budget)]
    assert got == expected
    assert [t for batch in batches for t in batch] == texts
    # every batch holds at most the budget, or is one text longer than it
    assert all(sum(map(len, b)) <= budget or len(b) == 1 for b in batches)
    # and batches are as full as the budget lets them be: the next text would not have fitted
    assert all(sum(map(len, b)) + len(nxt[0]) > budget for b, nxt in zip(batches, batches[1:]))
