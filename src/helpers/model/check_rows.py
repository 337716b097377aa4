"""The rows of the consistency checks: their columns, kinds and outcomes, and how a gap is judged.

The columns, kinds and outcomes are those the tables' schema declares (``data.table_schema``);
every check module builds its rows with ``check_row``, which refuses an undeclared kind.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any, TypeVar

from helpers.data.table_schema import field_enum, table_fields
from helpers.data.vocab import is_missing

_Declared = TypeVar("_Declared")


def _declared(names: type[_Declared], table: str, column: str) -> _Declared:
    """Return ``names`` with each field set to its own name, the values of ``table.column``.

    The schema's values and the fields must be the same: a name the schema does not declare,
    or a value it declares that has no name, fails at import.
    """
    values = field_enum(table, column)
    named = [f.name for f in fields(names)]  # type: ignore[arg-type]
    if sorted(values) != sorted(named):
        message = (
            f"{names.__name__} names {', '.join(named)}; "
            f"the tables' schema declares for {table}.{column}: {', '.join(values)}"
        )
        raise KeyError(message)
    return names(**{value: value for value in values})


@dataclass(frozen=True)
class CheckKinds:
    """The kinds of check (``check`` of ``consistency_checks``), each named as itself."""

    breakdown_vs_total: str
    operations_vs_total: str
    group_operations_vs_total: str
    statements_contradict: str
    regional_vs_countries: str
    lower_bound: str
    sources_disagree: str
    weak_source_only: str
    totals_disagree: str


@dataclass(frozen=True)
class CheckStatuses:
    """The outcomes of a check (``status`` of ``consistency_checks``), each named as itself."""

    adds_up: str
    adds_up_as_known: str
    gap: str
    gap_at_most: str
    gap_at_least: str
    gap_unknown: str
    exceeds: str
    floor_reached: str
    within_range: str
    not_reached: str
    short: str
    contradiction: str
    floor: str
    counts_differ: str
    dates_differ: str
    weak_only: str
    differs: str
    other_count: str
    own_return: str


KIND = _declared(CheckKinds, "consistency_checks", "check")
"""The kinds of check by name (``KIND.breakdown_vs_total``), read from the schema."""
STATUS = _declared(CheckStatuses, "consistency_checks", "status")
"""The outcomes of a check by name (``STATUS.gap_at_most``), read from the schema."""

CHECK_COLUMNS = table_fields("consistency_checks")
"""Columns of ``compute_checks`` (and ``tables/consistency_checks.csv``), from the schema."""
CHECK_KINDS = field_enum("consistency_checks", "check")
"""Every kind of check, in the order the data-quality report shows them."""
CHECK_STATUSES = field_enum("consistency_checks", "status")
"""Every outcome a check can have."""
GAP_STATUSES = (STATUS.gap, STATUS.gap_at_most, STATUS.gap_at_least, STATUS.gap_unknown)
"""Outcomes that leave people a total has and its parts do not account for."""
RECONCILIATION_COLUMNS = table_fields("reconciliation")
"""Columns of ``compute_reconciliation`` (and ``tables/reconciliation.csv``)."""


def check_row(kind: str, status: str, r: dict, subject: str, **values: Any) -> dict:
    """Return one check: its kind and outcome (declared in the schema), subject, source, dates."""
    if kind not in CHECK_KINDS or status not in CHECK_STATUSES:
        raise ValueError(f"check {kind!r} / status {status!r} is not declared in the schema")
    start = r.get("date_start")
    return {
        "country_iso3": r.get("country_iso3"),
        "check": kind,
        "status": status,
        "subject": subject,
        "source_id": r.get("source_id"),
        "date_start": None if is_missing(start) or start == r.get("date_end") else start,
        "date_end": r.get("date_end"),
        **values,
    }


def gap_status(expected: int, expected_lb: bool, observed: int, observed_lb: bool) -> str:
    """Return the outcome of a stated figure against the sum of what is known inside it.

    ``adds_up``, ``adds_up_as_known`` (the sum has a floor in it), ``gap`` (exact),
    ``gap_at_most`` (the sum is a floor), ``gap_at_least`` (the stated figure is a floor),
    ``gap_unknown`` (both are floors), ``exceeds`` (more inside than an exact figure allows) or
    ``floor_reached`` (a stated floor that the sum reaches).
    """
    diff = expected - observed
    if expected_lb and diff <= 0:
        return STATUS.floor_reached
    if diff < 0:
        return STATUS.exceeds
    if diff == 0:
        return STATUS.adds_up_as_known if observed_lb else STATUS.adds_up
    if expected_lb:
        return STATUS.gap_unknown if observed_lb else STATUS.gap_at_least
    return STATUS.gap_at_most if observed_lb else STATUS.gap
