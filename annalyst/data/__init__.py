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
