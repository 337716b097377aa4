"""Operations, consistency checks and reconciliation: where the sources agree, and where not.

Pure functions over the statements table (``helpers.analysis.compute_statements``) and the events
table; nothing is read or written.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.analysis import (
    GROUPS,
    _bounded_sum,
    _choose_reports,
    _na,
    _resolve_as_of,
    covers_origin,
)

CHECK_COLUMNS = [
    "country_iso3",
    "check",
    "expected",
    "observed",
    "difference",
    "status",
    "subject",
    "detail",
]
_REPORT_COLUMNS = ("people", "women", "children", "men")


def _fmt(value: object, lower_bound: bool) -> str:
    return "not reported" if _na(value) else ("≥" if lower_bound else "") + f"{int(value):,}"


def compute_operations(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: list[str] | None = None,
) -> pd.DataFrame:
    """Return one row per return operation reported on or before ``as_of``.

    Columns: event_id, country_iso3, name, date (for ordering), date_label (as precise as known:
    "30 May 2019" or "April 2024"), year, the chosen report's ``people``, women,
    children and men (each with ``*_is_lower_bound``), ``source_id`` of the chosen report,
    ``sources`` (every source reporting it, ``; ``-separated), ``n_sources``, ``is_weak_only``
    (true when only low-reliability sources report it: shown, never counted) and ``disagreement``
    (what the reports disagree on; empty when they agree). ``countries`` keeps only those.
    """
    when = _resolve_as_of(statements, as_of)
    st = statements[statements["date_end"] <= when]
    _, reports = _choose_reports(st)
    meta = {r["event_id"]: r for r in events.to_dict("records")}
    rows = []
    for event_id, recs in reports.items():
        best = recs[0]
        ev = meta[event_id]
        row = {
            "event_id": event_id,
            "country_iso3": ev["country_iso3"],
            "name": ev["name"],
            "date": ev["date"],
            "date_label": _date_label(ev["date"], ev["date_precision"]),
            "year": int(ev["date"].year),
        }
        for col in _REPORT_COLUMNS:
            row[col], row[f"{col}_is_lower_bound"] = best[col], best[f"{col}_is_lower_bound"]
        row["origin"] = next((r["origin"] for r in recs if not _na(r["origin"])), None)
        row["source_id"] = best["source_id"]
        row["sources"] = "; ".join(sorted({r["source_id"] for r in recs}))
        row["n_sources"] = len({r["source_id"] for r in recs})
        row["is_weak_only"] = all(r["reliability"] == "low" for r in recs)
        row["disagreement"] = _disagreement(recs)
        rows.append(row)
    columns = ["event_id", "country_iso3", "name", "date", "date_label", "year"]
    for col in _REPORT_COLUMNS:
        columns += [col, f"{col}_is_lower_bound"]
    columns += ["origin", "source_id", "sources", "n_sources", "is_weak_only", "disagreement"]
    out = pd.DataFrame(rows, columns=columns)
    out["date"] = pd.to_datetime(out["date"])
    out["is_weak_only"] = out["is_weak_only"].astype(bool)
    for col in _REPORT_COLUMNS:
        out[col] = out[col].astype("Int64")
    if countries is not None:
        out = out[out["country_iso3"].isin(countries)]
    return out.sort_values(["country_iso3", "date", "event_id"], ignore_index=True)


def _date_label(date: pd.Timestamp, precision: str) -> str:
    """Write an operation's date as precisely as it is known: "30 May 2019" or "April 2024"."""
    return f"{date:%B %Y}" if precision == "month" else f"{date.day} {date:%B %Y}"


def _disagreement(recs: list[dict]) -> str:
    notes = []
    for col in _REPORT_COLUMNS:
        stated = {}
        for r in recs:
            is_stated = col != "people" or r["people_is_stated"]
            if is_stated and not _na(r[col]) and not r[f"{col}_is_lower_bound"]:
                stated.setdefault(int(r[col]), []).append(r["source_id"])
        if len(stated) > 1:
            parts = "; ".join(f"{v} ({', '.join(s)})" for v, s in sorted(stated.items()))
            notes.append(f"{col}: {parts}")
    ends = {r["date_end"] for r in recs}
    starts = {r["date_start"] if not _na(r["date_start"]) else r["date_end"] for r in recs}
    if max(starts) > min(ends):
        dates = "; ".join(sorted({f"{_span(r)} ({r['source_id']})" for r in recs}))
        notes.append(f"dates: {dates}")
    return " | ".join(notes)


def _span(rec: dict) -> str:
    end = rec["date_end"].date().isoformat()
    if _na(rec["date_start"]) or rec["date_start"] == rec["date_end"]:
        return end
    return f"{rec['date_start'].date().isoformat()} to {end}"


def _breakdown_checks(statements: pd.DataFrame) -> list[dict]:
    rows = []
    for r in statements.to_dict("records"):
        parts = [g for g in GROUPS if not _na(r[g])]
        if not r["people_is_stated"] or not parts:
            continue
        observed = int(r["people"]) - int(r["unspecified"])
        gap = int(r["unspecified"])
        if r["people_is_lower_bound"]:
            status = "total is a lower bound"
        else:
            status = "adds up" if gap == 0 else f"parts short of total: {gap:,} not specified"
        rows.append(
            {
                "country_iso3": r["country_iso3"],
                "check": "breakdown_vs_total",
                "expected": int(r["people"]),
                "observed": observed,
                "difference": gap,
                "status": status,
                "subject": r["statement_id"],
                "detail": f"{' + '.join(parts)} against the stated total ({r['source_id']})",
            }
        )
    return rows


def _contained(ops: pd.DataFrame, total: dict) -> pd.DataFrame:
    start = total["date_start"]
    inside = ops["date"] <= total["date_end"]
    if not _na(start):
        inside &= ops["date"] >= start
    inside &= ops["origin"].map(lambda o: covers_origin(total["origin"], o)).astype(bool)
    return ops[inside & (ops["country_iso3"] == total["country_iso3"]) & ~ops["is_weak_only"]]


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


def _operations_checks(statements: pd.DataFrame, ops: pd.DataFrame) -> list[dict]:
    rows = []
    wide = statements[
        (
            ((statements["scope"] == "cumulative") & (statements["is_country_total"] == True))  # noqa: E712
            | (statements["scope"] == "period")
        )
        & statements["people_is_stated"]
        & (statements["channel"] == "repatriated")
    ]
    for r in wide.to_dict("records"):
        inside = _contained(ops, r)
        observed, lb = _bounded_sum(
            (None if _na(p) else int(p), bool(b))
            for p, b in zip(inside["people"], inside["people_is_lower_bound"], strict=True)
        )
        observed = observed or 0
        diff = int(r["people"]) - observed
        if diff <= 0 and r["people_is_lower_bound"]:
            status = "consistent: the operations reach the stated floor"
        elif diff < 0:
            status = f"operations exceed the total by {-diff:,}"
        elif diff == 0:
            status = "operations account for the total" + (" (some are lower bounds)" if lb else "")
        else:
            status = f"{diff:,} not accounted for by reported operations"
        period = f"{_span(r)}"
        missing = find_missing_operations(list(inside["name"]))
        rows.append(
            {
                "country_iso3": r["country_iso3"],
                "check": "operations_vs_total",
                "expected": int(r["people"]),
                "observed": observed,
                "difference": diff,
                "status": status,
                "subject": r["statement_id"],
                "detail": (
                    f"{r['scope']} total ({period}, {r['source_id']}) against the sum of "
                    f"{len(inside)} reported operation(s) in it: "
                    f"{', '.join(inside['name']) or 'none'}"
                    + (f"; missing from the record: {', '.join(missing)}" if missing else "")
                ),
            }
        )
    return rows


def _regional_checks(statements: pd.DataFrame) -> list[dict]:
    """Each regional figure against the sum of the countries' own totals on its date."""
    from helpers.analysis import compute_country_totals

    rows = []
    regional = statements[statements["region"].notna() & (statements["people_is_stated"])]
    for r in regional.to_dict("records"):
        totals = compute_country_totals(statements, r["date_end"])
        known = totals[totals["total_returned"].notna()]
        observed = int(known["total_returned"].sum())
        lower = bool(known["total_is_lower_bound"].any())
        names = ", ".join(known["country_iso3"])
        if r["people_is_lower_bound"] and observed >= int(r["people"]):
            status = "consistent: the countries' totals reach the regional floor"
        elif observed == int(r["people"]):
            status = "adds up"
        elif observed < int(r["people"]):
            status = f"countries' totals fall {int(r['people']) - observed:,} short"
        else:
            status = (
                f"countries' totals exceed the regional figure by {observed - int(r['people']):,}"
            )
        rows.append(
            {
                "country_iso3": pd.NA,
                "check": "regional_vs_countries",
                "expected": int(r["people"]),
                "observed": observed,
                "difference": int(r["people"]) - observed,
                "status": status,
                "subject": r["statement_id"],
                "detail": (
                    f"{r['region']}: "
                    f"{'at least ' if r['people_is_lower_bound'] else ''}{int(r['people']):,} "
                    f"({r['source_id']}, {_span(r)}) against the totals of {names} on that date "
                    f"({'at least ' if lower else ''}{observed:,})"
                ),
            }
        )
    return rows


def _lower_bound_checks(statements: pd.DataFrame) -> list[dict]:
    rows = []
    for r in statements.to_dict("records"):
        for col in ("people", *GROUPS):
            if (
                _na(r[col])
                or not r[f"{col}_is_lower_bound"]
                or (col == "people" and not r["people_is_stated"])
            ):
                continue
            rows.append(
                {
                    "country_iso3": r["country_iso3"],
                    "check": "lower_bound",
                    "expected": int(r[col]),
                    "observed": pd.NA,
                    "difference": pd.NA,
                    "status": "lower bound: the true figure may be higher",
                    "subject": r["statement_id"],
                    "detail": (
                        f"{col} stated as at least {int(r[col]):,}"
                        + (f" ({r['region']})" if not _na(r["region"]) else "")
                    ),
                }
            )
    return rows


def _disagreement_checks(ops: pd.DataFrame) -> list[dict]:
    rows = []
    for r in ops.to_dict("records"):
        if r["disagreement"]:
            rows.append(
                {
                    "country_iso3": r["country_iso3"],
                    "check": "sources_disagree",
                    "expected": pd.NA,
                    "observed": pd.NA,
                    "difference": pd.NA,
                    "status": "sources disagree",
                    "subject": r["event_id"],
                    "detail": f"{r['name']}: {r['disagreement']}; totals use {r['source_id']}",
                }
            )
        if r["is_weak_only"]:
            rows.append(
                {
                    "country_iso3": r["country_iso3"],
                    "check": "weak_source_only",
                    "expected": pd.NA,
                    "observed": r["people"],
                    "difference": pd.NA,
                    "status": "only a weak source reports it: not counted",
                    "subject": r["event_id"],
                    "detail": f"{r['name']}: reported only by {r['sources']}",
                }
            )
    return rows


def _series(operation: object) -> str:
    """Return the series a count covers: "Айкөл (Aikol)" and "Aikol-6" give "aikol"."""
    name = "" if _na(operation) else str(operation)
    latin = re.search(r"\(([^)]*)\)", name)
    name = latin.group(1) if latin else name
    return re.sub(r"-\d+$", "", name.strip()).lower()


def _figure_text(r: dict, col: str = "people") -> str:
    bound = "≥" if r[f"{col}_is_lower_bound"] else ""
    return f"{bound}{int(r[col]):,} ({r['source_id']}, {_span(r)})"


def _totals_checks(statements: pd.DataFrame) -> list[dict]:
    """Country-wide counts, and counts of one operation series, that differ between sources."""
    rows = []
    counted = statements[statements["country_iso3"].notna()]
    for code, recs in counted.groupby("country_iso3", sort=True):
        cumulative = recs[recs["scope"] == "cumulative"]
        groups: dict[tuple[str, str], list[dict]] = {}
        for r in cumulative[cumulative["people_is_stated"]].to_dict("records"):
            if r["channel"] != "repatriated":
                continue
            key = ("country", "") if r["is_country_total"] else ("series", _series(r["operation"]))
            if key[0] == "series" and not key[1]:
                continue
            groups.setdefault(key, []).append(r)
        for (kind, series), items in sorted(groups.items()):
            exact = {int(r["people"]) for r in items if not r["people_is_lower_bound"]}
            floors = [int(r["people"]) for r in items if r["people_is_lower_bound"]]
            if len(exact) < 2 and not (exact and floors and max(floors) > max(exact)):
                continue
            items.sort(key=lambda r: (r["date_end"], r["source_id"]))
            listed = "; ".join(_figure_text(r) for r in items)
            if kind == "country":
                subject, what = f"{code} country-wide", "country-wide counts of people returned"
                others = [
                    _figure_text(r, col)
                    for r in recs.to_dict("records")
                    if r["channel"] == "repatriated"
                    and (not r["is_country_total"] or not r["people_is_stated"])
                    and r["scope"] in ("cumulative", "period")
                    for col in ("people", *GROUPS)
                    if not _na(r[col])
                    and (col != "people" or r["people_is_stated"])
                    and (r["is_country_total"] or col == "people")
                ]
                own = [
                    _figure_text(r, "people") + " returned on their own"
                    for r in recs.to_dict("records")
                    if r["channel"] != "repatriated"
                ]
                listed += (f". Other counts: {'; '.join(others)}" if others else "") + (
                    f". Not repatriated: {'; '.join(own)}" if own else ""
                )
            else:
                subject, what = f"{code} {series}", f"counts of all {series.title()} operations"
            rows.append(
                {
                    "country_iso3": code,
                    "check": "totals_disagree",
                    "expected": pd.NA,
                    "observed": pd.NA,
                    "difference": pd.NA,
                    "status": "sources give different totals",
                    "subject": subject,
                    "detail": f"{what}: {listed}",
                }
            )
    return rows


def compute_checks(statements: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Return every consistency check with its status and the size of any gap.

    Checks: ``breakdown_vs_total`` (a statement's groups against its stated total),
    ``operations_vs_total`` (the reported operations against a cumulative or period total that
    should contain them), ``lower_bound`` (every figure that is a floor), ``sources_disagree``
    (reports of one operation that differ), ``totals_disagree`` (country-wide counts, or counts of
    one operation series, that differ between sources), ``weak_source_only`` and
    ``regional_vs_countries``
    (a regional figure against the countries' own totals on its date). Columns: country_iso3, check,
    expected, observed, difference (expected minus observed), status, subject, detail.
    """
    ops = compute_operations(statements, events)
    rows = (
        _breakdown_checks(statements)
        + _operations_checks(statements, ops)
        + _regional_checks(statements)
        + _lower_bound_checks(statements)
        + _disagreement_checks(ops)
        + _totals_checks(statements)
    )
    out = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    for col in ("expected", "observed", "difference"):
        out[col] = out[col].astype("Int64")
    return out.sort_values(["country_iso3", "check", "subject"], ignore_index=True)


def compute_reconciliation(statements: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Return, per country, each total beside its operations, and each operation beside its reports.

    Rows of kind ``total``: a cumulative or period total (expected) against the operations it
    should contain (observed), the gap, and the operations in it. Rows of kind ``report``: every
    report of every operation, with its counts, whether totals use it (``is_used``), and
    ``is_weak_only``. Columns: country_iso3, kind, subject, date, source_id, people, women,
    children, men, is_used, is_weak_only, gap, detail.
    """
    ops = compute_operations(statements, events)
    rows = []
    for chk in _operations_checks(statements, ops):
        rec = statements[statements["statement_id"] == chk["subject"]].iloc[0]
        rows.append(
            {
                "country_iso3": chk["country_iso3"],
                "kind": "total",
                "subject": chk["subject"],
                "date": rec["date_end"].date().isoformat(),
                "source_id": rec["source_id"],
                "people": chk["expected"],
                "women": rec["women"],
                "children": rec["children"],
                "men": rec["men"],
                "is_used": pd.NA,
                "is_weak_only": False,
                "gap": chk["difference"],
                "detail": f"{chk['status']}; {chk['detail']}",
            }
        )
    used = set(ops["source_id"] + "|" + ops["event_id"]) if len(ops) else set()
    _, reports = _choose_reports(statements)
    weak = dict(zip(ops["event_id"], ops["is_weak_only"], strict=True)) if len(ops) else {}
    for event_id, recs in reports.items():
        for r in recs:
            rows.append(
                {
                    "country_iso3": r["country_iso3"],
                    "kind": "report",
                    "subject": event_id,
                    "date": _span(r),
                    "source_id": r["source_id"],
                    "people": r["people"] if r["people_is_stated"] else pd.NA,
                    "women": r["women"],
                    "children": r["children"],
                    "men": r["men"],
                    "is_used": f"{r['source_id']}|{event_id}" in used and not weak.get(event_id),
                    "is_weak_only": bool(weak.get(event_id)),
                    "gap": pd.NA,
                    "detail": r["operation"] if not _na(r["operation"]) else "",
                }
            )
    out = pd.DataFrame(rows)
    for col in ("people", "women", "children", "men", "gap"):
        out[col] = out[col].astype("Int64")
    out["is_used"] = out["is_used"].astype("boolean")
    return out.sort_values(
        ["country_iso3", "kind", "date", "subject", "source_id"], ignore_index=True
    )
