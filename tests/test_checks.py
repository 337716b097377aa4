"""Consistency checks and reconciliation surface every gap and disagreement."""

import pandas as pd
from conftest import EVENTS, statement, statements_of

from helpers.analysis import compute_statements
from helpers.checks import compute_checks, compute_reconciliation
from helpers.loading import load_dataset
from helpers.operations import compute_operations, find_missing_operations


def test_breakdown_vs_total_reports_the_gap():
    st = statements_of(
        statement(
            "c",
            "cumulative",
            "2022-01-01",
            {"people": 725, "women": 188, "children": 522},
            total=True,
        )
    )
    checks = compute_checks(st, EVENTS)
    row = checks[checks["check"] == "breakdown_vs_total"].iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (725, 710, 15)
    assert row["status"] == "the parts fall short of the total: 15 not specified"


def test_operations_against_the_total_that_should_contain_them():
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 100}, total=True),
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 50}, event="op2"),
    )
    checks = compute_checks(st, EVENTS)
    row = checks[checks["check"] == "operations_vs_total"].iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (100, 80, 20)
    assert "Op-1, Op-2" in row["detail"]


def test_operations_exceeding_an_exact_total_are_flagged():
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 40}, total=True),
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 50}, event="op2"),
    )
    checks = compute_checks(st, EVENTS)
    assert "the parts exceed the total by 40" in set(checks["status"])


def test_sources_that_disagree_about_one_operation_are_both_kept_and_shown():
    st = statements_of(
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1", source="ministry"),
        statement("b", "event", "2021-01-01", {"people": 33}, event="op1", source="paper"),
    )
    ops = compute_operations(st, EVENTS)
    assert ops.iloc[0]["people"] == 30
    assert ops.iloc[0]["disagreement"] == "people: 30 (ministry); 33 (paper)"
    rec = compute_reconciliation(st, EVENTS)
    reports = rec[rec["kind"] == "report"]
    assert list(reports["is_used"]) == [True, False]


def test_shipped_reconciliation_flags_the_unconfirmed_kyrgyz_mission():
    data = load_dataset()
    st = compute_statements(data.repatriations, data.sources)
    rec = compute_reconciliation(st, data.events)
    weak = rec[rec["is_weak_only"]]
    assert set(weak["subject"]) == {"kgz-2023-09-unconfirmed"}
    assert not weak["is_used"].any()


def test_shipped_checks_surface_the_gaps_the_sources_leave():
    data = load_dataset()
    checks = compute_checks(compute_statements(data.repatriations, data.sources), data.events)
    uzb = checks[
        (checks["subject"] == "uzb-tdi-to-date") & (checks["check"] == "breakdown_vs_total")
    ]
    assert int(uzb["difference"].iloc[0]) == 48
    disagree = checks[checks["check"] == "sources_disagree"]
    assert "kgz-2024-07-19-aikol-6" in set(disagree["subject"])


def test_gaps_in_numbered_operations_are_found():
    names = ["Jusan-1", "Jusan-2", "Jusan-5", "Rusafa", "Mehr-2"]
    assert find_missing_operations(names) == ["Jusan-3", "Jusan-4", "Mehr-1"]


def test_shipped_reconciliation_names_the_operation_missing_from_the_record():
    data = load_dataset()
    checks = compute_checks(compute_statements(data.repatriations, data.sources), data.events)
    kaz = checks[(checks["check"] == "operations_vs_total") & (checks["country_iso3"] == "KAZ")]
    assert any("missing from the record: Jusan-4" in d for d in kaz["detail"])


def test_regional_figure_is_checked_against_the_countries_totals():
    data = load_dataset()
    checks = compute_checks(compute_statements(data.repatriations, data.sources), data.events)
    row = checks[checks["check"] == "regional_vs_countries"].iloc[0]
    assert row["expected"] == 2100 and row["observed"] >= 2100
    assert row["status"] == "consistent: the countries' totals reach the regional floor"
    assert pd.isna(row["country_iso3"])


def test_operation_dates_are_written_as_precisely_as_known():
    st = statements_of(
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1"),
        statement("b", "event", "2021-06-30", {"people": 5}, event="op2", start="2021-06-01"),
    )
    labels = list(compute_operations(st, EVENTS)["date_label"])
    assert labels == ["1 January 2021", "June 2021"]


def test_operations_can_be_limited_to_some_countries():
    data = load_dataset()
    st = compute_statements(data.repatriations, data.sources)
    ops = compute_operations(st, data.events, countries=["UZB"])
    assert set(ops["country_iso3"]) == {"UZB"} and len(ops) == 5


def check_rows(checks, name):
    return checks[checks["check"] == name]


def test_gap_against_a_sum_with_a_lower_bound_reads_at_most():
    # Total 100; op1 states only 20 children (no total: a floor), op2 states 30 people.
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 100}, total=True),
        statement("a", "event", "2021-01-01", {"children": 20}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 30}, event="op2"),
    )
    row = check_rows(compute_checks(st, EVENTS), "operations_vs_total").iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (100, 50, 50)
    assert bool(row["observed_is_lower_bound"])
    assert row["status"] == "at most 50 not accounted for"


def test_an_exact_sum_gives_an_exact_gap():
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 100}, total=True),
        statement("b", "event", "2021-06-01", {"people": 30}, event="op2"),
    )
    row = check_rows(compute_checks(st, EVENTS), "operations_vs_total").iloc[0]
    assert not bool(row["observed_is_lower_bound"])
    assert row["status"] == "70 not accounted for"


def test_each_group_is_reconciled_with_the_same_group_in_the_operations():
    # 100 people = 60 children + 30 women; operations give 40 + 20 children, and 10 women.
    st = statements_of(
        statement(
            "c",
            "cumulative",
            "2022-01-01",
            {"people": 100, "children": 60, "women": 30},
            total=True,
        ),
        statement(
            "a", "event", "2021-01-01", {"people": 50, "children": 40, "women": 10}, event="op1"
        ),
        statement("b", "event", "2021-06-01", {"people": 20, "children": 20}, event="op2"),
    )
    checks = compute_checks(st, EVENTS)
    groups = check_rows(checks, "group_operations_vs_total").set_index("subject")
    assert groups.loc["c:children", "observed"] == 60
    assert groups.loc["c:children", "status"] == "adds up"
    assert groups.loc["c:women", "observed"] == 10
    assert bool(groups.loc["c:women", "observed_is_lower_bound"])  # op2 states no women
    assert groups.loc["c:women", "status"] == "at most 20 not accounted for"
    total = check_rows(checks, "operations_vs_total").iloc[0]
    assert total["difference"] == 30 and "every one of the children stated" in total["detail"]


def test_a_breakdown_leaving_less_room_than_other_statements_report_is_a_contradiction():
    # 725 = 188 women + 522 children leaves 15; a 2019 period already states 33 men, and an
    # operation after it 4 more: at least 37 men before the 725.
    st = statements_of(
        statement("y2019", "period", "2019-12-31", {"people": 595, "men": 33}, start="2019-01-01"),
        statement("op", "event", "2021-01-01", {"people": 12, "men": 4}, event="op1"),
        statement(
            "total",
            "cumulative",
            "2023-03-16",
            {"people": 725, "women": 188, "children": 522},
            total=True,
        ),
    )
    rows = check_rows(compute_checks(st, EVENTS), "statements_contradict")
    assert list(rows["subject"]) == ["total:men"]
    row = rows.iloc[0]
    assert (row["expected"], row["observed"]) == (15, 37)
    assert "725 = 188 women + 522 children leaves at most 15" in row["detail"]


def test_no_contradiction_when_the_room_suffices():
    st = statements_of(
        statement("op", "event", "2021-01-01", {"people": 12, "men": 4}, event="op1"),
        statement(
            "total",
            "cumulative",
            "2023-03-16",
            {"people": 725, "women": 188, "children": 522},
            total=True,
        ),
    )
    assert check_rows(compute_checks(st, EVENTS), "statements_contradict").empty


def test_shipped_checks_find_kazakhstans_men_and_uzbekistans_children():
    data = load_dataset()
    checks = compute_checks(compute_statements(data.repatriations, data.sources), data.events)
    contradictions = set(check_rows(checks, "statements_contradict")["subject"])
    assert "kaz-astanatimes-unicef-2023:men" in contradictions
    groups = check_rows(checks, "group_operations_vs_total").set_index("subject")
    assert groups.loc["uzb-tdi-to-date:children", "observed"] == 331
    assert groups.loc["uzb-tdi-to-date:children", "status"] == "adds up"
    mehr = check_rows(checks, "operations_vs_total").set_index("subject").loc["uzb-tdi-to-date"]
    assert mehr["status"] == "at most 96 not accounted for"


def test_totals_that_differ_between_sources_are_listed_with_each_source():
    data = load_dataset()
    checks = compute_checks(compute_statements(data.repatriations, data.sources), data.events)
    rows = check_rows(checks, "totals_disagree").set_index("subject")
    kaz = rows.loc["KAZ country-wide", "detail"]
    assert "725" in kaz and "754" in kaz and "607" in kaz and "74" in kaz
    assert "382" in rows.loc["TJK country-wide", "detail"]
    assert "381" in rows.loc["TJK country-wide", "detail"]
    aikol = rows.loc["KGZ aikol", "detail"]
    assert "454" in aikol and "460" in aikol


def test_contradictions_name_the_statements_both_sides_rest_on():
    from helpers.checks import compute_contradictions

    st = statements_of(
        statement("y2019", "period", "2019-12-31", {"people": 595, "men": 33}, start="2019-01-01"),
        statement("op", "event", "2021-01-01", {"people": 12, "men": 4}, event="op1"),
        statement(
            "total",
            "cumulative",
            "2023-03-16",
            {"people": 725, "women": 188, "children": 522},
            total=True,
        ),
    )
    rows = compute_contradictions(st, EVENTS)
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["statement_id"], row["group"], row["room"], row["known"]) == (
        "total",
        "men",
        15,
        37,
    )
    assert (row["stated_groups"], row["stated_counts"]) == ("women;children", "188;522")
    assert row["known_from"] == "y2019" and row["known_statement_ids"] == "y2019;op"
    assert compute_contradictions(st, EVENTS, as_of="2022-12-31").empty
