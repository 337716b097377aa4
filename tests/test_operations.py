"""Operations: one row per operation, the report totals use, and what the reports disagree on."""

import pandas as pd
from conftest import EVENTS, statement, statements_of

from helpers.model.operations import find_missing_operations
from helpers.report.operation_text import compute_operations


def two_reports_of_op1():
    return statements_of(
        statement(
            "m",
            "event",
            "2021-01-01",
            {"people": 40, "children": 30},
            event="op1",
            source="ministry",
        ),
        statement("p", "event", "2021-01-02", {"people": 38}, event="op1", source="paper"),
        statement("b", "event", "2021-06-15", {"people": 12}, event="op2", source="blog"),
    )


def test_one_row_per_operation_from_the_most_reliable_report():
    ops = compute_operations(two_reports_of_op1(), EVENTS)
    assert list(ops["event_id"]) == ["op1", "op2"]
    op1 = ops.iloc[0]
    # The ministry (high reliability) over the paper (medium): 40 people, 30 children, and the
    # 10 the groups do not account for kept as not specified.
    assert (op1["people"], op1["children"], op1["unspecified"]) == (40, 30, 10)
    assert pd.isna(op1["women"])  # not reported, never 0
    assert (op1["source_id"], op1["n_sources"], op1["sources"]) == (
        "ministry",
        2,
        "ministry; paper",
    )
    assert op1["statement_ids"].split(";")[0] == "m"
    assert op1["date_label"] == "1 January 2021" and op1["year"] == 2021


def test_reports_that_disagree_say_so_and_weak_only_operations_are_marked():
    ops = compute_operations(two_reports_of_op1(), EVENTS).set_index("event_id")
    assert "38 (paper); 40 (ministry)" in ops.loc["op1", "disagreement"]
    assert not ops.loc["op1", "is_weak_only"]
    # Op-2 is known only to the month (June 2021) and reported only by a weak source.
    assert ops.loc["op2", "is_weak_only"] and ops.loc["op2", "disagreement"] == ""
    assert ops.loc["op2", "date_label"] == "June 2021"


def test_operations_after_the_date_asked_are_left_out():
    ops = compute_operations(two_reports_of_op1(), EVENTS, as_of="2021-03-31")
    assert list(ops["event_id"]) == ["op1"]


def test_a_series_with_gaps_names_the_missing_operations():
    names = ["Jusan-1", "Jusan-2", "Jusan-5", "Mehr-2", "Aikol"]
    assert sorted(find_missing_operations(names)) == ["Jusan-3", "Jusan-4", "Mehr-1"]
    assert find_missing_operations(["Jusan-1", "Jusan-2"]) == []
