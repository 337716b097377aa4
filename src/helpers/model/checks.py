"""Consistency checks and reconciliation: where the sources agree, and where not.

Pure functions over the statements table (``model.analysis.compute_statements``) and the events
table; nothing is read or written, and nothing is worded: every row holds codes, numbers and
dates (``helpers.report.check_text`` words them in either language). The kinds of check and their
outcomes are declared once, in the tables' schema (``data.table_schema``). A sum with a floor
in it is a floor, so a gap against it is a ceiling (``gap_at_most``); a gap against a stated
floor is a floor (``gap_at_least``); between two floors it is not known (``gap_unknown``).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

from helpers.data.table_schema import field_enum, table_fields
from helpers.data.vocab import GROUPS, PARTS, PEOPLE, is_missing
from helpers.model.analysis import REPATRIATED, covers_origin, resolve_as_of
from helpers.model.counts import bounded_sum, choose_reports
from helpers.model.operations import compute_operations, find_missing_operations
from helpers.model.timeline import CountAt, build_models, count_at

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


def _row(kind: str, status: str, r: dict, subject: str, **values: Any) -> dict:
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


def _breakdown_checks(statements: pd.DataFrame) -> list[dict]:
    rows = []
    for r in statements.to_dict("records"):
        parts = [g for g in GROUPS if not is_missing(r[g])]
        if not r["people_is_stated"] or not parts:
            continue
        people, lower = int(r[PEOPLE]), bool(r["people_is_lower_bound"])
        observed = people - int(r["unspecified"])
        observed_lb = any(bool(r[f"{g}_is_lower_bound"]) for g in parts)
        rows.append(
            _row(
                "breakdown_vs_total",
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


def _operations_checks(
    statements: pd.DataFrame, ops: pd.DataFrame, events: pd.DataFrame
) -> list[dict]:
    names_of = dict(zip(events["event_id"], events["name"], strict=True))
    rows = []
    for r in _wide_totals(statements).to_dict("records"):
        inside = _contained(ops, r)
        observed, lower = bounded_sum(
            zip(inside["people"], inside["people_is_lower_bound"], strict=True)
        )
        observed = observed or 0
        names = [str(names_of.get(e, e)) for e in inside["event_id"]]  # as in events.csv
        expected, expected_lb = int(r[PEOPLE]), bool(r["people_is_lower_bound"])
        rows.append(
            _row(
                "operations_vs_total",
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
    """One check per contradiction: the room a breakdown leaves against what is reported."""
    by_id = statements.set_index("statement_id")
    rows = []
    for c in compute_contradictions(statements, events).to_dict("records"):
        r = by_id.loc[c["statement_id"]].to_dict()
        rows.append(
            _row(
                "statements_contradict",
                "contradiction",
                r | {"country_iso3": c["country_iso3"], "date_end": c["date_end"]},
                c["statement_id"],
                group=c["group"],
                expected=c["room"],
                expected_is_lower_bound=False,
                observed=c["known"],
                observed_is_lower_bound=True,
                difference=c["room"] - c["known"],
                related_ids=c["known_statement_ids"],
            )
        )
    return rows


def _bounds(at: CountAt, group: str) -> tuple[int, int | None, bool] | None:
    """Return a country's (floor, high end or None, floor is a lower bound) for ``group``.

    People: the headline (the floor of what every report says) up to the high end of the range
    the sources give (none known where the headline is only a floor and no source gives an exact
    count). A group: its floor and ceiling from the model; with no ceiling of its own, the
    country's high end, since a group is never more than everyone. None when nothing is
    reported by then.
    """
    if at.headline.value is None:
        return None
    low, low_lb = int(at.headline.value), bool(at.headline.is_lower_bound)
    high = (None if low_lb else low) if at.high is None else max(int(at.high), low)
    if group != PEOPLE:
        floor, ceiling = at.groups[group]
        low = int(floor.value or 0)
        high = high if ceiling is None else int(ceiling)
        low_lb = high is None or low != high
    return low, high, low_lb


def regional_status(expected: int, expected_lb: bool, low: int, high: int | None) -> str:
    """Return the outcome of a regional figure against the countries' range (low to high).

    ``short`` (the countries' high end is below it), ``exceeds`` (an exact figure below the
    countries' low end), ``floor_reached``, ``adds_up``, ``within_range``, or ``not_reached`` (a
    floor above the low end with no high end known: neither confirmed nor contradicted).
    """
    if high is not None and expected > high:
        return "short"
    if expected_lb:
        if expected <= low:
            return "floor_reached"
        return "not_reached" if high is None else "within_range"
    if expected < low:
        return "exceeds"
    return "adds_up" if expected == low == high else "within_range"


def _regional_checks(statements: pd.DataFrame, events: pd.DataFrame) -> list[dict]:
    """Each group a regional figure states against the sum of the countries' bounds on its date.

    The countries' counts come from the model of counts over time (``model.timeline``), built
    once: at each regional figure's date, the sum of their floors and of their high ends.
    """
    rows = []
    regional = statements[statements["region"].notna() & statements["country_iso3"].isna()]
    if not len(regional):
        return rows
    models = build_models(statements, events)
    for r in regional.to_dict("records"):
        at = {code: count_at(model, r["date_end"]) for code, model in models.items()}
        for group in (PEOPLE, *GROUPS):
            if is_missing(r[group]) or (group == PEOPLE and not r["people_is_stated"]):
                continue
            bounds = {c: b for c, a in at.items() if (b := _bounds(a, group)) is not None}
            low = sum(b[0] for b in bounds.values())
            highs = [b[1] for b in bounds.values()]
            high = None if None in highs or not highs else sum(h for h in highs if h is not None)
            expected, expected_lb = int(r[group]), bool(r[f"{group}_is_lower_bound"])
            rows.append(
                _row(
                    "regional_vs_countries",
                    regional_status(expected, expected_lb, low, high),
                    r | {"country_iso3": None},
                    r["statement_id"],
                    group=group,
                    expected=expected,
                    expected_is_lower_bound=expected_lb,
                    observed=low,
                    observed_is_lower_bound=any(b[2] for b in bounds.values()),
                    observed_high=high,
                    difference=expected - low,
                    related_ids=";".join(bounds),
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
            rows.append(
                _row(
                    "lower_bound",
                    "floor",
                    r,
                    r["statement_id"],
                    group=col,
                    expected=int(r[col]),
                    expected_is_lower_bound=True,
                )
            )
    return rows


def _disagreement_checks(statements: pd.DataFrame, ops: pd.DataFrame) -> list[dict]:
    """Every report of an operation whose count or dates differ from the report totals use."""
    rows = []
    weak = dict(zip(ops["event_id"], ops["is_weak_only"], strict=True)) if len(ops) else {}
    _, reports = choose_reports(statements)
    for event_id, recs in reports.items():
        used = recs[0]
        if weak.get(event_id):
            rows.append(
                _row(
                    "weak_source_only",
                    "weak_only",
                    used,
                    event_id,
                    group=PEOPLE,
                    observed=_stated(used, PEOPLE),
                    observed_is_lower_bound=bool(used["people_is_lower_bound"]),
                    related_ids=";".join(r["statement_id"] for r in recs),
                )
            )
            continue
        for col in (PEOPLE, *GROUPS):
            stated = [(r, _stated(r, col)) for r in recs if _stated(r, col) is not None]
            for other, theirs in stated[1:]:
                ref, mine = stated[0]
                if theirs == mine:
                    continue
                rows.append(
                    _row(
                        "sources_disagree",
                        "counts_differ",
                        other,
                        event_id,
                        group=col,
                        expected=mine,
                        expected_is_lower_bound=False,
                        observed=theirs,
                        observed_is_lower_bound=False,
                        difference=mine - theirs,
                        related_ids=f"{ref['statement_id']};{other['statement_id']}",
                    )
                )
        for other in recs[1:]:
            if _first_day(other) > used["date_end"] or _first_day(used) > other["date_end"]:
                rows.append(
                    _row(
                        "sources_disagree",
                        "dates_differ",
                        other,
                        event_id,
                        related_ids=f"{used['statement_id']};{other['statement_id']}",
                    )
                )
    return rows


def _stated(r: dict, col: str) -> int | None:
    """Return an exact count a report states, or None (not stated, or only a floor)."""
    if col == PEOPLE and not r["people_is_stated"]:
        return None
    if is_missing(r[col]) or r[f"{col}_is_lower_bound"]:
        return None
    return int(r[col])


def _first_day(r: dict) -> pd.Timestamp:
    return r["date_end"] if is_missing(r["date_start"]) else r["date_start"]


def _series(operation: object) -> str:
    """Return the series a count covers: "Айкөл (Aikol)" and "Aikol-6" give "aikol"."""
    name = "" if is_missing(operation) else str(operation)
    latin = re.search(r"\(([^)]*)\)", name)
    name = latin.group(1) if latin else name
    return re.sub(r"-\d+$", "", name.strip()).lower()


def _count_row(r: dict, series: str, status: str, group: str = PEOPLE) -> dict:
    return _row(
        "totals_disagree",
        status,
        r,
        r["statement_id"],
        group=group,
        expected=int(r[group]),
        expected_is_lower_bound=bool(r[f"{group}_is_lower_bound"]),
        series=series,
    )


def _totals_checks(statements: pd.DataFrame) -> list[dict]:
    """Country-wide counts, and counts of one operation series, that differ between sources.

    One row per count (``differs``); beside country-wide counts that differ, the country's other
    counts (``other_count``) and returns on people's own (``own_return``).
    """
    rows = []
    counted = statements[statements["country_iso3"].notna()]
    for _, recs in counted.groupby("country_iso3", sort=True):
        cumulative = recs[
            (recs["scope"] == "cumulative")
            & recs["people_is_stated"]
            & (recs["channel"] == REPATRIATED)
        ]
        groups: dict[str, list[dict]] = {}
        for r in cumulative.to_dict("records"):
            series = "country" if r["is_country_total"] else _series(r["operation"])
            if series:
                groups.setdefault(series, []).append(r)
        for series, items in sorted(groups.items()):
            exact = {int(r[PEOPLE]) for r in items if not r["people_is_lower_bound"]}
            floors = [int(r[PEOPLE]) for r in items if r["people_is_lower_bound"]]
            if len(exact) < 2 and not (exact and floors and max(floors) > max(exact)):
                continue
            rows += [_count_row(r, series, "differs") for r in items]
            if series == "country":
                rows += _other_counts(recs)
    return rows


def _other_counts(recs: pd.DataFrame) -> list[dict]:
    """List counts that are not country-wide totals of people, and returns on one's own."""
    rows = []
    for r in recs[recs["scope"].isin(["cumulative", "period"])].to_dict("records"):
        if r["channel"] != REPATRIATED:
            rows.append(_count_row(r, "country", "own_return"))
        elif not r["is_country_total"] and r["people_is_stated"]:
            rows.append(_count_row(r, "country", "other_count"))
        elif r["is_country_total"] and not r["people_is_stated"]:
            rows += [
                _count_row(r, "country", "other_count", g) for g in GROUPS if not is_missing(r[g])
            ]
    return rows


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
        _breakdown_checks(statements)
        + _operations_checks(statements, ops, events)
        + _group_checks(statements, ops)
        + _contradiction_checks(statements, events)
        + _regional_checks(statements, events)
        + _lower_bound_checks(statements)
        + _disagreement_checks(statements, ops)
        + _totals_checks(statements)
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
    for chk in _operations_checks(statements, ops, events):
        rec = by_id.loc[chk["subject"]]
        rows.append(
            {
                "country_iso3": chk["country_iso3"],
                "kind": "total",
                "subject": chk["subject"],
                "date_start": chk["date_start"],
                "date_end": chk["date_end"],
                "source_id": chk["source_id"],
                "people": chk["expected"],
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
                    "people": r[PEOPLE] if r["people_is_stated"] else pd.NA,
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
