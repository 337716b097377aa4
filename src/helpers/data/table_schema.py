"""The Table Schema of the CSV tables the reports write, and its check by frictionless.

One committed descriptor, ``tables_schema.json`` beside this module, says every column of
``consistency_checks.csv``, ``reconciliation.csv`` and ``country_summary.csv``: type, meaning and
allowed values. It is where the kinds of check and their outcomes are declared: ``model.checks``
reads them from here, the report layer words them, and nothing else spells them. ``save_table``
writes the descriptor as ``datapackage.json`` beside the tables.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

TABLES_SCHEMA_PATH = Path(__file__).parent / "tables_schema.json"
"""The committed descriptor of the report tables."""
DESCRIPTOR_NAME = "datapackage.json"
"""The name the descriptor is written under, beside the tables."""


@cache
def load_tables_schema() -> dict[str, Any]:
    """Return the descriptor of the report tables (a Data Package, one resource per table)."""
    return json.loads(TABLES_SCHEMA_PATH.read_text(encoding="utf-8"))


def table_fields(table: str) -> list[str]:
    """Return the column names of ``table`` (e.g. ``"consistency_checks"``), in order."""
    return [f["name"] for f in _resource(table)["schema"]["fields"]]


def field_enum(table: str, field: str) -> tuple[str, ...]:
    """Return the allowed values of a column of a report table, in the descriptor's order."""
    spec = next(f for f in _resource(table)["schema"]["fields"] if f["name"] == field)
    return tuple(spec["constraints"]["enum"])


def described_tables() -> tuple[str, ...]:
    """Return the names of the tables the descriptor describes."""
    return tuple(r["name"] for r in load_tables_schema()["resources"])


def write_tables_schema(directory: str | Path) -> Path:
    """Write the descriptor as ``datapackage.json`` into ``directory``; return its path.

    The bytes never change between runs, so every report that writes a table may write it.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    path = out / DESCRIPTOR_NAME
    text = json.dumps(load_tables_schema(), indent=2, ensure_ascii=False) + "\n"
    if not path.is_file() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return path


def validate_tables(directory: str | Path) -> list[str]:
    """Check the described tables present in ``directory`` against the schema.

    Returns one message per problem ("consistency_checks.csv, row 3, field status: …"); an
    empty list when every table present conforms. Tables not written there are skipped.
    """
    from frictionless import Package, Resource

    folder = Path(directory)
    problems = []
    for descriptor in load_tables_schema()["resources"]:
        if not (folder / descriptor["path"]).is_file():
            continue
        resource = Resource(descriptor, basepath=str(folder))
        report = Package(resources=[resource]).validate()
        for task in report.tasks:
            for err in task.errors:
                where = [descriptor["path"]]
                if getattr(err, "row_number", None):
                    where.append(f"row {err.row_number}")
                if getattr(err, "field_name", None):
                    where.append(f"field {err.field_name}")
                problems.append(f"{', '.join(where)}: {err.message}")
    return problems


def _resource(table: str) -> dict[str, Any]:
    for res in load_tables_schema()["resources"]:
        if res["name"] == table:
            return res
    raise KeyError(f"no table {table!r} in {TABLES_SCHEMA_PATH.name}")
