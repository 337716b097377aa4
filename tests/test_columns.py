"""Columns for readers: country names, plain headers, percentages, "not reported", Russian."""

import pandas as pd

from helpers.report.columns import format_for_readers


def test_reader_table_uses_country_names_headers_and_percentages():
    df = pd.DataFrame(
        {
            "country_iso3": ["KGZ"],
            "children_share": [0.7431],
            "total_returned": pd.array([533], dtype="Int64"),
            "total_is_lower_bound": [True],
        }
    )
    out = format_for_readers(df, ["country_iso3", "total_returned", "children_share"])
    assert list(out.columns) == [
        "Country",
        "People repatriated",
        "Children, share of all repatriated",
    ]
    assert out.iloc[0].tolist() == ["Kyrgyzstan", "≥ 533", "at most 74.3%"]  # total may be more


def test_missing_values_read_not_reported():
    df = pd.DataFrame({"men": pd.array([None], dtype="Int64")})
    assert format_for_readers(df).iloc[0, 0] == "not reported"


def test_years_are_written_without_a_thousands_separator():
    df = pd.DataFrame({"population_year": [2024], "returned_per_100k": [3.5234]})
    assert format_for_readers(df).iloc[0].tolist() == ["2024", "3.52"]


def test_reader_table_in_russian():
    from helpers.report.i18n import using

    df = pd.DataFrame(
        {"country_iso3": ["KGZ"], "children_share": [0.7431], "returned_per_100k": [7.6312]}
    )
    with using("ru"):
        out = format_for_readers(df)
    assert list(out.columns)[0] == "Страна"
    assert out.iloc[0].tolist() == ["Кыргызстан", "74,3%", "7,63"]


def test_an_empty_ceiling_beside_a_floor_has_no_upper_end_and_without_one_is_not_reported():
    from helpers.report.i18n import using

    df = pd.DataFrame(
        {
            "country_iso3": ["KAZ", "TJK", "KGZ"],
            "children_low": pd.array([526, 293, None], dtype="Int64"),
            "children_high": pd.array([None, 294, None], dtype="Int64"),
            "children_share_low": [0.721, 0.767, None],
            "children_share_high": [None, 0.77, None],
        }
    )
    shown = ["children_high", "children_share_high"]
    assert format_for_readers(df, shown).values.tolist() == [
        ["no upper end", "no upper end"],
        ["294", "77.0%"],
        ["not reported", "not reported"],
    ]
    with using("ru"):
        assert format_for_readers(df, shown).iloc[0].tolist() == ["верхней границы нет"] * 2
