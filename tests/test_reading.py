"""Reading a table with frictionless: typed rows, the line each starts on, rows that parse kept."""

import json
from pathlib import Path

import pytest

from helpers.data.reading import read_tables
from helpers.data.schema import load_schema

FIELDS = [
    {"name": "id", "type": "string", "constraints": {"required": True, "unique": True}},
    {"name": "count", "type": "integer", "constraints": {"minimum": 0}},
    {"name": "day", "type": "date"},
    {"name": "ok", "type": "boolean"},
    {"name": "places", "type": "list", "delimiter": ";", "itemType": "string"},
    {"name": "note", "type": "string"},
]
HEADER = "id,count,day,ok,places,note\n"


def package(folder: Path, text: str) -> Path:
    """Write a one-table Data Package (``t.csv`` holding ``text``) into ``folder``."""
    descriptor = {
        "name": "tiny",
        "resources": [{"name": "t", "path": "t.csv", "schema": {"fields": FIELDS}}],
    }
    (folder / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (folder / "t.csv").write_text(text, encoding="utf-8")
    return folder


def read(folder: Path):
    tables, problems = read_tables(folder, load_schema(folder))
    return tables.get("t"), [str(p).split("/")[-1] for p in problems]


def test_cells_are_typed_by_the_descriptor_and_empty_is_not_reported(tmp_path):
    table, problems = read(package(tmp_path, HEADER + "a,12,2024-02-29,true,IRQ;SYR,\n"))
    assert problems == []
    frame = table.frame()
    row = frame.iloc[0]
    assert (int(row["count"]), str(row["day"].date()), bool(row["ok"])) == (12, "2024-02-29", True)
    assert row["places"] == ("IRQ", "SYR")
    assert row["note"] is None or str(row["note"]) == "<NA>"
    assert str(frame["count"].dtype) == "Int64" and str(frame["ok"].dtype) == "boolean"


def test_a_row_starts_on_its_line_counting_line_breaks_inside_quoted_cells(tmp_path):
    text = HEADER + 'a,1,,,,"two\nlines"\nb,2,,,,"three\nlines\nhere"\nc,-1,,,,\n'
    table, problems = read(package(tmp_path, text))
    # a starts on line 2 and takes 2 lines; b on line 4 takes 3; c is on line 7.
    assert problems == ["t.csv, line 7, column 'count': value '-1': is below the minimum 0"]
    assert table.lines == [2, 4]


def test_the_rows_that_parse_are_kept_and_the_others_left_out(tmp_path):
    text = HEADER + "a,1,,,,\nb,1.5,,,,\nc,3,2024-02-30,,,\nd,4,,,,\n"
    table, problems = read(package(tmp_path, text))
    assert problems == [
        "t.csv, line 3, column 'count': value '1.5': must be a whole number",
        "t.csv, line 4, column 'day': value '2024-02-30': is not a real calendar date (YYYY-MM-DD)",
    ]
    assert table.frame()["id"].tolist() == ["a", "d"]


def test_a_duplicate_key_names_the_line_it_was_first_used_on_and_keeps_the_row(tmp_path):
    table, problems = read(package(tmp_path, HEADER + "a,1,,,,\nb,2,,,,\na,3,,,,\n"))
    assert problems == [
        "t.csv, line 4, column 'id': value 'a': duplicate id: already used on line 2"
    ]
    assert table.lines == [2, 3, 4]  # every cell parsed: the rules still read it


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("id,count,day,ok,places\n", "t.csv: missing column(s): note"),
        (HEADER.replace("\n", ",extra\n"), "t.csv: unknown column(s): extra; the columns are: id,"),
    ],
)
def test_a_header_without_the_descriptors_columns_gives_no_rows(tmp_path, header, expected):
    table, problems = read(package(tmp_path, header + "a,1,,,,\n"))
    assert any(p.startswith(expected) for p in problems), problems
    assert not table.header_ok and table.rows == []


def test_what_stops_reading_is_said_once(tmp_path):
    package(tmp_path, "")
    assert read(tmp_path) == (None, ["t.csv: file is empty: expected a header row and data rows"])
    (tmp_path / "t.csv").write_bytes(HEADER.encode() + b"a,1,,,,caf\xe9\n")
    table, problems = read(tmp_path)
    assert table is None and problems == [
        "t.csv: is not UTF-8 text (byte 0xe9 at offset 38): save it as UTF-8 CSV"
    ]


def test_a_table_read_without_a_problem_is_read_once_until_its_bytes_change(tmp_path, monkeypatch):
    """Remembered by content: the same bytes are not read again (in a new process too); a
    changed byte is; a table with a problem is never remembered."""
    from helpers.data import reading

    monkeypatch.setattr(reading, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(reading, "_MEMO", {})
    calls: list[str] = []
    real = reading.read_table
    monkeypatch.setattr(
        reading, "read_table", lambda res, spec, *a: calls.append(spec.name) or real(res, spec, *a)
    )
    (tmp_path / "one").mkdir()
    table, problems = read(package(tmp_path / "one", HEADER + "a,1,,,,\n"))
    assert (calls, problems) == (["t"], [])
    kept = list((tmp_path / "cache").glob("table-t-*.pickle"))
    assert len(kept) == 1

    monkeypatch.setattr(reading, "_MEMO", {})  # as in a new process: from disk
    (tmp_path / "two").mkdir()
    again, _ = read(package(tmp_path / "two", HEADER + "a,1,,,,\n"))  # another folder, same bytes
    assert calls == ["t"]
    assert again.frame().equals(table.frame()) and again.lines == table.lines

    changed, _ = read(package(tmp_path / "two", HEADER + "a,2,,,,\n"))
    assert calls == ["t", "t"] and int(changed.frame()["count"].iloc[0]) == 2

    _, problems = read(package(tmp_path / "two", HEADER + "a,-2,,,,\n"))
    assert calls == ["t", "t", "t"] and problems
    _, problems_again = read(tmp_path / "two")
    assert calls == ["t", "t", "t", "t"] and problems_again == problems  # never remembered


def test_a_table_is_read_again_when_a_table_it_refers_to_changes(tmp_path, monkeypatch):
    """Whether a foreign key holds depends on the other table: its bytes are part of the key."""
    from helpers.data import reading

    monkeypatch.setattr(reading, "CACHE_DIR", tmp_path / "cache")
    monkeypatch.setattr(reading, "_MEMO", {})
    descriptor = {
        "name": "two",
        "resources": [
            {
                "name": "k",
                "path": "k.csv",
                "schema": {"fields": [{"name": "id"}], "primaryKey": "id"},
            },
            {
                "name": "t",
                "path": "t.csv",
                "schema": {
                    "fields": [{"name": "ref"}],
                    "foreignKeys": [
                        {"fields": "ref", "reference": {"resource": "k", "fields": "id"}}
                    ],
                },
            },
        ],
    }
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    (tmp_path / "k.csv").write_text("id\nx\n", encoding="utf-8")
    (tmp_path / "t.csv").write_text("ref\nx\n", encoding="utf-8")
    assert read_tables(tmp_path, load_schema(tmp_path))[1] == []
    (tmp_path / "k.csv").write_text("id\ny\n", encoding="utf-8")
    _, problems = read_tables(tmp_path, load_schema(tmp_path))
    assert [p.file.split("/")[-1] for p in problems] == ["t.csv"]
    assert "value 'x'" in str(problems[0])
