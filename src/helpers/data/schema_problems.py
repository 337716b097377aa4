"""Word frictionless's errors as the project's problems: file, line, column, value and rule.

Everything is read from the error's attributes (``type``, ``row_number``, ``field_name``,
``cell``, a foreign key's ``field_names``/``field_cells``/``reference_name``), the table read
(the line each row starts on, the first row holding a duplicated key) and the descriptor (the
constraint's value, the allowed values, the recorded hash). Which constraint a cell breaks is
asked of frictionless's own cell reader, never read from the error's message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.data.errors import Problem
from helpers.data.raw_files import sha256_of
from helpers.data.schema import Resource

_TYPE_WORDS = {
    "integer": "must be a whole number",
    "number": "must be a number",
    "date": "must be a date written YYYY-MM-DD",
    "boolean": "must be one of: {values}",
    "year": "must be a year",
    "list": "must be a list of values separated by '{delimiter}'",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
PARSED_ANYWAY = frozenset({"foreign-key", "unique-error", "primary-key"})
"""Errors of a row whose every cell parsed: the dataset's own rules still read such a row."""


@dataclass
class TableContext:
    """What wording a table's errors needs: its schema, its name on screen, where its rows are."""

    resource: Resource
    display: str
    row_lines: dict[int, int] = field(default_factory=dict)
    """The file line each row starts on, by frictionless's row number (the header is 1)."""
    path: Path | None = None
    """The table's file (for a hash that no longer matches)."""
    recorded_hash: str | None = None
    """The hash the descriptor records for the file, if any (``sha256:…``)."""
    first_line: Callable[[tuple[str, ...], int], int | None] = lambda _columns, _row: None
    """The line of the first row holding the same values in these columns as row N."""

    def line(self, row_number: int | None) -> int | None:
        """Return the file line of frictionless's row ``row_number`` (None if it has none)."""
        if row_number is None:
            return None
        return self.row_lines.get(row_number, row_number)


def _constraint_rule(table: TableContext, field_name: str, constraint: str) -> str:
    spec = table.resource.field(field_name)
    c = spec.spec.get("constraints", {}) if spec is not None else {}
    value = c.get(constraint)
    allowed = ", ".join(map(str, value)) if isinstance(value, list) else str(value)
    rules = {
        "required": "is required: it must not be empty",
        "enum": f"is not allowed here; allowed values: {allowed}",
        "minimum": f"is below the minimum {value}",
        "maximum": f"is above the maximum {value}",
        "minLength": f"is shorter than the minimum length {value}",
        "maxLength": f"is longer than the maximum length {value}",
        "pattern": f"does not match the pattern {value}",
        "unique": "must be unique",
    }
    return rules.get(constraint, f"breaks the constraint {constraint} ({value})")


def _broken_constraint(table: TableContext, column: str | None, cell: Any) -> str:
    """Return the name of the constraint a cell breaks, as frictionless's cell reader says.

    The reader gives its notes by constraint name (frictionless 5 keeps the name out of the
    error's attributes).
    """
    from frictionless import Field as CellField

    spec = table.resource.field(column or "")
    if spec is None:
        return ""
    descriptor = {"name": spec.name, "type": spec.type} | spec.spec
    _, notes = CellField.from_descriptor(descriptor).create_cell_reader()(cell)
    return next((name for name in notes or {} if name != "type"), "")


def _type_rule(table: TableContext, column: str, value: str | None) -> str:
    spec = table.resource.field(column)
    ftype = spec.type if spec else "string"
    values = ", ".join((*spec.true_values, *spec.false_values)) if spec else ""
    delimiter = spec.spec.get("delimiter", ",") if spec else ","
    rule = _TYPE_WORDS.get(ftype, f"must be of type {ftype}")
    if ftype == "date" and _ISO_DATE.fullmatch(value or ""):
        rule = "is not a real calendar date (YYYY-MM-DD)"
    return rule.format(values=values, delimiter=delimiter)


def problem_from_error(
    error: Any, table: TableContext, displays: Mapping[str, str]
) -> Problem | None:
    """Turn one frictionless error of a table into a problem (None when another says it).

    ``displays`` names each table's file on screen, for a foreign key's target.
    """
    kind = error.type
    line = table.line(getattr(error, "row_number", None))
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    value = None if cell is None else str(cell)
    if kind == "type-error":
        return Problem(table.display, _type_rule(table, column or "", value), line, column, value)
    if kind == "constraint-error":
        rule = _constraint_rule(table, column or "", _broken_constraint(table, column, cell))
        return Problem(table.display, rule, line, column, value)
    if kind == "unique-error":
        first = table.first_line((column or "",), error.row_number)
        rule = f"duplicate {column}: already used on line {first}"
        return Problem(table.display, rule, line, column, value)
    if kind == "primary-key":
        key = table.resource.primary_key
        if len(key) == 1:
            return None  # the same duplicate is reported as a unique-error of its column
        first = table.first_line(key, error.row_number)
        rule = f"duplicate {' + '.join(key)}: already used on line {first}"
        return Problem(table.display, rule, line, " + ".join(key))
    if kind == "foreign-key":
        target = displays.get(error.reference_name, error.reference_name)
        rule = f"not found in {target} ({', '.join(error.reference_field_names)})"
        shown = ", ".join(map(str, error.field_cells))
        return Problem(table.display, rule, line, ", ".join(error.field_names), shown)
    if kind in ("extra-cell", "missing-cell"):
        rule = f"has a cell too many or too few ({error.message})"
        return Problem(table.display, rule, line, column)
    if kind.endswith("-label"):
        expected = ", ".join(table.resource.field_names)
        rule = f"header: {error.message}; the columns, in this order, are: {expected}"
        return Problem(table.display, rule)
    if kind == "blank-row":
        return Problem(table.display, "is an empty line inside the table", line)
    if kind == "hash-count":
        return hash_problem(table.path, table.display, table.recorded_hash)
    return Problem(table.display, error.message, line, column, value)


def hash_problem(path: Path | None, display: str, recorded: str | None) -> Problem:
    """Return the problem of a raw file whose bytes no longer match the hash recorded for it."""
    actual = sha256_of(path) if path is not None and path.is_file() else "?"
    rule = (
        f"differs from the file received: its SHA-256 is {actual}, datapackage.json records "
        f"{(recorded or '?').removeprefix('sha256:')}; a raw source is never edited"
    )
    return Problem(display, rule)


def file_problems(
    errors: list[Any], path: Path, display: str, recorded: str | None
) -> list[Problem]:
    """Return the problems of a file that is not a table (a raw source): its bytes, its hash."""
    return [
        hash_problem(path, display, recorded)
        if error.type == "hash-count"
        else Problem(display, error.message)
        for error in errors
    ]
