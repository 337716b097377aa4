"""Reader tables: country names, plain headers, percentages, escaped text; stable CSVs."""

import pandas as pd

from helpers.report.tables import format_for_readers, save_table, show_table


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


def test_counts_link_to_their_evidence_and_ids_stay_hidden():
    from conftest import SOURCES, statement, statements_of

    from helpers.report.evidence import Evidence, evidence_id

    st = statements_of(
        statement("kaz-725", "cumulative", "2023-03-16", {"people": 725}, total=True)
    )
    sources = SOURCES.assign(
        publisher="The Paper", published="2023-03", url="https://x.example", language="en"
    )
    evidence = Evidence(st, sources)
    df = pd.DataFrame(
        {
            "country_iso3": ["KAZ"],
            "total_returned": pd.array([725], dtype="Int64"),
            "total_is_lower_bound": [False],
            "statement_ids": ["kaz-725"],
        }
    )
    html = show_table(df, ["country_iso3", "total_returned"], evidence=evidence)._repr_html_()
    anchor = evidence_id(["kaz-725"])
    assert f'<a class="count" href="#{anchor}">725</a>' in html
    assert "kaz-725" not in html
    section = evidence.section()
    assert f'<li id="{anchor}">' in section and "The Paper" in section


def test_a_sentence_ending_in_an_abbreviation_gets_one_full_stop():
    from conftest import SOURCES

    from helpers.report.i18n import using
    from helpers.report.tables import describe_own_returns

    own = pd.DataFrame(
        {
            "statement_id": ["s"],
            "country_iso3": ["KAZ"],
            "date_end": [pd.Timestamp("2025-03-02")],
            "people": pd.array([74], dtype="Int64"),
            **{
                g: pd.array([74 if g == "women" else None], dtype="Int64")
                for g in ("women", "children", "men")
            },
            "source_id": ["paper"],
        }
    )
    sources = SOURCES.assign(publisher="Toshkent24")
    with using("ru"):
        text = describe_own_returns(own, sources)._repr_html_()
    assert text.endswith("2025\u202fг.</p>") and "г..</p>" not in text
    assert "74 женщины" in text


def test_a_range_whose_sources_all_give_floors_has_no_upper_end():
    from helpers.report.tables import describe_total_ranges

    totals = pd.DataFrame(
        {
            "country_iso3": ["KGZ", "KAZ"],
            "total_returned": pd.array([533, 725], dtype="Int64"),
            "total_is_lower_bound": [True, False],
            "total_low": pd.array([500, 725], dtype="Int64"),
            "total_low_is_lower_bound": [True, False],
            "total_high": pd.array([None, 754], dtype="Int64"),
            "range_statement_ids": ["a;b", "c;d"],
        }
    )
    text = describe_total_ranges(totals)._repr_html_()
    assert "Kyrgyzstan: ≥ 533 (sources: ≥ 500; none gives an upper end)" in text
    assert "Kazakhstan: 725 (sources: 725 to 754)" in text


def test_a_contradiction_in_a_total_is_said_with_both_numbers_linked():
    from conftest import SOURCES

    from helpers.report.evidence import Evidence, evidence_id
    from helpers.report.tables import describe_contradictions

    contradictions = pd.DataFrame(
        {
            "country_iso3": ["KAZ", "KAZ"],
            "statement_id": ["used", "unused"],
            "people": [725, 725],
            "stated_groups": ["women;children", "women;children"],
            "stated_counts": ["188;522", "188;522"],
            "group": ["men", "men"],
            "room": [15, 15],
            "known": [37, 37],
            "known_statement_ids": ["y2019;op", "y2019;op"],
        }
    )
    totals = pd.DataFrame({"country_iso3": ["KAZ"], "statement_ids": ["used"]})
    evidence = Evidence(pd.DataFrame(columns=["statement_id"]), SOURCES)
    text = describe_contradictions(contradictions, totals, evidence)._repr_html_()
    assert text.count("<li>") == 1  # only the statement the totals use
    assert "Kazakhstan: the count of" in text and "(188 women and 522 children)" in text
    assert f'href="#{evidence_id(["used"])}">725</a>' in text
    assert f'href="#{evidence_id(["y2019", "op"])}">37</a>' in text
    assert describe_contradictions(contradictions.iloc[0:0], totals)._repr_html_() == ""


def test_programme_facts_as_of_a_date_leave_out_what_was_published_after_it():
    from helpers.report.tables import select_programme_facts

    programmes = pd.DataFrame(
        {
            "fact_id": ["a", "b", "c", "d"],
            "country_iso3": ["KGZ"] * 4,
            "field": ["operations"] * 4,
            "value": ["Aikol-5", "Aikol-6 (July 2024)", "six phases", "undated"],
            "source_id": ["feb", "jul", "year", "none"],
        }
    )
    sources = pd.DataFrame(
        {
            "source_id": ["feb", "jul", "year", "none"],
            "publisher": ["P"] * 4,
            "published": ["2024-02-22", "2024-07", "2024", ""],
        }
    )
    kept = select_programme_facts(programmes, sources, ["KGZ"], "2024-06-30")
    # July 2024 is certainly after 30 June; "2024" may be before it; undated is kept.
    assert list(kept["fact_id"]) == ["a", "c", "d"]
    assert len(select_programme_facts(programmes, sources, ["KGZ"])) == 4
