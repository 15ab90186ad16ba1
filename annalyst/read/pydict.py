"""The ``Information box`` line: an infobox dumped as a Python-literal dict.

Half of the rendered Wikipedia scrapes in the corpora end with a marker line
(``Information box``) and then one line such as
``{'Born': '19 June 1922\\nCopenhagen, Denmark', 'Fields': 'Nuclear physics'}``:
each key is a rendered label, each value the rendered cell, with its line breaks
written as ``\\n`` escapes.

The line is parsed with :func:`ast.parse` (a literal, never evaluated) and every
key and value is mapped back to the characters it was written with, so that
evidence quotes the stored text exactly. A cell's lines become the row's value
lines, each a span of the stored text; a row whose label starts with a bullet
("• Density") is a sub-row of the row before it, as the rendered table shows it.
"""
from __future__ import annotations

import ast
import re
import warnings
from bisect import bisect_right
from itertools import accumulate

from annalyst.model import InfoboxRow, Span

FORM = "dict"
_ESCAPE = re.compile(r"\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|N\{[^}]*\}|[0-7]{1,3}|.)", re.S)
_SIMPLE = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", "'": "'", '"': '"', "a": "\a", "b": "\b",
           "f": "\f", "v": "\v", "\n": ""}
_SUB_ROW = re.compile(r"^[\s•·]*[•·]\s*")


def unescape(written: str) -> str:
    """The text a piece of a string literal stands for ("People\\'s" -> "People's")."""
    def one(m: re.Match) -> str:
        body = m.group()[1:]
        if body[0] in "xuU":
            return chr(int(body[1:], 16))
        if body[0].isdigit():
            return chr(int(body, 8))
        if body.startswith("N{"):
            import unicodedata
            try:
                return unicodedata.lookup(body[2:-1])
            except KeyError:
                return m.group()
        return _SIMPLE.get(body, m.group())
    return _ESCAPE.sub(one, written)


def dict_rows(text: str, line: Span) -> tuple[InfoboxRow, ...] | None:
    """The rows of a dict line, or None when the line is not a literal dict of strings."""
    source = text[line.start:line.end]
    if not source.lstrip().startswith("{"):
        return None
    try:
        with warnings.catch_warnings():  # an invalid escape ("\\d") warns, and is still a literal
            warnings.simplefilter("ignore")
            tree = ast.parse(source.strip(), mode="eval")
    except (SyntaxError, ValueError, MemoryError, RecursionError):
        return None
    if not isinstance(tree.body, ast.Dict):
        return None
    lead = len(source) - len(source.lstrip())
    chars = _char_offsets(source.strip())
    rows: list[InfoboxRow] = []
    parent: str | None = None
    stripped = source.strip()
    for key, value in zip(tree.body.keys, tree.body.values):
        if not (_plain(key, stripped, chars) and _plain(value, stripped, chars)):
            continue
        key_span = _inner(key, chars, line.start + lead)
        label = " ".join(key.value.split())
        if not label:
            parent = None
            label_span = Span(key_span.start, key_span.start)
        elif _SUB_ROW.match(label):
            sub = _SUB_ROW.sub("", label)
            label = f"{parent} • {sub}" if parent else sub
            label_span = _trimmed(text, key_span)
        else:
            parent, label_span = label, _trimmed(text, key_span)
        value_span = _inner(value, chars, line.start + lead)
        lines = tuple(_cell_lines(text, value_span))
        rows.append(InfoboxRow(label, label_span, value_span, lines, form=FORM))
    return tuple(rows)


def _plain(node: ast.AST | None, source: str, chars: list[int]) -> bool:
    """A string written as one plain quoted literal, as ``repr`` writes it: no prefix, no triple
    quotes, no implicit concatenation ("'A' 'B'"), so that its quotes bound its text."""
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    start = bisect_right(chars, node.col_offset) - 1
    end = bisect_right(chars, node.end_col_offset) - 1
    written = source[start:end]
    return (len(written) >= 2 and written[0] in "'\"" and written[-1] == written[0]
            and not written.startswith(written[0] * 3) and not _ends_early(written))


def _ends_early(written: str) -> bool:
    """Whether the literal's opening quote closes before its end ("'A' 'B'")."""
    quote, i = written[0], 1
    while i < len(written) - 1:
        if written[i] == "\\":
            i += 2
            continue
        if written[i] == quote:
            return True
        i += 1
    return False


def _char_offsets(source: str) -> list[int]:
    """For each character, the UTF-8 byte offset it starts at (ast counts bytes)."""
    return [0, *accumulate(len(c.encode("utf-8")) for c in source)]


def _inner(node: ast.Constant, chars: list[int], base: int) -> Span:
    """The span between a string constant's quotes, in characters of the stored text."""
    start = bisect_right(chars, node.col_offset) - 1
    end = bisect_right(chars, node.end_col_offset) - 1
    return Span(base + start + 1, base + end - 1)


def _trimmed(text: str, span: Span) -> Span:
    s, e = span.start, span.end
    while s < e and (text[s].isspace() or text[s] in "•·"):
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Span(s, e)


def _cell_lines(text: str, inner: Span):
    """The cell's lines: the stored text between its ``\\n`` escapes, blank ones left out."""
    pos = inner.start
    for m in _ESCAPE.finditer(text, inner.start, inner.end):  # left to right, so "\\\\n" is no break
        if m.group() == "\\n":
            yield from _nonblank(text, Span(pos, m.start()))
            pos = m.end()
    yield from _nonblank(text, Span(pos, inner.end))


def _nonblank(text: str, span: Span):
    trimmed = _trimmed(text, span)
    if trimmed.end > trimmed.start and unescape(text[trimmed.start:trimmed.end]).strip():
        yield trimmed
