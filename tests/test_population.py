"""Population and the per-country summary: rates per 100,000, the children's share."""

import pandas as pd
import pytest
from conftest import statement, statements_of

from helpers.data.errors import ParameterError
from helpers.model.population import compute_country_summary, latest_common_year, select_population
from helpers.model.totals import compute_country_totals
from helpers.report.columns import format_for_readers
from helpers.report.describe import describe_group_bounds


def one(df, code="KAZ"):
    return df[df["country_iso3"] == code].iloc[0]


POPULATION = pd.DataFrame(
    {
        "Country Name": ["A", "A", "B"],
        "Country Code": ["KAZ", "KAZ", "KGZ"],
        "Year": pd.array([2023, 2024, 2023], dtype="Int64"),
        "Value": pd.array([1_000_000, 2_000_000, 500_000], dtype="Int64"),
    }
)


def test_population_year_defaults_to_latest_year_every_country_has():
    assert latest_common_year(POPULATION, ["KAZ", "KGZ"]) == 2023
    assert latest_common_year(POPULATION, ["KAZ"]) == 2024


def test_missing_population_year_is_a_clear_error():
    with pytest.raises(ParameterError, match="population_year=2024: no population figure for KGZ"):
        select_population(POPULATION, ["KAZ", "KGZ"], 2024)


def test_summary_has_children_share_and_rate_per_100k():
    st = statements_of(
        statement(
            "c",
            "cumulative",
            "2024-06-30",
            {"people": 200, "women": 50, "children": 150},
            total=True,
        )
    )
    row = one(compute_country_summary(st, POPULATION, ["KAZ"], population_year=2024))
    assert row["children_share"] == pytest.approx(0.75)
    assert row["returned_per_100k"] == pytest.approx(10.0)
    assert row["population_year"] == 2024


def test_children_share_is_not_reported_when_children_are_not():
    st = statements_of(statement("c", "cumulative", "2024-06-30", {"people": 200}, total=True))
    row = one(compute_country_summary(st, POPULATION, ["KAZ"]))
    assert pd.isna(row["children_share"])


def test_a_share_reads_the_same_in_a_table_and_in_a_sentence():
    # 526 of 730 is 72.055 %: 72.1 % both where the table shows it and where a sentence says it
    # (kept to 4 decimals, 0.7205, a table rounded it again, half to even, to 72.0 %).
    st = statements_of(
        statement(
            "c",
            "cumulative",
            "2024-06-30",
            {"people": 730, "women": 189, "children": 526},
            total=True,
        )
    )
    summary = compute_country_summary(st, POPULATION, ["KAZ"], population_year=2024)
    assert one(summary)["children_share_low"] == pytest.approx(0.721)
    cell = format_for_readers(summary, ["children_share_low"]).iloc[0, 0]
    sentence = describe_group_bounds(compute_country_totals(st))._repr_html_()
    assert cell == "72.1%" and "72.1%" in sentence


def test_the_summary_marks_children_that_are_only_a_floor():
    # Kazakhstan: 100 people, 60 children, no other group stated: 60 to 100 children, a floor.
    # Kyrgyzstan: 50 people, 20 women, 30 children, no men: exactly 30 children.
    st = statements_of(
        statement("c", "cumulative", "2024-06-30", {"people": 100, "children": 60}, total=True),
        statement(
            "k",
            "cumulative",
            "2024-06-30",
            {"people": 50, "women": 20, "children": 30, "men": 0},
            country="KGZ",
            total=True,
        ),
    )
    summary = compute_country_summary(st, POPULATION, ["KAZ", "KGZ"], population_year=2023)
    assert summary["children_is_lower_bound"].tolist() == [True, False]
    shown = format_for_readers(summary, ["children", "children_high"]).values.tolist()
    assert shown == [["≥ 60", "100"], ["30", "30"]]
