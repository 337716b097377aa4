"""The rows of the consistency checks: their columns, kinds and outcomes, and how a gap is judged.

The columns, kinds and outcomes are those the tables' schema declares (``data.table_schema``);
every check module builds its rows with ``check_row``, which refuses an undeclared kind.
"""

from __future__ import annotations

from typing import Any

from helpers.data.table_schema import field_enum, table_fields
from helpers.data.vocab import is_missing

CHECK_COLUMNS = table_fields("consistency_checks")
"""Columns of ``compute_checks`` (and ``tables/consistency_checks.csv``), from the schema."""
CHECK_KINDS = field_enum("consistency_checks", "check")
"""Every kind of check, in the order the data-quality report shows them."""
CHECK_STATUSES = field_enum("consistency_checks", "status")
"""Every outcome a check can have."""
GAP_STATUSES = ("gap", "gap_at_most", "gap_at_least", "gap_unknown")
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
        return "floor_reached"
    if diff < 0:
        return "exceeds"
    if diff == 0:
        return "adds_up_as_known" if observed_lb else "adds_up"
    if expected_lb:
        return "gap_unknown" if observed_lb else "gap_at_least"
    return "gap_at_most" if observed_lb else "gap"
