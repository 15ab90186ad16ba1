"""Real sentences for the tagger's tests: each is checked to be in the corpus file it is cited from."""
from __future__ import annotations

import pytest

from tests.conftest import CORPUS


@pytest.fixture
def real():
    def sentence(path: str, text: str) -> str:
        assert text in (CORPUS / path).read_text(encoding="utf-8"), f"{text!r} is not in {path}"
        return text
    return sentence
