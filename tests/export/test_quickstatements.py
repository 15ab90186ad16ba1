"""quickstatements: version 1 commands, each statement of a date or a count referenced by its quote."""
from __future__ import annotations

import re

import pytest

from annalyst.export.quickstatements import time_value

_LINE = re.compile(r'^(CREATE|LAST\t(L|A)[a-z]{2,3}\t"[^"\t]*"|LAST\tP\d+\t[^\t]+(\tS\d+\t[^\t]+)*)$')


def test_every_line_is_a_quickstatements_command(althistory, write):
    path, done = write(althistory, "quickstatements")
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines and all(_LINE.match(line) for line in lines), [x for x in lines if not _LINE.match(x)][:3]
    assert lines.count("CREATE") == done.counts["written"]


def test_dates_and_counts_are_the_stored_facts_with_their_quotes(althistory, write):
    path, _ = write(althistory, "quickstatements")
    text = path.read_text(encoding="utf-8")
    block = text.split("CREATE\n")[[i for i, b in enumerate(text.split("CREATE\n"))
                                    if '"Islamic State of Iraq and the Levant"' in b.split("\n")[0]][0]]
    assert 'LAST\tP571\t+1999-00-00T00:00:00Z/9\tS1683\ten:"1999"' in block
    assert 'LAST\tP576\t+2018-09-00T00:00:00Z/10\tS1683\ten:"September of 2018"' in block
    assert re.search(r"LAST\tP2124\t155250~102650\tS1683\ten:\"52,600–257,900\"", block)


@pytest.mark.parametrize("edtf, value", [("2014", "+2014-00-00T00:00:00Z/9"), ("2014-06", "+2014-06-00T00:00:00Z/10"),
                                         ("2014-06-10", "+2014-06-10T00:00:00Z/11"), ("-0049", "-0049-00-00T00:00:00Z/9"),
                                         ("2014~", None), ("201X", None)])
def test_plain_dates_become_times_at_their_precision(edtf, value):
    assert time_value(edtf) == value
