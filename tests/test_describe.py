"""The totals in sentences: one full stop, ranges without an upper end, contradictions."""

import pandas as pd


def test_a_sentence_ending_in_an_abbreviation_gets_one_full_stop():
    from conftest import SOURCES

    from helpers.report.describe import describe_own_returns
    from helpers.report.i18n import using

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
    from helpers.report.describe import describe_total_ranges

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

    from helpers.report.describe import describe_contradictions
    from helpers.report.evidence import Evidence, evidence_id

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
