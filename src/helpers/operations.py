"""Operations: one row per return operation, the report totals use, and where reports differ.

Pure functions over the statements table (``helpers.analysis.compute_statements``) and the events
table; nothing is read or written.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.analysis import resolve_as_of
from helpers.arguments import check_query
from helpers.counts import (
    COUNT_COLUMNS,
    GROUPS,
    PEOPLE,
    choose_reports,
    group_label,
    group_lender,
    is_missing,
)
from helpers.i18n import catalogue, fmt_date, fmt_date_range, fmt_month, get_language, t

REPORT_COLUMNS = COUNT_COLUMNS
"""The counts of each operation: its total, every group and what is not specified."""


def compute_operations(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: list[str] | None = None,
) -> pd.DataFrame:
    """Return one row per return operation reported and dated (``events``) on or before ``as_of``.

    Columns: event_id, country_iso3, name, date (for ordering), date_label (as precise as known:
    "30 May 2019" or "April 2024", in the current language), year, the chosen report's counts
    (``REPORT_COLUMNS``: people, each group and unspecified, each with ``*_is_lower_bound``;
    the groups of a report that states the same total with more of them, not a weak one),
    ``origin``, ``source_id`` of the chosen report,
    ``sources`` (every source reporting it, ``; ``-separated), ``n_sources``, ``is_weak_only``
    (true when only low-reliability sources report it: shown, never counted), ``disagreement``
    (what the reports disagree on; empty when they agree) and ``statement_ids`` (every report,
    the one used first). ``countries`` keeps only those.
    """
    as_of, countries = check_query(statements, as_of, countries)
    when = resolve_as_of(statements, as_of)
    st = statements[statements["date_end"] <= when]
    _, reports = choose_reports(st)
    meta = {r["event_id"]: r for r in events.to_dict("records")}
    rows = []
    for event_id, recs in reports.items():
        best = recs[0]
        ev = meta[event_id]
        row = {
            "event_id": event_id,
            "country_iso3": ev["country_iso3"],
            "name": event_name(event_id, ev["name"]),
            "date": ev["date"],
            "date_label": _date_label(ev["date"], ev["date_precision"]),
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
        row["disagreement"] = _disagreement(recs)
        row["statement_ids"] = ";".join(r["statement_id"] for r in recs)
        rows.append(row)
    columns = ["event_id", "country_iso3", "name", "date", "date_label", "year"]
    for col in REPORT_COLUMNS:
        columns += [col, f"{col}_is_lower_bound"]
    columns += ["origin", "source_id", "sources", "n_sources", "is_weak_only", "disagreement"]
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


def event_name(event_id: str, name: str) -> str:
    """Return an operation's name in the current language (``[event]`` of the catalogue)."""
    return catalogue(get_language()).get(f"event.{event_id}", name)


def _date_label(date: pd.Timestamp, precision: str) -> str:
    """Write an operation's date as precisely as it is known: "30 May 2019" or "April 2024"."""
    return fmt_month(date) if precision == "month" else fmt_date(date)


def _disagreement(recs: list[dict]) -> str:
    notes = []
    for col in (PEOPLE, *GROUPS):
        stated = {}
        for r in recs:
            is_stated = col != "people" or r["people_is_stated"]
            if is_stated and not is_missing(r[col]) and not r[f"{col}_is_lower_bound"]:
                stated.setdefault(int(r[col]), []).append(_who(r))
        if len(stated) > 1:
            parts = "; ".join(
                f"{v} ({', '.join(sorted(set(s)))})" for v, s in sorted(stated.items())
            )
            notes.append(f"{group_label(col).lower()}: {parts}")
    ends = {r["date_end"] for r in recs}
    starts = {r["date_start"] if not is_missing(r["date_start"]) else r["date_end"] for r in recs}
    if max(starts) > min(ends):
        dates = "; ".join(sorted({f"{span(r)} ({_who(r)})" for r in recs}))
        notes.append(f"{t('operation.dates')}: {dates}")
    return " | ".join(notes)


def _who(rec: dict) -> str:
    """Name a report's source for readers: its publisher, else its id."""
    if get_language() == "ru" and rec.get("publisher_ru"):
        return str(rec["publisher_ru"])
    return str(rec.get("publisher") or rec["source_id"])


def span(rec: dict) -> str:
    """Write a statement's dates in words: "19 July 2024", "1–30 июня 2024 г."."""
    return fmt_date_range(rec["date_start"], rec["date_end"])


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
