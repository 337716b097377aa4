"""Country names in the reader's language, and each country's colour (the same in every figure)."""

from __future__ import annotations

from functools import cache

import pycountry
from babel import Locale

from helpers.i18n import LOCALES, catalogue, get_language

# Okabe-Ito palette: distinguishable with the common forms of colour blindness.
COUNTRY_COLOURS = {
    "KAZ": "#0072B2",
    "KGZ": "#D55E00",
    "TJK": "#009E73",
    "UZB": "#E69F00",
}
_EXTRA_COLOURS = ("#CC79A7", "#56B4E9", "#F0E442", "#000000")


@cache
def _name(iso3: str, language: str) -> str:
    country = pycountry.countries.get(alpha_3=iso3)
    if country is None:
        return iso3
    territories = Locale.parse(LOCALES[language]).territories
    return territories.get(country.alpha_2) or getattr(country, "common_name", None) or country.name


def country_name(iso3: str) -> str:
    """Return a country's common name in the current language from its ISO3 code.

    "Kazakhstan" in English, "Казахстан" in Russian (from Babel's locale data, unless the
    catalogue's ``[country]`` section names it as the country itself does: "Кыргызстан");
    the code itself if it is unknown.
    """
    names = catalogue(get_language())
    return names.get(f"country.{iso3}") or _name(iso3, get_language())


def country_colour(iso3: str) -> str:
    """Return the country's colour, the same in every figure."""
    if iso3 in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[iso3]
    return _EXTRA_COLOURS[sum(map(ord, iso3)) % len(_EXTRA_COLOURS)]
