"""Places geocoded offline: a written place name -> a point, its country and admin1.

``gazetteer`` builds the table of known places (GeoNames, pycountry, annalyst's regions and
aliases) and keeps it on disk; ``lookup`` reads a written name, with its cues, against it;
``written`` holds the lookup key and the cue words of ``annalyst/data/places/cues.yaml``.

    >>> geocode("Al-Raqqah", countries=("SY",)).name
    'Ar Raqqah'
"""
from .lookup import Place, geocode, place_names
from .written import normalise

__all__ = ["Place", "geocode", "place_names", "normalise"]
