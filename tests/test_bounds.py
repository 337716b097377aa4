"""Rates and shares of lower-bound counts carry their bound, in both languages."""

import pandas as pd
import pytest

import helpers
from helpers.model.bounds import add_derived_bounds, share_bound
from helpers.report.i18n import using
from helpers.report.wording import format_rate, format_share


@pytest.mark.parametrize(
    ("part", "whole", "bound"),
    [
        (False, False, "exact"),
        (True, False, "lower"),  # more children may have come: the share may be higher
        (False, True, "upper"),  # the total may be larger: the share may be lower
        (True, True, "unknown"),
        (pd.NA, True, "upper"),  # a flag not reported is no bound
    ],
)
def test_the_bound_of_a_share_follows_from_its_two_counts(part, whole, bound):
    assert share_bound(part, whole) == bound


def test_a_rate_of_a_lower_bound_total_is_marked_in_both_languages():
    assert format_rate(3.02, True) == "≥ 3.02"
    assert format_rate(3.02, False) == "3.02"
    assert format_rate(pd.NA, True) == "not reported"
    with using("ru"):
        assert format_rate(3.02, True) == "≥ 3,02"


def test_a_share_says_at_least_at_most_or_the_range_in_both_languages():
    assert format_share(0.7012, "lower") == "at least 70.1%"
    assert format_share(0.7012, "upper") == "at most 70.1%"
    assert format_share(0.7, "unknown", 0.6, 0.75) == "60.0% to 75.0%"
    assert format_share(1.0, "exact") == "100.0%"
    assert format_share(1.0, "unknown") == "100.0%, not a bound (both counts are lower bounds)"
    with using("ru"):
        assert format_share(0.7012, "lower") == "не менее 70,1%"
        assert format_share(0.7012, "upper") == "не более 70,1%"
        assert format_share(0.7, "unknown", 0.6, 0.75) == "от 60,0% до 75,0%"


def test_derived_bounds_are_added_beside_the_summary_columns():
    summary = pd.DataFrame(
        {
            "total_is_lower_bound": [True, False, True],
            "children_is_lower_bound": [False, True, True],
            "children_share": [0.5, 0.25, pd.NA],
            "returned_per_100k": [3.02, 1.5, pd.NA],
        }
    )
    out = add_derived_bounds(summary)
    assert list(out["returned_per_100k_is_lower_bound"]) == [True, False, False]
    assert list(out["children_share_bound"][:2]) == ["upper", "lower"]
    assert pd.isna(out["children_share_bound"].iloc[2])  # no share, no bound


def test_the_regional_tables_mark_the_rate_of_a_lower_bound_total(shipped):
    data = shipped
    statements = helpers.compute_statements(data.repatriations, data.sources)
    summary = helpers.compute_country_summary(
        statements, data.population, data.countries, "2021-12-31"
    ).set_index("country_iso3", drop=False)
    lower = summary[summary["total_is_lower_bound"].astype(bool)]
    assert len(lower) > 0  # at the end of 2021 some totals are floors
    assert lower["returned_per_100k_is_lower_bound"].all()
    for language in ("en", "ru"):
        with using(language):
            table = helpers.show_table(lower, ["country_iso3", "returned_per_100k"]).frame
        assert all(cell.startswith("≥ ") for cell in table.iloc[:, 1])


def test_a_share_over_a_total_that_is_only_a_floor_is_not_shown_as_a_bound():
    summary = pd.DataFrame(
        {
            "total_is_lower_bound": [True, False],
            "total_high": [pd.NA, pd.NA],
            "children_share_low": [1.0, 0.5],
        }
    )
    cells = list(helpers.show_table(summary, ["children_share_low"]).frame.iloc[:, 0])
    assert cells == ["100.0%, not a bound (both counts are lower bounds)", "50.0%"]


def test_children_over_a_total_that_is_only_a_floor_get_no_share_in_words():
    from helpers.report.describe import describe_group_bounds

    totals = pd.DataFrame(
        {
            "country_iso3": ["KGZ"],
            "children_low": pd.array([79], dtype="Int64"),
            "children_high": pd.array([None], dtype="Int64"),
            "total_returned": pd.array([79], dtype="Int64"),
            "total_high": pd.array([None], dtype="Int64"),
            "statement_ids": ["s1"],
        }
    )
    text = describe_group_bounds(totals).text
    assert text == (
        "<p>Kyrgyzstan: at least 79 children (the total is only a lower bound too, so no share "
        "can be given)</p>"
    )
    assert "%" not in text
    with using("ru"):
        assert "долю назвать нельзя" in describe_group_bounds(totals).text
