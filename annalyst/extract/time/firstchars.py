"""The characters a regular expression can start with, computed from its parse tree.

The scanner (scanner.py) tries at each word start only the rules that can
begin with its first character. Computed with Python's own regex parser;
when in doubt, a rule is said to start with anything.
"""
from __future__ import annotations

import string

try:  # Python 3.11+: the parser is a private module; fall back to no guard.
    from re import _constants as C
    from re import _parser as P
except ImportError:  # pragma: no cover
    C = P = None

_ANY = None
_DIGITS = set(string.digits)
_SPACE = set(" \t\n\r\f\v")


def _cased(chars: set[str], ignorecase: bool) -> set[str]:
    if not ignorecase:
        return chars
    return chars | {c.lower() for c in chars} | {c.upper() for c in chars}


def _in_set(items, ignorecase: bool) -> set[str] | None:
    out: set[str] = set()
    for op, av in items:
        if op == C.LITERAL:
            out.add(chr(av))
        elif op == C.RANGE:
            if av[1] - av[0] > 300:
                return _ANY
            out.update(chr(c) for c in range(av[0], av[1] + 1))
        elif op == C.CATEGORY and av == C.CATEGORY_DIGIT:
            out |= _DIGITS
        elif op == C.CATEGORY and av == C.CATEGORY_SPACE:
            out |= _SPACE
        else:
            return _ANY
    return _cased(out, ignorecase)


def _first(items, ignorecase: bool) -> tuple[set[str] | None, bool]:
    """(first characters or None for any, whether the sequence can match empty)."""
    out: set[str] = set()
    for op, av in items:
        if op in (C.AT, C.ASSERT, C.ASSERT_NOT):
            continue
        if op == C.LITERAL:
            return out | _cased({chr(av)}, ignorecase), False
        if op == C.IN:
            chars = _in_set(av, ignorecase)
            return (None if chars is None else out | chars), False
        if op == C.SUBPATTERN:
            flags = ignorecase or bool(av[1] & C.SRE_FLAG_IGNORECASE)
            flags = flags and not bool(av[2] & C.SRE_FLAG_IGNORECASE)
            chars, empty = _first(av[3], flags)
        elif op == C.BRANCH:
            chars, empty = set(), False
            for branch in av[1]:
                sub, sub_empty = _first(branch, ignorecase)
                if sub is None:
                    return None, False
                chars |= sub
                empty = empty or sub_empty
        elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
            chars, empty = _first(av[2], ignorecase)
            empty = empty or av[0] == 0
        else:
            return None, False
        if chars is None:
            return None, False
        out |= chars
        if not empty:
            return out, False
    return out, True


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of ``pattern`` can start with; None if any (or unknown)."""
    if P is None:
        return None
    try:
        parsed = P.parse(pattern, 0)
        chars, empty = _first(parsed.data, bool(parsed.state.flags & C.SRE_FLAG_IGNORECASE))
    except Exception:  # noqa: BLE001 - any surprise in a private API: no dispatch
        return None
    if chars is None or empty or not chars:
        return None
    return frozenset(chars)
