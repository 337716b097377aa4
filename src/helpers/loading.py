"""Load the data files into typed DataFrames, checking every rule before anything is used.

``load_dataset`` reads the tables the Data Package lists, checks each cell against the schema
(``helpers.schema``) and then the rules that span rows and tables (``helpers.rules``). Every problem
in every file is collected and raised together as one ``DataValidationError``. Nothing is written.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.errors import DataValidationError, Problem
from helpers.paths import resolve_data_dir
from helpers.schema import DATAPACKAGE, Resource, load_schema

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
    path = data_dir / resource.path
    display = display_path(path)
    text = _read_text(path, display, problems)
    if text is None:
        return None
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except csv.Error as exc:
        problems.append(Problem(display, f"is not a readable CSV file ({exc})"))
        return None
    expected = resource.field_names
    missing = [c for c in expected if c not in header]
    unknown = [c for c in header if c not in expected]
    if missing:
        problems.append(Problem(display, f"missing column(s): {', '.join(missing)}"))
    if unknown:
        allowed = ", ".join(expected)
        problems.append(
            Problem(display, f"unknown column(s): {', '.join(unknown)}; the columns are: {allowed}")
        )
    if missing or unknown or len(set(header)) != len(header):
        if len(set(header)) != len(header):
            problems.append(Problem(display, "a column name appears twice in the header"))
        return None
    index = {name: header.index(name) for name in expected}
    columns: dict[str, list[Any]] = {name: [] for name in expected}
    lines: list[int] = []
    line = reader.line_num + 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue
            if len(record) != len(header):
                problems.append(
                    Problem(
                        display, f"has {len(record)} cells, the header has {len(header)}", start
                    )
                )
                continue
            for f in resource.fields:
                raw = record[index[f.name]]
                value, rule = f.parse(raw)
                if rule is not None:
                    problems.append(Problem(display, rule, start, f.name, raw))
                columns[f.name].append(value)
            lines.append(start)
    except csv.Error as exc:
        problems.append(Problem(display, f"is not a readable CSV file ({exc})", line))
        return None
    if not lines:
        problems.append(Problem(display, "file is empty: it has a header but no data rows"))
        return None
    table = _Table(resource, display, columns, lines)
    _check_unique(table, problems)
    return table


def _check_unique(table: _Table, problems: list[Problem]) -> None:
    keys = [(f.name,) for f in table.resource.fields if f.unique]
    if table.resource.primary_key and table.resource.primary_key not in [tuple(k) for k in keys]:
        keys.append(table.resource.primary_key)
    for key in keys:
        seen: dict[tuple[Any, ...], int] = {}
        values = zip(*(table.columns[k] for k in key), strict=True)
        for line, value in zip(table.lines, values, strict=True):
            if any(v is None for v in value):
                continue
            if value in seen:
                shown = value[0] if len(value) == 1 else value
                problems.append(
                    Problem(
                        table.display,
                        f"duplicate {' + '.join(key)}: already used on line {seen[value]}",
                        line,
                        key[0] if len(key) == 1 else " + ".join(key),
                        str(shown),
                    )
                )
            else:
                seen[value] = line


def _check_foreign_keys(tables: dict[str, _Table], problems: list[Problem]) -> None:
    for table in tables.values():
        for fk in table.resource.foreign_keys:
            target = tables.get(fk.resource)
            if target is None:
                continue
            known = set(zip(*(target.columns[k] for k in fk.reference_fields), strict=True))
            values = zip(*(table.columns[k] for k in fk.fields), strict=True)
            for line, value in zip(table.lines, values, strict=True):
                if any(v is None for v in value) or value in known:
                    continue
                problems.append(
                    Problem(
                        table.display,
                        f"not found in {target.display} ({', '.join(fk.reference_fields)})",
                        line,
                        ", ".join(fk.fields),
                        ", ".join(str(v) for v in value),
                    )
                )


def _read_all(data_dir: Path) -> tuple[dict[str, _Table], list[Problem]]:
    problems: list[Problem] = []
    package = data_dir / DATAPACKAGE
    if not package.is_file():
        raise DataValidationError([Problem(display_path(package), "file not found")])
    schema = load_schema(data_dir)
    tables = {}
    for name, resource in schema.items():
        table = _read_table(data_dir, resource, problems)
        if table is not None:
            tables[name] = table
    _check_foreign_keys(tables, problems)
    return tables, problems


_CACHE: dict[Path, tuple[tuple, Dataset]] = {}


def _fingerprint(directory: Path) -> tuple:
    """Name, size and modification time of every file under ``directory``."""
    files = sorted(p for p in directory.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def load_dataset(data_dir: str | Path | None = None) -> Dataset:
    """Load and validate every table in ``data_dir`` (default: the project's ``data/``).

    Returns typed DataFrames (integers ``Int64``, dates ``datetime64``, booleans ``boolean``,
    text ``string``; an empty cell is ``<NA>``), each with a ``line`` column giving the row's line
    in its file. Raises ``DataValidationError`` listing every problem found in every file.
    A valid dataset is remembered until a file in the folder changes (size or modification
    time), so a process that loads it many times validates it once; each call gets its own copy.
    """
    directory = resolve_data_dir(data_dir)
    fingerprint = _fingerprint(directory) if directory.is_dir() else ()
    cached = _CACHE.get(directory)
    if cached is not None and cached[0] == fingerprint:
        data = cached[1]
    else:
        data = _load(directory)
        _CACHE[directory] = (fingerprint, data)
    return Dataset(data.data_dir, *(getattr(data, n).copy() for n in _TABLES))


_TABLES = ("repatriations", "events", "sources", "programmes", "population")


def _load(directory: Path) -> Dataset:
    from helpers.rules import check_rules

    tables, problems = _read_all(directory)
    frames = {name: table.frame() for name, table in tables.items()}
    displays = {name: table.display for name, table in tables.items()}
    if set(frames) == {"repatriations", "events", "sources", "programmes", "population"}:
        problems.extend(check_rules(directory, frames, displays))
    if problems:
        raise DataValidationError(problems)
    return Dataset(directory, **frames)


def validate_data_dir(data_dir: str | Path | None = None) -> list[Problem]:
    """Return every problem in ``data_dir`` (an empty list when the data is valid)."""
    try:
        load_dataset(data_dir)
    except DataValidationError as exc:
        return exc.problems
    return []
