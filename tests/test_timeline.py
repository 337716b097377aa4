"""Counts over time: invariants on the real data at every month end and on generated statements,
and small statement sets whose answers are worked out by hand."""

import pandas as pd
import pytest
from conftest import SOURCES, statement, statements_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.data.vocab import GROUPS, PEOPLE
from helpers.model.analysis import compute_statements
from helpers.model.timeline import build_models, count_at, month_ends
from helpers.model.timeline_table import compute_timeline, regional_floor
from helpers.model.totals import compute_country_totals


def events_of(**dates):
    """An events table: operation id -> its date."""
    return pd.DataFrame(
        {
            "event_id": list(dates),
            "country_iso3": "KAZ",
            "name": list(dates),
            "date": pd.to_datetime(list(dates.values())),
            "date_precision": "day",
            "note": None,
        }
    )


def people(st_, when, events=None, code="KAZ"):
    return count_at(build_models(st_, events)[code], when)


# --- Hand-worked statement sets ---------------------------------------------------------------


def test_an_operation_is_counted_from_its_date_never_before():
    # The article puts the operation in June (1-30 June); the operation itself is of 19 July.
    st_ = statements_of(
        statement("count", "cumulative", "2024-05-15", {"people": 517}, total=True),
        statement("june", "event", "2024-06-30", {"people": 22}, event="op", start="2024-06-01"),
    )
    events = events_of(op="2024-07-19")
    assert people(st_, "2024-06-30", events).headline.value == 517
    assert people(st_, "2024-07-19", events).headline.value == 539
    # Without an events table, the most precisely dated report dates it (here: June).
    assert people(st_, "2024-06-30").headline.value == 539


def test_an_undated_repeat_is_the_earlier_count():
    st_ = statements_of(
        statement("unicef", "cumulative", "2023-03-16", {"people": 725}, total=True),
        statement("op", "event", "2023-05-21", {"people": 5}, event="op"),
        statement("article", "cumulative", "2024-06-30", {"people": 725}, total=True),
    )
    # May 2024: 730. June 2024: the article's undated 725 is the March 2023 count, so still 730.
    for when in ("2024-05-31", "2024-06-30"):
        at = people(st_, when)
        assert (at.headline.value, at.low, at.high) == (730, 730, 730)
        assert at.latest_count_date == pd.Timestamp("2023-03-16")


def test_a_piece_inside_a_count_is_never_added_to_it():
    # 595 for 2019 holds the Iraq operation of 14; 607 for 2019-2021 (origin open) holds both.
    st_ = statements_of(
        statement("y2019", "period", "2019-12-31", {"people": 595}, start="2019-01-01"),
        statement("iraq", "event", "2019-11-27", {"children": 14}, event="rusafa", origin="Iraq"),
        statement("feb", "event", "2021-02-04", {"people": 12}, event="j5", origin="Syria"),
        statement("jusan", "period", "2021-12-31", {"people": 607}, start="2019-01-01"),
    )
    assert people(st_, "2021-12-30").headline.value == 607  # 595 + 12
    at = people(st_, "2021-12-31")
    assert at.headline.value == 607
    assert "iraq" not in at.headline.statement_ids


def test_an_operation_of_another_origin_is_outside_a_part():
    st_ = statements_of(
        statement("p", "period", "2021-12-31", {"people": 607}, start="2019-01-01", origin="Syria"),
        statement("iraq", "event", "2019-11-27", {"people": 14}, event="e1", origin="Iraq"),
    )
    assert people(st_, "2021-12-31").headline.value == 621


def test_a_floor_is_raised_by_an_earlier_count_and_the_operation_after_it():
    # 517 in May; "more than 500" in July, after an operation of 22: at least 539, never 500.
    st_ = statements_of(
        statement("manas", "cumulative", "2024-05-15", {"people": 517}, total=True, source="un"),
        statement("op", "event", "2024-07-19", {"people": 22}, event="op"),
        statement(
            "arab", "cumulative", "2024-07-19", {"people": 500}, total=True, lower=("people",)
        ),
    )
    at = people(st_, "2024-12-31")
    assert (at.headline.value, at.headline.is_lower_bound) == (539, False)
    assert at.headline.statement_ids == ("manas", "op")
    assert (at.low, at.high) == (539, 539)


MISSIONS = {"m1": ("2023-02-15", 59), "m2": ("2023-08-30", 95), "m3": ("2023-10-22", 83)}
MISSIONS |= {"m4": ("2023-12-08", 96), "m5": ("2024-02-20", 99)}


def _missions(*names):
    return [
        statement(n, "event", MISSIONS[n][0], {"people": MISSIONS[n][1]}, event=n) for n in names
    ]


FOUR_MISSIONS = statement(
    "four",
    "period",
    "2024-02-29",
    {"people": 400},
    start="2023-02-01",
    lower=("people",),
    origin="Syria",
)


def test_more_than_400_in_four_missions_is_not_read_as_five():
    # Five missions in the year add up to 432: that is what they give, not what the statement says.
    at = people(
        statements_of(FOUR_MISSIONS, *_missions("m1", "m2", "m3", "m4", "m5")), "2024-03-31"
    )
    assert at.headline.value == 432
    assert "four" not in at.headline.statement_ids
    # With only four of them on record (373), the statement's own floor holds: 400, no more.
    at = people(statements_of(FOUR_MISSIONS, *_missions("m2", "m3", "m4", "m5")), "2024-03-31")
    assert (at.headline.value, at.headline.is_lower_bound) == (400, True)
    assert at.headline.statement_ids == ("four",)


def test_group_floors_come_from_the_parts_a_statement_lists():
    # "81 children … 145 women and 315 children … 10 women and children … a total of 551".
    st_ = statements_of(
        statement("meerim", "event", "2021-03-15", {"children": 81}, event="m", origin="Iraq"),
        statement(
            "aikol",
            "cumulative",
            "2024-12-31",
            {"people": 460, "women": 145, "children": 315},
            start="2022-01-01",
            origin="Syria",
        ),
        statement(
            "other",
            "period",
            "2025-09-30",
            {"women_and_children": 10},
            start="2024-01-01",
            origin="Turkey",
        ),
        statement("total", "cumulative", "2025-09-30", {"people": 551}, total=True),
    )
    at = people(st_, "2025-09-30")
    assert at.headline.value == 551
    floor, ceiling = at.groups["children"]
    assert (floor.value, ceiling) == (396, 551 - 145)
    floor, ceiling = at.groups["women"]
    assert (floor.value, ceiling) == (145, 551 - 396)
    assert at.groups["men"][0].value is None  # not reported, never 0
    row = compute_country_totals(st_).iloc[0]
    assert (row["children"], row["children_low"], row["children_high"]) == (396, 396, 406)
    assert bool(row["children_is_lower_bound"])


def test_reports_that_agree_on_an_operation_lend_it_their_groups():
    st_ = statements_of(
        statement("official", "event", "2022-07-25", {"people": 146}, event="op", source="un"),
        statement(
            "press",
            "event",
            "2022-07-25",
            {"people": 146, "women": 42, "children": 104},
            event="op",
        ),
        statement(
            "weak", "event", "2022-07-25", {"people": 146, "women": 24}, event="op", source="blog"
        ),
    )
    at = people(st_, "2022-12-31")
    assert at.groups["children"][0].value == 104
    assert at.groups["women"][0].value == 42  # the weak 24 lends nothing


def test_a_regional_floor_adds_the_countries_floors():
    st_ = statements_of(
        statement("k", "cumulative", "2024-01-01", {"people": 100, "children": 60}, total=True),
        statement("t", "event", "2023-05-01", {"children": 30}, event="e", country="TJK"),
    )
    bound = regional_floor(st_, "2024-12-31", "children")
    assert (bound.value, bound.is_lower_bound) == (90, True)
    # "More than 1,600 children" for the region is more than the countries' floors hold here.
    assert bound.value < 1600


# --- Invariants --------------------------------------------------------------------------------


def assert_invariants(timeline: pd.DataFrame, models) -> None:
    """Floor ≤ headline ≤ high; floors and headlines never fall; no operation before its date;
    no piece added to a block that holds it."""
    for (code, group), rows in timeline.groupby(["country_iso3", "group"]):
        counts = rows["count"].dropna().astype(int).tolist()
        assert counts == sorted(counts), (code, group, counts)
        for rec in rows.to_dict("records"):
            if pd.notna(rec["count"]) and pd.notna(rec["high"]):
                assert rec["count"] <= rec["high"], (code, group, rec)
            if group == PEOPLE and pd.notna(rec["low"]) and rec["low_is_lower_bound"]:
                assert rec["low"] <= rec["high"] if pd.notna(rec["high"]) else True
    for code, model in models.items():
        by_id = {p.statement_id: p for p in [*model.operations, *model.blocks]}
        for when in sorted(set(timeline["as_of"])):
            bound = model.floor(when)
            pieces = [by_id[i] for i in bound.statement_ids if i in by_id]
            ops = [p for p in pieces if p in model.operations]
            places = {(p.start, p.end, p.origins): p for p in pieces if p not in model.operations}
            blocks = list(places.values())  # reports of the same block are listed together
            assert all(o.start <= pd.Timestamp(when) for o in ops), (code, when)
            assert not any(b.holds(o) for b in blocks for o in ops), (code, when)
            assert not any(a.overlaps(b) for a in blocks for b in blocks if a is not b)


@pytest.fixture(scope="module")
def real():
    from helpers.data.loading import latest_data_date, load_dataset

    data = load_dataset()
    return compute_statements(data.repatriations, data.sources), data.events, latest_data_date(data)


def test_invariants_hold_at_every_month_end_on_the_real_data(real):
    statements, events, latest = real
    dates = month_ends("2019-01-01", latest)  # to the latest date of any table
    timeline = compute_timeline(statements, dates, events=events)
    assert_invariants(timeline, build_models(statements, events))
    # Every group of every country has a floor ≤ its ceiling where both exist.
    groups = timeline[timeline["group"].isin(GROUPS)].dropna(subset=["count", "high"])
    assert (groups["count"] <= groups["high"]).all()


def test_groups_claim_a_ceiling_only_where_they_fit_the_total_at_every_month_end(real):
    """Where the groups' floors together exceed the total's high end (the sources disagree), no
    group has a ceiling; where they fit, each floor is at most its ceiling. A range whose low end
    is a floor never ends where it starts ("≥ 539 to 539")."""
    statements, events, latest = real
    models = build_models(statements, events)
    over_seen = set()
    for when in month_ends("2019-01-01", latest):
        for code, model in models.items():
            at = count_at(model, when)
            ceilings = [c for _, c in at.groups.values()]
            if at.groups_over:
                over_seen.add(code)
                assert ceilings == [None] * len(GROUPS), (code, when)
            for floor, ceiling in at.groups.values():
                if floor.value is not None and ceiling is not None:
                    assert floor.value <= ceiling, (code, when)
            if at.low_is_lower_bound and at.high is not None:
                assert at.low < at.high, (code, when)
    assert over_seen == {"KAZ", "KGZ"}  # the two disagreements test_totals works out by hand


def test_real_data_at_the_dates_the_audit_named(real):
    statements, events, latest = real
    tl = compute_timeline(
        statements, ["2021-12-30", "2021-12-31", "2024-05-31", "2024-06-30"], events=events
    )
    at = tl[tl["group"] == PEOPLE].set_index(["as_of", "country_iso3"])["count"]
    assert at[("2021-12-30", "KAZ")] == at[("2021-12-31", "KAZ")] == 607  # Rusafa counted once
    assert at[("2024-05-31", "KAZ")] == at[("2024-06-30", "KAZ")] == 730  # no fall to 725
    assert at[("2024-06-30", "KGZ")] == 517  # no Aikol-6 (19 July) yet
    models = build_models(statements, events, ["KGZ"])
    assert not any("aikol-6" in i for i in models["KGZ"].floor("2024-06-30").statement_ids)


# --- Generated statements ----------------------------------------------------------------------

DAYS = st.integers(min_value=0, max_value=6 * 365)
BASE = pd.Timestamp("2019-01-01")


@st.composite
def statement_sets(draw):
    rows = []
    for i in range(draw(st.integers(0, 6))):
        day, n = draw(DAYS), draw(st.integers(1, 200))
        origin = draw(st.sampled_from([None, "Syria", "Iraq"]))
        groups = draw(st.sampled_from([{"people": n}, {"children": n}, {"people": n, "women": 1}]))
        rows.append(
            statement(f"e{i}", "event", str((BASE + pd.Timedelta(days=day)).date()), groups,
                      event=f"op{i}", origin=origin)
        )  # fmt: skip
    for i in range(draw(st.integers(0, 4))):
        day, n = draw(DAYS), draw(st.integers(1, 900))
        lower = ("people",) if draw(st.booleans()) else ()
        source = draw(st.sampled_from(["ministry", "paper", "un"]))
        end = str((BASE + pd.Timedelta(days=day)).date())
        rows.append(
            statement(f"c{i}", "cumulative", end, {"people": n, "children": n // 2},
                      total=True, lower=lower, source=source)
        )  # fmt: skip
    for i in range(draw(st.integers(0, 3))):
        a, b = sorted([draw(DAYS), draw(DAYS)])
        n = draw(st.integers(1, 500))
        origin = draw(st.sampled_from([None, "Syria", ("Iraq", "Syria")]))
        rows.append(
            statement(f"p{i}", "period", str((BASE + pd.Timedelta(days=b)).date()),
                      {"people": n}, start=str((BASE + pd.Timedelta(days=a)).date()),
                      origin=origin, lower=("people",) if draw(st.booleans()) else ())
        )  # fmt: skip
    return rows


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statement_sets())
def test_invariants_hold_for_generated_statements(stmts):
    if not stmts:
        return
    statements = compute_statements(pd.DataFrame([r for s in stmts for r in s]), SOURCES)
    dates = pd.date_range("2019-06-30", "2025-12-31", freq="2QE")
    timeline = compute_timeline(statements, dates)
    assert_invariants(timeline, build_models(statements))


def test_tables_write_a_figures_date_as_precisely_as_it_is_known():
    from helpers.report.tables import format_for_readers

    df = pd.DataFrame(
        {
            "date_start": pd.to_datetime(["2021-03-01", "2022-01-01", None, "2019-01-01"]),
            "date_end": pd.to_datetime(["2021-03-31", "2022-12-31", "2024-06-30", "2021-12-31"]),
        }
    )
    shown = format_for_readers(df, ["date_end"]).iloc[:, 0].tolist()
    assert shown == ["March 2021", "2022", "30 June 2024", "31 December 2021"]


def test_an_operation_is_listed_from_its_date_never_before(real):
    from helpers.report.operation_text import compute_operations

    statements, events, latest = real
    listed = compute_operations(statements, events, "2024-06-30", ["KGZ"])["event_id"]
    assert "kgz-2024-07-19-aikol-6" not in set(listed)  # the article's "June 2024" row is early
    later = compute_operations(statements, events, "2024-07-31", ["KGZ"])["event_id"]
    assert "kgz-2024-07-19-aikol-6" in set(later)


def test_an_operation_shows_the_groups_that_agreeing_reports_give(real):
    from helpers.report.operation_text import compute_operations

    statements, events, _ = real
    ops = compute_operations(statements, events, None, ["TJK"]).set_index("event_id")
    row = ops.loc["tjk-2022-07-25-syria"]  # the ministry's 146 with the press's 42 and 104
    assert (row["people"], row["women"], row["children"], row["unspecified"]) == (146, 42, 104, 0)


def test_the_count_over_time_chart_is_labelled_and_never_draws_not_reported_as_zero():
    from helpers.report.figure_time import plot_count_over_time

    st_ = statements_of(
        statement("e", "event", "2020-03-10", {"children": 30}, event="op"),
        statement("c", "cumulative", "2020-06-30", {"people": 100}, total=True),
    )
    timeline = compute_timeline(st_, month_ends("2019-01-01", "2020-12-31"))
    fig = plot_count_over_time(timeline)
    ax = fig.axes[0]
    assert "People repatriated over time" in fig._suptitle.get_text()
    assert "number of people" in ax.get_ylabel() and ax.get_xlabel()
    assert any("Source:" in t.get_text() for t in fig.texts)
    levels = {y for line in ax.get_lines() for y in line.get_ydata()}
    assert 0 not in levels  # nothing reported before March 2020 is not drawn
    styles = {(line.get_ydata()[0], line.get_linestyle()) for line in ax.get_lines()}
    assert (30.0, ":") in styles and (100.0, "-") in styles  # a floor dotted, a count solid
