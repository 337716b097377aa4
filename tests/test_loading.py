"""Every bad input is rejected with file, line, column, value and rule, and nothing is written."""

from pathlib import Path

import pandas as pd
import pytest
from conftest import edit_frame, edit_row, read_rows, rule_problems, write_rows

from helpers.data.errors import DataValidationError
from helpers.data.loading import load_dataset, validate_data_dir


def problems_for(data_dir: Path) -> list[str]:
    with pytest.raises(DataValidationError) as exc:
        load_dataset(data_dir)
    return [str(p) for p in exc.value.problems]


def only_problem(data_dir: Path) -> str:
    found = problems_for(data_dir)
    assert len(found) == 1, found
    return found[0]


def test_shipped_data_is_valid_and_typed():
    data = load_dataset()
    reps = data.repatriations
    assert str(reps["count"].dtype) == "Int64"
    assert str(reps["date_end"].dtype).startswith("datetime64")
    assert str(reps["is_country_total"].dtype) == "boolean"
    assert data.countries == ["KAZ", "KGZ", "TJK", "UZB"]
    assert reps["figure_id"].is_unique


def test_non_integer_count_names_file_line_column_and_rule(data_dir):
    line = edit_row(data_dir / "repatriations.csv", 3, count="12.5")
    msg = only_problem(data_dir)
    assert "repatriations.csv" in msg and f"line {line}" in msg and "column 'count'" in msg
    assert "'12.5'" in msg and "must be a whole number" in msg


def test_negative_count_is_rejected(data_dir):
    line = edit_row(data_dir / "repatriations.csv", 0, count="-3")
    msg = only_problem(data_dir)
    assert f"line {line}, column 'count': value '-3': is below the minimum 0" in msg


@pytest.mark.parametrize(
    ("column", "value", "rule"),
    [
        ("group", "girls", "allowed values: people, women, children, men, women_and_children"),
        ("scope", "total", "allowed values: cumulative, event, period"),
        ("qualifier", "about", "allowed values: exact, at_least"),
    ],
)
def test_unknown_enum_value_is_rejected_with_allowed_values(data_dir, column, value, rule):
    line = edit_row(data_dir / "repatriations.csv", 5, **{column: value})
    found = problems_for(data_dir)
    assert any(
        f"line {line}, column '{column}': value '{value}'" in p and rule in p for p in found
    ), found


def test_unknown_country_code_is_rejected(frames):
    line = edit_frame(frames["repatriations"], lambda r: True, country_iso3="XKZ")
    assert any(
        f"line {line}, column 'country_iso3': value 'XKZ'" in p and "not an ISO 3166-1 alpha-3" in p
        for p in rule_problems(frames)
    )


def test_any_valid_iso3_country_is_accepted(data_dir):
    path = data_dir / "repatriations.csv"
    header, rows = read_rows(path)
    rows = [r for r in rows if r["statement_id"] == "kaz-tdi-rusafa-2019-11-27"]
    for r in rows:
        r.update(
            country_iso3="TKM",
            event_id="",
            scope="cumulative",
            statement_id="tkm-test",
            figure_id="tkm-test-children",
        )
    _, all_rows = read_rows(path)
    write_rows(path, header, all_rows + rows)
    assert "TKM" in load_dataset(data_dir).countries


@pytest.mark.parametrize(
    ("value", "rule"),
    [
        ("2024-13-01", "is not a real calendar date"),
        ("2024-02-30", "is not a real calendar date"),
        ("30 May 2019", "must be a date written YYYY-MM-DD"),
    ],
)
def test_malformed_or_impossible_date_is_rejected(data_dir, value, rule):
    line = edit_row(data_dir / "repatriations.csv", 0, date_end=value)
    found = problems_for(data_dir)
    assert any(
        f"line {line}, column 'date_end': value '{value}'" in p and rule in p for p in found
    ), found


def test_date_start_after_date_end_is_rejected(frames):
    line = edit_frame(
        frames["repatriations"],
        lambda r: r["scope"] == "period",
        date_start=pd.Timestamp("2030-01-01"),
    )
    found = rule_problems(frames)
    assert any(
        f"line {line}, column 'date_start': value '2030-01-01': date_start is after date_end" in p
        for p in found
    ), found


def test_duplicate_figure_id_is_rejected(data_dir):
    path = data_dir / "repatriations.csv"
    _, rows = read_rows(path)
    line = edit_row(path, 1, figure_id=rows[0]["figure_id"])
    found = problems_for(data_dir)
    assert any(
        f"line {line}, column 'figure_id'" in p
        and "duplicate figure_id: already used on line 2" in p
        for p in found
    ), found


def test_source_id_missing_from_sources_is_rejected(data_dir):
    line = edit_row(data_dir / "repatriations.csv", 0, source_id="no-such-source")
    found = problems_for(data_dir)
    assert any(
        f"line {line}, column 'source_id': value 'no-such-source': not found in " in p
        and "sources.csv" in p
        for p in found
    ), found


def test_quote_not_in_source_is_rejected(frames):
    line = edit_frame(
        frames["repatriations"], lambda r: True, quote="Kazakhstan returned 9999 citizens"
    )
    assert any(
        f"line {line}, column 'quote'" in p and "not found verbatim in the text of source" in p
        for p in rule_problems(frames)
    )


def test_breakdown_larger_than_total_is_rejected(frames):
    reps = frames["repatriations"]
    groups = reps[reps["statement_id"] == "uzb-tdi-to-date"].set_index("group")["count"]
    line = edit_frame(
        reps,
        lambda r: r["statement_id"] == "uzb-tdi-to-date" and r["group"] == "people",
        count=400,
    )
    found = rule_problems(frames)
    # Worked out from the statement's own groups: women + children + men, against 400.
    parts = int(groups["women"] + groups["children"] + groups["men"])
    assert parts == 125 + 331 + 27  # the 531 of December 2024, itemised
    assert found == [
        f"repatriations.csv, line {line}, column 'count': value '400': breakdown larger than "
        f"its total: women + children + men = {parts} is more than the people total 400 of "
        "statement uzb-tdi-to-date"
    ]


def test_missing_required_column_names_the_file_and_column(data_dir):
    path = data_dir / "repatriations.csv"
    header, rows = read_rows(path)
    header.remove("quote")
    for r in rows:
        del r["quote"]
    write_rows(path, header, rows)
    found = problems_for(data_dir)
    assert any("repatriations.csv" in p and "missing column(s): quote" in p for p in found)


def test_unknown_column_is_rejected_with_the_known_columns(data_dir):
    path = data_dir / "repatriations.csv"
    header, rows = read_rows(path)
    write_rows(path, [*header, "comment"], [r | {"comment": "x"} for r in rows])
    found = problems_for(data_dir)
    assert any("unknown column(s): comment; the columns are: figure_id," in p for p in found)


def test_empty_file_is_rejected(data_dir):
    (data_dir / "repatriations.csv").write_bytes(b"")
    found = problems_for(data_dir)
    assert any(
        p.endswith("repatriations.csv: file is empty: expected a header row and data rows")
        for p in found
    ), found


def test_header_only_file_is_rejected(data_dir):
    path = data_dir / "sources.csv"
    path.write_text(path.read_text(encoding="utf-8").splitlines()[0] + "\n", encoding="utf-8")
    found = problems_for(data_dir)
    assert any("sources.csv: file is empty: it has a header but no data rows" in p for p in found)


def test_file_that_is_not_utf8_is_rejected(data_dir):
    path = data_dir / "programmes.csv"
    path.write_bytes(path.read_text(encoding="utf-8").encode("utf-16"))
    found = problems_for(data_dir)
    assert any("programmes.csv: is not UTF-8 text" in p for p in found), found


def test_every_problem_in_a_file_is_reported_together(data_dir):
    path = data_dir / "repatriations.csv"
    edit_row(path, 0, count="-1")
    edit_row(path, 4, qualifier="roughly")
    edit_row(path, 9, date_end="2024-02-31")
    found = problems_for(data_dir)
    assert len(found) >= 3
    assert any("column 'count'" in p for p in found)
    assert any("column 'qualifier'" in p for p in found)
    assert any("column 'date_end'" in p for p in found)


def test_validation_writes_nothing(data_dir):
    edit_row(data_dir / "repatriations.csv", 0, count="-1")
    before = {p: p.stat().st_mtime_ns for p in data_dir.rglob("*")}
    assert validate_data_dir(data_dir)
    assert {p: p.stat().st_mtime_ns for p in data_dir.rglob("*")} == before


def test_the_data_package_passes_frictionless():
    from frictionless import Package

    from helpers.data.paths import DATA_DIR

    report = Package(str(DATA_DIR / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
