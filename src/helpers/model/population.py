"""Population and the per-country summary: rates per 100,000 and the children's share.

Pure functions over statements and the World Bank population table; nothing is read or written.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from helpers.data.arguments import check_query
from helpers.data.errors import ParameterError
from helpers.data.vocab import CHILDREN
from helpers.model.bounds import add_derived_bounds
from helpers.model.totals import compute_country_totals


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
    country-wide counts span), women, children (with children_is_lower_bound), men,
    women_and_children (each a floor, as in ``compute_country_totals``), children_low and
    children_high (the floor and ceiling of children), unspecified, groups_over_total (how many
    more the groups' floors hold together than the total's high end: above 0 where the sources
    disagree), children_share (children's floor over total returned, 0-1), children_share_low
    and children_share_high (children's floor and ceiling over the range's high end, or the
    total where there is none), children_share_bound (``exact``, ``lower``, ``upper`` or
    ``unknown``: see ``model.bounds``), population_year, returned_per_100k (total returned per
    100,000 population) with returned_per_100k_is_lower_bound, statement_ids (the statements the
    total adds up). Empty where not reported.
    """
    as_of, countries = check_query(statements, as_of, countries)
    codes = list(countries or [])
    totals = compute_country_totals(statements, as_of, codes, events)
    pop = select_population(population, codes, population_year)
    out = totals.merge(pop, on="country_iso3", how="left")
    total = out["total_returned"].astype("Float64")
    # Shares to 3 decimals, the 0.1 % the reports show: rounded twice (to 4, then to 0.1 %) a
    # share of 526 / 730 = 0.72055 would read 72.0 % in a table and 72.1 % in a sentence.
    out["children_share"] = (out[CHILDREN].astype("Float64") / total).round(3)
    top = out["total_high"].astype("Float64").fillna(total)
    out["children_share_low"] = (out["children_low"].astype("Float64") / top).round(3)
    out["children_share_high"] = (out["children_high"].astype("Float64") / top).round(3)
    out["returned_per_100k"] = (total / out["population"].astype("Float64") * 1e5).round(2)
    out = add_derived_bounds(out)  # the bound of the share and the rate, beside them
    from helpers.data.table_schema import table_fields

    # The columns and their order are those tables_schema.json describes for the CSV.
    cols = table_fields("country_summary")
    return out[cols]
