"""Reader language: one string catalogue per language, and numbers and dates by locale (Babel).

Reports are written in English (``en``, the default) or Russian (``ru``). The texts the code
writes live in ``locales/<language>.toml`` and are asked for by key with ``t``; the sentences a
notebook shows are written in it in English and translated in ``locales/ru.po``
(``helpers.report.messages``). Numbers and dates are formatted by Babel for the current
language: "2,189" and "31 July 2024" in English, "2 189" (a thin space between thousands) and
"31 июля 2024 г." in Russian.

Counted nouns agree with their number through Babel's CLDR plural rules: a catalogue entry may be
a table of plural forms (``one``, ``few``, ``many``, ``other``), read with ``t_plural``: "74
женщины", "522 ребёнка", "5 операций". Date ranges, months and year spans follow the language's
rules too: "1 января — 31 декабря 2019 г.", "сентябрь 2025 г.", "2019–2021 гг.".
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from babel import Locale
from babel.dates import format_date
from babel.lists import format_list
from babel.numbers import format_decimal, format_percent

from helpers.data.vocab import LANGUAGES

"""The languages a report can be written in; the first is the default."""
LOCALES = {"en": "en_GB", "ru": "ru_RU"}
LOCALES_DIR = Path(__file__).parent / "locales"
_THIN_SPACE = "\u202f"
_current = LANGUAGES[0]


class UnknownLanguageError(ValueError):
    """A language other than those in ``LANGUAGES`` was asked for."""


def check_language(language: str) -> str:
    """Return ``language`` if reports can be written in it; raise UnknownLanguageError if not."""
    if language not in LANGUAGES:
        raise UnknownLanguageError(
            f"language {language!r} is not available; choose one of: {', '.join(LANGUAGES)}"
        )
    return language


def set_language(language: str) -> None:
    """Write what follows in ``language`` (``en`` or ``ru``)."""
    global _current
    _current = check_language(language)


def get_language() -> str:
    """Return the language reports are being written in."""
    return _current


@contextmanager
def using(language: str) -> Iterator[None]:
    """Write in ``language`` inside the ``with`` block, then go back to the previous one."""
    previous = _current
    set_language(language)
    try:
        yield
    finally:
        set_language(previous)


@cache
def catalogue(language: str) -> dict[str, str]:
    """Return the flat ``key -> text`` catalogue of ``language`` (sections joined by dots)."""
    data = tomllib.loads((LOCALES_DIR / f"{check_language(language)}.toml").read_text("utf-8"))
    flat: dict[str, str] = {}

    def walk(prefix: str, node: dict[str, Any]) -> None:
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, dict):
                walk(name + ".", value)
            else:
                flat[name] = str(value)

    walk("", data)
    return flat


def t(key: str, /, **values: Any) -> str:
    """Return the text of ``key`` in the current language, with ``{name}`` fields filled in."""
    text = catalogue(_current).get(key)
    if text is None:
        raise KeyError(f"no text for {key!r} in locales/{_current}.toml")
    return text.format(**values) if values else text


def t_plural(key: str, n: int, /, *, number: str | None = None, **values: Any) -> str:
    """Return the form of ``key`` that agrees with the number ``n``, with ``{n}`` filled in.

    ``key`` names a table of CLDR plural forms in the catalogue (``one``, ``few``, ``many``,
    ``other``; English needs only ``one`` and ``other``). The form is chosen by Babel's plural
    rule for the current language: ``t_plural("plural.children", 522)`` is "522 children" or
    "522 ребёнка". ``{n}`` is ``n`` as written in running text (``fmt_int(n, prose=True)``),
    or ``number`` when the number is already written ("не менее 522", a link).
    """
    form = Locale.parse(_locale()).plural_form(abs(int(n)))
    names = catalogue(_current)
    text = names.get(f"{key}.{form}") or names.get(f"{key}.other")
    if text is None:
        raise KeyError(f"no plural forms for {key!r} in locales/{_current}.toml")
    return text.format(n=fmt_int(n, prose=True) if number is None else number, **values)


def _locale() -> str:
    return LOCALES[_current]


def fmt_int(value: int, *, prose: bool = False) -> str:
    """Write a whole number with the locale's thousands separator ("2,189", "2 189").

    With ``prose``, a number of four digits in Russian running text has no separator ("2189",
    as Russian typography writes it outside tables); larger ones keep a no-break thin space.
    """
    if prose and _current == "ru" and abs(int(value)) < 10_000:
        return str(int(value))
    return format_decimal(int(value), locale=_locale()).replace("\u00a0", _THIN_SPACE)


def fmt_list(items: list[str]) -> str:
    """Join words as the language lists them ("KGZ and TJK", "A, B и C"), by Babel's CLDR data."""
    return format_list(list(items), locale=_locale()) if items else ""


def fmt_decimal(value: float, digits: int = 2) -> str:
    """Write a number with ``digits`` decimals ("3.52", "3,52")."""
    pattern = "#,##0." + "0" * digits if digits else "#,##0"
    text = format_decimal(float(value), format=pattern, locale=_locale())
    return text.replace("\u00a0", _THIN_SPACE)


def fmt_percent(value: float) -> str:
    """Write a share (0-1) as a percentage with one decimal ("72.0%", "72,0 %")."""
    text = format_percent(float(value), format="#,##0.0%", locale=_locale())
    return text.replace("\u00a0", _THIN_SPACE)


def fmt_date(value: Any) -> str:
    """Write a date in full ("31 July 2024", "31 июля 2024 г.")."""
    return format_date(_as_date(value), format="long", locale=_locale())


_MONTH_PATTERNS = {"en": "LLLL y", "ru": "LLLL y\u202f'г'."}
_YEAR_SUFFIX = {"en": ("", ""), "ru": ("\u202fг.", "\u202fгг.")}
_DAY_MONTH = {"en": "d MMMM", "ru": "d MMMM"}
_DASH = {"en": " – ", "ru": " — "}


def fmt_month(value: Any) -> str:
    """Write a month and year ("July 2024", "июль 2024 г.")."""
    return format_date(_as_date(value), format=_MONTH_PATTERNS[_current], locale=_locale())


def fmt_year(year: int) -> str:
    """Write a year on its own in running text ("2019", "2019 г.")."""
    return f"{int(year)}{_YEAR_SUFFIX[_current][0]}"


def fmt_year_range(first: int, last: int) -> str:
    """Write a span of years with an en dash ("2019–2021", "2019–2021 гг."); one year alone."""
    if int(first) == int(last):
        return fmt_year(first)
    return f"{int(first)}–{int(last)}{_YEAR_SUFFIX[_current][1]}"


def fmt_date_range(start: Any, end: Any) -> str:
    """Write the days from ``start`` to ``end``, never with " to " between two ISO dates.

    "1 January – 31 December 2019" or "1 января — 31 декабря 2019 г."; days of one month share
    it ("7–9 May 2019", "7–9 мая 2019 г."); one day is written once. An empty start or end
    gives the other date alone.
    """
    if _is_empty(start) or _is_empty(end):
        known = end if _is_empty(start) else start
        return "" if _is_empty(known) else fmt_date(known)
    first, last = _as_date(start), _as_date(end)
    if first == last:
        return fmt_date(last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{fmt_date(last)}"
    if first.year == last.year:
        head = format_date(first, format=_DAY_MONTH[_current], locale=_locale())
        return f"{head}{_DASH[_current]}{fmt_date(last)}"
    return f"{fmt_date(first)}{_DASH[_current]}{fmt_date(last)}"


def _is_empty(value: Any) -> bool:
    if value is None or (isinstance(value, str) and not value):
        return True
    try:
        return bool(value != value)  # NaN and NaT are not equal to themselves
    except (TypeError, ValueError):
        return False


def fmt_partial_date(value: Any) -> str:
    """Write a date known to the year, month or day: "2024", "July 2024", "31 July 2024".

    In Russian: "2024", "июль 2024 г.", "31 июля 2024 г." (a bare year is left as it is, for
    tables; ``fmt_year`` writes it for running text).
    """
    text = str(value)
    if isinstance(value, str) and len(text) == 4:
        return text
    if isinstance(value, str) and len(text) == 7:
        return fmt_month(text + "-01")
    return fmt_date(value)


def _as_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if hasattr(value, "date"):
        return value.date()
    return dt.date.fromisoformat(str(value)[:10])
