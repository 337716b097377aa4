"""Checks of the arguments every entry point shares: the date, the countries and the language.

The command line (``helpers.site.params``) and the public functions (``compute_country_totals``,
``compute_operations``…) call these, so a wrong value is refused with the same words wherever it
is given. Each raises ``ParameterError`` naming the parameter, the value given and what is
allowed; nothing here reads files.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from helpers.data.errors import ParameterError
from helpers.data.vocab import LANGUAGES

_YEAR = re.compile(r"\d{4}")
_MONTH = re.compile(r"\d{4}-\d{2}")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
DATE_RULE = (
    "a date written YYYY-MM-DD (a year YYYY or a month YYYY-MM is read as its last day), "
    "or empty for the latest date in the data"
)
"""What a date parameter accepts, in the words every refusal uses."""


def _as_date(value: Any) -> pd.Timestamp | None:
    """Return ``value`` as a day, reading a year or a month as its last day; None if unreadable."""
    if pd.api.types.is_number(value) or isinstance(value, bool):  # 2023 is no date
        return None
    if not isinstance(value, str):  # a date, Timestamp or numpy datetime64
        try:
            when = pd.Timestamp(value)
        except (TypeError, ValueError):
            return None
        return None if pd.isna(when) else when.normalize()
    text = value.strip()
    if _YEAR.fullmatch(text):
        return pd.Timestamp(int(text), 12, 31)
    if _MONTH.fullmatch(text):
        year, month = (int(part) for part in text.split("-"))
        if not 1 <= month <= 12:
            return None
        return pd.Timestamp(year, month, 1) + pd.offsets.MonthEnd(0)
    if not _DAY.fullmatch(text):  # fromisoformat would also take 20231231 or 2023-W52
        return None
    try:
        return pd.Timestamp(dt.date.fromisoformat(text))
    except ValueError:
        return None


def check_as_of(as_of: Any, latest: Any = None, *, name: str = "as_of") -> pd.Timestamp | None:
    """Return the date ``as_of`` stands for, or None when it is empty (the latest date).

    Accepted: ``YYYY-MM-DD`` text, a ``datetime.date`` or ``pd.Timestamp``, and, read as the last
    day of the period, a year (``"2023"`` is 31 December 2023) or a month (``"2023-06"`` is 30
    June 2023). Anything else ("31/12/2023", "12/31/2023", 2023 as a number) raises
    ``ParameterError``. With ``latest`` (the latest date in the data), a later date is refused:
    nothing is known after it.
    """
    if as_of is None or (isinstance(as_of, str) and not as_of.strip()):
        return None
    when = _as_date(as_of)
    if when is None:
        raise ParameterError(f"parameter '{name}' must be {DATE_RULE}; got {as_of!r}")
    if latest is not None and not pd.isna(latest) and when > pd.Timestamp(latest):
        last = pd.Timestamp(latest).date().isoformat()
        raise ParameterError(
            f"parameter '{name}': {when.date().isoformat()} is after the latest date in the data "
            f"({last}); nothing is known after it. Give a date up to {last}, or leave it empty"
        )
    return when


def check_countries(
    countries: Any, known: Iterable[str], *, name: str = "countries"
) -> list[str] | None:
    """Return the ISO3 codes asked for, upper-case and in the order given; None means all.

    ``countries`` is one code (``"kaz"``), codes separated by commas (``"KAZ,UZB"``) or a list
    of codes, in any case. A code not in ``known`` (the codes the data has), a country's name,
    an empty list or a value of another type raises ``ParameterError`` naming the valid codes.
    """
    valid = sorted({str(code) for code in known})
    if countries is None:
        return None
    if isinstance(countries, str):
        given = [part.strip() for part in countries.split(",") if part.strip()]
    elif isinstance(countries, list | tuple | set | frozenset | pd.Series | pd.Index) and all(
        isinstance(code, str) for code in countries
    ):
        given = [code.strip() for code in countries]
    else:
        raise ParameterError(
            f"parameter '{name}' must be an ISO3 code, a list of ISO3 codes or a comma-separated "
            f"string such as 'KAZ,UZB'; got {countries!r}; valid codes: {', '.join(valid)}"
        )
    chosen = [code.upper() for code in given]
    unknown = [code for code in given if code.upper() not in valid]
    if unknown or not chosen:
        raise ParameterError(
            f"parameter '{name}': {', '.join(unknown) or 'nothing given'} not in the data; "
            f"valid codes: {', '.join(valid)}"
        )
    return list(dict.fromkeys(chosen))


def check_country(country: Any, known: Iterable[str]) -> str:
    """Return the one ISO3 code of a one-country report (any case); refuse anything else."""
    if not isinstance(country, str) or "," in country:
        valid = ", ".join(sorted({str(code) for code in known}))
        raise ParameterError(
            f"parameter 'country' must be one ISO3 code; got {country!r}; valid codes: {valid}"
        )
    return (check_countries(country, known, name="country") or [])[0]


def check_language(language: Any) -> str:
    """Return ``language`` if reports can be written in it (``en`` or ``ru``); refuse others."""
    if not isinstance(language, str) or language not in LANGUAGES:
        raise ParameterError(
            f"parameter 'language' must be one of: {', '.join(LANGUAGES)}; got {language!r}"
        )
    return language


def check_query(
    frame: pd.DataFrame, as_of: Any, countries: Any
) -> tuple[pd.Timestamp | None, list[str] | None]:
    """Check the ``as_of`` and ``countries`` of a public function reading ``frame``.

    ``frame`` is a table with ``country_iso3`` (statements or figures): its codes are the valid
    ones. Returns the date (None for the latest) and the codes (None for all). A date after the
    frame's latest is allowed here (the dataset's other tables may run later, and ``as_of``
    says which date a total is for); ``validate_parameters`` refuses one after all the data.
    """
    when = check_as_of(as_of)
    codes = check_countries(countries, frame["country_iso3"].dropna().unique())
    return when, codes


def unknown_parameter_message(name: str, declared: Iterable[str], notebook: str = "") -> str:
    """Word the refusal of a parameter a notebook does not declare, listing those it does."""
    where = f" for {notebook}" if notebook else " for this notebook"
    return f"unknown parameter '{name}'{where}; its parameters are: {', '.join(declared)}"


def check_years(years: Any) -> tuple[int, int] | None:
    """Return the span of years a figure shows, ``(first, last)`` inclusive; None for the data's.

    Refuses anything but two whole years in order, such as ``(2019, 2025)``.
    """
    if years is None:
        return None
    ok = (
        isinstance(years, list | tuple)
        and len(years) == 2
        and all(isinstance(y, int) and not isinstance(y, bool) for y in years)
        and years[0] <= years[1]
    )
    if not ok:
        raise ParameterError(
            "parameter 'years' must be two whole years, first then last, such as (2019, 2025); "
            f"got {years!r}"
        )
    return int(years[0]), int(years[1])
