"""Reader-facing names: country names, colours, and plain-language labels for groups and columns."""

from __future__ import annotations

from functools import cache

import pycountry

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
COUNTRY_COLOURS = {
    "KAZ": "#0072B2",
    "KGZ": "#D55E00",
    "TJK": "#009E73",
    "UZB": "#E69F00",
}
_EXTRA_COLOURS = ("#CC79A7", "#56B4E9", "#F0E442", "#000000")

GROUP_LABELS = {
    "women": "Women",
    "children": "Children",
    "men": "Men",
    "women_and_children": "Women and children (not split)",
    "unspecified": "Not specified",
    "not specified": "Not specified",
}
GROUP_COLOURS = {
    "women": "#CC79A7",
    "children": "#56B4E9",
    "men": "#009E73",
    "women_and_children": "#9A84C2",
    "unspecified": "#BBBBBB",
}


@cache
def country_name(iso3: str) -> str:
    """Return the common English name of a country from its ISO3 code (the code if unknown)."""
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    return getattr(country, "common_name", None) or country.name


def country_colour(iso3: str) -> str:
    """Return the country's colour, the same in every figure."""
    if iso3 in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[iso3]
    return _EXTRA_COLOURS[sum(map(ord, iso3)) % len(_EXTRA_COLOURS)]
