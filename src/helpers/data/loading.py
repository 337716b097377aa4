"""Load the data files into typed DataFrames, checking every rule before anything is used.

``load_dataset`` reads the tables the Data Package lists, checks each cell against the schema
(``data.schema``) and then the rules that span rows and tables (``data.rules``). Every problem
in every file is collected and raised together as one ``DataValidationError``. Nothing is written.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.data.errors import DataValidationError, Problem
from helpers.data.paths import resolve_data_dir
from helpers.data.raw_files import raw_hash_problems
from helpers.data.schema import (
    DATAPACKAGE,
    Resource,
    load_schema,
    partial_date_end,
    read_descriptor,
)

_PANDAS_DTYPES = {"integer": "Int64", "boolean": "boolean", "string": "string"}


@dataclass(frozen=True)
class Dataset:
    """The validated tables, one typed DataFrame each, and the folder they came from."""

    data_dir: Path
    repatriations: pd.DataFrame
    events: pd.DataFrame
    sources: pd.DataFrame
    programmes: pd.DataFrame
    population: pd.DataFrame
    abroad: pd.DataFrame
    """Who is reported still abroad (``abroad.csv``), one reported figure per row."""

    @property
    def countries(self) -> list[str]:
        """ISO3 codes of the countries with at least one reported figure, sorted."""
        codes = self.repatriations["country_iso3"].dropna().unique()
        return sorted(str(c) for c in codes)


@dataclass
class _Table:
    """A table read from disk: typed values by column and the file line of every row."""

    resource: Resource
    display: str
    columns: dict[str, list[Any]]
    lines: list[int]
    row_lines: dict[int, int] = field(default_factory=dict)
    """The file line each row starts on, by frictionless's row number (the header is 1)."""
    header_ok: bool = True

    def frame(self) -> pd.DataFrame:
        data = {}
        for f in self.resource.fields:
            values = self.columns[f.name]
            if f.type == "date":
                data[f.name] = pd.to_datetime(pd.Series(values, dtype="object"))
            else:
                data[f.name] = pd.Series(values, dtype=_PANDAS_DTYPES.get(f.type, "object"))
        df = pd.DataFrame(data)
        df["line"] = pd.Series(self.lines, dtype="int64")
        return df


def display_path(path: Path) -> str:
    """Show ``path`` relative to the working directory when it lies below it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _read_text(path: Path, display: str, problems: list[Problem]) -> str | None:
    if not path.is_file():
        problems.append(Problem(display, "file not found"))
        return None
    raw = path.read_bytes()
    if not raw.strip():
        problems.append(Problem(display, "file is empty: expected a header row and data rows"))
        return None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        problems.append(
            Problem(
                display,
                f"is not UTF-8 text (byte 0x{raw[exc.start]:02x} at offset {exc.start}): "
                "save it as UTF-8 CSV",
            )
        )
        return None


def _read_table(data_dir: Path, resource: Resource, problems: list[Problem]) -> _Table | None:
    """Read one CSV file into typed columns, or None when it cannot be read as a table.

    Only what stops reading is reported here (a missing, empty, non-UTF-8 or unreadable file);
    the schema's rules, headers included, are frictionless's (``_schema_problems``). A file whose
    header does not name the descriptor's columns gives no table.
    """
    path = data_dir / resource.path
    display = display_path(path)
    text = _read_text(path, display, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    row_lines: dict[int, int] = {}
    records: list[tuple[int, list[str]]] = []
    try:
        header = next(reader)
        line = reader.line_num + 1
        for number, record in enumerate(reader, start=2):
            row_lines[number] = line
            records.append((line, record))
            line = reader.line_num + 1
    except (csv.Error, StopIteration) as exc:
        problems.append(
            Problem(display, f"is not a readable CSV file ({exc})", line_or_none(row_lines))
        )
        return None
    expected = resource.field_names
    table = _Table(resource, display, {name: [] for name in expected}, [], row_lines)
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    if missing:
        problems.append(Problem(display, f"missing column(s): {', '.join(missing)}"))
    if unknown:
        allowed = ", ".join(expected)
        problems.append(
            Problem(display, f"unknown column(s): {', '.join(unknown)}; the columns are: {allowed}")
        )
    if len(set(header)) != len(header):
        problems.append(Problem(display, "a column name appears twice in the header"))
    if not any(any(c.strip() for c in r) for _, r in records):
        problems.append(Problem(display, "file is empty: it has a header but no data rows"))
        table.header_ok = False
    if missing or unknown or len(set(header)) != len(header):
        table.header_ok = False
        return table
    index = {name: header.index(name) for name in expected}
    for line, record in records:
        if not any(cell.strip() for cell in record) or len(record) != len(header):
            continue
        for f in resource.fields:
            table.columns[f.name].append(f.convert(record[index[f.name]]))
        table.lines.append(line)
    return table


def line_or_none(row_lines: dict[int, int]) -> int | None:
    """Return the last line read, if any (where a reading error stopped)."""
    return max(row_lines.values()) if row_lines else None


_FOREIGN_KEY = re.compile(
    r'for "([^"]+)": values "([^"]*)" not found in the lookup table "([^"]+)" as "([^"]+)"'
)
_TYPE_WORDS = {
    "integer": "must be a whole number",
    "number": "must be a number",
    "date": "must be a date written YYYY-MM-DD",
    "boolean": "must be one of: {values}",
    "year": "must be a year",
}


def _constraint_rule(table: _Table, field_name: str, constraint: str) -> str:
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


def _row_line(table: _Table, row_number: int | None) -> int | None:
    if row_number is None:
        return None
    return table.row_lines.get(row_number, row_number)


def _map_error(error: Any, table: _Table, tables: dict[str, _Table]) -> Problem | None:
    """Turn one frictionless error into the project's problem: file, line, column, value, rule."""
    kind = error.type
    note = str(getattr(error, "note", ""))
    line = _row_line(table, getattr(error, "row_number", None))
    column = getattr(error, "field_name", None) or None
    cell = getattr(error, "cell", None)
    value = None if cell is None else str(cell)
    if kind == "type-error":
        spec = table.resource.field(column or "")
        ftype = spec.type if spec else "string"
        values = ", ".join((*spec.true_values, *spec.false_values)) if spec else ""
        rule = _TYPE_WORDS.get(ftype, f"must be of type {ftype}").format(values=values)
        if ftype == "date" and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
            rule = "is not a real calendar date (YYYY-MM-DD)"
        return Problem(table.display, rule, line, column, value)
    if kind == "constraint-error":
        match = re.search(r'constraint "([^"]+)"', note)
        rule = _constraint_rule(table, column or "", match.group(1) if match else "")
        return Problem(table.display, rule, line, column, value)
    if kind in ("unique-error", "primary-key"):
        if kind == "primary-key" and len(table.resource.primary_key) == 1:
            return None  # the same duplicate is reported as a unique-error of its column
        match = re.search(r"position (\d+)", note)
        first = _row_line(table, int(match.group(1))) if match else None
        key = column or " + ".join(table.resource.primary_key)
        rule = f"duplicate {key}: already used on line {first}"
        return Problem(table.display, rule, line, key, value if kind == "unique-error" else None)
    if kind == "foreign-key":
        match = _FOREIGN_KEY.search(note)
        if match:
            target = tables.get(match.group(3))
            shown = target.display if target else match.group(3)
            rule = f"not found in {shown} ({match.group(4)})"
            return Problem(table.display, rule, line, match.group(1), match.group(2))
    if kind in ("extra-cell", "missing-cell"):
        rule = f"has a cell too many or too few ({error.message})"
        return Problem(table.display, rule, line, column)
    if kind.endswith("-label"):
        expected = ", ".join(table.resource.field_names)
        rule = f"header: {error.message}; the columns, in this order, are: {expected}"
        return Problem(table.display, rule)
    if kind == "blank-row":
        return Problem(table.display, "is an empty line inside the table", line)
    return Problem(table.display, error.message, line, column, value)


def _schema_problems(data_dir: Path, tables: dict[str, _Table]) -> list[Problem]:
    """Check everything the descriptor states with frictionless; return the problems found."""
    from frictionless import FrictionlessException, Package

    display = display_path(data_dir / DATAPACKAGE)
    try:
        package = Package(str(data_dir / DATAPACKAGE))
        report = package.validate()
    except FrictionlessException as exc:
        return [Problem(display, f"is not a valid Data Package descriptor: {exc}")]
    except Exception as exc:  # noqa: BLE001 - any damage is a problem to report, never a crash
        return [Problem(display, f"could not be validated: {exc.__class__.__name__}: {exc}")]
    problems = []
    for task in report.tasks:
        if task.type != "table":
            problems.extend(_file_problems(data_dir, task))
            continue
        table = tables.get(task.name)
        if table is None or not table.header_ok:
            continue  # unreadable or without the descriptor's columns: reported by the reader
        for error in task.errors:
            problem = _map_error(error, table, tables)
            if problem is not None:
                problems.append(problem)
    return problems


def _file_problems(data_dir: Path, task: Any) -> list[Problem]:
    """Problems of a file that is not a table (a raw source): its bytes against its hash."""
    display = display_path(data_dir / str(task.place))
    problems = []
    for error in task.errors:
        if error.type == "hash-count":
            digests = re.findall(r'"([0-9a-f]+)"', str(error.note))
            recorded, actual = (digests + ["?", "?"])[:2]
            rule = (
                f"differs from the file received: its SHA-256 is {actual}, datapackage.json "
                f"records {recorded}; a raw source is never edited"
            )
            problems.append(Problem(display, rule))
        else:
            problems.append(Problem(display, error.message))
    return problems


def _read_all(data_dir: Path) -> tuple[dict[str, _Table], list[Problem]]:
    problems: list[Problem] = []
    package = data_dir / DATAPACKAGE
    if not package.is_file():
        raise DataValidationError([Problem(display_path(package), "file not found")])
    try:
        schema = load_schema(data_dir)
    except (ValueError, KeyError, TypeError) as exc:
        raise DataValidationError(
            [Problem(display_path(package), f"is not a readable Data Package descriptor ({exc})")]
        ) from None
    tables = {}
    for name, resource in schema.items():
        table = _read_table(data_dir, resource, problems)
        if table is not None:
            tables[name] = table
    problems += raw_hash_problems(data_dir, read_descriptor(data_dir), display_path(package))
    problems += _schema_problems(data_dir, tables)
    return tables, problems


_CACHE: dict[Path, tuple[str, Dataset]] = {}


def _fingerprint(directory: Path) -> str:
    """Hash of the name and bytes of every file under ``directory``: the cache's key."""
    digest = hashlib.sha256()
    for path in sorted(p for p in directory.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(directory)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Load and validate every table in ``data_dir`` (default: the project's ``data/``).

    Returns typed DataFrames (integers ``Int64``, dates ``datetime64``, booleans ``boolean``,
    text ``string``; an empty cell is ``<NA>``), each with a ``line`` column giving the row's line
    in its file. Raises ``DataValidationError`` listing every problem found in every file.
    A valid dataset is remembered until the content of a file in the folder changes, so a
    process that loads it many times validates it once; each call gets its own copy.
    """
    directory = resolve_data_dir(data_dir)
    fingerprint = _fingerprint(directory) if directory.is_dir() else ""
    cached = _CACHE.get(directory)
    if cached is not None and cached[0] == fingerprint:
        data = cached[1]
    else:
        data = _load(directory)
        _CACHE[directory] = (fingerprint, data)
    return Dataset(data.data_dir, *(getattr(data, n).copy() for n in _TABLES))


_TABLES = ("repatriations", "events", "sources", "programmes", "population", "abroad")


def _load(directory: Path) -> Dataset:
    from helpers.data.rules import check_rules

    tables, problems = _read_all(directory)
    complete = set(tables) == set(_TABLES) and all(t.header_ok for t in tables.values())
    if complete and not problems:
        # The dataset's own rules assume tables that keep the schema: checked only then.
        frames = {name: table.frame() for name, table in tables.items()}
        displays = {name: table.display for name, table in tables.items()}
        problems.extend(check_rules(directory, frames, displays))
    elif not problems:
        problems.append(Problem(display_path(directory), "the tables could not be read"))
    if problems:
        raise DataValidationError(problems)
    frames = {name: table.frame() for name, table in tables.items()}
    return Dataset(directory, **frames)


def latest_data_date(dataset: Dataset) -> pd.Timestamp:
    """Return the latest date of any dated table: the default "as of" of every report.

    That is the latest ``date_end`` of repatriations.csv or ``date`` of abroad.csv (a month or
    a year read as its last day); undated rows play no part.
    """
    dates = [pd.Timestamp(dataset.repatriations["date_end"].max())]
    dates += [pd.Timestamp(partial_date_end(d)) for d in dataset.abroad["date"].dropna() if d]
    return max(dates)


def validate_data_dir(data_dir: str | Path | None = None) -> list[Problem]:
    """Return every problem in ``data_dir`` (an empty list when the data is valid)."""
    try:
        load_dataset(data_dir)
    except DataValidationError as exc:
        return exc.problems
    return []
