"""Consistency checks and reconciliation: where the sources agree, and where not.

Pure functions over the statements table (``model.analysis.compute_statements``) and the events
table; nothing is read or written, and nothing is worded: every row holds codes, numbers and
dates (``helpers.report.check_text`` words them in either language). The kinds of check and their
outcomes are declared once, in the tables' schema (``data.table_schema``). A sum with a floor
in it is a floor, so a gap against it is a ceiling (``gap_at_most``); a gap against a stated
floor is a floor (``gap_at_least``); between two floors it is not known (``gap_unknown``).

The checks themselves live by family: ``operation_checks`` (totals against their parts),
``contradictions`` (breakdowns against what others report), ``source_checks`` (between sources);
``check_rows`` holds their columns and outcomes.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.vocab import PARTS, PEOPLE, is_missing
from helpers.model.check_rows import (
    CHECK_COLUMNS,
    CHECK_KINDS,
    RECONCILIATION_COLUMNS,
)
from helpers.model.contradictions import contradiction_checks
from helpers.model.counts import choose_reports
from helpers.model.operation_checks import (
    breakdown_checks,
    group_checks,
    operations_checks,
)
from helpers.model.operations import compute_operations
from helpers.model.source_checks import (
    disagreement_checks,
    lower_bound_checks,
    regional_checks,
    totals_checks,
)


def compute_checks(statements: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Return every consistency check: codes, numbers and dates, no words.

    Kinds (``check``, declared in the tables' schema as ``CHECK_KINDS``):
    ``breakdown_vs_total`` (a statement's groups against its stated total),
    ``operations_vs_total`` (the counted operations against a country-wide or period total that
    should contain them), ``group_operations_vs_total`` (each stated group of such a total against
    the same group summed over its operations), ``statements_contradict`` (a breakdown that leaves
    less room for a group than other statements already report by its date), ``lower_bound``
    (every figure that is a floor), ``sources_disagree`` (a report of an operation whose count or
    dates differ from the report totals use), ``totals_disagree`` (country-wide counts, or counts
    of one operation series, that differ between sources), ``weak_source_only`` and
    ``regional_vs_countries`` (each group a regional figure states against the sum of the
    countries' ranges on its date). Outcomes (``status``): see ``CHECK_STATUSES``.

    Columns (``CHECK_COLUMNS``): country_iso3, check, status, subject (a statement_id, or an
    event_id), group, expected and expected_is_lower_bound (the stated figure), observed and
    observed_is_lower_bound (what the others give; a sum with a floor in it), observed_high (the
    countries' high end, regional checks), difference (expected minus observed), source_id,
    date_start, date_end, series (totals_disagree), missing_operations (numbered operations a
    series skips) and related_ids (what the observed figure rests on, ``;``-separated).
    """
    ops = compute_operations(statements, events)
    rows = (
        breakdown_checks(statements)
        + operations_checks(statements, ops, events)
        + group_checks(statements, ops)
        + contradiction_checks(statements, events)
        + regional_checks(statements, events)
        + lower_bound_checks(statements)
        + disagreement_checks(statements, ops)
        + totals_checks(statements)
    )
    out = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    for col in ("expected", "observed", "observed_high", "difference"):
        out[col] = out[col].astype("Int64")
    for col in ("expected_is_lower_bound", "observed_is_lower_bound"):
        out[col] = out[col].astype("boolean")
    for col in ("date_start", "date_end"):
        out[col] = pd.to_datetime(out[col])
    out["_kind"] = out["check"].map({k: i for i, k in enumerate(CHECK_KINDS)})
    out = out.sort_values(
        ["_kind", "country_iso3", "subject", "group", "source_id"], ignore_index=True
    )
    return out.drop(columns="_kind")


def compute_reconciliation(statements: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Return, per country, each total beside its operations, and each operation beside its reports.

    Rows of kind ``total``: a country-wide or period total (``people``) against the operations it
    should contain (``n_operations``), the ``gap``, whether it is a ceiling
    (``gap_is_upper_bound``: the operations' sum has a floor in it) and its outcome (``status``,
    as in ``compute_checks``). Rows of kind ``report``: every report of every operation, with
    its counts, whether totals use it (``is_used``), and ``is_weak_only``. Columns:
    ``RECONCILIATION_COLUMNS``; dates are dates, codes are codes.
    """
    ops = compute_operations(statements, events)
    by_id = statements.set_index("statement_id")
    rows = []
    for chk in operations_checks(statements, ops, events):
        rec = by_id.loc[chk["subject"]]
        rows.append(
            {
                "country_iso3": chk["country_iso3"],
                "kind": "total",
                "subject": chk["subject"],
                "date_start": chk["date_start"],
                "date_end": chk["date_end"],
                "source_id": chk["source_id"],
                PEOPLE: chk["expected"],
                "people_is_lower_bound": chk["expected_is_lower_bound"],
                **{g: rec[g] for g in PARTS},
                "n_operations": len(chk["related_ids"].split(";")) if chk["related_ids"] else 0,
                "is_used": pd.NA,
                "is_weak_only": False,
                "gap": chk["difference"],
                "gap_is_upper_bound": chk["observed_is_lower_bound"],
                "status": chk["status"],
            }
        )
    used = set(ops["source_id"] + "|" + ops["event_id"]) if len(ops) else set()
    _, reports = choose_reports(statements)
    weak = dict(zip(ops["event_id"], ops["is_weak_only"], strict=True)) if len(ops) else {}
    for event_id, recs in reports.items():
        for r in recs:
            start = r["date_start"]
            rows.append(
                {
                    "country_iso3": r["country_iso3"],
                    "kind": "report",
                    "subject": event_id,
                    "date_start": None if is_missing(start) or start == r["date_end"] else start,
                    "date_end": r["date_end"],
                    "source_id": r["source_id"],
                    PEOPLE: r[PEOPLE] if r["people_is_stated"] else pd.NA,
                    "people_is_lower_bound": (
                        bool(r["people_is_lower_bound"]) if r["people_is_stated"] else pd.NA
                    ),
                    **{g: r[g] for g in PARTS},
                    "n_operations": pd.NA,
                    "is_used": f"{r['source_id']}|{event_id}" in used and not weak.get(event_id),
                    "is_weak_only": bool(weak.get(event_id)),
                    "gap": pd.NA,
                    "gap_is_upper_bound": pd.NA,
                    "status": None,
                }
            )
    out = pd.DataFrame(rows, columns=RECONCILIATION_COLUMNS)
    for col in (PEOPLE, *PARTS, "gap", "n_operations"):
        out[col] = out[col].astype("Int64")
    for col in ("people_is_lower_bound", "is_used", "gap_is_upper_bound"):
        out[col] = out[col].astype("boolean")
    out["is_weak_only"] = out["is_weak_only"].astype(bool)
    for col in ("date_start", "date_end"):
        out[col] = pd.to_datetime(out[col])
    out["_kind"] = out["kind"].map({"total": 0, "report": 1})
    out = out.sort_values(
        ["country_iso3", "_kind", "date_end", "subject", "source_id"], ignore_index=True
    )
    return out.drop(columns="_kind")
