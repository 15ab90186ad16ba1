"""The text a reader renders from markup, as it grows, and where each piece of it came from."""
from __future__ import annotations

from dataclasses import dataclass, field

from typing import Callable

from annalyst.model import InfoboxRow, Segment, Span

__all__ = ["Writer"]


@dataclass
class Writer:
    """The rendered text as it grows, and where each piece came from."""

    parts: list[str] = field(default_factory=list)
    origin: list[Segment] = field(default_factory=list)
    pos: int = 0

    def write(self, text: str, markup_start: int | None = None, markup_end: int | None = None) -> Span:
        start = self.pos
        if text:
            self.parts.append(text)
            self.pos += len(text)
            if markup_start is not None:
                self.origin.append(Segment(start, self.pos, markup_start, markup_end))
        return Span(start, self.pos)

    def envelope(self, start: int, markup_start: int, markup_end: int) -> None:
        """Tie what was written since ``start`` to the whole construct it came from (a link, a flag):
        a value shown from a link points to the link."""
        if self.pos > start:
            self.origin.append(Segment(start, self.pos, markup_start, markup_end))

    def newline(self) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.write("\n")

    def text(self) -> str:
        return "".join(self.parts)

    def since(self, start: int) -> str:
        """The text written from ``start`` on (a position this writer has passed)."""
        out, pos = [], self.pos
        for part in reversed(self.parts):
            if pos <= start:
                break
            out.append(part)
            pos -= len(part)
        return "".join(reversed(out))[start - pos:]

    def stripped_since(self, start: int) -> Span:
        """The span written from ``start`` on, without the white space around it."""
        written = self.since(start)
        kept = written.strip(" \t\r\n\u00a0")
        first = start + (written.index(kept) if kept else 0)
        return Span(first, first + len(kept))

    def row(self, label: str, write_value: Callable[[], None]) -> InfoboxRow:
        """A "Label value" row on its own line: the value is what ``write_value`` writes, one value
        line per non-blank line of it."""
        self.newline()
        label_span = self.write(label)
        self.write(" ")
        start = self.pos
        write_value()
        written = self.since(start)
        lines = []
        offset = start
        for line in written.split("\n"):
            stripped = line.strip(" \t\u00a0")
            if stripped:
                first = offset + line.index(stripped)
                lines.append(Span(first, first + len(stripped)))
            offset += len(line) + 1
        self.newline()
        value = Span(lines[0].start, lines[-1].end) if lines else Span(start, start)
        return InfoboxRow(label=label, label_span=label_span, value_span=value, value_lines=tuple(lines),
                          form="rendered")
