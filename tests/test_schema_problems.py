"""frictionless's errors worded from their attributes: file, line, column, value and rule."""

import hashlib
from types import SimpleNamespace

from helpers.data.schema import Field, Resource
from helpers.data.schema_problems import (
    TableContext,
    file_problems,
    hash_problem,
    problem_from_error,
)

RESOURCE = Resource(
    name="repatriations",
    path="repatriations.csv",
    fields=(
        Field("figure_id", "string", spec={"constraints": {"required": True}}),
        Field("group", "string", spec={"constraints": {"enum": ["people", "women"]}}),
        Field("origin", "list", spec={"delimiter": ";"}),
        Field("source_id", "string"),
    ),
    primary_key=("figure_id",),
)


def context() -> TableContext:
    # Row 3 starts on line 5: the row before it spans three lines.
    return TableContext(RESOURCE, "data/repatriations.csv", row_lines={2: 2, 3: 5})


def error(kind: str, **attributes) -> SimpleNamespace:
    return SimpleNamespace(**({"type": kind, "message": f"a {kind}", "note": ""} | attributes))


def test_an_enum_constraint_names_the_allowed_values_and_the_rows_line():
    # The error's note is not read: which constraint broke is asked of frictionless's reader.
    found = problem_from_error(
        error("constraint-error", row_number=3, field_name="group", cell="girls"), context(), {}
    )
    assert str(found) == (
        "data/repatriations.csv, line 5, column 'group': value 'girls': is not allowed here; "
        "allowed values: people, women"
    )


def test_a_required_cell_left_empty_says_so():
    found = problem_from_error(
        error("constraint-error", row_number=2, field_name="figure_id", cell=""), context(), {}
    )
    assert str(found) == (
        "data/repatriations.csv, line 2, column 'figure_id': value '': is required: it must not "
        "be empty"
    )


def test_a_list_that_does_not_parse_names_its_delimiter():
    found = problem_from_error(
        error("type-error", row_number=2, field_name="origin", cell="IRQ,SYR"), context(), {}
    )
    assert found.rule == "must be a list of values separated by ';'" and found.line == 2


def test_a_foreign_key_names_the_table_it_was_not_found_in():
    found = problem_from_error(
        error("foreign-key", row_number=3, field_names=["source_id"], field_cells=["nope"],
              reference_name="sources", reference_field_names=["source_id"]),
        context(),
        {"sources": "data/sources.csv"},
    )  # fmt: skip
    assert str(found) == (
        "data/repatriations.csv, line 5, column 'source_id': value 'nope': not found in "
        "data/sources.csv (source_id)"
    )


def test_a_one_column_primary_key_is_left_to_its_unique_error():
    assert problem_from_error(error("primary-key", row_number=3), context(), {}) is None


def test_a_raw_file_changed_gives_both_hashes(tmp_path):
    path = tmp_path / "excerpt.txt"
    path.write_bytes(b"edited")
    actual = hashlib.sha256(b"edited").hexdigest()
    found = hash_problem(path, "data/raw/excerpt.txt", "sha256:abc123")
    assert found.rule == (
        f"differs from the file received: its SHA-256 is {actual}, datapackage.json records "
        "abc123; a raw source is never edited"
    )
    other = file_problems([error("encoding-error")], path, "data/raw/excerpt.txt", None)
    assert [str(p) for p in other] == ["data/raw/excerpt.txt: a encoding-error"]
