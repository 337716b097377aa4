"""Read the table rules from ``data/datapackage.json`` and check cells against them.

The Data Package is the single source of truth for the schema: column names, types, required
columns, enums, minimums, patterns, primary and foreign keys all come from it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DATAPACKAGE = "datapackage.json"
_INTEGER = re.compile(r"[+-]?[0-9]+")


@dataclass(frozen=True)
class Field:
    """One column of a table, as the Data Package describes it."""

    name: str
    type: str
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    minimum: int | None = None
    pattern: re.Pattern[str] | None = None
    true_values: tuple[str, ...] = ("true",)
    false_values: tuple[str, ...] = ("false",)

    def parse(self, raw: str) -> tuple[Any, str | None]:
        """Return ``(value, None)`` for a valid cell, or ``(None, rule broken)``.

        An empty cell is ``None`` ("not reported"); it breaks a rule only when the column is
        required.
        """
        if raw == "":
            return None, ("is required: it must not be empty" if self.required else None)
        if self.type == "integer":
            if not _INTEGER.fullmatch(raw):
                return None, "must be a whole number"
            value: Any = int(raw)
        elif self.type == "date":
            try:
                value = (
                    dt.date.fromisoformat(raw) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw) else None
                )
            except ValueError:
                return None, "is not a real calendar date (YYYY-MM-DD)"
            if value is None:
                return None, "must be a date written YYYY-MM-DD"
        elif self.type == "boolean":
            if raw in self.true_values:
                value = True
            elif raw in self.false_values:
                value = False
            else:
                allowed = ", ".join(self.true_values + self.false_values)
                return None, f"must be one of: {allowed}"
        else:
            value = raw
        if self.enum is not None and raw not in self.enum:
            return None, f"is not allowed here; allowed values: {', '.join(self.enum)}"
        if self.minimum is not None and isinstance(value, int) and value < self.minimum:
            return None, f"is below the minimum {self.minimum}"
        if self.pattern is not None and not self.pattern.fullmatch(raw):
            return None, f"does not match the pattern {self.pattern.pattern}"
        return value, None


@dataclass(frozen=True)
class ForeignKey:
    """A column whose values must exist in another table's key column."""

    fields: tuple[str, ...]
    resource: str
    reference_fields: tuple[str, ...]


@dataclass(frozen=True)
class Resource:
    """One table of the Data Package: its file and its rules."""

    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)

    @property
    def field_names(self) -> list[str]:
        """Column names in schema order."""
        return [f.name for f in self.fields]


def _as_tuple(value: str | list[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _read_field(spec: dict[str, Any]) -> Field:
    c = spec.get("constraints", {})
    return Field(
        name=spec["name"],
        type=spec.get("type", "string"),
        required=bool(c.get("required", False)),
        unique=bool(c.get("unique", False)),
        enum=tuple(c["enum"]) if "enum" in c else None,
        minimum=c.get("minimum"),
        pattern=re.compile(c["pattern"]) if "pattern" in c else None,
        true_values=tuple(spec.get("trueValues", ["true"])),
        false_values=tuple(spec.get("falseValues", ["false"])),
    )


def load_schema(data_dir: Path) -> dict[str, Resource]:
    """Read ``datapackage.json`` in ``data_dir`` and return its tables by name."""
    package = json.loads((data_dir / DATAPACKAGE).read_text(encoding="utf-8"))
    resources = {}
    for res in package["resources"]:
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
