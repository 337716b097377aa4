"""Stated totals against their breakdown and against the operations they should contain."""

from conftest import EVENTS, statement, statements_of

from helpers.model.checks import compute_checks
from helpers.report.check_text import (
    check_status_text,
    word_checks,
)
from helpers.report.i18n import using


def check_rows(checks, name):
    return checks[checks["check"] == name]


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
    row = check_rows(compute_checks(st, EVENTS), "breakdown_vs_total").iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (725, 710, 15)
    assert row["status"] == "gap" and row["related_ids"] == "women;children"


def test_a_floor_total_with_exact_parts_leaves_at_least_the_rest():
    # "over 300 people, among them 200 children": at least 100 of no stated group.
    st = statements_of(
        statement(
            "c", "cumulative", "2022-01-01", {"people": 300, "children": 200}, lower=("people",)
        )
    )
    row = check_rows(compute_checks(st, EVENTS), "breakdown_vs_total").iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (300, 200, 100)
    assert bool(row["expected_is_lower_bound"]) and row["status"] == "gap_at_least"


def test_operations_against_the_total_that_should_contain_them():
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 100}, total=True),
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 50}, event="op2"),
    )
    row = check_rows(compute_checks(st, EVENTS), "operations_vs_total").iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (100, 80, 20)
    assert row["status"] == "gap" and row["related_ids"] == "op1;op2"


def test_operations_exceeding_an_exact_total_are_flagged():
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 40}, total=True),
        statement("a", "event", "2021-01-01", {"people": 30}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 50}, event="op2"),
    )
    row = check_rows(compute_checks(st, EVENTS), "operations_vs_total").iloc[0]
    assert (row["status"], row["difference"]) == ("exceeds", -40)


def test_gap_against_a_sum_with_a_lower_bound_is_a_ceiling():
    # Total 100; op1 states only 20 children (no total: a floor), op2 states 30 people.
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 100}, total=True),
        statement("a", "event", "2021-01-01", {"children": 20}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 30}, event="op2"),
    )
    row = check_rows(compute_checks(st, EVENTS), "operations_vs_total").iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (100, 50, 50)
    assert bool(row["observed_is_lower_bound"]) and row["status"] == "gap_at_most"


def test_gap_against_a_stated_floor_is_never_a_ceiling():
    # "More than 530" against operations of 400 and at least 35 (one states only children).
    st = statements_of(
        statement("c", "cumulative", "2022-01-01", {"people": 530}, total=True, lower=("people",)),
        statement("a", "event", "2021-01-01", {"children": 35}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 400}, event="op2"),
    )
    row = check_rows(compute_checks(st, EVENTS), "operations_vs_total").iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (530, 435, 95)
    assert row["status"] == "gap_unknown"
    with using("en"):
        assert check_status_text(row.to_dict()).startswith("gap not known")


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
    groups = check_rows(checks, "group_operations_vs_total").set_index("group")
    assert (groups.loc["children", "observed"], groups.loc["children", "status"]) == (60, "adds_up")
    assert (groups.loc["women", "observed"], groups.loc["women", "difference"]) == (10, 20)
    assert groups.loc["women", "status"] == "gap_at_most"  # op2 states no women
    total = check_rows(checks, "operations_vs_total").iloc[0]
    assert (total["difference"], total["status"]) == (30, "gap")
    with using("en"):
        detail = word_checks(checks, EVENTS, kind="operations_vs_total")
    assert "every one of the children stated" in detail["detail"].iloc[0]
