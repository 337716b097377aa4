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


def test_one_breakdown_from_two_sources_is_said_once_linked_to_both():
    from conftest import SOURCES

    from helpers.report.describe import describe_contradictions
    from helpers.report.evidence import Evidence, evidence_id

    contradictions = pd.DataFrame(
        {
            "country_iso3": ["KAZ", "KAZ"],
            "statement_id": ["ministry", "paper"],
            "people": [725, 725],
            "stated_groups": ["women;children"] * 2,
            "stated_counts": ["188;522"] * 2,
            "group": ["men"] * 2,
            "room": [15, 15],
            "known": [37, 37],
            "known_statement_ids": ["y2019;op"] * 2,
        }
    )
    totals = pd.DataFrame({"country_iso3": ["KAZ"], "statement_ids": ["ministry;paper"]})
    evidence = Evidence(pd.DataFrame(columns=["statement_id"]), SOURCES)
    text = describe_contradictions(contradictions, totals, evidence)._repr_html_()
    assert text.count("<li>") == 1
    assert f'href="#{evidence_id(["ministry", "paper"])}">725</a>' in text


def _totals_with_groups_over() -> pd.DataFrame:
    """Kazakhstan on 30 June 2024 (test_totals works it out): 730, groups 189 + 526 + 37."""
    return pd.DataFrame(
        {
            "country_iso3": ["KAZ", "UZB"],
            "total_returned": pd.array([730, 531], dtype="Int64"),
            "total_is_lower_bound": [False, False],
            "total_high": pd.array([730, 531], dtype="Int64"),
            "statement_ids": ["count;op", "uzb"],
            **{
                g: pd.array(v, dtype="Int64")
                for g, v in {
                    "women": [189, 125],
                    "children": [526, 331],
                    "men": [37, 27],
                    "women_and_children": [None, None],
                    "children_low": [526, 331],
                    "children_high": [None, 379],
                    "groups_over_total": [22, 0],
                }.items()
            },
            "women_statement_ids": ["count;op", "uzb"],
            "children_statement_ids": ["count;op", "uzb"],
            "men_statement_ids": ["y2019;feb2021", "uzb"],
            "women_and_children_statement_ids": ["", ""],
        }
    )


def test_groups_beyond_the_total_are_said_with_each_number_linked_and_no_ceiling():
    from conftest import SOURCES

    from helpers.report.describe import describe_contradictions, describe_group_bounds
    from helpers.report.evidence import Evidence, evidence_id
    from helpers.report.i18n import using

    totals = _totals_with_groups_over()
    evidence = Evidence(pd.DataFrame(columns=["statement_id"]), SOURCES)
    none = pd.DataFrame(columns=["country_iso3", "statement_id"])
    text = describe_contradictions(none, totals, evidence)._repr_html_()
    assert text.count("<li>") == 1  # Uzbekistan's groups fit its total
    kaz = f'<a class="count" href="#{evidence_id(["count", "op"])}">'
    men = f'<a class="count" href="#{evidence_id(["y2019", "feb2021"])}">37</a> men'
    assert (
        f"Kazakhstan: the reports give at least {kaz}189</a> women, {kaz}526</a> children" in text
    )
    assert f"and {men}, 752 together, 22 more than the total of {kaz}730</a>." in text
    bounds = describe_group_bounds(totals)._repr_html_()
    assert "Kazakhstan: at least 526 children (at least 72.1% of the total; the groups" in bounds
    assert (
        "Uzbekistan: at least 331 and at most 379 children (62.3% to 71.4% of the total)" in bounds
    )
    with using("ru"):
        ru = describe_contradictions(none, totals)._repr_html_()
    assert "Казахстан: группы по сообщениям — 189 женщин, 526 детей и 37 мужчин;" in ru
    assert "вместе это 752, на 22 больше итога (730)." in ru
