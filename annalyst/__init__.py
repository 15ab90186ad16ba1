"""annalyst: wiki articles and event reports about armed groups -> a cited knowledge base."""
from annalyst.errors import AnnalystError, InputError, StoreError
from annalyst.model import (Alias, Document, Entity, Evidence, Fact, InfoboxRow, Media,
                            Source, Span, Structure)

__version__ = "0.1.0"
__all__ = ["AnnalystError", "InputError", "StoreError", "Alias", "Document", "Entity",
           "Evidence", "Fact", "InfoboxRow", "Media", "Source", "Span", "Structure",
           "__version__"]
