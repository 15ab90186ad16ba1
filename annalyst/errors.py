"""The errors annalyst raises: a shallow tree under one base class."""
from __future__ import annotations

import os


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


class PageError(AnnalystError):
    """An unexpected failure while extracting one page: the page is named and skipped.

    It is still a bug (the message says so), but it costs one page, never the batch.
    """

    def __init__(self, path: object, exc: BaseException):
        where = getattr(exc, "__traceback__", None)
        while where is not None and where.tb_next is not None:
            where = where.tb_next
        site = f" at {os.path.basename(where.tb_frame.f_code.co_filename)}:{where.tb_lineno}" if where else ""
        super().__init__(f"{path}: page skipped, extraction failed ({type(exc).__name__}: {exc}{site});"
                         " this is a bug in annalyst, please report it")
        self.path = path
        self.cause = exc


class StoreError(AnnalystError):
    """The store could not be opened or written."""


class EngineError(AnnalystError):
    """The engine that runs the extraction elsewhere (Spark) could not start, or stopped; the pages
    stored before it did are kept."""
