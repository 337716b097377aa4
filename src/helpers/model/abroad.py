"""Who is reported still abroad: each figure's bounds as numbers, the latest of each kind, no sums.

The figures of ``abroad.csv`` are of different kinds (in a camp, imprisoned, detained, in armed
groups, abroad without saying how) and different places. They are never added up, across kinds
or otherwise, and never subtracted from returns: this module selects and orders them, and states
each one's bounds as numbers and a code. The words are ``helpers.report.abroad_text``'s.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.loading import partial_date_end
from helpers.data.vocab import (
    ABROAD_UNSPECIFIED,
    AT_LEAST,
    AT_MOST,
    DETAINED,
    EXACT,
    IMPRISONED,
    IN_ARMED_GROUPS,
    IN_CAMP,
)

KINDS = (IN_CAMP, IMPRISONED, DETAINED, IN_ARMED_GROUPS, ABROAD_UNSPECIFIED)
"""The kinds of "still abroad", in the order reports show them."""
BOUNDS = {EXACT: EXACT, AT_LEAST: "floor", AT_MOST: "ceiling", "range": "range"}
"""The code of the bound each qualifier states: "more than 10" is a floor, "up to 300" a ceiling."""
ABROAD_COLUMNS = ("date_end", "is_dated", "bound", "lower", "upper")
"""Columns ``select_abroad`` adds to the rows of abroad.csv."""


def figure_bounds(count: int, count_high: object, qualifier: str) -> tuple[int | None, int | None]:
    """Return the smallest and largest number a figure allows (None: no bound on that side).

    "More than 10" (10, at_least) allows 10 or more: (10, None). "Up to 300" (300, at_most)
    allows at most 300: (None, 300), never read as 300 or more. "250 to 300" is (250, 300).
    """
    if qualifier == AT_LEAST:
        return int(count), None
    if qualifier == AT_MOST:
        return None, int(count)
    if qualifier == "range":
        return int(count), int(count_high)  # type: ignore[arg-type]
    if qualifier == EXACT:
        return int(count), int(count)
    raise ValueError(f"unknown qualifier {qualifier!r}; allowed: {', '.join(BOUNDS)}")


def select_abroad(
    abroad: pd.DataFrame,
    countries: list[str] | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Return the figures of ``countries`` known by ``as_of``, with their bounds and end date.

    Adds ``date_end`` (the last day the ``date`` can mean: "2018" is 31 December 2018; empty
    when undated), ``is_dated``, ``bound`` (exact, floor, ceiling, range), ``lower`` and
    ``upper`` (the bounds as numbers, empty where there is none). Undated figures are kept
    (``is_dated`` false): nothing says they are later than ``as_of``, or earlier.
    """
    out = abroad.copy()
    if countries is not None:
        out = out[out["country_iso3"].isin(countries)]
    out["date_end"] = pd.to_datetime(
        [partial_date_end(d) if isinstance(d, str) and d else pd.NaT for d in out["date"]]
    )
    out["is_dated"] = out["date_end"].notna()
    if as_of is not None and str(as_of) != "":
        out = out[~out["is_dated"] | (out["date_end"] <= pd.Timestamp(as_of))]
    bounds = [
        figure_bounds(c, h, q)
        for c, h, q in zip(out["count"], out["count_high"], out["qualifier"], strict=True)
    ]
    out["bound"] = out["qualifier"].map(BOUNDS)
    out["lower"] = pd.array([b[0] for b in bounds], dtype="Int64")
    out["upper"] = pd.array([b[1] for b in bounds], dtype="Int64")
    return out.reset_index(drop=True)


def compute_latest_abroad(
    abroad: pd.DataFrame,
    countries: list[str] | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Return the latest figures of each country, kind and place (``select_abroad``'s columns).

    For each country, kind and place, the figures of the latest date (all their groups: "more
    than 450, of whom 36 women" stays two rows), and every undated figure, which cannot be put
    before or after them. Ordered by country, kind (``KINDS``), then date, latest first. No
    row is ever a sum: figures of different kinds, places or groups stay apart.
    """
    rows = select_abroad(abroad, countries, as_of)
    keys = ["country_iso3", "kind", "place"]
    latest = rows[rows["is_dated"]].groupby(keys)["date_end"].transform("max")
    keep = ~rows["is_dated"] | (rows["date_end"] == latest.reindex(rows.index))
    out = rows[keep].copy()
    out["_kind"] = out["kind"].map({k: i for i, k in enumerate(KINDS)})
    out = out.sort_values(
        ["country_iso3", "_kind", "date_end", "abroad_id"],
        ascending=[True, True, False, True],
        na_position="last",
        kind="stable",
    )
    return out.drop(columns="_kind").reset_index(drop=True)


def latest_abroad_dates(latest: pd.DataFrame) -> pd.DataFrame:
    """Return, per country, the date of its latest dated figure and its number of figures.

    Columns: ``country_iso3``, ``latest_date`` (empty where every figure is undated),
    ``n_figures``, ``n_undated``.
    """
    grouped = latest.groupby("country_iso3")
    return pd.DataFrame(
        {
            "latest_date": grouped["date_end"].max(),
            "n_figures": grouped.size(),
            "n_undated": grouped["is_dated"].apply(lambda s: int((~s).sum())),
        }
    ).reset_index()
