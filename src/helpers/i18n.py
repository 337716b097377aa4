"""Reader language: one string catalogue per language, and numbers and dates by locale (Babel).

Reports are written in English (``en``, the default) or Russian (``ru``). Every reader-facing
string lives in ``locales/<language>.toml``; code asks for it by key with ``t``. Numbers and dates
are formatted by Babel for the current language: "2,189" and "31 July 2024" in English,
"2 189" (a thin space between thousands) and "31 июля 2024 г." in Russian.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

LANGUAGES = ("en", "ru")
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


def _locale() -> str:
    return LOCALES[_current]


def fmt_int(value: int) -> str:
    """Write a whole number with the locale's thousands separator ("2,189", "2 189")."""
    return format_decimal(int(value), locale=_locale()).replace("\u00a0", _THIN_SPACE)


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


def fmt_month(value: Any) -> str:
    """Write a month and year ("July 2024", "июль 2024")."""
    return format_date(_as_date(value), format="LLLL y", locale=_locale())


def fmt_partial_date(value: Any) -> str:
    """Write a date known to the year, month or day: "2024", "July 2024", "31 July 2024"."""
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
