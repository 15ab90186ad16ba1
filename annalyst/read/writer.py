"""The text a reader renders from markup, as it grows, and where each piece of it came from."""
from __future__ import annotations

from dataclasses import dataclass, field

from annalyst.model import Segment, Span

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
