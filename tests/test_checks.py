"""Consistency checks and reconciliation surface every gap and disagreement."""

import pandas as pd
from test_analysis import SOURCES, statement

from helpers.analysis import compute_statements
from helpers.checks import (
    compute_checks,
    compute_operations,
    compute_reconciliation,
    find_missing_operations,
)
from helpers.loading import load_dataset

EVENTS = pd.DataFrame(
    {
        "event_id": ["op1", "op2"],
        "country_iso3": ["KAZ", "KAZ"],
        "name": ["Op-1", "Op-2"],
        "date_precision": ["day", "month"],
        "date": [pd.Timestamp("2021-01-01"), pd.Timestamp("2021-06-01")],
        "note": [None, None],
    }
)


def build(*stmts):
    return compute_statements(pd.DataFrame([r for s in stmts for r in s]), SOURCES)


def test_breakdown_vs_total_reports_the_gap():
    st = build(
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
    assert row["status"] == "parts short of total: 15 not specified"


def test_operations_against_the_total_that_should_contain_them():
    st = build(
        statement("c", "cumulative", "2022-01-01", {"people": 100}, total=True),
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 50}, event="op2"),
    )
    checks = compute_checks(st, EVENTS)
    row = checks[checks["check"] == "operations_vs_total"].iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (100, 80, 20)
    assert "Op-1, Op-2" in row["detail"]


def test_operations_exceeding_an_exact_total_are_flagged():
    st = build(
        statement("c", "cumulative", "2022-01-01", {"people": 40}, total=True),
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 50}, event="op2"),
    )
    checks = compute_checks(st, EVENTS)
    assert "operations exceed the total by 40" in set(checks["status"])


def test_sources_that_disagree_about_one_operation_are_both_kept_and_shown():
    st = build(
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
    st = build(
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
