"""The errors annalyst raises: a shallow tree under one base class."""
from __future__ import annotations


class AnnalystError(Exception):
    """Base class: every error annalyst raises on bad input is one of these."""


class InputError(AnnalystError):
    """A file or text that cannot be read; the message names it and the position."""

    def __init__(self, path: object, reason: str, position: int | None = None):
        where = f"{path}" if position is None else f"{path}:{position}"
        super().__init__(f"{where}: {reason}")
        self.path = path
        self.reason = reason
        self.position = position


class StoreError(AnnalystError):
    """The store could not be opened or written."""
