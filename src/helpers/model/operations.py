"""Operations: one row per return operation, the report totals use, and what reports differ on.

Pure functions over the statements table (``helpers.model.analysis.compute_statements``) and the
events table; nothing is read or written, and nothing is worded (``helpers.report.operation_text``).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.data.arguments import check_query
from helpers.data.frames import records
from helpers.data.vocab import COUNT_COLUMNS, GROUPS, PEOPLE, is_missing
from helpers.model.analysis import resolve_as_of
from helpers.model.counts import choose_reports, group_lender

REPORT_COLUMNS = COUNT_COLUMNS
"""The counts of each operation: its total, every group and what is not specified."""


def compute_operations(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: list[str] | None = None,
) -> pd.DataFrame:
    """Return one row per return operation reported and dated (``events``) on or before ``as_of``.

    Columns: event_id, country_iso3, name (as in ``events``), date, date_precision (``day`` or
    ``month``), year, the chosen report's counts
    (``REPORT_COLUMNS``: people, each group and unspecified, each with ``*_is_lower_bound``;
    the groups of a report that states the same total with more of them, not a weak one),
    ``origin``, ``source_id`` of the chosen report,
    ``sources`` (every source reporting it, ``; ``-separated), ``n_sources``, ``is_weak_only``
    (true when only low-reliability sources report it: shown, never counted), ``disagrees_on``
    (what the reports disagree on: ``;``-separated count columns and ``dates``; empty when they
    agree) and ``statement_ids`` (every report, the one used first). ``countries`` keeps only those.
    """
    as_of, countries = check_query(statements, as_of, countries)
    when = resolve_as_of(statements, as_of)
    st = statements[statements["date_end"] <= when]
    _, reports = choose_reports(st)
    meta = {r["event_id"]: r for r in records(events)}
    rows = []
    for event_id, recs in reports.items():
        best = recs[0]
        ev = meta[event_id]
        row = {
            "event_id": event_id,
            "country_iso3": ev["country_iso3"],
            "name": ev["name"],
            "date": ev["date"],
            "date_precision": ev["date_precision"],
            "year": int(ev["date"].year),
        }
        groups = group_lender(best, recs)  # the chosen report, or one agreeing on its total
        for col in REPORT_COLUMNS:
            rec = best if col == PEOPLE else groups
            row[col], row[f"{col}_is_lower_bound"] = rec[col], rec[f"{col}_is_lower_bound"]
        row["origin"] = next((r["origin"] for r in recs if not is_missing(r["origin"])), None)
        row["source_id"] = best["source_id"]
        row["sources"] = "; ".join(sorted({r["source_id"] for r in recs}))
        row["n_sources"] = len({r["source_id"] for r in recs})
        row["is_weak_only"] = all(r["reliability"] == "low" for r in recs)
        row["disagrees_on"] = ";".join(disagreements(recs))
        row["statement_ids"] = ";".join(r["statement_id"] for r in recs)
        rows.append(row)
    columns = ["event_id", "country_iso3", "name", "date", "date_precision", "year"]
    for col in REPORT_COLUMNS:
        columns += [col, f"{col}_is_lower_bound"]
    columns += ["origin", "source_id", "sources", "n_sources", "is_weak_only", "disagrees_on"]
    columns += ["statement_ids"]
    out = pd.DataFrame(rows, columns=columns)
    out["date"] = pd.to_datetime(out["date"])
    out["is_weak_only"] = out["is_weak_only"].astype(bool)
    for col in REPORT_COLUMNS:
        out[col] = out[col].astype("Int64")
    out = out[out["date"] <= when]  # an operation exists from its date in events.csv on
    if countries is not None:
        out = out[out["country_iso3"].isin(countries)]
    return out.sort_values(["country_iso3", "date", "event_id"], ignore_index=True)


def disagreements(recs: list[dict]) -> list[str]:
    """Return what the reports of one operation disagree on: count columns, then ``dates``.

    A column is in it when two reports state different exact values of it (a floor disagrees
    with nothing); ``dates`` when the reports' date ranges do not overlap.
    """
    out = [col for col in (PEOPLE, *GROUPS) if len(stated_values(recs, col)) > 1]
    if dates_differ(recs):
        out.append("dates")
    return out


def stated_values(recs: list[dict], col: str) -> dict[int, list[dict]]:
    """Group the reports that state ``col`` exactly by the value they state."""
    stated: dict[int, list[dict]] = {}
    for r in recs:
        is_stated = col != PEOPLE or r["people_is_stated"]
        if is_stated and not is_missing(r[col]) and not r[f"{col}_is_lower_bound"]:
            stated.setdefault(int(r[col]), []).append(r)
    return stated


def dates_differ(recs: list[dict]) -> bool:
    """Tell whether the reports' date ranges of one operation fail to overlap."""
    ends = {r["date_end"] for r in recs}
    starts = {r["date_start"] if not is_missing(r["date_start"]) else r["date_end"] for r in recs}
    return max(starts) > min(ends)


def find_missing_operations(names: list[str]) -> list[str]:
    """Return the numbered operations a series skips: Jusan-1, Jusan-2, Jusan-5 -> Jusan-4, Jusan-3.

    Only names ending in ``-<number>`` count; numbers run from 1 to the highest reported.
    """
    series: dict[str, set[int]] = {}
    for name in names:
        match = re.fullmatch(r"(.+)-(\d+)", str(name))
        if match:
            series.setdefault(match.group(1), set()).add(int(match.group(2)))
    return [
        f"{stem}-{n}"
        for stem, numbers in sorted(series.items())
        for n in range(1, max(numbers) + 1)
        if n not in numbers
    ]
