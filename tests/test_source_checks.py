"""Checks between sources: regional figures, disagreeing reports."""

import pandas as pd
import pytest
from conftest import EVENTS, statement, statements_of

from helpers.model.checks import compute_checks, compute_reconciliation
from helpers.model.source_checks import regional_status
from helpers.report.operation_text import compute_operations


def check_rows(checks, name):
    return checks[checks["check"] == name]


def regional(sid, end, groups, lower=()):
    """Rows of a regional statement (no country), from the United Nations."""
    rows = statement(sid, "cumulative", end, groups, lower=lower, source="un")
    for r in rows:
        r["country_iso3"], r["region"] = None, "Central Asia"
    return rows


def _regional_set():
    # Kazakhstan 100 = 60 children + 40 women; Kyrgyzstan 50, no breakdown. Together: exactly
    # 150 people; children at least 60 (Kazakhstan's) and at most 110 (60 + all 50 Kyrgyz).
    return statements_of(
        statement(
            "kaz",
            "cumulative",
            "2022-01-01",
            {"people": 100, "children": 60, "women": 40},
            total=True,
        ),
        statement("kgz", "cumulative", "2022-01-01", {"people": 50}, total=True, country="KGZ"),
        regional("over120", "2022-06-01", {"people": 120}, lower=("people",)),
        regional("over200", "2022-06-01", {"people": 200}, lower=("people",)),
        regional("exactly140", "2022-06-01", {"people": 140}),
        regional("children80", "2022-06-01", {"children": 80}, lower=("children",)),
        regional("children120", "2022-06-01", {"children": 120}, lower=("children",)),
        regional("before", "2021-06-01", {"people": 10}, lower=("people",)),
    )


@pytest.mark.parametrize(
    ("expected", "expected_lb", "low", "high", "status"),
    [
        (2100, True, 2153, None, "floor_reached"),
        (2100, True, 2000, None, "not_reached"),
        (1600, True, 1546, 1607, "within_range"),
        (1700, True, 1546, 1607, "short"),
        (150, False, 150, 150, "adds_up"),
        (140, False, 150, 160, "exceeds"),
        (155, False, 150, 160, "within_range"),
        (170, False, 150, 160, "short"),
    ],
)
def test_regional_status_against_the_countries_range(expected, expected_lb, low, high, status):
    assert regional_status(expected, expected_lb, low, high) == status


def test_sources_that_disagree_about_one_operation_are_both_kept_and_shown():
    st = statements_of(
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1", source="ministry"),
        statement("b", "event", "2021-01-01", {"people": 33}, event="op1", source="paper"),
    )
    ops = compute_operations(st, EVENTS)
    assert ops.iloc[0]["people"] == 30
    row = check_rows(compute_checks(st, EVENTS), "sources_disagree").iloc[0]
    assert (row["subject"], row["group"], row["status"]) == ("op1", "people", "counts_differ")
    assert (row["expected"], row["observed"], row["difference"]) == (30, 33, -3)
    assert (row["source_id"], row["related_ids"]) == ("paper", "a;b")
    rec = compute_reconciliation(st, EVENTS)
    assert list(rec[rec["kind"] == "report"]["is_used"]) == [True, False]


def test_reports_dated_apart_are_a_disagreement_about_dates():
    st = statements_of(
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1", source="ministry"),
        statement("b", "event", "2021-02-28", {"people": 30}, event="op1", start="2021-02-01"),
    )
    rows = check_rows(compute_checks(st, EVENTS), "sources_disagree")
    assert list(rows["status"]) == ["dates_differ"]
    assert rows.iloc[0]["date_start"] == pd.Timestamp("2021-02-01")


def test_regional_figures_are_checked_against_the_countries_floors_and_ranges():
    rows = check_rows(compute_checks(_regional_set(), EVENTS), "regional_vs_countries")
    got = {
        r["subject"]: (r["group"], r["status"], r["observed"], r["observed_high"])
        for r in rows.to_dict("records")
        if r["subject"] != "before"
    }
    assert got == {
        "over120": ("people", "floor_reached", 150, 150),
        "over200": ("people", "short", 150, 150),
        "exactly140": ("people", "exceeds", 150, 150),
        "children80": ("children", "within_range", 60, 110),
        "children120": ("children", "short", 60, 110),
    }
    assert rows["country_iso3"].isna().all()
    assert set(rows[rows["subject"] != "before"]["related_ids"]) == {"KAZ;KGZ"}


def test_a_regional_figure_dated_before_the_counts_finds_none_of_them():
    rows = check_rows(compute_checks(_regional_set(), EVENTS), "regional_vs_countries")
    before = rows.set_index("subject").loc["before"]
    assert before["observed"] == 0 and before["status"] == "not_reached"
