"""Who is still abroad: bounds read the right way round, kinds never added up, rules, words."""

import datetime as dt

import pandas as pd
import pytest
from conftest import edit_row

from helpers.data.loading import latest_data_date, load_dataset, partial_date_end, validate_data_dir
from helpers.data.rules import check_abroad_row
from helpers.model.abroad import compute_latest_abroad, figure_bounds, select_abroad
from helpers.report.abroad_text import (
    describe_abroad,
    format_abroad_count,
    show_abroad,
    show_abroad_facts,
)
from helpers.report.evidence import Evidence
from helpers.report.i18n import using


def _rows(*specs: tuple) -> pd.DataFrame:
    """abroad.csv rows: (id, country, date, kind, place, group, count, high, qualifier)."""
    cols = ["abroad_id", "country_iso3", "date", "kind", "place", "group", "count"]
    cols += ["count_high", "qualifier"]
    df = pd.DataFrame([dict(zip(cols, s, strict=True)) for s in specs])
    df["count"] = df["count"].astype("Int64")
    df["count_high"] = df["count_high"].astype("Int64")
    df["is_estimate"] = False
    df["source_id"] = "src"
    return df


def _row(**changes: object) -> dict:
    row = {
        "line": 7,
        "country_iso3": "TJK",
        "date": "2025-02",
        "kind": "in_camp",
        "place": "syria_camps",
        "count": 300,
        "count_high": None,
        "qualifier": "at_most",
        "note": None,
    }
    return row | changes


def test_a_ceiling_is_not_a_floor():
    assert figure_bounds(300, None, "at_most") == (None, 300)
    assert figure_bounds(10, None, "at_least") == (10, None)
    assert figure_bounds(250, 300, "range") == (250, 300)
    assert figure_bounds(6, None, "exact") == (6, 6)


def test_a_ceiling_is_written_as_at_most_and_an_estimate_as_one():
    assert format_abroad_count(300, None, "at_most", False) == "at most 300"
    assert format_abroad_count(10, None, "at_least", False) == "at least 10"
    assert format_abroad_count(250, 300, "range", True) == "250 to 300 (an estimate)"
    with using("ru"):
        assert format_abroad_count(300, None, "at_most", False) == "не более 300"
        assert format_abroad_count(250, 300, "range", True) == "от 250 до 300 (оценка)"


def test_latest_figures_keep_kinds_apart_and_never_add_them_up():
    abroad = _rows(
        ("a", "KAZ", "2025-03-02", "in_camp", "al_hol_and_roj", "women", 10, None, "at_least"),
        (
            "b",
            "KAZ",
            "2025-03-02",
            "in_armed_groups",
            "armed_groups_syria",
            "people",
            30,
            None,
            "at_least",
        ),
        ("c", "KAZ", "2024", "in_camp", "al_hol_and_roj", "women", 12, None, "at_least"),
    )
    latest = compute_latest_abroad(abroad, ["KAZ"])
    assert list(latest["abroad_id"]) == ["a", "b"]  # the older camp figure gives way, no sum
    assert sorted(latest["count"].tolist()) == [10, 30]
    assert 40 not in latest["count"].tolist()


def test_one_statement_keeps_its_groups_and_other_places_stay():
    abroad = _rows(
        (
            "p",
            "TJK",
            "2018",
            "imprisoned",
            "prisons_iraq_and_syria",
            "people",
            450,
            None,
            "at_least",
        ),
        ("w", "TJK", "2018", "imprisoned", "prisons_iraq_and_syria", "women", 36, None, "exact"),
        ("i", "TJK", "2024-04-30", "imprisoned", "prisons_iraq", "women", 37, None, "exact"),
    )
    latest = compute_latest_abroad(abroad, ["TJK"])
    assert list(latest["abroad_id"]) == ["i", "p", "w"]


def test_undated_figures_are_kept_flagged_and_never_dropped_by_as_of():
    abroad = _rows(
        ("u", "TJK", None, "in_camp", "syria_camps", "women_and_children", 300, None, "at_most"),
        ("d", "TJK", "2026-02-18", "detained", "al_karkh_prison", "people", 63, None, "exact"),
    )
    rows = select_abroad(abroad, ["TJK"], as_of="2025-12-31")
    assert list(rows["abroad_id"]) == ["u"]
    assert not bool(rows["is_dated"].iloc[0])
    assert rows["bound"].iloc[0] == "ceiling"
    assert pd.isna(rows["lower"].iloc[0]) and rows["upper"].iloc[0] == 300


def test_a_year_or_month_ends_on_its_last_day():
    assert partial_date_end("2018") == dt.date(2018, 12, 31)
    assert partial_date_end("2024-02") == dt.date(2024, 2, 29)
    assert partial_date_end("2026-02-18") == dt.date(2026, 2, 18)


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        (
            {"qualifier": "range", "count": 250},
            "count_high",
            "is required for a range and must be larger than count",
        ),
        ({"count_high": 400}, "count_high", "must be empty for a figure that is at_most"),
        ({"place": "prisons_iraq"}, "place", "is not a place for a figure of kind in_camp"),
        ({"date": None}, "note", "is required for an undated figure"),
        ({"country_iso3": "XXX"}, "country_iso3", "is not an ISO 3166-1 alpha-3 country code"),
    ],
)
def test_abroad_rules_name_line_column_and_rule(changes, column, words):
    problems = check_abroad_row(_row(**changes), "data/abroad.csv")
    assert len(problems) == 1
    assert problems[0].line == 7 and problems[0].column == column
    assert words in problems[0].rule


def test_a_valid_abroad_row_has_no_problem():
    assert check_abroad_row(_row(), "data/abroad.csv") == []


def test_a_quote_not_in_its_source_is_refused(data_dir):
    path = data_dir / "abroad.csv"
    line = edit_row(path, 0, quote="Более 99 наших соотечественниц находятся в лагерях.")
    problems = validate_data_dir(data_dir)
    assert [(p.line, p.column) for p in problems] == [(line, "quote")]
    assert (
        "not found verbatim in the text of source kz-abaev2025-azattyqruhy-ru" in problems[0].rule
    )


def test_every_figure_of_the_issue_is_a_row():
    data = load_dataset()
    got = {(r["country_iso3"], int(r["count"]), r["qualifier"]) for _, r in data.abroad.iterrows()}
    expected = {
        ("KAZ", 10, "at_least"),  # women in al-Hol and Roj
        ("KAZ", 30, "at_least"),  # in armed groups
        ("KAZ", 6, "exact"),  # women convicted in Iraq
        ("KGZ", 40, "at_least"),  # women in Iraq
        ("TJK", 300, "at_most"),  # "up to 300"
        ("TJK", 250, "range"),  # "250 to 300"
        ("TJK", 37, "exact"),  # women serving life sentences
        ("UZB", 1, "at_least"),  # the mother of ten in Roj
        ("UZB", 36, "exact"),
        ("TJK", 63, "exact"),
        ("KGZ", 42, "exact"),
        ("KAZ", 4, "exact"),
    }
    assert expected <= got
    assert set(data.abroad["country_iso3"]) <= {"KAZ", "KGZ", "TJK", "UZB"}


def test_the_data_reaches_february_2026_through_abroad():
    data = load_dataset()
    assert latest_data_date(data) == pd.Timestamp("2026-02-18")
    assert data.repatriations["date_end"].max() < pd.Timestamp("2026-01-01")


def test_the_regional_floors_of_2024_and_2025_are_rows():
    reps = load_dataset().repatriations
    rows = reps[reps["statement_id"].isin(["cam-osce-2024-03", "cam-uza-2025-05"])]
    assert sorted(rows["date_end"].dt.strftime("%Y-%m-%d")) == ["2024-03-31", "2025-05-21"]
    assert set(rows["count"]) == {2100} and set(rows["qualifier"]) == {"at_least"}
    assert set(rows["region"]) == {"Central Asia"} and rows["country_iso3"].isna().all()


def test_turkmenistan_and_the_camps_are_facts_in_no_total():
    data = load_dataset()
    assert "TKM" not in data.countries and "SYR" not in data.countries
    facts = data.programmes[data.programmes["country_iso3"].isin(["TKM", "SYR"])]
    assert set(facts["field"]) == {"status"}
    assert (facts["country_iso3"] == "TKM").sum() == 3


def test_the_table_links_each_count_to_its_quote():
    data = load_dataset()
    evidence = Evidence(data.repatriations.iloc[:0], data.sources)
    table = show_abroad(data.abroad, data.sources, ["TJK"], evidence=evidence)
    assert "at most 300" in table.frame["How many"].tolist()
    assert "Country" not in table.headers
    section = evidence.section()
    assert "до 300 граждан" in section
    assert section.count("<li id=") == len(table.cells)


def test_a_country_with_no_figure_says_so():
    abroad = _rows(("a", "KAZ", "2025", "in_camp", "roj", "women", 1, None, "at_least"))
    text = describe_abroad(abroad, ["KAZ", "UZB"]).text
    assert "Kazakhstan: the latest figure dates from 2025" in text
    assert "Uzbekistan: no figure of citizens still abroad is recorded" in text


def test_the_site_dates_the_data_by_abroad_too(data_dir):
    from helpers.site.site import data_date

    assert data_date(data_dir) == "2026-02-18"
    (data_dir / "abroad.csv").write_text(
        (data_dir / "abroad.csv").read_text(encoding="utf-8").replace("2026-02-18", "2026-03"),
        encoding="utf-8",
    )
    assert data_date(data_dir) == "2026-03-31"


def test_the_camps_facts_follow_the_date_asked():
    data = load_dataset()
    latest = show_abroad_facts(data.programmes, data.sources, "SYR", as_of="2026-02-18")
    html_latest = latest._repr_html_()
    assert "al-Hol" in html_latest and "21 January 2026" in html_latest
    before = show_abroad_facts(data.programmes, data.sources, "SYR", as_of="2021-06-30")
    text = before._repr_html_()
    assert "al-Hol" not in text and "2026" not in text
    assert "No source had said anything of it by 30 June 2021." in text
    with using("ru"):
        ru = show_abroad_facts(data.programmes, data.sources, "SYR", as_of="2021-06-30")
        assert "К 30 июня 2021\u202fг. источники ничего об этом не сообщали." in ru._repr_html_()
