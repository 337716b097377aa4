"""Bounded counts: sums that stay floors, and the choice among several reports of one operation.

Numbers and flags only; their wording is ``helpers.report.wording``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import (
    EVENT,
    GROUPS,
    PEOPLE,
    RELIABILITY_RANK,
    SOURCE_TYPE_RANK,
    is_missing,
)


def bounded_sum(pairs: Iterable[tuple[object, bool]]) -> tuple[int | None, bool]:
    """Sum ``(count, is_lower_bound)`` pairs; a sum with any floor in it is a floor.

    Counts not reported are left out; when none is reported the sum is ``(None, False)``.
    """
    counts = [(int(c), bool(lb)) for c, lb in pairs if not is_missing(c)]  # type: ignore[call-overload]
    if not counts:
        return None, False
    return sum(c for c, _ in counts), any(lb for _, lb in counts)


def precedence_key(report: dict[str, Any]) -> tuple:
    """Sort key of one report among others of the same thing (smaller is preferred).

    An official body's own statement over the press, the press over a third party; then the more
    reliable source; then the more itemised breakdown; then an exact figure over a lower bound;
    then the source id, so that ties are stable.
    """
    return (
        SOURCE_TYPE_RANK.get(str(report.get("source_type")), 3),
        RELIABILITY_RANK.get(str(report.get("reliability")), 3),
        -int(report.get("n_figures", 0)),
        1 if report.get("people_is_lower_bound") else 0,
        str(report.get("source_id")),
    )


def choose_reports(statements: pd.DataFrame) -> tuple[list[dict], dict[str, list[dict]]]:
    """Pick one report per operation by precedence.

    Returns the chosen reports (none for an operation that only weak, low-reliability sources
    report: shown, never counted) and every report by ``event_id``, best first.
    """
    reports: dict[str, list[dict]] = {}
    for rec in records(statements[statements["scope"] == EVENT]):
        reports.setdefault(rec["event_id"], []).append(rec)
    chosen = []
    for recs in reports.values():
        recs.sort(key=precedence_key)
        if all(r["reliability"] == "low" for r in recs):
            continue
        chosen.append(recs[0])
    return chosen, reports


def group_lender(best: dict[str, Any], reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Return the report whose groups an operation shows: ``best`` or one agreeing on its total.

    That is the chosen report ``best``, or a report of the same operation that states the same
    total with more groups (not a weak one). ``reports`` are the operation's reports, best first.
    Tajikistan's flight of July 2022: the foreign ministry's 146 has no split; two reports of the
    same 146 give 42 women and 104 children, and lend them; a weak source's 24 and 122 lend nothing.
    """

    def n_groups(rec: dict[str, Any]) -> int:
        return sum(not is_missing(rec.get(g)) for g in GROUPS)

    lender = best
    for rec in reports:
        same = rec.get("people_is_stated") and best.get("people_is_stated")
        same = same and not is_missing(rec.get(PEOPLE)) and rec.get(PEOPLE) == best.get(PEOPLE)
        if same and rec.get("reliability") != "low" and n_groups(rec) > n_groups(lender):
            lender = rec
    return lender
