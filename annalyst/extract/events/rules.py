"""Named rules from ``annalyst/data/events/*.yaml``: each has a name, the convention it implements
(``source``), a pattern and what it sets. Evidence for a value a rule decided carries the rule's name."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from annalyst.data import load_yaml
from annalyst.errors import AnnalystError

__all__ = ["Rule", "rules_of", "RuleError"]

_RESERVED = frozenset({"name", "source", "pattern", "ignore_case"})


class RuleError(AnnalystError):
    """A rule file that breaks the rule format (no name, no source, a pattern that does not compile)."""


@dataclass(frozen=True)
class Rule:
    """One named rule: a compiled pattern and the values it sets (``result``)."""

    name: str
    source: str
    pattern: re.Pattern
    result: dict = field(default_factory=dict, hash=False, compare=False)


@lru_cache(maxsize=None)
def rules_of(file: str, section: str) -> tuple[Rule, ...]:
    """The rules of one section of ``annalyst/data/events/<file>.yaml``, in order (cached)."""
    out = []
    for entry in load_yaml(f"events/{file}.yaml")[section]:
        name, source = entry.get("name"), entry.get("source")
        if not name or not source:
            raise RuleError(f"events/{file}.yaml: a rule in '{section}' lacks a name or a source: {entry}")
        try:
            pattern = re.compile(entry["pattern"], re.I if entry.get("ignore_case", True) else 0)
        except (KeyError, re.error) as exc:
            raise RuleError(f"events/{file}.yaml: rule '{name}' has no valid pattern ({exc})") from None
        out.append(Rule(name, source, pattern, {k: v for k, v in entry.items() if k not in _RESERVED}))
    return tuple(out)
