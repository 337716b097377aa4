"""Checks between sources: regional figures, floors, reports that disagree, totals that differ.

``regional_vs_countries``, ``lower_bound``, ``sources_disagree``, ``weak_source_only`` and
``totals_disagree``: codes, numbers and dates, never words.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import CUMULATIVE, GROUPS, PEOPLE, PERIOD, REPATRIATED, is_missing
from helpers.model.check_rows import KIND, STATUS, check_row
from helpers.model.counts import choose_reports
from helpers.model.timeline import CountAt, build_models, count_at


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
        return STATUS.short
    if expected_lb:
        if expected <= low:
            return STATUS.floor_reached
        return STATUS.not_reached if high is None else STATUS.within_range
    if expected < low:
        return STATUS.exceeds
    return STATUS.adds_up if expected == low == high else STATUS.within_range


def regional_checks(statements: pd.DataFrame, events: pd.DataFrame) -> list[dict]:
    """Each group a regional figure states against the sum of the countries' bounds on its date.

    The countries' counts come from the model of counts over time (``model.timeline``), built
    once: at each regional figure's date, the sum of their floors and of their high ends.
    """
    rows = []
    regional = statements[statements["region"].notna() & statements["country_iso3"].isna()]
    if not len(regional):
        return rows
    models = build_models(statements, events)
    for r in records(regional):
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
                check_row(
                    KIND.regional_vs_countries,
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


def lower_bound_checks(statements: pd.DataFrame) -> list[dict]:
    """One ``lower_bound`` check for every figure a source gives only as a floor."""
    rows = []
    for r in records(statements):
        for col in (PEOPLE, *GROUPS):
            if (
                is_missing(r[col])
                or not r[f"{col}_is_lower_bound"]
                or (col == PEOPLE and not r["people_is_stated"])
            ):
                continue
            rows.append(
                check_row(
                    KIND.lower_bound,
                    "floor",
                    r,
                    r["statement_id"],
                    group=col,
                    expected=int(r[col]),
                    expected_is_lower_bound=True,
                )
            )
    return rows


def disagreement_checks(statements: pd.DataFrame, ops: pd.DataFrame) -> list[dict]:
    """Every report of an operation whose count or dates differ from the report totals use."""
    rows = []
    weak = dict(zip(ops["event_id"], ops["is_weak_only"], strict=True)) if len(ops) else {}
    _, reports = choose_reports(statements)
    for event_id, recs in reports.items():
        used = recs[0]
        if weak.get(event_id):
            rows.append(
                check_row(
                    KIND.weak_source_only,
                    STATUS.weak_only,
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
                    check_row(
                        KIND.sources_disagree,
                        STATUS.counts_differ,
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
                    check_row(
                        KIND.sources_disagree,
                        STATUS.dates_differ,
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
    return check_row(
        KIND.totals_disagree,
        status,
        r,
        r["statement_id"],
        group=group,
        expected=int(r[group]),
        expected_is_lower_bound=bool(r[f"{group}_is_lower_bound"]),
        series=series,
    )


def totals_checks(statements: pd.DataFrame) -> list[dict]:
    """Country-wide counts, and counts of one operation series, that differ between sources.

    One row per count (``differs``); beside country-wide counts that differ, the country's other
    counts (``other_count``) and returns on people's own (``own_return``).
    """
    rows = []
    counted = statements[statements["country_iso3"].notna()]
    for _, recs in counted.groupby("country_iso3", sort=True):
        cumulative = recs[
            (recs["scope"] == CUMULATIVE)
            & recs["people_is_stated"]
            & (recs["channel"] == REPATRIATED)
        ]
        groups: dict[str, list[dict]] = {}
        for r in records(cumulative):
            series = "country" if r["is_country_total"] else _series(r["operation"])
            if series:
                groups.setdefault(series, []).append(r)
        for series, items in sorted(groups.items()):
            exact = {int(r[PEOPLE]) for r in items if not r["people_is_lower_bound"]}
            floors = [int(r[PEOPLE]) for r in items if r["people_is_lower_bound"]]
            if len(exact) < 2 and not (exact and floors and max(floors) > max(exact)):
                continue
            rows += [_count_row(r, series, STATUS.differs) for r in items]
            if series == "country":
                rows += _other_counts(recs)
    return rows


def _other_counts(recs: pd.DataFrame) -> list[dict]:
    """List counts that are not country-wide totals of people, and returns on one's own."""
    rows = []
    for r in records(recs[recs["scope"].isin([CUMULATIVE, PERIOD])]):
        if r["channel"] != REPATRIATED:
            rows.append(_count_row(r, "country", STATUS.own_return))
        elif not r["is_country_total"] and r["people_is_stated"]:
            rows.append(_count_row(r, "country", STATUS.other_count))
        elif r["is_country_total"] and not r["people_is_stated"]:
            rows += [
                _count_row(r, "country", STATUS.other_count, g)
                for g in GROUPS
                if not is_missing(r[g])
            ]
    return rows
