"""Country names in the reader's language, and each country's colour (the same in every figure)."""

from __future__ import annotations

from functools import cache

import pandas as pd
import pycountry
from babel import Locale

from helpers.report.i18n import LOCALES, catalogue, get_language

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


def country_name(iso3: str, *, case: str = "") -> str:
    """Return a country's common name in the current language from its ISO3 code.

    "Kazakhstan" in English, "Казахстан" in Russian (from Babel's locale data, unless the
    catalogue's ``[country]`` section names it as the country itself does: "Кыргызстан");
    the code itself if it is unknown. ``case="dative"`` gives the form after «по»
    («по Кыргызстану») where the catalogue's ``[country_dative]`` has it, else the name.
    """
    names = catalogue(get_language())
    if case and f"country_{case}.{iso3}" in names:
        return names[f"country_{case}.{iso3}"]
    return names.get(f"country.{iso3}") or _name(iso3, get_language())


def publisher_names(sources: pd.DataFrame) -> list[str]:
    """Return each source's publisher line in the current language, in the rows' order.

    Russian pages use ``publisher_ru`` («Интерфакс», НИАТ «Ховар», "со ссылкой на …") where it
    is filled in, else the publisher as the data gives it.
    """
    names = list(sources["publisher"])
    if get_language() != "ru" or "publisher_ru" not in sources.columns:
        return [str(n) for n in names]
    return [
        str(ru) if isinstance(ru, str) and ru else str(en)
        for en, ru in zip(names, sources["publisher_ru"], strict=True)
    ]


def country_colour(iso3: str) -> str:
    """Return the country's colour, the same in every figure."""
    if iso3 in COUNTRY_COLOURS:
        return COUNTRY_COLOURS[iso3]
    return _EXTRA_COLOURS[sum(map(ord, iso3)) % len(_EXTRA_COLOURS)]
