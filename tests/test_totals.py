"""Totals that count each return once, their groups and ranges, worked out by hand."""

import pandas as pd
from conftest import statement, statements_of

from helpers.model.analysis import compute_statements
from helpers.model.totals import compute_country_totals, compute_group_totals


def one(df, code="KAZ"):
    return df[df["country_iso3"] == code].iloc[0]


THIRD_PARTY = pd.DataFrame(
    {
        "source_id": ["ministry", "paper", "fund"],
        "source_type": ["official", "press", "third_party"],
        "reliability": ["high", "high", "medium"],
    }
)


def test_total_is_latest_cumulative_plus_operations_after_it():
    st = statements_of(
        statement("c1", "cumulative", "2020-01-01", {"people": 100}, total=True),
        statement("c2", "cumulative", "2022-01-01", {"people": 150}, total=True),
        statement("e-before", "event", "2021-06-01", {"people": 30}, event="ev1"),
        statement("e-after", "event", "2023-03-01", {"people": 20}, event="ev2"),
    )
    row = one(compute_country_totals(st))
    assert row["total_returned"] == 170
    assert not row["total_is_lower_bound"]
    assert row["statement_ids"] == "c2;e-after"


def test_as_of_ignores_later_figures():
    st = statements_of(
        statement("c1", "cumulative", "2020-01-01", {"people": 100}, total=True),
        statement("c2", "cumulative", "2022-01-01", {"people": 150}, total=True),
    )
    assert one(compute_country_totals(st, as_of="2021-01-01"))["total_returned"] == 100


def test_without_cumulative_total_sums_non_overlapping_periods_and_events():
    st = statements_of(
        statement("p1", "period", "2019-12-31", {"people": 50}, start="2019-01-01"),
        statement("p2", "period", "2019-12-31", {"people": 40}, start="2019-01-01"),
        statement("inside", "event", "2019-05-01", {"people": 10}, event="ev1"),
        statement("outside", "event", "2020-05-01", {"people": 7}, event="ev2"),
    )
    row = one(compute_country_totals(st))
    assert row["total_returned"] == 57
    assert row["basis"] == "sum_of_parts"


def test_one_operation_in_three_sources_is_counted_once():
    st = statements_of(
        statement(
            "a",
            "event",
            "2021-01-01",
            {"people": 12, "women": 4, "children": 8},
            event="op",
            source="ministry",
        ),
        statement("b", "event", "2021-01-01", {"people": 13}, event="op", source="paper"),
        statement(
            "c", "event", "2021-01-02", {"women": 4, "children": 8}, event="op", source="blog"
        ),
    )
    row = one(compute_country_totals(st))
    assert row["total_returned"] == 12
    assert row["statement_ids"] == "a"


def test_precedence_prefers_official_then_reliable_then_itemised():
    st = statements_of(
        statement(
            "press-itemised",
            "event",
            "2021-01-01",
            {"people": 99, "women": 28, "children": 71},
            event="op",
            source="ministry",
        ),
        statement("official", "event", "2021-01-01", {"people": 100}, event="op", source="un"),
        statement(
            "medium",
            "event",
            "2021-01-01",
            {"people": 98, "women": 28, "children": 70},
            event="op2",
            source="paper",
        ),
        statement("high", "event", "2021-01-01", {"people": 97}, event="op2", source="ministry"),
    )
    ids = one(compute_country_totals(st))["statement_ids"].split(";")
    assert sorted(ids) == ["high", "official"]


def test_operation_reported_only_by_a_weak_source_is_not_counted():
    st = statements_of(
        statement("ok", "event", "2021-01-01", {"people": 10}, event="a", source="paper"),
        statement("weak", "event", "2021-02-01", {"people": 500}, event="b", source="blog"),
    )
    assert one(compute_country_totals(st))["total_returned"] == 10


def test_lower_bound_stays_a_lower_bound_through_sums():
    st = statements_of(
        statement(
            "p",
            "period",
            "2023-12-31",
            {"women_and_children": 300},
            start="2019-01-01",
            lower=("women_and_children",),
        ),
        statement("e", "event", "2024-04-30", {"people": 47}, event="ev", start="2024-04-01"),
    )
    row = one(compute_country_totals(st))
    assert (row["total_returned"], bool(row["total_is_lower_bound"])) == (347, True)
    assert bool(row["women_and_children_is_lower_bound"])
    # The operation states no group: its 47 are not specified, within a total that is a floor.
    assert row["unspecified"] == 47 and row["unspecified_is_lower_bound"]


def test_total_without_a_stated_people_figure_is_a_lower_bound():
    st = statements_of(
        statement("e", "event", "2024-06-30", {"women": 8, "children": 14}, event="ev")
    )
    row = one(compute_country_totals(st))
    assert (row["total_returned"], bool(row["total_is_lower_bound"])) == (22, True)


def test_breakdown_short_of_total_keeps_an_explicit_not_specified_remainder():
    st = statements_of(
        statement(
            "c",
            "cumulative",
            "2024-06-30",
            {"people": 531, "children": 331, "women": 125, "men": 27},
            total=True,
        )
    )
    groups = compute_group_totals(compute_country_totals(st))
    by_group = dict(zip(groups["group"], groups["count"], strict=True))
    assert by_group == {"women": 125, "children": 331, "men": 27, "unspecified": 48}


def test_group_not_reported_is_absent_not_zero():
    st = statements_of(
        statement(
            "c",
            "cumulative",
            "2024-06-30",
            {"people": 725, "women": 188, "children": 522},
            total=True,
        )
    )
    totals = compute_country_totals(st)
    assert pd.isna(one(totals)["men"])
    assert "men" not in set(compute_group_totals(totals)["group"])


def test_country_with_no_figure_by_the_date_is_not_reported():
    st = statements_of(statement("c", "cumulative", "2024-06-30", {"people": 5}, total=True))
    row = one(compute_country_totals(st, as_of="2020-01-01", countries=["KAZ"]))
    assert pd.isna(row["total_returned"])


def test_shipped_data_totals_follow_the_sources():
    from helpers.data.loading import load_dataset
    from helpers.model.totals import compute_own_returns

    data = load_dataset()
    st = compute_statements(data.repatriations, data.sources)
    totals = compute_country_totals(st).set_index("country_iso3")
    assert totals.loc["KGZ", "total_returned"] == 551  # Security Council Secretary, 2025
    assert totals.loc["TJK", "total_returned"] == 382  # ombudsman's office: a count, not a floor
    assert not totals.loc["TJK", "total_is_lower_bound"]
    assert totals.loc["UZB", "total_returned"] == 531
    # The same 531 was broken down earlier: 331 children, 125 women and 27 men.
    assert totals.loc["UZB", "unspecified"] == 531 - 331 - 125 - 27
    # 725 (March 2023) + 5 (May 2023) = 730 cannot fall: GCERF's later 754 is above it.
    assert totals.loc["KAZ", "total_returned"] == 754
    assert (totals.loc["KAZ", "total_low"], totals.loc["KAZ", "total_high"]) == (730, 754)
    # Children: 81 (Meerim) + 317 children of the Aikol phases' own reports... or more:
    assert totals.loc["KGZ", "children"] == 396 and totals.loc["KGZ", "children_is_lower_bound"]
    assert totals.loc["TJK", "children"] == 84 + 104 + 73 + 32
    own = compute_own_returns(st).set_index("country_iso3")
    assert own.loc["KAZ", "women"] == 74 and own.loc["TJK", "people"] == 90


def test_summary_of_totals_keeps_lower_bounds_and_names_countries_without_children():
    from helpers.model.totals import summarise_totals

    st = statements_of(
        statement("k", "cumulative", "2024-01-01", {"people": 100, "children": 60}, total=True),
        statement(
            "t",
            "period",
            "2023-12-31",
            {"women_and_children": 300},
            country="TJK",
            start="2019-01-01",
            lower=("women_and_children",),
        ),
    )
    summary = summarise_totals(compute_country_totals(st))
    assert (summary.total, summary.total_is_lower_bound) == (400, True)
    assert (summary.children, summary.children_is_lower_bound) == (60, True)
    assert summary.children_not_reported == ["TJK"]


def test_select_figures_filters_and_names_the_source():
    from helpers.data.loading import load_dataset
    from helpers.model.totals import select_figures

    data = load_dataset()
    figures = select_figures(data.repatriations, data.sources, ["KGZ"], "2021-12-31")
    assert set(figures["country_iso3"]) == {"KGZ"}
    assert (figures["date_end"] <= pd.Timestamp("2021-12-31")).all()
    assert figures["publisher"].notna().all() and len(figures) >= 2


def test_a_floor_is_raised_to_the_operations_inside_it():
    # "Over 300" for 2019-2023; operations inside: 84 (children only), 146 and 104: 334.
    st = statements_of(
        statement(
            "floor",
            "period",
            "2023-12-31",
            {"women_and_children": 300},
            start="2019-01-01",
            lower=("women_and_children",),
        ),
        statement("a", "event", "2019-04-30", {"children": 84}, event="e1"),
        statement("b", "event", "2022-07-25", {"people": 146}, event="e2"),
        statement("c", "event", "2023-05-21", {"people": 104}, event="e3"),
    )
    row = one(compute_country_totals(st, as_of="2023-12-31"))
    assert row["total_returned"] == 334
    assert row["total_is_lower_bound"]


def test_a_floor_above_its_operations_stays_as_stated():
    st = statements_of(
        statement(
            "floor",
            "period",
            "2023-12-31",
            {"people": 300},
            start="2019-01-01",
            lower=("people",),
        ),
        statement("b", "event", "2022-07-25", {"people": 146}, event="e2"),
    )
    row = one(compute_country_totals(st, as_of="2023-12-31"))
    assert (row["total_returned"], row["total_is_lower_bound"]) == (300, True)


def test_totals_carry_the_range_of_the_sources_country_wide_counts():
    # Ministry 725 (2023), a third party 754 (2024); an operation of 5 after the 725.
    rows = [
        *statement("m", "cumulative", "2023-03-16", {"people": 725}, total=True, source="ministry"),
        *statement("f", "cumulative", "2024-12-18", {"people": 754}, total=True, source="fund"),
        *statement("op", "event", "2023-05-21", {"people": 5}, event="e1", source="paper"),
    ]
    st = compute_statements(pd.DataFrame(rows), THIRD_PARTY)
    row = one(compute_country_totals(st))
    assert row["total_returned"] == 754  # the later count is larger: totals never fall
    assert (row["total_low"], row["total_high"]) == (730, 754)
    assert not row["total_low_is_lower_bound"]


def test_a_floor_only_raises_the_low_end_of_the_range():
    rows = [
        *statement("a", "cumulative", "2024-05-15", {"people": 517}, total=True, source="ministry"),
        *statement(
            "b",
            "cumulative",
            "2024-07-19",
            {"people": 520},
            total=True,
            source="paper",
            lower=("people",),
        ),
        *statement("c", "cumulative", "2025-09-30", {"people": 551}, total=True, source="fund"),
    ]
    row = one(compute_country_totals(compute_statements(pd.DataFrame(rows), THIRD_PARTY)))
    assert (row["total_low"], row["total_low_is_lower_bound"], row["total_high"]) == (
        520,
        True,
        551,
    )


def test_returns_on_ones_own_are_never_in_a_total():
    st = statements_of(
        statement("c", "cumulative", "2024-01-01", {"people": 100}, total=True),
        statement("own", "cumulative", "2025-01-01", {"women": 74}, channel="returned_on_own"),
    )
    row = one(compute_country_totals(st))
    assert row["total_returned"] == 100 and row["women"] is pd.NA


def test_an_operation_from_another_origin_is_outside_a_period():
    # 607 through one programme from Syria, 2019-2021; an Iraq operation inside those dates.
    st = statements_of(
        statement("p", "period", "2021-12-31", {"people": 607}, start="2019-01-01", origin="Syria"),
        statement("iraq", "event", "2019-11-27", {"people": 14}, event="e1", origin="Iraq"),
        statement("syria", "event", "2019-05-09", {"people": 231}, event="e2", origin="Syria"),
    )
    assert one(compute_country_totals(st, as_of="2021-12-31"))["total_returned"] == 621


def test_an_earlier_report_of_the_same_count_lends_its_breakdown():
    st = statements_of(
        statement(
            "early",
            "cumulative",
            "2024-06-30",
            {"people": 531, "children": 331, "women": 125},
            total=True,
        ),
        statement("late", "cumulative", "2024-12-31", {"people": 531}, total=True),
    )
    row = one(compute_country_totals(st))
    assert (row["total_returned"], row["children"], row["unspecified"]) == (531, 331, 75)
    # The undated repeat is the same count, dated by its first report.
    assert row["latest_count_date"] == "2024-06-30"


def test_an_undated_repeat_with_an_operation_between_does_not_swallow_it():
    # Kazakhstan's 725 of March 2023, repeated undated in 2024 after 5 came home in May 2023.
    st = statements_of(
        statement(
            "early", "cumulative", "2023-03-16", {"people": 725, "children": 522}, total=True
        ),
        statement("op", "event", "2023-05-21", {"people": 5, "children": 4}, event="e1"),
        statement("late", "cumulative", "2024-06-30", {"people": 725}, total=True),
    )
    row = one(compute_country_totals(st))
    assert (row["total_returned"], row["children"], row["unspecified"]) == (730, 526, 204)
    assert (row["total_low"], row["total_high"]) == (730, 730)


def test_the_statement_lending_its_breakdown_is_among_the_totals_statements():
    st = statements_of(
        statement(
            "early", "cumulative", "2024-06-30", {"people": 531, "children": 331}, total=True
        ),
        statement("late", "cumulative", "2024-12-31", {"people": 531}, total=True),
    )
    assert one(compute_country_totals(st))["statement_ids"] == "early;late"


def count_after_men(men: int):
    """A count of 100 (40 women, 55 children) in 2023, after an operation that brought ``men``
    men home in 2019."""
    return statements_of(
        statement(
            "count",
            "cumulative",
            "2023-03-16",
            {"people": 100, "women": 40, "children": 55},
            total=True,
        ),
        statement("op", "event", "2019-10-01", {"people": 30, "men": men}, event="e1"),
    )


def test_groups_reported_beyond_the_total_stay_floors_with_no_ceiling():
    # The count leaves at most 5 for men, but the operation already brought 10 men home:
    # 40 + 55 + 10 = 105 is 5 more than the total.
    row = one(compute_country_totals(count_after_men(10)))
    assert (row["total_returned"], row["total_low"], row["total_high"]) == (100, 100, 100)
    assert (row["women"], row["children"], row["men"]) == (40, 55, 10)
    assert row["groups_over_total"] == 5
    assert row["unspecified"] == 0
    for group in ("women", "children", "men"):
        assert pd.isna(row[f"{group}_high"]), group  # no ceiling fits every source
        assert row[f"{group}_is_lower_bound"], group  # never "exactly 55 children"
    assert row["men_statement_ids"] == "op"
    assert row["children_statement_ids"] == "count"


def test_groups_that_fit_the_total_keep_their_ceilings():
    # The same count with 5 men before it: 40 + 55 + 5 = 100, every group pinned.
    row = one(compute_country_totals(count_after_men(5)))
    assert row["groups_over_total"] == 0
    assert (row["women_high"], row["children_high"], row["men_high"]) == (40, 55, 5)
    assert not row["children_is_lower_bound"] and not row["men_is_lower_bound"]


def test_groups_over_total_is_empty_where_the_total_has_no_high_end():
    st = statements_of(
        statement("a", "event", "2020-01-01", {"people": 30, "children": 20}, event="e1"),
        statement(
            "b", "period", "2021-12-31", {"people": 10}, start="2021-01-01", lower=("people",)
        ),
    )
    row = one(compute_country_totals(st))
    assert row["total_is_lower_bound"]
    assert pd.isna(row["groups_over_total"])


def test_a_floor_equal_to_a_count_gives_that_count_not_a_range():
    # Kyrgyzstan, 31 Dec 2024: the ministry's 517 and 22 of one operation after it make 539;
    # "more than 500 since 2021" is worth at least the 539 known at its date; a fund's 533 is
    # below the floor. The sources' range is 539, not "≥ 539 to 539".
    rows = [
        *statement("m", "cumulative", "2024-05-15", {"people": 517}, total=True, source="ministry"),
        *statement("op", "event", "2024-07-19", {"people": 22}, event="e1", source="paper"),
        *statement(
            "p",
            "cumulative",
            "2024-07-19",
            {"people": 500},
            total=True,
            source="paper",
            lower=("people",),
        ),
        *statement("f", "cumulative", "2024-12-18", {"people": 533}, total=True, source="fund"),
    ]
    st = compute_statements(pd.DataFrame(rows), THIRD_PARTY)
    row = one(compute_country_totals(st, as_of="2024-12-31"))
    assert row["total_returned"] == 539
    assert (row["total_low"], row["total_low_is_lower_bound"], row["total_high"]) == (
        539,
        False,
        539,
    )


def test_kazakhstans_groups_exceed_its_total_in_mid_2024_as_the_sources_disagree():
    from helpers.data.loading import load_dataset

    data = load_dataset()
    st = compute_statements(data.repatriations, data.sources)
    row = one(compute_country_totals(st, "2024-06-30", ["KAZ"], data.events))
    # 725 (March 2023: 188 women, 522 children) + 5 (May 2023: 1 woman, 4 children) = 730;
    # men: 33 (2019) + 4 (February 2021) = 37, where the 725 left room for 725 - 710 = 15.
    assert row["total_returned"] == 730
    assert (row["women"], row["children"], row["men"]) == (189, 526, 37)
    assert row["groups_over_total"] == 189 + 526 + 37 - 730
    assert pd.isna(row["children_high"])
    # By the end of 2024 a count of 754 has room for them all: 754 - 752 = 2 not specified.
    late = one(compute_country_totals(st, "2024-12-31", ["KAZ"], data.events))
    assert (late["groups_over_total"], late["unspecified"]) == (0, 2)
