"""Reader tables as HTML: escaped text, counts linked to evidence; stable CSVs."""

import pandas as pd

from helpers.report.tables import save_table, show_table


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


def test_tables_are_linked_from_the_english_folder_in_every_language():
    from helpers.report.i18n import using
    from helpers.report.tables import table_href

    assert table_href("reconciliation.csv") == "tables/reconciliation.csv"
    with using("ru"):
        assert table_href("reconciliation.csv") == "../tables/reconciliation.csv"
