"""Read the Data Package's tables in one pass of frictionless: typed rows and every schema problem.

Each table is validated by frictionless, which hands over every row it reads, typed by the
descriptor (integers, dates, booleans, lists). Its errors become the project's problems
(``data.schema_problems``); the rows whose every cell parsed are kept, so that the dataset's own
rules can still be checked on them when other rows break the schema. What stops reading (a
missing, empty or non-UTF-8 file, a header without the descriptor's columns) is said here.

A table that refers to no other table and reads without a problem is remembered, in the process
and on disk (``build/cache/``), keyed by its bytes, its descriptor and the data layer's code: the
17,000-row World Bank table, the same in every copy of ``data/``, is typed row by row once, not
by every process and every test that loads a copy. A raw text source is checked against the
SHA-256 its descriptor records.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.cache import keep, read_kept
from helpers.data.errors import Problem
from helpers.data.paths import CACHE_DIR, display_path
from helpers.data.raw_files import hash_folder, sha256_of
from helpers.data.schema import DATAPACKAGE, Resource, read_descriptor
from helpers.data.schema_problems import (
    PARSED_ANYWAY,
    TableContext,
    hash_problem,
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
    typed: pd.DataFrame | None = None
    """The frame of a table remembered from an earlier reading (see ``frame``)."""

    def frame(self) -> pd.DataFrame:
        """Return the rows as a DataFrame typed by the schema, with each row's file ``line``.

        Integers are ``Int64``, dates ``datetime64``, booleans ``boolean``, text ``string``, a
        list (``origin``) a tuple; an empty cell is ``<NA>`` (or None in a list column).
        """
        if self.typed is not None:
            return self.typed.copy()
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
    from frictionless import Package

    descriptor = read_descriptor(data_dir)
    problem = _descriptor_problem(data_dir)
    if problem is not None:
        return {}, [problem]
    written = {
        res.get("name"): res for res in descriptor.get("resources", []) if isinstance(res, dict)
    }
    displays = {name: display_path(data_dir / res.path) for name, res in schema.items()}
    # frictionless reads the tables, in a package of their own (foreign keys look up the others).
    tables_only = {**descriptor, "resources": [written[name] for name in schema if name in written]}
    try:
        package = Package(tables_only, basepath=str(data_dir))
    except Exception as exc:  # noqa: BLE001 - any damage is a problem to report, never a crash
        display = display_path(data_dir / DATAPACKAGE)
        return {}, [Problem(display, f"could not be read: {exc.__class__.__name__}: {exc}")]
    tables: dict[str, TableRead] = {}
    problems: list[Problem] = []
    for resource in package.resources:
        spec = schema[resource.name]
        key = _table_key(data_dir, spec, schema, written)
        table = _recall(key, spec, displays[spec.name])
        found: list[Problem] = []
        if table is None:
            table, found = read_table(resource, spec, data_dir, displays)
            if table is not None and not found:
                _remember(key, spec.name, table)
        if table is not None:
            tables[resource.name] = table
        problems += found
    for name, res in written.items():
        if name not in schema:
            path = data_dir / str(res.get("path"))
            problems += raw_file_problems(path, display_path(path), res.get("hash"))
    return tables, problems


def _descriptor_problem(data_dir: Path) -> Problem | None:
    """Return why ``datapackage.json`` is not a valid Data Package descriptor, or None.

    A descriptor found valid is remembered by its bytes, so an unchanged one is checked once.
    """
    from frictionless import FrictionlessException, Package

    path = data_dir / DATAPACKAGE
    key = hashlib.sha256(_code_version().encode() + b"\0" + path.read_bytes()).hexdigest()[:24]
    if _recall_value(key, "descriptor") is not None:
        return None
    display = display_path(path)
    try:
        Package(str(path)).to_descriptor(validate=True)
    except FrictionlessException as exc:
        return Problem(display, f"is not a valid Data Package descriptor: {exc}")
    except Exception as exc:  # noqa: BLE001 - any damage is a problem to report, never a crash
        return Problem(display, f"could not be read: {exc.__class__.__name__}: {exc}")
    _remember_value(key, "descriptor", True)
    return None


def raw_file_problems(path: Path, display: str, recorded: str | None) -> list[Problem]:
    """Return the problem of a raw source that is missing or whose bytes differ from its hash.

    ``recorded`` is the descriptor's ``hash`` (``sha256:…``); a file without one is refused by
    ``data.raw_files.raw_hash_problems``.
    """
    if not path.is_file():
        return [Problem(display, "file not found")]
    algorithm, _, digest = (recorded or "").partition(":")
    if algorithm == "sha256" and sha256_of(path) != digest:
        return [hash_problem(path, display, recorded)]
    return []


_MEMO: dict[str, Any] = {}


@functools.lru_cache(maxsize=1)
def _code_version() -> str:
    """Return the version of what a remembered reading depends on: this code, the libraries."""
    import frictionless

    code = hash_folder(Path(__file__).resolve().parent)
    return f"{code}-{frictionless.__version__}-{pd.__version__}"


def _table_key(
    data_dir: Path, spec: Resource, schema: dict[str, Resource], written: dict[str, Any]
) -> str | None:
    """Return the key a table's reading is remembered under, or None when it is not kept.

    The key holds the table's bytes and descriptor, and those of every table its foreign keys
    refer to: whether a reference holds depends on the other table too.
    """
    names = [spec.name] + sorted({fk.resource or spec.name for fk in spec.foreign_keys})
    digest = hashlib.sha256(_code_version().encode() + b"\0")
    for name in dict.fromkeys(names):
        path = data_dir / schema[name].path if name in schema else None
        if path is None or name not in written or not path.is_file():
            return None
        digest.update(json.dumps(written[name], sort_keys=True).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:24]


def _memo_file(key: str, kind: str) -> Path:
    return CACHE_DIR / f"{kind}-{key}.pickle"


def _recall_value(key: str | None, kind: str) -> Any:
    """Return what was remembered under ``key`` (None when nothing was)."""
    if key is None:
        return None
    if key not in _MEMO:
        kept = read_kept(_memo_file(key, kind))
        if kept is None:
            return None
        _MEMO[key] = kept
    return _MEMO[key]


def _remember_value(key: str | None, kind: str, value: Any) -> None:
    """Remember ``value`` under ``key``, in the process and on disk.

    Older files of the same kind are dropped, so the cache holds one of each.
    """
    if key is None:
        return
    _MEMO[key] = value
    keep(_memo_file(key, kind), value, f"{kind}-*.pickle")


def _recall(key: str | None, spec: Resource, display: str) -> TableRead | None:
    """Return the table remembered under ``key`` (None when there is none)."""
    kept = _recall_value(key, f"table-{spec.name}")
    if kept is None:
        return None
    rows, lines, typed = kept
    return TableRead(spec, display, rows=rows, lines=lines, typed=typed)


def _remember(key: str | None, name: str, table: TableRead) -> None:
    """Remember a table read without a problem: its typed rows, their lines and its frame."""
    _remember_value(key, f"table-{name}", (table.rows, table.lines, table.frame()))
