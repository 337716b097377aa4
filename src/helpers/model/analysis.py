"""Pure analysis: statements, totals that count each return once, groups, rates and checks.

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

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from helpers.data.arguments import check_query
from helpers.data.errors import ParameterError
from helpers.data.vocab import (
    COMBINED,
    COUNT_COLUMNS,
    GROUPS,
    PARTS,
    PEOPLE,
    UNSPECIFIED,
    is_missing,
)
from helpers.model.bounds import add_derived_bounds
from helpers.model.counts import bounded_sum, precedence_key
from helpers.model.timeline import build_models, count_at

REPATRIATED = "repatriated"


def short_publisher(publisher: object) -> str:
    """Return a publisher's name without its gloss: "Khovar (khovar.tj, …), citing …" is Khovar."""
    if is_missing(publisher):
        return ""
    return re.split(r" \(|, ", str(publisher))[0].strip()


def _sum_of_parts(figures: dict[str, tuple[int, bool]]) -> tuple[int | None, bool]:
    """Add up a statement's groups, a combined group counted once with its stated members."""
    parts, covered = [], set()
    for combined, members in COMBINED.items():
        if combined in figures:
            inner = [figures[m] for m in members if m in figures]
            count, lower = figures[combined]
            stated = sum(c for c, _ in inner)
            parts.append((max(count, stated), lower or any(lb for _, lb in inner)))
            covered |= set(members)
    parts += [figures[g] for g in PARTS if g in figures and g not in covered]
    return bounded_sum(parts)


def _statement_record(rows: list[dict], source: dict) -> dict:
    first = rows[0]
    figures = {r["group"]: (int(r["count"]), r["qualifier"] == "at_least") for r in rows}
    rec = {
        k: first[k]
        for k in (
            "statement_id",
            "country_iso3",
            "region",
            "scope",
            "event_id",
            "operation",
            "origin",
            "is_country_total",
            "date_start",
            "date_end",
            "channel",
            "source_id",
            "quote",
            "quote_en",
            "note",
        )
    }
    rec["publisher"] = short_publisher(source.get("publisher"))
    rec["publisher_ru"] = short_publisher(source.get("publisher_ru"))
    rec["language"] = source.get("language")
    rec["quote_ru"], rec["note_ru"] = first.get("quote_ru"), first.get("note_ru")
    rec["source_type"] = source.get("source_type")
    rec["reliability"] = source.get("reliability")
    for g in GROUPS:
        rec[g], rec[f"{g}_is_lower_bound"] = figures.get(g, (None, False))
    part_sum, _ = _sum_of_parts(figures)
    if PEOPLE in figures:
        people, people_lb = figures[PEOPLE]
        rec["people_is_stated"] = True
        rec["unspecified"] = people - (part_sum or 0) if people >= (part_sum or 0) else 0
        rec["unspecified_is_lower_bound"] = people_lb
    else:
        people, people_lb = part_sum, True
        rec["people_is_stated"] = False
        rec["unspecified"], rec["unspecified_is_lower_bound"] = 0, False
    rec["people"], rec["people_is_lower_bound"] = people, people_lb
    rec["n_figures"] = len(figures)
    rec["precedence"] = precedence_key(rec)
    return rec


def compute_statements(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Return one row per statement: its total (``people``), groups and ``unspecified`` remainder.

    Columns: the statement's shared fields (statement_id, country_iso3, region, scope, event_id,
    operation, origin, is_country_total, date_start, date_end, source_id, quote, quote_en, note),
    source_type and reliability of its source, ``people``, each group and ``unspecified`` with its
    ``*_is_lower_bound`` flag, ``people_is_stated`` (false where the total is the sum of the
    groups stated), ``n_figures`` and ``precedence`` (a sort key: smaller is preferred).
    """
    src = {r["source_id"]: r for r in sources.to_dict("records")}
    grouped: dict[str, list[dict]] = {}
    for row in figures.to_dict("records"):
        grouped.setdefault(row["statement_id"], []).append(row)
    records = [
        _statement_record(rows, src.get(rows[0]["source_id"], {})) for rows in grouped.values()
    ]
    out = pd.DataFrame.from_records(records)
    for col in COUNT_COLUMNS:
        out[col] = out[col].astype("Int64")
    return out.sort_values(["country_iso3", "date_end", "statement_id"], ignore_index=True)


def resolve_as_of(statements: pd.DataFrame, as_of: str | pd.Timestamp | None) -> pd.Timestamp:
    """Return ``as_of`` as a date; empty means the latest date in the statements."""
    if as_of is None or str(as_of) == "":
        return pd.Timestamp(statements["date_end"].max())
    return pd.Timestamp(as_of)


def covers_origin(total_origin: object, origin: object) -> bool:
    """Tell whether a total from ``total_origin`` can contain a return from ``origin``.

    An empty origin is unknown and may be anything; "Iraq and Syria" covers Iraq and Syria.
    """
    if is_missing(total_origin) or is_missing(origin):
        return True
    inside = set(re.split(r", | and ", str(total_origin)))
    return set(re.split(r", | and ", str(origin))) <= inside


BASIS_COUNT = "count_plus_later"
"""The total starts from a country-wide count (and adds what came after it)."""
BASIS_PARTS = "sum_of_parts"
"""No country-wide count holds it: periods, parts and operations that cannot overlap."""
BASIS_NONE = "none"
"""Nothing reported by the date."""


def _parts_floor(groups: dict) -> int:
    """Return what the groups' floors hold together, nobody counted twice."""
    val = {g: (b.value or 0) for g, (b, _) in groups.items()}
    return sum(max(val[c], sum(val[m] for m in ms)) for c, ms in COMBINED.items()) + sum(
        v for g, v in val.items() if g in PARTS and not any(g in ms for ms in COMBINED.values())
    )


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
    high end is known); ``unspecified``: what the total has beyond the groups' floors;
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
        for g, (floor, ceiling) in at.groups.items():
            row[g] = floor.value
            row[f"{g}_is_lower_bound"] = floor.value is not None and floor.value != ceiling
            row[f"{g}_low"] = floor.value
            row[f"{g}_high"] = ceiling if floor.value is not None else None
        for combined, members in COMBINED.items():  # only what is not told apart
            split = sum(row[m] or 0 for m in members)
            if row[combined] is not None and row[combined] - split <= 0:
                row[combined], row[f"{combined}_is_lower_bound"] = None, False
            elif row[combined] is not None:
                row[combined] -= split
        if head.value is None:
            row["unspecified"], row["unspecified_is_lower_bound"] = None, False
        else:
            row["unspecified"] = max(head.value - _parts_floor(at.groups), 0)
            row["unspecified_is_lower_bound"] = head.is_lower_bound
        basis = BASIS_COUNT if head.has_count else BASIS_PARTS
        row["basis"] = BASIS_NONE if head.value is None else basis
        row["statement_ids"] = ";".join(head.statement_ids)
        row["total_low"], row["total_low_is_lower_bound"] = at.low, at.low_is_lower_bound
        row["total_high"] = at.high
        row["range_statement_ids"] = ";".join(at.range_statement_ids)
        rows.append(row)
    out = pd.DataFrame(rows)
    ints = ["total_returned", "total_low", "total_high", UNSPECIFIED]
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
    if "children" not in known:  # a table of totals without groups: children not reported
        known = known.assign(children=pd.NA, children_is_lower_bound=False)
    with_children = known[known["children"].notna()]
    missing = [str(c) for c in known.loc[known["children"].isna(), "country_iso3"]]
    return TotalsSummary(
        total=int(known["total_returned"].sum()),
        total_is_lower_bound=bool(known["total_is_lower_bound"].any()),
        children=int(with_children["children"].sum()),
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
    columns = ["statement_id", "country_iso3", "date_end", "people", "people_is_lower_bound"]
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
    for rec in totals.to_dict("records"):
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


def latest_common_year(population: pd.DataFrame, countries: Iterable[str]) -> int:
    """Return the latest year the population table has for every one of ``countries``."""
    codes = list(countries)
    pop = population[population["Country Code"].isin(codes)]
    years = pop.groupby("Country Code")["Year"].max()
    missing = [c for c in codes if c not in years.index]
    if missing:
        raise ParameterError(f"no population figures for: {', '.join(missing)}")
    return int(years.min())


def select_population(
    population: pd.DataFrame, countries: Iterable[str], year: int | None = None
) -> pd.DataFrame:
    """Return country_iso3, population_year and population for ``countries`` in ``year``.

    ``year`` defaults to the latest year present for every country. Raises ``ParameterError``
    naming the countries and the years available when a year is missing.
    """
    codes = list(countries)
    if year is None:
        year = latest_common_year(population, codes)
    pop = population[population["Country Code"].isin(codes) & (population["Year"] == year)]
    missing = sorted(set(codes) - set(pop["Country Code"]))
    if missing:
        years = population.loc[population["Country Code"].isin(codes), "Year"]
        span = f"{int(years.min())}-{int(years.max())}" if len(years) else "none"
        raise ParameterError(
            f"population_year={year}: no population figure for {', '.join(missing)}; "
            f"years available: {span}"
        )
    return pd.DataFrame(
        {
            "country_iso3": pop["Country Code"].astype(str).to_numpy(),
            "population_year": int(year),
            "population": pop["Value"].astype("Int64").to_numpy(),
        }
    )


def compute_country_summary(
    statements: pd.DataFrame,
    population: pd.DataFrame,
    countries: Iterable[str],
    as_of: str | pd.Timestamp | None = None,
    population_year: int | None = None,
    events: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Return the per-country summary table written to ``reports/tables/country_summary.csv``.

    Columns: country_iso3, as_of, latest_count_date (the latest country-wide count),
    total_returned, total_is_lower_bound, total_low and total_high (the range the sources'
    country-wide counts span), women, children, men, women_and_children (each a floor, as in
    ``compute_country_totals``), children_low and children_high (the floor and ceiling of
    children), unspecified, children_share (children's floor over total returned, 0-1),
    children_share_low and children_share_high (children's floor and ceiling over the range's high
    end, or the total where there is none), children_share_bound (``exact``, ``lower``, ``upper``
    or ``unknown``: see ``model.bounds``), population_year, returned_per_100k (total returned
    per 100,000 population) with returned_per_100k_is_lower_bound, statement_ids (the statements
    the total adds up). Empty where not reported.
    """
    as_of, countries = check_query(statements, as_of, countries)
    codes = list(countries or [])
    totals = compute_country_totals(statements, as_of, codes, events)
    pop = select_population(population, codes, population_year)
    out = totals.merge(pop, on="country_iso3", how="left")
    total = out["total_returned"].astype("Float64")
    out["children_share"] = (out["children"].astype("Float64") / total).round(4)
    top = out["total_high"].astype("Float64").fillna(total)
    out["children_share_low"] = (out["children_low"].astype("Float64") / top).round(4)
    out["children_share_high"] = (out["children_high"].astype("Float64") / top).round(4)
    out["returned_per_100k"] = (total / out["population"].astype("Float64") * 1e5).round(2)
    out = add_derived_bounds(out)  # the bound of the share and the rate, beside them
    from helpers.data.table_schema import table_fields

    # The columns and their order are those tables_schema.json describes for the CSV.
    cols = table_fields("country_summary")
    return out[cols]
