"""Columns for readers: each value of a table as text in the report's language.

Country names, "≥" on lower bounds, shares as percentages or ranges, dates as precisely as they
are known, the data's English notes or their Russian twins; "not reported" never as 0.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.vocab import AT_LEAST, COUNT_COLUMNS, GROUPS, is_missing
from helpers.report.i18n import (
    catalogue,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_partial_date,
    fmt_percent,
    get_language,
    t,
)
from helpers.report.names import country_name
from helpers.report.wording import format_count, group_label

SHARE_COLUMNS = ("children_share", "children_share_low", "children_share_high")
RATE_COLUMNS = ("returned_per_100k",)
YEAR_COLUMNS = ("population_year", "year")
DATE_COLUMNS = ("as_of", "latest_count_date", "date_end", "published")
BOUND_COLUMNS = {"total_returned": "total_is_lower_bound"} | {
    c: f"{c}_is_lower_bound" for c in COUNT_COLUMNS
}
"""Count columns and the flag that marks each as a lower bound."""
CEILING_COLUMNS = {f"{g}_high": f"{g}_low" for g in GROUPS} | {
    "children_share_high": "children_share_low"
}
"""Ceilings and their floors: an empty ceiling beside a known floor has no upper end."""
TRANSLATED_COLUMNS = {"note": "note_ru", "publisher": "publisher_ru"}
"""Columns of the data written in English, and their Russian twin shown on Russian pages."""


def shown_column(column: str) -> str:
    """Return the column shown in place of ``column`` in the current language.

    A Russian page shows the project's Russian translation of a quote (``quote_ru``) where an
    English one shows ``quote_en``.
    """
    return "quote_ru" if column == "quote_en" and get_language() == "ru" else column


def header(column: str) -> str:
    """Return the reader's header of a column in the current language."""
    key = f"column.{shown_column(column)}"
    if key in catalogue(get_language()):
        return t(key)
    return column.replace("_", " ").capitalize()


def _cell(value: object, missing: str) -> str:
    if is_missing(value):
        return missing
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    if isinstance(value, pd.Timestamp):
        return fmt_date(value)
    if isinstance(value, int):
        return fmt_int(value)
    return str(value)


def localised(df: pd.DataFrame, col: str) -> tuple[pd.Series, list[str | None]]:
    """Return the values shown for ``col`` and, per row, the language they are in if not the page's.

    On a Russian page a note or publisher is the Russian twin where it is filled in, else the
    English original (marked ``en``); the translation column is ``quote_ru`` where given, else
    ``quote_en`` (marked ``en``) for a source in neither language.
    """
    values = df[col] if col in df.columns else pd.Series([None] * len(df), index=df.index)
    page = get_language()
    marks: list[str | None] = [None] * len(df)
    if page != "ru" or col not in (*TRANSLATED_COLUMNS, "quote_en"):
        return values, marks
    twin = TRANSLATED_COLUMNS.get(col, "quote_ru")
    ru = df[twin] if twin in df.columns else pd.Series([None] * len(df), index=df.index)
    said = df["language"] if "language" in df.columns else pd.Series([None] * len(df))
    out = []
    for i, (orig, own, lang) in enumerate(zip(values, ru, said, strict=True)):
        if not is_missing(own) and str(own):
            out.append(own)
        elif col == "quote_en" and lang == "ru":  # the quote itself is Russian
            out.append(None)
        else:
            out.append(orig)
            marks[i] = None if is_missing(orig) or not str(orig) else "en"
    return pd.Series(out, index=df.index, dtype=object), marks


def _known_date(start: object, end: object) -> str:
    """Write a figure's date as precisely as it is known: a whole month or year as such."""
    if is_missing(end):
        return t("count.not_reported")
    end = pd.Timestamp(end)  # type: ignore[arg-type]
    if not is_missing(start):
        start = pd.Timestamp(start)  # type: ignore[arg-type]
        whole_month = (
            start.day == 1
            and end.is_month_end
            and (start.year, start.month)
            == (
                end.year,
                end.month,
            )
        )
        if whole_month:
            return fmt_partial_date(f"{end.year}-{end.month:02d}")
        if (start.month, start.day, end.month, end.day) == (
            1,
            1,
            12,
            31,
        ) and start.year == end.year:
            return fmt_partial_date(str(end.year))
    return fmt_partial_date(end)


def _column(df: pd.DataFrame, col: str) -> list[str]:
    values, _ = localised(df, col)
    if col in TRANSLATED_COLUMNS or col == "quote_en":
        return ["—" if is_missing(v) or not str(v) else str(v) for v in values]
    if col == "country_iso3":
        return [country_name(v) if not is_missing(v) else t("word.regional") for v in values]
    if col == "children_share" and "children_share_bound" in df.columns:
        from helpers.report.wording import format_share

        ends = [
            df.get(f"children_share_{end}", pd.Series([None] * len(df))) for end in ("low", "high")
        ]
        return [
            format_share(v, b, lo, hi)
            for v, b, lo, hi in zip(values, df["children_share_bound"], *ends, strict=True)
        ]
    if col in SHARE_COLUMNS and "total_is_lower_bound" in df.columns:
        from helpers.model.bounds import UNKNOWN, share_bound
        from helpers.report.wording import format_share

        # Over a total that is only a floor (and no high end), the ends of the children's range
        # are no bounds at all; the share itself is at most what it says unless the children
        # are a floor too.
        none = pd.Series([None] * len(df), index=df.index)
        high = df.get("total_high", none)
        children = df.get("children_is_lower_bound", none)
        bounds = [
            share_bound(c, f)
            if col == "children_share"
            else (UNKNOWN if not is_missing(f) and bool(f) and is_missing(h) else None)
            for c, f, h in zip(children, df["total_is_lower_bound"], high, strict=True)
        ]
        return [format_share(v, b) for v, b in zip(values, bounds, strict=True)]
    if col in SHARE_COLUMNS:
        return [t("count.not_reported") if is_missing(v) else fmt_percent(v) for v in values]
    if col in RATE_COLUMNS and f"{col}_is_lower_bound" in df.columns:
        from helpers.report.wording import format_rate

        flags = df[f"{col}_is_lower_bound"]
        return [format_rate(v, f) for v, f in zip(values, flags, strict=True)]
    if col in RATE_COLUMNS:
        return [t("count.not_reported") if is_missing(v) else fmt_decimal(v) for v in values]
    if col in YEAR_COLUMNS:
        return ["" if is_missing(v) else str(int(v)) for v in values]
    if col == "date_end" and "date_start" in df.columns:  # "March 2021", not "31 March 2021"
        return [_known_date(a, b) for a, b in zip(df["date_start"], values, strict=True)]
    if col in DATE_COLUMNS:
        empty = t("evidence.undated") if col == "published" else t("count.not_reported")
        return [empty if is_missing(v) or not str(v) else fmt_partial_date(v) for v in values]
    if col == "group":
        return [group_label(str(v)) for v in values]
    if col == "field":
        return [t(f"field.{v}") for v in values]
    if col in ("channel", "derivation", "scope", "qualifier"):
        return [t(f"{col}.{v}") for v in values]
    if col == "basis":
        return [t(f"timeline.basis.{v}") for v in values]
    if col in BOUND_COLUMNS and BOUND_COLUMNS[col] in df.columns:
        flags = df[BOUND_COLUMNS[col]]
        return [format_count(v, bool(f)) for v, f in zip(values, flags.fillna(False), strict=True)]
    if col == "count" and "qualifier" in df.columns:
        flags = df["qualifier"] == AT_LEAST
        return [format_count(v, bool(f)) for v, f in zip(values, flags, strict=True)]
    missing = "—" if str(values.dtype) in ("string", "object") else t("count.not_reported")
    return [_cell(v.item() if hasattr(v, "item") else v, missing) for v in values]


def format_for_readers(df: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Return a copy for display: country names, "≥" on lower bounds, shares as percentages.

    Every value becomes text in the current language; an empty count or date reads "not
    reported", an empty ceiling beside a known floor "no upper end", empty text "—". Headers
    come from the catalogue. ``columns`` picks and orders the columns shown.
    """
    out = pd.DataFrame(index=df.index)
    for col in columns or list(df.columns):
        out[header(col)] = _column(df, col)
        if col in CEILING_COLUMNS and CEILING_COLUMNS[col] in df.columns:
            floors, ceilings = df[CEILING_COLUMNS[col]], df[col]
            out[header(col)] = [
                t("count.no_ceiling") if is_missing(c) and not is_missing(f) else cell
                for cell, f, c in zip(out[header(col)], floors, ceilings, strict=True)
            ]
    return out.reset_index(drop=True)
