"""Consistency checks and reconciliation: codes and numbers worked out by hand, their schema,
and their wording in both languages."""

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from conftest import EVENTS, statement, statements_of
from test_source_checks import _regional_set

from helpers.data.loading import load_dataset
from helpers.data.table_schema import DESCRIPTOR_NAME, validate_tables
from helpers.model.analysis import compute_statements
from helpers.model.check_rows import CHECK_KINDS, CHECK_STATUSES
from helpers.model.checks import compute_checks, compute_reconciliation
from helpers.model.operations import find_missing_operations
from helpers.model.population import compute_country_summary
from helpers.report.check_text import (
    KIND_COLUMNS,
    check_status_text,
    show_checks,
    show_reconciliation,
)
from helpers.report.figures import plot_checks
from helpers.report.i18n import catalogue, using
from helpers.report.operation_text import compute_operations
from helpers.report.tables import save_table


def check_rows(checks, name):
    return checks[checks["check"] == name]


@pytest.fixture(scope="module")
def shipped():
    data = load_dataset()
    statements = compute_statements(data.repatriations, data.sources)
    return data, statements, compute_checks(statements, data.events)


# --- outcomes, worked out by hand ---------------------------------------------------------


# --- regional statements against the countries' floors and ranges ---------------------------


def test_regional_wording_says_what_does_not_fit():
    rows = check_rows(compute_checks(_regional_set(), EVENTS), "regional_vs_countries")
    short = rows.set_index("subject").loc["children120"].to_dict() | {"subject": "children120"}
    with using("en"):
        assert check_status_text(short) == (
            "does not fit: the countries' figures reach at most 110, 10 short"
        )
    with using("ru"):
        assert check_status_text(short) == (
            "не сходится: цифры стран дают не более 110, не хватает 10"
        )


# --- the shipped data -------------------------------------------------------------------------


def test_shipped_checks_surface_the_gaps_the_sources_leave(shipped):
    _, _, checks = shipped
    uzb = check_rows(checks, "breakdown_vs_total").set_index("subject").loc["uzb-tdi-to-date"]
    assert (uzb["expected"], uzb["observed"], uzb["difference"]) == (531, 483, 48)
    assert "kgz-2024-07-19-aikol-6" in set(check_rows(checks, "sources_disagree")["subject"])
    kaz = check_rows(checks, "operations_vs_total")
    kaz = kaz[kaz["country_iso3"] == "KAZ"]
    assert "Jusan-4" in set(kaz["missing_operations"])


def test_shipped_floors_of_530_leave_a_gap_not_known(shipped):
    _, _, checks = shipped
    ops = check_rows(checks, "operations_vs_total")
    floors = ops[(ops["country_iso3"] == "UZB") & (ops["expected"] == 530)]
    assert len(floors) and set(floors["status"]) == {"gap_unknown"}
    assert floors["expected_is_lower_bound"].all()


def test_shipped_checks_find_kazakhstans_men_and_uzbekistans_children(shipped):
    _, _, checks = shipped
    contradictions = check_rows(checks, "statements_contradict")
    assert ("kaz-astanatimes-unicef-2023", "men") in set(
        zip(contradictions["subject"], contradictions["group"], strict=True)
    )
    groups = check_rows(checks, "group_operations_vs_total")
    uzb = groups[(groups["subject"] == "uzb-tdi-to-date") & (groups["group"] == "children")]
    assert (uzb["observed"].iloc[0], uzb["status"].iloc[0]) == (331, "adds_up")
    mehr = check_rows(checks, "operations_vs_total").set_index("subject").loc["uzb-tdi-to-date"]
    assert (mehr["difference"], mehr["status"]) == (96, "gap_at_most")


def test_shipped_regional_statements_are_all_checked(shipped):
    _, statements, checks = shipped
    rows = check_rows(checks, "regional_vs_countries")
    regional_ids = set(statements[statements["country_iso3"].isna()]["statement_id"])
    assert set(rows["subject"]) == regional_ids
    cica = rows.set_index("subject").loc["cam-cica-2024-05-14"]
    assert (cica["expected"], bool(cica["expected_is_lower_bound"])) == (2100, True)
    assert cica["status"] == "floor_reached" and cica["observed"] >= 2100


def test_shipped_totals_that_differ_are_listed_one_count_a_row(shipped):
    _, _, checks = shipped
    rows = check_rows(checks, "totals_disagree")
    kaz = rows[(rows["country_iso3"] == "KAZ") & (rows["series"] == "country")]
    assert {725, 754}.issubset(set(kaz[kaz["status"] == "differs"]["expected"]))
    assert 74 in set(kaz[kaz["status"] == "own_return"]["expected"])
    aikol = rows[(rows["country_iso3"] == "KGZ") & (rows["series"] == "aikol")]
    assert {454, 460}.issubset(set(aikol["expected"]))


def test_shipped_reconciliation_flags_the_unconfirmed_kyrgyz_mission(shipped):
    data, statements, checks = shipped
    rec = compute_reconciliation(statements, data.events)
    weak = rec[rec["is_weak_only"]]
    assert set(weak["subject"]) == {"kgz-2023-09-unconfirmed"}
    assert not weak["is_used"].any()
    assert set(check_rows(checks, "weak_source_only")["subject"]) == {"kgz-2023-09-unconfirmed"}


def test_gaps_in_numbered_operations_are_found():
    names = ["Jusan-1", "Jusan-2", "Jusan-5", "Rusafa", "Mehr-2"]
    assert find_missing_operations(names) == ["Jusan-3", "Jusan-4", "Mehr-1"]


def test_operations_can_be_limited_to_some_countries(shipped):
    data, statements, _ = shipped
    ops = compute_operations(statements, data.events, countries=["UZB"])
    assert set(ops["country_iso3"]) == {"UZB"} and len(ops) == 5


# --- tables: codes, numbers and ISO dates, checked against their schema -----------------------


@pytest.fixture(scope="module")
def written(shipped, tmp_path_factory):
    data, statements, checks = shipped
    folder = tmp_path_factory.mktemp("tables")
    save_table(checks, folder, "consistency_checks")
    save_table(compute_reconciliation(statements, data.events), folder, "reconciliation")
    summary = compute_country_summary(statements, data.population, ["KAZ", "KGZ", "TJK", "UZB"])
    save_table(summary, folder, "country_summary")
    return folder


def test_written_tables_validate_against_their_schema(written):
    assert (written / DESCRIPTOR_NAME).is_file()
    assert validate_tables(written) == []


def test_a_table_with_prose_in_a_code_column_fails_the_schema(written, tmp_path):
    text = (written / "consistency_checks.csv").read_text(encoding="utf-8")
    broken = text.replace(",gap_at_most,", ",at most 96 not accounted for,", 1)
    (tmp_path / "consistency_checks.csv").write_text(broken, encoding="utf-8")
    problems = validate_tables(tmp_path)
    assert len(problems) == 1
    assert problems[0].startswith("consistency_checks.csv, row ")
    assert "field status" in problems[0]


def test_written_tables_hold_iso_dates_and_no_ranges_in_words(written):
    for name in ("consistency_checks", "reconciliation"):
        table = pd.read_csv(written / f"{name}.csv", dtype=str, keep_default_na=False)
        for col in ("date_start", "date_end"):
            assert table[col].str.fullmatch(r"(\d{4}-\d{2}-\d{2})?").all(), (name, col)
        assert not table.apply(lambda c: c.str.contains(" to ")).any().any()


def test_every_kind_and_outcome_is_declared_once_and_worded_in_both_languages(written):
    descriptor = json.loads((written / DESCRIPTOR_NAME).read_text(encoding="utf-8"))
    checks = descriptor["resources"][0]["schema"]["fields"]
    assert next(f for f in checks if f["name"] == "check")["constraints"]["enum"] == list(
        CHECK_KINDS
    )
    for language in ("en", "ru"):
        names = catalogue(language)
        assert all(f"checks.kind.{k}" in names for k in CHECK_KINDS)
        assert all(f"checks.status.{s}" in names for s in CHECK_STATUSES)


def test_an_undeclared_kind_is_refused_with_the_kinds_allowed(shipped):
    _, _, checks = shipped
    with pytest.raises(ValueError, match="no check 'breakdown'; the kinds are: breakdown_vs_total"):
        show_checks(checks, "breakdown")


# --- wording in the report layer ---------------------------------------------------------------


def test_checks_read_in_english_and_in_russian_without_codes(shipped):
    data, _, checks = shipped
    row = check_rows(checks, "operations_vs_total").set_index("subject").loc["uzb-tdi-to-date"]
    row = row.to_dict()
    with using("en"):
        assert check_status_text(row) == "at most 96 not accounted for"
    with using("ru"):
        assert check_status_text(row) == "не учтено: не более 96"
        shown = show_checks(checks, "sources_disagree", data.events)
        series = show_checks(checks, "totals_disagree", data.events).frame
    text = " ".join(shown.frame.astype(str).stack())
    assert "sources_disagree" not in text and "counts_differ" not in text and " to " not in text
    # identifiers are shown as code, in no language; a series is named as in Russian
    assert '(<code translate="no">kg-total2025-24kg</code>)' in shown._repr_html_()
    assert "подсчёты всех операций «Айкөл»" in set(series["Что подсчитано"])


def test_russian_reconciliation_writes_ranges_of_dates_and_rows_in_russian(shipped):
    data, statements, _ = shipped
    rec = compute_reconciliation(statements, data.events)
    with using("ru"):
        table = show_reconciliation(rec, data.events).frame
    assert "1 января — 31 декабря 2019\u202fг." in set(table["Даты"])
    assert set(table["Строка"]) == {"итог", "сообщение"}


def test_every_kind_has_the_columns_readers_see():
    assert list(KIND_COLUMNS) == list(CHECK_KINDS)


def test_the_checks_chart_marks_a_stated_floor_and_a_gap_not_known():
    # "More than 530" against at least 435 in operations: the stated bar reads "≥ 530", and the
    # gap is not known; an exact 100 against 70 reads a gap of 30.
    st = statements_of(
        statement(
            "floor", "cumulative", "2022-01-01", {"people": 530}, total=True, lower=("people",)
        ),
        statement("a", "event", "2021-01-01", {"children": 35}, event="op1"),
        statement("b", "event", "2021-06-01", {"people": 400}, event="op2"),
    )
    with using("en"):
        fig = plot_checks(compute_checks(st, EVENTS))
    texts = [t.get_text().strip() for t in fig.axes[0].texts]
    assert "≥ 530" in texts
    assert "≥ 435 (gap not known)" in texts
    plt.close(fig)
