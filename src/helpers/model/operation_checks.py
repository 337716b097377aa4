"""Checks of stated totals against what they are built from: their breakdown, or their operations.

``breakdown_vs_total``, ``operations_vs_total`` and ``group_operations_vs_total``: a sum with a
floor in it is a floor, so a gap against it is a ceiling.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import CUMULATIVE, GROUPS, PARTS, PEOPLE, PERIOD, REPATRIATED, is_missing
from helpers.model.analysis import covers_origin
from helpers.model.check_rows import KIND, check_row, gap_status
from helpers.model.counts import bounded_sum
from helpers.model.operations import find_missing_operations


def breakdown_checks(statements: pd.DataFrame) -> list[dict]:
    """Each statement's stated groups against its stated total (``breakdown_vs_total``)."""
    rows = []
    for r in records(statements):
        parts = [g for g in GROUPS if not is_missing(r[g])]
        if not r["people_is_stated"] or not parts:
            continue
        people, lower = int(r[PEOPLE]), bool(r["people_is_lower_bound"])
        observed = people - int(r["unspecified"])
        observed_lb = any(bool(r[f"{g}_is_lower_bound"]) for g in parts)
        rows.append(
            check_row(
                KIND.breakdown_vs_total,
                gap_status(people, lower, observed, observed_lb),
                r,
                r["statement_id"],
                group=PEOPLE,
                expected=people,
                expected_is_lower_bound=lower,
                observed=observed,
                observed_is_lower_bound=observed_lb,
                difference=people - observed,
                related_ids=";".join(parts),
            )
        )
    return rows


def contained(ops: pd.DataFrame, total: dict) -> pd.DataFrame:
    """Return the counted operations inside a total's dates, country and origin."""
    start = total["date_start"]
    inside = ops["date"] <= total["date_end"]
    if not is_missing(start):
        inside &= ops["date"] >= start
    inside &= ops["origin"].map(lambda o: covers_origin(total["origin"], o)).astype(bool)
    return ops[inside & (ops["country_iso3"] == total["country_iso3"]) & ~ops["is_weak_only"]]


def _wide_totals(statements: pd.DataFrame) -> pd.DataFrame:
    """Stated country-wide counts and period totals of repatriations: what operations fill."""
    return statements[
        (
            ((statements["scope"] == CUMULATIVE) & (statements["is_country_total"] == True))  # noqa: E712
            | (statements["scope"] == PERIOD)
        )
        & statements["people_is_stated"]
        & (statements["channel"] == REPATRIATED)
    ]


def sum_column(inside: pd.DataFrame, col: str) -> tuple[int, bool]:
    """Sum one count over operations; an operation that does not state it makes a floor."""
    total, lower = bounded_sum(
        zip(inside[col], inside[f"{col}_is_lower_bound"].fillna(False), strict=True)
    )
    unknown = bool(inside[col].isna().any())
    return total or 0, lower or unknown


def operations_checks(
    statements: pd.DataFrame, ops: pd.DataFrame, events: pd.DataFrame
) -> list[dict]:
    """Each country-wide or period total against the counted operations it should contain."""
    names_of = dict(zip(events["event_id"], events["name"], strict=True))
    rows = []
    for r in records(_wide_totals(statements)):
        inside = contained(ops, r)
        observed, lower = bounded_sum(
            zip(inside[PEOPLE], inside["people_is_lower_bound"], strict=True)
        )
        observed = observed or 0
        names = [str(names_of.get(e, e)) for e in inside["event_id"]]  # as in events.csv
        expected, expected_lb = int(r[PEOPLE]), bool(r["people_is_lower_bound"])
        rows.append(
            check_row(
                KIND.operations_vs_total,
                gap_status(expected, expected_lb, observed, lower),
                r,
                r["statement_id"],
                group=PEOPLE,
                expected=expected,
                expected_is_lower_bound=expected_lb,
                observed=observed,
                observed_is_lower_bound=lower,
                difference=expected - observed,
                missing_operations=";".join(find_missing_operations(names)),
                related_ids=";".join(inside["event_id"]),
            )
        )
    return rows


def group_checks(statements: pd.DataFrame, ops: pd.DataFrame) -> list[dict]:
    """Each stated group of a total against the same group summed over its operations."""
    rows = []
    for r in records(_wide_totals(statements)):
        inside = contained(ops, r)
        for g in PARTS:
            if is_missing(r[g]) or not len(inside):
                continue
            observed, lower = sum_column(inside, g)
            expected, expected_lb = int(r[g]), bool(r[f"{g}_is_lower_bound"])
            rows.append(
                check_row(
                    KIND.group_operations_vs_total,
                    gap_status(expected, expected_lb, observed, lower),
                    r,
                    r["statement_id"],
                    group=g,
                    expected=expected,
                    expected_is_lower_bound=expected_lb,
                    observed=observed,
                    observed_is_lower_bound=lower,
                    difference=expected - observed,
                    related_ids=";".join(inside["event_id"]),
                )
            )
    return rows
