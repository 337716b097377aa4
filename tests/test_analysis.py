"""Statements: a source's figures about one thing read together, worked out by hand."""

import pandas as pd
from conftest import statement, statements_of

from helpers.model.analysis import resolve_as_of, short_publisher


def one(st, sid):
    return st.set_index("statement_id").loc[sid]


def test_a_total_stated_with_its_groups_keeps_the_rest_as_not_specified():
    st = statements_of(
        statement("s", "cumulative", "2021-12-31", {"people": 100, "women": 30, "children": 60})
    )
    row = one(st, "s")
    assert (int(row["people"]), bool(row["people_is_stated"])) == (100, True)
    assert int(row["unspecified"]) == 10 and not row["unspecified_is_lower_bound"]
    assert pd.isna(row["men"])  # not reported, never 0


def test_without_a_stated_total_the_groups_sum_to_a_floor():
    st = statements_of(statement("s", "event", "2021-12-31", {"women": 30, "children": 60}))
    row = one(st, "s")
    assert (int(row["people"]), bool(row["people_is_lower_bound"])) == (90, True)
    assert not row["people_is_stated"]


def test_a_floor_among_the_groups_makes_the_remainder_unknown_in_size():
    st = statements_of(
        statement(
            "s", "cumulative", "2021-12-31", {"people": 100, "children": 60}, lower=("children",)
        )
    )
    row = one(st, "s")
    assert bool(row["children_is_lower_bound"])
    assert int(row["people"]) == 100 and not row["people_is_lower_bound"]


def test_as_of_defaults_to_the_latest_statement():
    st = statements_of(
        statement("a", "event", "2020-05-01", {"people": 5}, event="e1"),
        statement("b", "event", "2023-07-09", {"people": 7}, event="e2"),
    )
    assert resolve_as_of(st, None) == pd.Timestamp("2023-07-09")
    assert resolve_as_of(st, "2021-01-31") == pd.Timestamp("2021-01-31")


def test_a_publisher_is_shortened_to_its_name():
    assert short_publisher("Khovar (khovar.tj, state agency), citing the MFA") == "Khovar"
    assert short_publisher("UNICEF, Central Asia office") == "UNICEF"
    assert short_publisher(None) == ""
