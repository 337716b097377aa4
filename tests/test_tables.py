"""Reader tables: country names, plain headers, percentages, escaped text; stable CSVs."""

import pandas as pd

from helpers.tables import format_for_readers, save_table, show_table


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
    assert list(out.columns) == ["Country", "People returned", "Children, share of all returned"]
    assert out.iloc[0].tolist() == ["Kyrgyzstan", "≥533", "74.3%"]


def test_missing_values_read_not_reported():
    df = pd.DataFrame({"men": pd.array([None], dtype="Int64")})
    assert format_for_readers(df).iloc[0, 0] == "not reported"


def test_text_from_the_data_is_escaped_in_html():
    df = pd.DataFrame({"quote": ['<script>alert("x")</script>']})
    html = show_table(df)._repr_html_()
    assert "<script>" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html


def test_csv_keeps_machine_names_and_leaves_not_reported_empty(tmp_path):
    df = pd.DataFrame(
        {
            "country_iso3": ["TJK"],
            "children": pd.array([None], dtype="Int64"),
            "total_is_lower_bound": pd.array([True], dtype="boolean"),
        }
    )
    path = save_table(df, tmp_path, "summary")
    assert path.read_text() == "country_iso3,children,total_is_lower_bound\nTJK,,true\n"
