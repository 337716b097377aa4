"""Totals that count each return once, their groups, and the figures behind them.

Every function takes DataFrames and returns a new DataFrame; nothing is read or written.
Counts are nullable integers: ``<NA>`` means "not reported", never 0. Each count column has an
``*_is_lower_bound`` partner, true where the number is a floor ("over 300") or a sum that contains
one, so a lower bound stays a lower bound through every sum.

Rules (documented in README.md, tested in tests/test_analysis.py and tests/test_timeline.py):

* A statement's total is its ``people`` figure; where the source states none, the sum of the groups
  it does state, marked as a lower bound. What a stated total has beyond its parts is
  ``unspecified``: kept, never dropped or spread over the groups.
* Reports of one operation share an ``event_id``; totals use one of them, chosen by precedence:
  an official body's own statement over the press, then the more reliable source, then the more
  itemised breakdown, then an exact figure over a lower bound, then source_id (so ties are stable).
* An operation that only weak (low-reliability) sources report is shown but never counted.
* A country's total, its range and its groups' bounds at a date come from one model of counts over
  time (``helpers.model.timeline``); ``compute_country_totals`` is a view of it at one date.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from helpers.data.arguments import check_query
from helpers.data.frames import records
from helpers.data.vocab import (
    CHILDREN,
    COMBINED,
    GROUPS,
    PEOPLE,
    REPATRIATED,
    UNSPECIFIED,
    is_missing,
)
from helpers.model.analysis import resolve_as_of
from helpers.model.timeline import build_models, count_at, parts_floor

BASIS_COUNT = "count_plus_later"
"""The total starts from a country-wide count (and adds what came after it)."""
BASIS_PARTS = "sum_of_parts"
"""No country-wide count holds it: periods, parts and operations that cannot overlap."""
BASIS_NONE = "none"
"""Nothing reported by the date."""


def compute_country_totals(
    statements: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: Iterable[str] | None = None,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return each country's total returned as of ``as_of`` (default: the latest date in the data).

    A view of ``model.timeline`` at one date. One row per country: ``country_iso3``, ``as_of``,
    ``total_returned`` (with ``total_is_lower_bound``): the floor of what every report says, never
    below a count in force, never falling as the date moves on; ``total_low`` (with
    ``total_low_is_lower_bound``) and ``total_high``: the range of each source's latest
    country-wide count carried forward by what came after it (the high end never below the
    total), with ``range_statement_ids``; for each group its floor (``women``…, with
    ``*_is_lower_bound`` false only where floor and ceiling meet), ``<group>_low`` (the floor) and
    ``<group>_high`` (the ceiling: the high end less the other groups' floors; empty when no
    high end is known, or where the groups' floors together exceed it), ``<group>_statement_ids``
    (the pieces its floor adds up); ``unspecified``: what
    the total has beyond the groups' floors; ``groups_over_total``: how many more the groups'
    floors hold together than the total's high end (0 where they fit, above 0 where the sources
    disagree, empty where the total has no high end);
    ``latest_count_date`` (the latest country-wide count; empty when there is none), ``basis``
    (a code: ``count_plus_later``, ``sum_of_parts`` or ``none``) and ``statement_ids`` (the
    pieces the total adds up, ``;``-separated).

    Only repatriations count; an operation counts from its date (``events``' date when given,
    else its most precisely dated report), a report from its ``date_end``. A country with none
    gets ``<NA>`` counts.
    """
    as_of, countries = check_query(statements, as_of, countries)
    when = resolve_as_of(statements, as_of)
    codes = (
        sorted(countries)
        if countries is not None
        else sorted(statements["country_iso3"].dropna().unique())
    )
    models = build_models(statements, events, codes)
    rows = []
    for code in codes:
        at = count_at(models[code], when)
        head = at.headline
        row: dict = {"country_iso3": code, "as_of": when.date().isoformat()}
        row["latest_count_date"] = (
            at.latest_count_date.date().isoformat() if at.latest_count_date is not None else None
        )
        row["total_returned"], row["total_is_lower_bound"] = head.value, head.is_lower_bound
        floors = {g: floor for g, (floor, _) in at.groups.items()}
        for g, (floor, ceiling) in at.groups.items():
            row[g] = floor.value
            row[f"{g}_is_lower_bound"] = floor.value is not None and floor.value != ceiling
            row[f"{g}_low"] = floor.value
            row[f"{g}_high"] = ceiling if floor.value is not None else None
            row[f"{g}_statement_ids"] = ";".join(floor.statement_ids)
        for combined, members in COMBINED.items():  # only what is not told apart
            split = sum(row[m] or 0 for m in members)
            if row[combined] is not None and row[combined] - split <= 0:
                row[combined], row[f"{combined}_is_lower_bound"] = None, False
            elif row[combined] is not None:
                row[combined] -= split
        if head.value is None:
            row["unspecified"], row["unspecified_is_lower_bound"] = None, False
        else:
            row["unspecified"] = max(head.value - parts_floor(floors), 0)
            row["unspecified_is_lower_bound"] = head.is_lower_bound
        row["groups_over_total"] = at.groups_over
        basis = BASIS_COUNT if head.has_count else BASIS_PARTS
        row["basis"] = BASIS_NONE if head.value is None else basis
        row["statement_ids"] = ";".join(head.statement_ids)
        row["total_low"], row["total_low_is_lower_bound"] = at.low, at.low_is_lower_bound
        row["total_high"] = at.high
        row["range_statement_ids"] = ";".join(at.range_statement_ids)
        rows.append(row)
    out = pd.DataFrame(rows)
    ints = ["total_returned", "total_low", "total_high", UNSPECIFIED, "groups_over_total"]
    ints += [f"{g}{s}" for g in GROUPS for s in ("", "_low", "_high")]
    for col in ints:
        out[col] = out[col].astype("Int64")
    out["total_low_is_lower_bound"] = out["total_low_is_lower_bound"].astype(bool)
    return out


@dataclass(frozen=True)
class TotalsSummary:
    """Country totals added up: everyone, children, and where either is only a lower bound."""

    total: int
    total_is_lower_bound: bool
    children: int
    children_is_lower_bound: bool
    children_not_reported: list[str]
    """ISO3 codes of countries with a known total but no report of children at all."""


def summarise_totals(totals: pd.DataFrame) -> TotalsSummary:
    """Add up ``compute_country_totals`` rows; a sum missing a country's part is a lower bound.

    ``children`` adds up each country's floor of children (every report that must be inside its
    total), so it is a lower bound wherever a floor is below its ceiling.
    """
    known = totals[totals["total_returned"].notna()]
    if CHILDREN not in known:  # a table of totals without groups: children not reported
        known = known.assign(children=pd.NA, children_is_lower_bound=False)
    with_children = known[known[CHILDREN].notna()]
    missing = [str(c) for c in known.loc[known[CHILDREN].isna(), "country_iso3"]]
    return TotalsSummary(
        total=int(known["total_returned"].sum()),
        total_is_lower_bound=bool(known["total_is_lower_bound"].any()),
        children=int(with_children[CHILDREN].sum()),
        children_is_lower_bound=bool(with_children["children_is_lower_bound"].any())
        or bool(missing),
        children_not_reported=missing,
    )


def select_figures(
    figures: pd.DataFrame,
    sources: pd.DataFrame,
    countries: Iterable[str] | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Return the figures for ``countries`` dated on or before ``as_of`` (default: all).

    Each row gains its source's ``publisher`` (and ``publisher_ru``), ``published``, ``url`` and
    ``language``, and ``statement_ids``
    (its statement, for links to evidence).
    """
    as_of, countries = check_query(figures, as_of, countries)
    out = figures
    if countries is not None:
        out = out[out["country_iso3"].isin(list(countries))]
    if as_of is not None and str(as_of) != "":
        out = out[out["date_end"] <= pd.Timestamp(as_of)]
    cited = [c for c in ("publisher_ru", "language") if c in sources.columns]
    out = out.merge(
        sources[["source_id", "publisher", "published", "url", *cited]], on="source_id", how="left"
    )
    out["statement_ids"] = out["statement_id"]
    return out


def compute_own_returns(
    statements: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return the statements of people who came back on their own (not repatriated).

    One row per statement dated on or before ``as_of``, for ``countries``: country_iso3,
    date_end, ``people`` and each group (with ``*_is_lower_bound``), source_id, quote, quote_en
    and note. These are shown beside the totals and never added to them.
    """
    as_of, countries = check_query(statements, as_of, countries)
    when = resolve_as_of(statements, as_of)
    own = statements[
        (statements["channel"] != REPATRIATED)
        & (statements["date_end"] <= when)
        & statements["country_iso3"].notna()
    ]
    if countries is not None:
        own = own[own["country_iso3"].isin(list(countries))]
    columns = ["statement_id", "country_iso3", "date_end", PEOPLE, "people_is_lower_bound"]
    for g in GROUPS:
        columns += [g, f"{g}_is_lower_bound"]
    columns += ["people_is_stated", "source_id", "quote", "quote_en", "note"]
    return own[columns].sort_values(["country_iso3", "date_end"], ignore_index=True)


def compute_group_totals(totals: pd.DataFrame) -> pd.DataFrame:
    """Reshape country totals to one row per country and group, in long format.

    Columns: ``country_iso3``, ``group`` (each of ``counts.GROUPS``, then ``unspecified``),
    ``count`` and ``is_lower_bound``. Groups not reported are absent, not 0; the ``not specified``
    remainder is always present where the total is known.
    """
    rows = []
    for rec in records(totals):
        for group in (*GROUPS, UNSPECIFIED):
            if is_missing(rec[group]):
                continue
            rows.append(
                {
                    "country_iso3": rec["country_iso3"],
                    "group": group,
                    "count": int(rec[group]),
                    "is_lower_bound": bool(rec[f"{group}_is_lower_bound"]),
                    "statement_ids": rec.get("statement_ids", ""),
                }
            )
    columns = ["country_iso3", "group", "count", "is_lower_bound", "statement_ids"]
    out = pd.DataFrame(rows, columns=columns)
    out["count"] = out["count"].astype("Int64")
    return out
