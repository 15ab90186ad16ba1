"""One pass over a text that finds the leftmost match of an ordered list of rules.

Equivalent to ``re.finditer`` over the alternation of the rules, each
preceded by ``(?<![\\w.])`` and followed by ``(?!\\w)`` (see :meth:`reference`),
but several times faster, for two reasons:

- every rule contains a *core* word (a digit, a month, a unit, "now"...)
  at most ``WINDOW`` characters after its start, so only word starts that
  close to a core word are tried;
- each word start is matched only against the rules that can begin with its
  first character (the same rules, in the same order).
"""
from __future__ import annotations

import re
from collections.abc import Iterator

from .firstchars import first_chars

WINDOW = 64  # longest lead-in before a core word: "the early part of the next decade"
_END = r"(?![\w])"
_WORD = re.compile(r"\w+")


class Scanner:
    """The compiled rules, tried near core words and dispatched on a word's first character."""

    def __init__(self, rules: list[str], core_words: frozenset[str]):
        self._rules = rules
        self._core = core_words
        self._firsts = [first_chars(rule) for rule in rules]
        union = set().union(*(s for s in self._firsts if s is not None))
        if any(s is None for s in self._firsts):
            self._starts = re.compile(r"(?<![\w.])(?s:.)")
        else:
            self._starts = re.compile(r"(?<![\w.])[" + "".join(re.escape(c) for c in sorted(union)) + "]")
        self._by_char: dict[str, re.Pattern[str] | None] = {}  # a cache, filled lazily
        self._by_rules: dict[tuple[int, ...], re.Pattern[str]] = {}
        # Compiled up front, once per process: compiling lazily put a few seconds of regex
        # compilation inside the first texts of every run, where callers measure throughput.
        for char in sorted(union):
            self._pattern(char)

    def _pattern(self, char: str) -> re.Pattern[str] | None:
        if char not in self._by_char:
            chosen = tuple(i for i, s in enumerate(self._firsts) if s is None or char in s)
            if chosen and chosen not in self._by_rules:
                self._by_rules[chosen] = re.compile(
                    "(?:" + "|".join(self._rules[i] for i in chosen) + ")" + _END)
            self._by_char[char] = self._by_rules.get(chosen) if chosen else None
        return self._by_char[char]

    def _cores(self, text: str) -> list[int]:
        core = self._core
        return [m.start() for m in _WORD.finditer(text)
                if m.group()[0].isdigit() or m.group().lower() in core]

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        """The leftmost, non-overlapping matches of the rules in ``text``."""
        cores = self._cores(text)
        pos = 0  # end of the last match, and of the stretch already tried
        for core in cores:
            if core < pos:
                continue
            for start in self._starts.finditer(text, max(pos, core - WINDOW), core + 1):
                p = start.start()
                if p < pos:
                    continue
                pattern = self._pattern(text[p])
                m = pattern.match(text, p) if pattern is not None else None
                if m is not None and m.end() > p:
                    pos = m.end()
                    yield m
            pos = max(pos, core + 1)

    def reference(self, text: str) -> Iterator[re.Match[str]]:
        """The same matches by the plain, slow alternation: for tests."""
        whole = re.compile(r"(?<![\w.])(?:" + "|".join(self._rules) + ")" + _END)
        return whole.finditer(text)
