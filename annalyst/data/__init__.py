"""Knowledge kept as data: alias tables, lexicons, label maps. Loaded lazily, cached."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """The parsed YAML data file ``annalyst/data/<name>``."""
    return yaml.safe_load(files("annalyst.data").joinpath(name).read_text(encoding="utf-8"))


_RAW_FIELD = {"type": "raw", "multi": True}


def field_spec(field: str) -> dict:
    """A profile field's type and multiplicity, from ``infobox_fields.yaml``; a field the table
    does not list (a raw infobox label kept as its own field) is a list of texts."""
    return load_yaml("infobox_fields.yaml")["fields"].get(field, _RAW_FIELD)
