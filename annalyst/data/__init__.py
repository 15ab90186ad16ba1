"""Knowledge kept as data: alias tables, lexicons, label maps. Loaded lazily, cached."""
from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import Any


@lru_cache(maxsize=None)
def load_yaml(name: str) -> Any:
    """The parsed YAML data file ``annalyst/data/<name>``."""
    import yaml  # here, not at the top: commands that read no data file start faster without it

    # libyaml's safe loader when PyYAML has it: the same result, some ten times faster on the large
    # tables (actors.yaml), which even commands that only read the store may need
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(files("annalyst.data").joinpath(name).read_text(encoding="utf-8"), Loader=loader)


_RAW_FIELD = {"type": "raw", "multi": True}


def field_spec(field: str) -> dict:
    """A profile field's type and multiplicity, from ``infobox_fields.yaml``; a field the table
    does not list (a raw infobox label kept as its own field) is a list of texts."""
    return load_yaml("infobox_fields.yaml")["fields"].get(field, _RAW_FIELD)
