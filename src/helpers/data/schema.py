"""Read the tables' structure from ``data/datapackage.json``: columns, types, keys.

The Data Package is the single source of truth for the schema. Every rule it states (types,
required, enums, minimums and maximums, lengths, patterns, unique, primary and foreign keys) is
checked, and every cell typed, by the ``frictionless`` library (``helpers.data.reading``); this
module only reads what the loader needs to build typed frames and word the problems.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATAPACKAGE = "datapackage.json"


def partial_date_end(value: str) -> dt.date:
    """Return the last day a date known to the year, month or day can mean.

    "2018" is 31 December 2018, "2026-02" 28 February 2026, "2026-02-18" itself.
    """
    parts = [int(p) for p in str(value).split("-")]
    year, month = parts[0], parts[1] if len(parts) > 1 else 12
    day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
    return dt.date(year, month, day)


@dataclass(frozen=True)
class Field:
    """One column of a table, as the Data Package describes it."""

    name: str
    type: str
    true_values: tuple[str, ...] = ("true",)
    false_values: tuple[str, ...] = ("false",)
    spec: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    """The field's descriptor as written, for messages that name its constraints."""


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must exist in another table's key column."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """One table of the Data Package: its file, columns and keys."""

    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def field_names(self) -> list[str]:
        """Column names in schema order."""
        return [f.name for f in self.fields]

    def field(self, name: str) -> Field | None:
        """Return the column called ``name``, if the table has one."""
        return next((f for f in self.fields if f.name == name), None)


def _as_tuple(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _read_field(spec: dict[str, Any]) -> Field:
    return Field(
        name=spec["name"],
        type=spec.get("type", "string"),
        true_values=tuple(spec.get("trueValues", ["true"])),
        false_values=tuple(spec.get("falseValues", ["false"])),
        spec=spec,
    )


def read_descriptor(data_dir: Path) -> dict[str, Any]:
    """Return ``datapackage.json`` of ``data_dir`` as a dict (ValueError if it is not JSON)."""
    return json.loads((data_dir / DATAPACKAGE).read_text(encoding="utf-8"))


def load_schema(data_dir: Path) -> dict[str, Resource]:
    """Read ``datapackage.json`` in ``data_dir`` and return its tables by name.

    Resources without a table schema (the raw sources, listed for their SHA-256) are left out.
    """
    package = read_descriptor(data_dir)
    resources = {}
    for res in package["resources"]:
        if "schema" not in res:
            continue
        schema = res["schema"]
        fks = tuple(
            ForeignKey(
                fields=_as_tuple(fk["fields"]),
                resource=fk["reference"]["resource"],
                reference_fields=_as_tuple(fk["reference"]["fields"]),
            )
            for fk in schema.get("foreignKeys", [])
        )
        resources[res["name"]] = Resource(
            name=res["name"],
            path=res["path"],
            fields=tuple(_read_field(f) for f in schema["fields"]),
            primary_key=_as_tuple(schema.get("primaryKey")),
            foreign_keys=fks,
        )
    return resources
