"""Consistency checks and reconciliation: where the sources agree, and where not.

Pure functions over the statements table (``helpers.analysis.compute_statements``) and the events
table; nothing is read or written. A sum with a floor in it is a floor, so a gap against it is a
ceiling: "at most 96 not accounted for" (``observed_is_lower_bound``).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from helpers.analysis import REPATRIATED, compute_country_totals, covers_origin, resolve_as_of
from helpers.counts import (
    GROUPS,
    PARTS,
    PEOPLE,
    bounded_sum,
    choose_reports,
    format_count,
    format_gap,
    format_group_count,
    group_label,
    is_missing,
)
from helpers.i18n import fmt_int, t
from helpers.operations import compute_operations, find_missing_operations, span

CHECK_COLUMNS = [
    "country_iso3",
    "check",
    "expected",
    "observed",
    "observed_is_lower_bound",
    "difference",
    "status",
    "subject",
    "detail",
]
"""Columns of ``compute_checks`` (and ``tables/consistency_checks.csv``)."""


def _row(check: str, r: dict, subject: str, status: str, detail: str, **counts: Any) -> dict:
    return {
        "country_iso3": r.get("country_iso3"),
        "check": check,
        "expected": counts.get("expected", pd.NA),
        "observed": counts.get("observed", pd.NA),
        "observed_is_lower_bound": counts.get("lower", pd.NA),
        "difference": counts.get("difference", pd.NA),
        "status": status,
        "subject": subject,
        "detail": detail,
    }


def _names(groups: list[str]) -> str:
    return " + ".join(group_label(g).lower() for g in groups)


def _breakdown_checks(statements: pd.DataFrame) -> list[dict]:
    rows = []
    for r in statements.to_dict("records"):
        parts = [g for g in GROUPS if not is_missing(r[g])]
        if not r["people_is_stated"] or not parts:
            continue
        gap = int(r["unspecified"])
        if r["people_is_lower_bound"]:
            status = t("check.total_is_floor")
        else:
            status = t("check.adds_up") if gap == 0 else t("check.not_specified", n=fmt_int(gap))
        rows.append(
            _row(
                "breakdown_vs_total",
                r,
                r["statement_id"],
                status,
                t("check.breakdown_detail", parts=_names(parts), source=r["source_id"]),
                expected=int(r["people"]),
                observed=int(r["people"]) - gap,
                lower=False,
                difference=gap,
            )
        )
    return rows


def _contained(ops: pd.DataFrame, total: dict) -> pd.DataFrame:
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
            ((statements["scope"] == "cumulative") & (statements["is_country_total"] == True))  # noqa: E712
            | (statements["scope"] == "period")
        )
        & statements["people_is_stated"]
        & (statements["channel"] == REPATRIATED)
    ]


def _sum_column(inside: pd.DataFrame, col: str) -> tuple[int, bool]:
    """Sum one count over operations; an operation that does not state it makes a floor."""
    total, lower = bounded_sum(
        zip(inside[col], inside[f"{col}_is_lower_bound"].fillna(False), strict=True)
    )
    unknown = bool(inside[col].isna().any())
    return total or 0, lower or unknown


def _gap_status(expected: int, observed: int, expected_lb: bool, observed_lb: bool) -> str:
    diff = expected - observed
    if diff <= 0 and expected_lb:
        return t("check.floor_reached")
    return format_gap(diff, observed_lb)


def _operations_checks(statements: pd.DataFrame, ops: pd.DataFrame) -> list[dict]:
    rows = []
    for r in _wide_totals(statements).to_dict("records"):
        inside = _contained(ops, r)
        observed, lower = bounded_sum(
            zip(inside["people"], inside["people_is_lower_bound"], strict=True)
        )
        observed = observed or 0
        missing = find_missing_operations(list(inside["name"]))
        detail = t(
            "check.operations_detail",
            scope=t(f"scope.{r['scope']}"),
            span=span(r),
            source=r["source_id"],
            n=len(inside),
            names=", ".join(inside["name"]) or t("check.none"),
        )
        if missing:
            detail += t("check.missing_operations", names=", ".join(missing))
        detail += _group_summary(r, inside)
        rows.append(
            _row(
                "operations_vs_total",
                r,
                r["statement_id"],
                _gap_status(int(r["people"]), observed, r["people_is_lower_bound"], lower),
                detail,
                expected=int(r["people"]),
                observed=observed,
                lower=lower,
                difference=int(r["people"]) - observed,
            )
        )
    return rows


def _group_summary(total: dict, inside: pd.DataFrame) -> str:
    """Say which stated groups the operations account for exactly, and where the gap lies."""
    matched = [
        g
        for g in PARTS
        if not is_missing(total[g])
        and not total[f"{g}_is_lower_bound"]
        and _sum_column(inside, g)[0] == int(total[g])
    ]
    if not matched or int(total[PEOPLE]) == _sum_column(inside, PEOPLE)[0]:
        return ""
    return t("check.groups_matched", groups=_names(matched))


def _group_checks(statements: pd.DataFrame, ops: pd.DataFrame) -> list[dict]:
    """Each stated group of a total against the same group summed over its operations."""
    rows = []
    for r in _wide_totals(statements).to_dict("records"):
        inside = _contained(ops, r)
        for g in PARTS:
            if is_missing(r[g]) or not len(inside):
                continue
            observed, lower = _sum_column(inside, g)
            expected, expected_lb = int(r[g]), bool(r[f"{g}_is_lower_bound"])
            rows.append(
                _row(
                    "group_operations_vs_total",
                    r,
                    f"{r['statement_id']}:{g}",
                    _gap_status(expected, observed, expected_lb, lower),
                    t(
                        "check.group_detail",
                        group=group_label(g).lower(),
                        stated=format_count(expected, expected_lb),
                        source=r["source_id"],
                        n=len(inside),
                        observed=format_count(observed, lower),
                    ),
                    expected=expected,
                    observed=observed,
                    lower=lower,
                    difference=expected - observed,
                )
            )
    return rows


def _used_ids(ops: pd.DataFrame) -> list[str]:
    """Return the report each operation's counts come from (first of its ``statement_ids``)."""
    return [str(ids).split(";")[0] for ids in ops["statement_ids"]]


def _known_by(recs: pd.DataFrame, ops: pd.DataFrame, group: str, when: pd.Timestamp) -> tuple:
    """Return the most of ``group`` other statements report by ``when``.

    Either the counted operations up to then, or a period's stated count plus the operations
    after it: whichever is larger. Returns (count, the period's statement id or None, the
    statements the count adds up).
    """
    before = ops[ops["date"] <= when]
    with_group = before[before[group].notna()]
    best = (_sum_column(before, group)[0], None, _used_ids(with_group))
    periods = recs[(recs["scope"] == "period") & recs[group].notna() & (recs["date_end"] <= when)]
    for p in periods.to_dict("records"):
        after = with_group[with_group["date"] > p["date_end"]]
        count = int(p[group]) + _sum_column(after, group)[0]
        if count > best[0]:
            best = (count, p["statement_id"], [p["statement_id"], *_used_ids(after)])
    return best


CONTRADICTION_COLUMNS = [
    "country_iso3",
    "statement_id",
    "date_end",
    "people",
    "stated_groups",
    "stated_counts",
    "group",
    "room",
    "known",
    "known_from",
    "known_statement_ids",
]


def compute_contradictions(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: list[str] | None = None,
) -> pd.DataFrame:
    """Return the breakdowns that leave less room for a group than other statements report.

    A stated total with a breakdown (725 = 188 women + 522 children) leaves ``room`` for
    everyone else (15). When the counted operations, or a period's count plus the operations
    after it, already report more of a group not in the breakdown by that date (at least 37
    men), both cannot be right. One row per statement and group, dated on or before ``as_of``:
    country_iso3, statement_id, date_end, people, stated_groups and stated_counts (the breakdown,
    ``;``-separated), group, room,
    known (at least), known_from (the period statement the count starts from, or empty for the
    operations alone) and known_statement_ids (``;``-separated).
    """
    statements = statements[statements["date_end"] <= resolve_as_of(statements, as_of)]
    ops = compute_operations(statements, events)
    stated = statements[
        statements["people_is_stated"]
        & ~statements["people_is_lower_bound"]
        & statements["country_iso3"].notna()
        & (statements["scope"] != "event")
        & (statements["channel"] == REPATRIATED)
    ]
    if countries is not None:
        stated = stated[stated["country_iso3"].isin(countries)]
    rows = []
    for r in stated.to_dict("records"):
        given = [g for g in PARTS if not is_missing(r[g])]
        if not given:
            continue
        recs = statements[
            (statements["country_iso3"] == r["country_iso3"])
            & (statements["statement_id"] != r["statement_id"])
            & (statements["channel"] == REPATRIATED)
        ]
        inside = _contained(ops[ops["country_iso3"] == r["country_iso3"]], r)
        for g in (g for g in PARTS if g not in given):
            known, start, ids = _known_by(recs, inside, g, r["date_end"])
            if known > int(r["unspecified"]):
                rows.append(
                    {
                        "country_iso3": r["country_iso3"],
                        "statement_id": r["statement_id"],
                        "date_end": r["date_end"],
                        "people": int(r["people"]),
                        "stated_groups": ";".join(given),
                        "stated_counts": ";".join(str(int(r[g])) for g in given),
                        "group": g,
                        "room": int(r["unspecified"]),
                        "known": known,
                        "known_from": start or "",
                        "known_statement_ids": ";".join(ids),
                    }
                )
    return pd.DataFrame(rows, columns=CONTRADICTION_COLUMNS)


def _contradiction_checks(statements: pd.DataFrame, events: pd.DataFrame) -> list[dict]:
    """Word the contradictions as checks for the data-quality report (ids included)."""
    by_id = statements.set_index("statement_id")
    rows = []
    for c in compute_contradictions(statements, events).to_dict("records"):
        r = by_id.loc[c["statement_id"]]
        given = c["stated_groups"].split(";")
        how = t("check.by_operations")
        if c["known_from"]:
            start = by_id.loc[c["known_from"]]
            how = t("check.by_period", statement=c["known_from"], n=fmt_int(int(start[c["group"]])))
        rows.append(
            _row(
                "statements_contradict",
                {"country_iso3": c["country_iso3"]},
                f"{c['statement_id']}:{c['group']}",
                t("check.contradiction", group=group_label(c["group"]).lower()),
                t(
                    "check.contradiction_detail",
                    total=fmt_int(c["people"]),
                    parts=" + ".join(format_group_count(g, r[g]) for g in given),
                    room=fmt_int(c["room"]),
                    known=fmt_int(c["known"]),
                    group=group_label(c["group"]).lower(),
                    how=how,
                    source=r["source_id"],
                ),
                expected=c["room"],
                observed=c["known"],
                lower=True,
                difference=c["room"] - c["known"],
            )
        )
    return rows


def _regional_checks(statements: pd.DataFrame) -> list[dict]:
    """Each regional figure against the sum of the countries' own totals on its date."""
    rows = []
    regional = statements[statements["region"].notna() & (statements["people_is_stated"])]
    for r in regional.to_dict("records"):
        totals = compute_country_totals(statements, r["date_end"])
        known = totals[totals["total_returned"].notna()]
        observed = int(known["total_returned"].sum())
        lower = bool(known["total_is_lower_bound"].any())
        expected = int(r["people"])
        if r["people_is_lower_bound"] and observed >= expected:
            status = t("check.regional_floor_reached")
        elif observed == expected:
            status = t("check.adds_up")
        elif observed < expected:
            status = t("check.regional_short", n=fmt_int(expected - observed))
        else:
            status = t("check.regional_exceeds", n=fmt_int(observed - expected))
        rows.append(
            _row(
                "regional_vs_countries",
                {"country_iso3": pd.NA},
                r["statement_id"],
                status,
                t(
                    "check.regional_detail",
                    region=r["region"],
                    stated=format_count(expected, r["people_is_lower_bound"], words=True),
                    source=r["source_id"],
                    span=span(r),
                    countries=", ".join(known["country_iso3"]),
                    observed=format_count(observed, lower, words=True),
                ),
                expected=expected,
                observed=observed,
                lower=lower,
                difference=expected - observed,
            )
        )
    return rows


def _lower_bound_checks(statements: pd.DataFrame) -> list[dict]:
    rows = []
    for r in statements.to_dict("records"):
        for col in (PEOPLE, *GROUPS):
            if (
                is_missing(r[col])
                or not r[f"{col}_is_lower_bound"]
                or (col == PEOPLE and not r["people_is_stated"])
            ):
                continue
            detail = t(
                "check.floor_detail",
                group=group_label(col).lower(),
                n=format_count(int(r[col]), True, words=True),
            )
            if not is_missing(r["region"]):
                detail += f" ({r['region']})"
            rows.append(
                _row(
                    "lower_bound",
                    r,
                    r["statement_id"],
                    t("check.floor"),
                    detail,
                    expected=int(r[col]),
                )
            )
    return rows


def _disagreement_checks(ops: pd.DataFrame) -> list[dict]:
    rows = []
    for r in ops.to_dict("records"):
        if r["disagreement"]:
            rows.append(
                _row(
                    "sources_disagree",
                    r,
                    r["event_id"],
                    t("check.sources_disagree"),
                    t(
                        "check.disagree_detail",
                        name=r["name"],
                        what=r["disagreement"],
                        source=r["source_id"],
                    ),
                )
            )
        if r["is_weak_only"]:
            rows.append(
                _row(
                    "weak_source_only",
                    r,
                    r["event_id"],
                    t("check.weak_only"),
                    t("check.weak_detail", name=r["name"], sources=r["sources"]),
                    observed=r["people"],
                    lower=bool(r["people_is_lower_bound"]),
                )
            )
    return rows


def _series(operation: object) -> str:
    """Return the series a count covers: "Айкөл (Aikol)" and "Aikol-6" give "aikol"."""
    name = "" if is_missing(operation) else str(operation)
    latin = re.search(r"\(([^)]*)\)", name)
    name = latin.group(1) if latin else name
    return re.sub(r"-\d+$", "", name.strip()).lower()


def _figure_text(r: dict, col: str = PEOPLE) -> str:
    return f"{format_count(int(r[col]), r[f'{col}_is_lower_bound'])} ({r['source_id']}, {span(r)})"


def _totals_checks(statements: pd.DataFrame) -> list[dict]:
    """Country-wide counts, and counts of one operation series, that differ between sources."""
    rows = []
    counted = statements[statements["country_iso3"].notna()]
    for code, recs in counted.groupby("country_iso3", sort=True):
        cumulative = recs[
            (recs["scope"] == "cumulative")
            & recs["people_is_stated"]
            & (recs["channel"] == REPATRIATED)
        ]
        groups: dict[tuple[str, str], list[dict]] = {}
        for r in cumulative.to_dict("records"):
            key = ("country", "") if r["is_country_total"] else ("series", _series(r["operation"]))
            if key[0] == "series" and not key[1]:
                continue
            groups.setdefault(key, []).append(r)
        for (kind, series), items in sorted(groups.items()):
            exact = {int(r[PEOPLE]) for r in items if not r["people_is_lower_bound"]}
            floors = [int(r[PEOPLE]) for r in items if r["people_is_lower_bound"]]
            if len(exact) < 2 and not (exact and floors and max(floors) > max(exact)):
                continue
            items.sort(key=lambda r: (r["date_end"], r["source_id"]))
            listed = "; ".join(_figure_text(r) for r in items)
            if kind == "country":
                subject, what = t("check.country_wide", country=code), t("check.counts_country")
                listed += _other_counts(recs)
            else:
                subject, what = f"{code} {series}", t("check.counts_series", series=series.title())
            rows.append(
                _row(
                    "totals_disagree",
                    {"country_iso3": code},
                    subject,
                    t("check.totals_disagree"),
                    f"{what}: {listed}",
                )
            )
    return rows


def _other_counts(recs: pd.DataFrame) -> str:
    """List counts that are not country-wide totals of people, and returns on one's own."""
    others, own = [], []
    for r in recs[recs["scope"].isin(["cumulative", "period"])].to_dict("records"):
        if r["channel"] != REPATRIATED:
            own.append(_figure_text(r))
        elif not r["is_country_total"] and r["people_is_stated"]:
            others.append(_figure_text(r))
        elif r["is_country_total"] and not r["people_is_stated"]:
            others += [
                f"{group_label(g).lower()} {_figure_text(r, g)}"
                for g in GROUPS
                if not is_missing(r[g])
            ]
    text = t("check.other_counts", counts="; ".join(others)) if others else ""
    return text + (t("check.own_counts", counts="; ".join(own)) if own else "")


def compute_checks(statements: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Return every consistency check with its status and the size of any gap.

    Checks: ``breakdown_vs_total`` (a statement's groups against its stated total),
    ``operations_vs_total`` (the counted operations against a country-wide or period total that
    should contain them), ``group_operations_vs_total`` (each stated group of such a total against
    the same group summed over its operations), ``statements_contradict`` (a breakdown that leaves
    less room for a group than other statements already report by its date), ``lower_bound``
    (every figure that is a floor), ``sources_disagree`` (reports of one operation that differ),
    ``totals_disagree`` (country-wide counts, or counts of one operation series, that differ
    between sources), ``weak_source_only`` and ``regional_vs_countries`` (a regional figure
    against the countries' own totals on its date).

    Columns (``CHECK_COLUMNS``): country_iso3, check, expected, observed,
    observed_is_lower_bound (the observed sum has a floor in it, so a gap against it is a
    ceiling), difference (expected minus observed), status, subject, detail.
    """
    ops = compute_operations(statements, events)
    rows = (
        _breakdown_checks(statements)
        + _operations_checks(statements, ops)
        + _group_checks(statements, ops)
        + _contradiction_checks(statements, events)
        + _regional_checks(statements)
        + _lower_bound_checks(statements)
        + _disagreement_checks(ops)
        + _totals_checks(statements)
    )
    out = pd.DataFrame(rows, columns=CHECK_COLUMNS)
    for col in ("expected", "observed", "difference"):
        out[col] = out[col].astype("Int64")
    out["observed_is_lower_bound"] = out["observed_is_lower_bound"].astype("boolean")
    return out.sort_values(["country_iso3", "check", "subject"], ignore_index=True)


def compute_reconciliation(statements: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Return, per country, each total beside its operations, and each operation beside its reports.

    Rows of kind ``total``: a country-wide or period total (``people``) against the operations it
    should contain, the ``gap`` and whether it is a ceiling (``gap_is_upper_bound``: the
    operations' sum has a floor in it), and the operations in it. Rows of kind ``report``: every
    report of every operation, with its counts, whether totals use it (``is_used``), and
    ``is_weak_only``. Columns: country_iso3, kind, subject, date, source_id, people, women,
    children, men, is_used, is_weak_only, gap, gap_is_upper_bound, detail.
    """
    ops = compute_operations(statements, events)
    by_id = statements.set_index("statement_id")
    rows = []
    for chk in _operations_checks(statements, ops):
        rec = by_id.loc[chk["subject"]]
        rows.append(
            {
                "country_iso3": chk["country_iso3"],
                "kind": "total",
                "subject": chk["subject"],
                "date": rec["date_end"].date().isoformat(),
                "source_id": rec["source_id"],
                "people": chk["expected"],
                **{g: rec[g] for g in PARTS},
                "is_used": pd.NA,
                "is_weak_only": False,
                "gap": chk["difference"],
                "gap_is_upper_bound": chk["observed_is_lower_bound"],
                "detail": f"{chk['status']}; {chk['detail']}",
            }
        )
    used = set(ops["source_id"] + "|" + ops["event_id"]) if len(ops) else set()
    _, reports = choose_reports(statements)
    weak = dict(zip(ops["event_id"], ops["is_weak_only"], strict=True)) if len(ops) else {}
    for event_id, recs in reports.items():
        for r in recs:
            rows.append(
                {
                    "country_iso3": r["country_iso3"],
                    "kind": "report",
                    "subject": event_id,
                    "date": span(r),
                    "source_id": r["source_id"],
                    "people": r[PEOPLE] if r["people_is_stated"] else pd.NA,
                    **{g: r[g] for g in PARTS},
                    "is_used": f"{r['source_id']}|{event_id}" in used and not weak.get(event_id),
                    "is_weak_only": bool(weak.get(event_id)),
                    "gap": pd.NA,
                    "gap_is_upper_bound": pd.NA,
                    "detail": r["operation"] if not is_missing(r["operation"]) else "",
                }
            )
    out = pd.DataFrame(rows)
    for col in (PEOPLE, *PARTS, "gap"):
        out[col] = out[col].astype("Int64")
    for col in ("is_used", "gap_is_upper_bound"):
        out[col] = out[col].astype("boolean")
    return out.sort_values(
        ["country_iso3", "kind", "date", "subject", "source_id"], ignore_index=True
    )
