"""Read the Data Package's tables in one pass of frictionless: typed rows and every schema problem.

Each table is validated by frictionless, which hands over every row it reads, typed by the
descriptor (integers, dates, booleans, lists). Its errors become the project's problems
(``data.schema_problems``); the rows whose every cell parsed are kept, so that the dataset's own
rules can still be checked on them when other rows break the schema. What stops reading (a
missing, empty or non-UTF-8 file, a header without the descriptor's columns) is said here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.errors import Problem
from helpers.data.paths import display_path
from helpers.data.schema import DATAPACKAGE, Resource
from helpers.data.schema_problems import (
    PARSED_ANYWAY,
    TableContext,
    file_problems,
    problem_from_error,
)

_PANDAS_DTYPES = {"integer": "Int64", "boolean": "boolean", "string": "string"}


@dataclass
class TableRead:
    """A table as read: its typed rows that parse, the file line of each, whether its header is."""

    resource: Resource
    display: str
    rows: list[dict[str, Any]] = field(default_factory=list)
    lines: list[int] = field(default_factory=list)
    header_ok: bool = True

    def frame(self) -> pd.DataFrame:
        """Return the rows as a DataFrame typed by the schema, with each row's file ``line``.

        Integers are ``Int64``, dates ``datetime64``, booleans ``boolean``, text ``string``, a
        list (``origin``) a tuple; an empty cell is ``<NA>`` (or None in a list column).
        """
        data = {}
        for f in self.resource.fields:
            values = [row.get(f.name) for row in self.rows]
            if f.type == "date":
                data[f.name] = pd.to_datetime(pd.Series(values, dtype="object"))
            elif f.type == "list":
                items = [None if v is None else tuple(map(str, v)) for v in values]
                data[f.name] = pd.Series(items, dtype="object")
            else:
                data[f.name] = pd.Series(values, dtype=_PANDAS_DTYPES.get(f.type, "object"))
        df = pd.DataFrame(data)
        df["line"] = pd.Series(self.lines, dtype="int64")
        return df


def _check_text(path: Path, display: str) -> Problem | None:
    """Return what keeps a file from being read as text at all, or None."""
    if not path.is_file():
        return Problem(display, "file not found")
    raw = path.read_bytes()
    if not raw.strip():
        return Problem(display, "file is empty: expected a header row and data rows")
    try:
        raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        rule = (
            f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}): "
            "save it as UTF-8 CSV"
        )
        return Problem(display, rule)
    return None


def _header_problems(labels: list[str], resource: Resource, display: str) -> list[Problem]:
    """Return the columns the header lacks, those it should not have and those it repeats."""
    expected = resource.field_names
    missing = [c for c in expected if c not in labels]
    unknown = [c for c in labels if c not in expected]
    problems = []
    if missing:
        problems.append(Problem(display, f"missing column(s): {', '.join(missing)}"))
    if unknown:
        allowed = ", ".join(expected)
        problems.append(
            Problem(display, f"unknown column(s): {', '.join(unknown)}; the columns are: {allowed}")
        )
    if len(set(labels)) != len(labels):
        problems.append(Problem(display, "a column name appears twice in the header"))
    return problems


def _first_line(typed: dict[int, dict[str, Any]], lines: dict[int, int]) -> Any:
    """Return a function giving the line of the first row holding row N's values in columns."""

    def first_line(columns: tuple[str, ...], row_number: int) -> int | None:
        target = typed.get(row_number)
        if target is None:
            return None
        key = tuple(target.get(c) for c in columns)
        for number, values in typed.items():
            if number >= row_number:
                break
            if tuple(values.get(c) for c in columns) == key:
                return lines.get(number, number)
        return None

    return first_line


def _read_rows(resource: Any, context: TableContext, displays: dict[str, str]) -> tuple:
    """Validate one table with frictionless; return its problems, rows and their lines."""
    rows: list[Any] = []
    report = resource.validate(on_row=rows.append)
    task = report.tasks[0] if report.tasks else None
    errors = list(task.errors if task is not None else report.errors)
    labels = [str(label) for label in (task.labels if task is not None else [])]
    line, previous = 2, 1  # the header is line 1
    typed: dict[int, dict[str, Any]] = {}
    for row in rows:
        line += max(row.row_number - previous - 1, 0)  # lines frictionless did not hand over
        context.row_lines[row.row_number] = line
        typed[row.row_number] = row.to_dict()
        line += 1 + sum(cell.count("\n") for cell in row.cells if isinstance(cell, str))
        previous = row.row_number
    context.first_line = _first_line(typed, context.row_lines)
    return errors, labels, rows, typed


def read_table(
    resource: Any, spec: Resource, data_dir: Path, displays: dict[str, str]
) -> tuple[TableRead | None, list[Problem]]:
    """Read one table of the package; return it (None when it cannot be read) and its problems.

    ``resource`` is frictionless's resource of the package, ``spec`` the project's reading of the
    same descriptor; ``displays`` names every table's file on screen.
    """
    path = data_dir / spec.path
    display = displays[spec.name]
    unreadable = _check_text(path, display)
    if unreadable is not None:
        return None, [unreadable]
    context = TableContext(spec, display, path=path, recorded_hash=resource.hash)
    try:
        errors, labels, rows, typed = _read_rows(resource, context, displays)
    except Exception as exc:  # noqa: BLE001 - any damage is a problem to report, never a crash
        return None, [Problem(display, f"could not be read: {exc.__class__.__name__}: {exc}")]
    table = TableRead(spec, display)
    problems = _header_problems(labels, spec, display) if labels else []
    if not any(any(str(c).strip() for c in row.cells) for row in rows):
        problems.append(Problem(display, "file is empty: it has a header but no data rows"))
        table.header_ok = False
    if problems or any(e.type.endswith("-label") for e in errors):
        # Cells under the wrong columns would only repeat the header's problem, row by row.
        table.header_ok = False
        errors = [e for e in errors if e.type.endswith("-label") and not problems]
    for error in errors:
        problem = problem_from_error(error, context, displays)
        if problem is not None:
            problems.append(problem)
    if not table.header_ok:
        return table, problems
    for row in rows:
        if all(error.type in PARSED_ANYWAY for error in row.errors):
            table.rows.append(typed[row.row_number])
            table.lines.append(context.row_lines[row.row_number])
    return table, problems


def read_tables(
    data_dir: Path, schema: dict[str, Resource]
) -> tuple[dict[str, TableRead], list[Problem]]:
    """Read every resource of ``data_dir``'s package; return the tables and every problem.

    A table that cannot be read at all is left out of the tables (its problem says why); a raw
    file (not a table) is checked against the hash the descriptor records for it.
    """
    from frictionless import FrictionlessException, Package

    display = display_path(data_dir / DATAPACKAGE)
    try:
        package = Package(str(data_dir / DATAPACKAGE))
        package.to_descriptor(validate=True)
    except FrictionlessException as exc:
        return {}, [Problem(display, f"is not a valid Data Package descriptor: {exc}")]
    except Exception as exc:  # noqa: BLE001 - any damage is a problem to report, never a crash
        return {}, [Problem(display, f"could not be read: {exc.__class__.__name__}: {exc}")]
    displays = {name: display_path(data_dir / res.path) for name, res in schema.items()}
    tables: dict[str, TableRead] = {}
    problems: list[Problem] = []
    for resource in package.resources:
        if resource.name in schema:
            table, found = read_table(resource, schema[resource.name], data_dir, displays)
            if table is not None:
                tables[resource.name] = table
            problems += found
            continue
        path = data_dir / str(resource.path)
        try:
            report = resource.validate()
        except Exception as exc:  # noqa: BLE001 - as above
            problems.append(Problem(display_path(path), f"could not be read: {exc}"))
            continue
        for task in report.tasks:
            problems += file_problems(task.errors, path, display_path(path), resource.hash)
    return tables, problems
