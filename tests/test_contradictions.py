"""Breakdowns that leave less room for a group than other statements report."""

from conftest import EVENTS, statement, statements_of

from helpers.model.checks import compute_checks
from helpers.model.contradictions import compute_contradictions


def check_rows(checks, name):
    return checks[checks["check"] == name]


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
    assert list(zip(rows["subject"], rows["group"], strict=True)) == [("total", "men")]
    row = rows.iloc[0]
    assert (row["expected"], row["observed"], row["difference"]) == (15, 37, -22)
    assert row["status"] == "contradiction" and row["related_ids"] == "y2019;op"


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


def test_contradictions_name_the_statements_both_sides_rest_on():
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
