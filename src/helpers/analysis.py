"""Pure analysis: statements, totals that count each return once, groups, rates and checks.

Every function takes DataFrames and returns a new DataFrame; nothing is read or written.
Counts are nullable integers: ``<NA>`` means "not reported", never 0. Each count column has an
``*_is_lower_bound`` partner, true where the number is a floor ("over 300") or a sum that contains
one, so a lower bound stays a lower bound through every sum.

Rules (documented in README.md, tested in tests/test_analysis.py):

* A statement's total is its ``people`` figure; where the source states none, the sum of the groups
  it does state, marked as a lower bound. What a stated total has beyond its parts is
  ``unspecified``: kept, never dropped or spread over the groups.
* Reports of one operation share an ``event_id``; totals use one of them, chosen by precedence:
  an official body's own statement over the press, then the more reliable source, then the more
  itemised breakdown, then an exact figure over a lower bound, then source_id (so ties are stable).
* An operation that only weak (low-reliability) sources report is shown but never counted.
* A country's total as of a date: its latest country-wide cumulative figure plus the operations
  and periods reported after it; with no such figure, the sum of non-overlapping periods and the
  operations outside them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from helpers.counts import (
    COMBINED,
    COUNT_COLUMNS,
    GROUPS,
    PARTS,
    PEOPLE,
    UNSPECIFIED,
    as_int,
    bounded_sum,
    choose_reports,
    is_missing,
    precedence_key,
)
from helpers.errors import ParameterError
from helpers.i18n import fmt_date, t

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


def _start(rec: dict) -> pd.Timestamp:
    return rec["date_start"] if not is_missing(rec["date_start"]) else rec["date_end"]


def resolve_as_of(statements: pd.DataFrame, as_of: str | pd.Timestamp | None) -> pd.Timestamp:
    """Return ``as_of`` as a date; empty means the latest date in the statements."""
    if as_of is None or str(as_of) == "":
        return pd.Timestamp(statements["date_end"].max())
    return pd.Timestamp(as_of)


def _non_overlapping(periods: list[dict]) -> list[dict]:
    """Keep the widest-reaching periods first (largest total, then precedence), none overlapping."""
    kept: list[dict] = []
    for rec in sorted(periods, key=lambda r: (-(r["people"] or 0), r["precedence"])):
        if all(_start(rec) > k["date_end"] or rec["date_end"] < _start(k) for k in kept):
            kept.append(rec)
    return kept


def _country_counts(recs: pd.DataFrame) -> list[dict]:
    """Country-wide cumulative counts of people, best first.

    A count from the country's own officials or press comes before a third party's; among those,
    the latest; then precedence (official over press, reliability, itemised, exact).
    """
    counts = recs[
        (recs["scope"] == "cumulative")
        & (recs["is_country_total"] == True)  # noqa: E712
        & recs["people_is_stated"]
    ].to_dict("records")
    return sorted(
        counts,
        key=lambda r: (
            r["source_type"] == "third_party",
            -r["date_end"].value,
            r["precedence"],
        ),
    )


def _later(base: dict, chosen: list[dict], periods: list[dict]) -> list[dict]:
    """Return the periods and operations reported after ``base``'s date, none twice."""
    after = [r for r in chosen + periods if _start(r) > base["date_end"]]
    later = _non_overlapping([r for r in after if r["scope"] == "period"])
    return later + [r for r in after if r["scope"] == "event" and _outside(r, later)]


def _contributing(recs: pd.DataFrame) -> tuple[list[dict], str]:
    """Return the statements a country's total is built from, and how it was built (in words)."""
    chosen, _ = choose_reports(recs)
    periods = recs[recs["scope"] == "period"].to_dict("records")
    periods = [_raise_floor(p, chosen) for p in periods]
    counts = _country_counts(recs)
    if counts:
        latest, broken_down = _with_breakdown(counts, chosen)
        later = _later(latest, chosen, periods)
        basis = t("basis.count", date=fmt_date(latest["date_end"]))
        if broken_down is not None:
            basis += t("basis.broken_down")
        basis += t("basis.later", n=len(later)) if later else ""
        return [latest, *later], basis
    kept = _non_overlapping(periods)
    events = [r for r in chosen if _outside(r, kept)]
    basis = t("basis.sum", periods=len(kept), operations=len(events))
    if any(k.get("is_floor_raised") for k in kept):
        basis += t("basis.raised")
    return kept + events, basis


def _estimates(recs: pd.DataFrame) -> tuple[dict, list[str]]:
    """Each source's country-wide total carried forward to the as-of date: the range they span.

    Returns ``total_low`` (with ``total_low_is_lower_bound``), ``total_high`` (empty when every
    estimate is a floor) and the statements used. A floor only raises the low end.
    """
    chosen, _ = choose_reports(recs)
    periods = recs[recs["scope"] == "period"].to_dict("records")
    latest_by_source: dict[str, dict] = {}
    for r in _country_counts(recs):
        if r["source_id"] not in latest_by_source:
            latest_by_source[r["source_id"]] = r
    exact, floors, ids = [], [], []
    for base in latest_by_source.values():
        later = _later(base, chosen, periods)
        value, lower = bounded_sum(
            [(base["people"], base["people_is_lower_bound"])]
            + [(r["people"], r["people_is_lower_bound"]) for r in later]
        )
        (floors if lower else exact).append(value)
        ids += [base["statement_id"], *(r["statement_id"] for r in later)]
    if not exact and not floors:
        return {"total_low": None, "total_low_is_lower_bound": False, "total_high": None}, []
    low = min(exact) if exact else None
    low_is_floor = False
    if floors and (low is None or max(floors) > low):
        low, low_is_floor = max(floors), True
    high = max(exact) if exact else None
    if high is not None and low is not None and high < low:
        high = low
    return {"total_low": low, "total_low_is_lower_bound": low_is_floor, "total_high": high}, ids


def _with_breakdown(counts: list[dict], chosen: list[dict]) -> tuple[dict, str | None]:
    """Return the best count, with the groups of an earlier report of the same count.

    Two country-wide counts are the same count when they state the same exact number of people
    and no counted operation lies between their dates. The more itemised report's groups are
    then used, dated as the best count. Returns the record and the id lent its groups (or None).
    """
    best = counts[0]
    same = [
        r
        for r in counts
        if r["people"] == best["people"]
        and not r["people_is_lower_bound"]
        and not best["people_is_lower_bound"]
        and not any(r["date_end"] < _start(e) <= best["date_end"] for e in chosen)
    ]
    richest = max(same or [best], key=lambda r: r["n_figures"])
    if richest["n_figures"] <= best["n_figures"]:
        return best, None
    merged = dict(richest, date_end=best["date_end"], statement_id=best["statement_id"])
    merged["also_statement_ids"] = [richest["statement_id"]]
    return merged, richest["statement_id"]


def _contained_events(total: dict, events: list[dict]) -> list[dict]:
    """Return the chosen operation reports that lie inside ``total``'s dates and origin."""
    start = _start(total)
    return [
        e
        for e in events
        if start <= _start(e)
        and e["date_end"] <= total["date_end"]
        and covers_origin(total["origin"], e["origin"])
    ]


def _raise_floor(total: dict, chosen: list[dict]) -> dict:
    """Raise a floor ("over 300") below the sum of the operations inside it to that sum.

    The raised figure stays a lower bound; ``is_floor_raised`` marks it.
    """
    if not total["people_is_lower_bound"] or is_missing(total["people"]):
        return total
    inside = _contained_events(total, chosen)
    summed, _ = bounded_sum((as_int(e["people"]), True) for e in inside)
    if summed is None or summed <= int(total["people"]):
        return total
    raised = dict(total, people=summed, people_is_lower_bound=True, is_floor_raised=True)
    for g in GROUPS:
        raised[g] = None
    raised["unspecified"], raised["unspecified_is_lower_bound"] = summed, True
    return raised


def covers_origin(total_origin: object, origin: object) -> bool:
    """Tell whether a total from ``total_origin`` can contain a return from ``origin``.

    An empty origin is unknown and may be anything; "Iraq and Syria" covers Iraq and Syria.
    """
    if is_missing(total_origin) or is_missing(origin):
        return True
    inside = set(re.split(r", | and ", str(total_origin)))
    return set(re.split(r", | and ", str(origin))) <= inside


def _outside(rec: dict, periods: list[dict]) -> bool:
    return all(
        rec["date_end"] < _start(p)
        or _start(rec) > p["date_end"]
        or not covers_origin(p["origin"], rec["origin"])
        for p in periods
    )


def compute_country_totals(
    statements: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Return each country's total returned as of ``as_of`` (default: the latest date in the data).

    One row per country: ``country_iso3``, ``as_of``, ``total_returned`` (with
    ``total_is_lower_bound``), each group and ``unspecified`` (each with ``*_is_lower_bound``),
    ``latest_count_date`` (the date of the country-wide count the total starts from; empty when
    there is none), ``basis`` (how the total was built, in words), ``statement_ids`` (the
    statements it adds up, ``;``-separated), and the range the sources span: ``total_low`` (with
    ``total_low_is_lower_bound``) and ``total_high``, the smallest and largest of the estimates
    each source's country-wide total gives when carried forward to ``as_of`` by the operations
    reported after it (a floor only raises the low end), with ``range_statement_ids``.

    Only repatriations count (``channel`` = repatriated; returns on people's own are in
    ``compute_own_returns``), and only figures dated on or before ``as_of``; a country with none
    gets ``<NA>`` counts.
    """
    when = resolve_as_of(statements, as_of)
    codes = (
        sorted(countries)
        if countries is not None
        else sorted(statements["country_iso3"].dropna().unique())
    )
    rows = []
    for code in codes:
        recs = statements[
            (statements["country_iso3"] == code)
            & (statements["date_end"] <= when)
            & (statements["channel"] == REPATRIATED)
        ]
        row: dict = {"country_iso3": code, "as_of": when.date().isoformat()}
        used, basis = _contributing(recs) if len(recs) else ([], t("basis.none"))
        counts = _country_counts(recs) if len(recs) else []
        row["latest_count_date"] = counts[0]["date_end"].date().isoformat() if counts else None
        for col in COUNT_COLUMNS:
            value, lb = bounded_sum((r[col], r[f"{col}_is_lower_bound"]) for r in used)
            name, flag = ("total_returned", "total") if col == "people" else (col, col)
            row[name], row[f"{flag}_is_lower_bound"] = value, lb
        row["basis"] = basis
        ids = [i for r in used for i in [r["statement_id"], *r.get("also_statement_ids", [])]]
        row["statement_ids"] = ";".join(ids)
        estimates, ids = _estimates(recs) if len(recs) else ({}, [])
        row.update(estimates)
        row["range_statement_ids"] = ";".join(dict.fromkeys(ids))
        rows.append(row)
    out = pd.DataFrame(rows)
    for col in ("total_low", "total_high"):
        out[col] = (out[col] if col in out else pd.Series([None] * len(out))).astype("Int64")
    out["total_low_is_lower_bound"] = (
        out.get("total_low_is_lower_bound", pd.Series([False] * len(out)))
        .fillna(False)
        .astype(bool)
    )
    for col in ("total_returned", *GROUPS, UNSPECIFIED):
        out[col] = out[col].astype("Int64")
    return out


@dataclass(frozen=True)
class TotalsSummary:
    """Country totals added up: everyone, children, and where either is only a lower bound."""

    total: int
    total_is_lower_bound: bool
    children: int
    children_is_lower_bound: bool
    children_not_reported: list[str]
    """ISO3 codes of countries with a known total but no separate count of children."""


def summarise_totals(totals: pd.DataFrame) -> TotalsSummary:
    """Add up ``compute_country_totals`` rows; a sum missing a country's part is a lower bound."""
    known = totals[totals["total_returned"].notna()]
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

    Each row gains its source's ``publisher``, ``published`` and ``url``, and ``statement_ids``
    (its statement, for links to evidence).
    """
    out = figures
    if countries is not None:
        out = out[out["country_iso3"].isin(list(countries))]
    if as_of is not None and str(as_of) != "":
        out = out[out["date_end"] <= pd.Timestamp(as_of)]
    out = out.merge(
        sources[["source_id", "publisher", "published", "url"]], on="source_id", how="left"
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
) -> pd.DataFrame:
    """Return the per-country summary table written to ``reports/tables/country_summary.csv``.

    Columns: country_iso3, as_of, latest_count_date (the date of the country-wide count the total
    starts from), total_returned, total_is_lower_bound, total_low and total_high (the range the
    sources' country-wide totals span), women, children, men,
    women_and_children, unspecified, children_share (children over total returned, 0-1),
    population_year, returned_per_100k (total returned per 100,000 population), statement_ids
    (the statements the total adds up). Empty where not reported.
    """
    codes = list(countries)
    totals = compute_country_totals(statements, as_of, codes)
    pop = select_population(population, codes, population_year)
    out = totals.merge(pop, on="country_iso3", how="left")
    total = out["total_returned"].astype("Float64")
    out["children_share"] = (out["children"].astype("Float64") / total).round(4)
    out["returned_per_100k"] = (total / out["population"].astype("Float64") * 1e5).round(2)
    cols = [
        "country_iso3",
        "as_of",
        "latest_count_date",
        "total_returned",
        "total_is_lower_bound",
        "total_low",
        "total_high",
        "women",
        "children",
        "men",
        "women_and_children",
        "unspecified",
        "children_share",
        "population_year",
        "returned_per_100k",
        "statement_ids",
    ]
    return out[cols]
