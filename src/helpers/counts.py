"""Bounded counts: the groups, "not reported" apart from 0, sums that stay floors, their wording.

Every module takes the group vocabulary, labels, colours, lower-bound sums and the "≥" / "at least"
/ "at most" wording from here, and the choice among several reports of one operation. The groups
are read from the ``group`` enum of ``data/datapackage.json``: a new group touches the descriptor,
the catalogues and ``GROUP_COLOURS``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

import pandas as pd

from helpers.i18n import fmt_int, t, t_plural
from helpers.paths import DATA_DIR

PEOPLE = "people"
"""The group that is a statement's total."""
UNSPECIFIED = "unspecified"
"""What a total has beyond the groups stated: kept, never dropped or spread over the groups."""
COMBINED = {"women_and_children": ("women", "children")}
"""Groups that stand for others together, when a source gives no split."""
GROUP_COLOURS = {
    "women": "#CC79A7",
    "children": "#56B4E9",
    "men": "#009E73",
    "women_and_children": "#9A84C2",
    UNSPECIFIED: "#BBBBBB",
}
"""Okabe-Ito based, told apart with the common forms of colour blindness."""
RELIABILITY_RANK = {"high": 0, "medium": 1, "low": 2}
SOURCE_TYPE_RANK = {"official": 0, "press": 1, "third_party": 2}


@cache
def _group_enum() -> tuple[str, ...]:
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    reps = next(r for r in package["resources"] if r["name"] == "repatriations")
    field = next(f for f in reps["schema"]["fields"] if f["name"] == "group")
    return tuple(field["constraints"]["enum"])


GROUPS: tuple[str, ...] = tuple(g for g in _group_enum() if g != PEOPLE)
"""The groups a total breaks down into, in the descriptor's order."""
PARTS: tuple[str, ...] = tuple(g for g in GROUPS if g not in COMBINED)
"""The groups that do not stand for others together (women, children, men)."""
COUNT_COLUMNS: tuple[str, ...] = (PEOPLE, *GROUPS, UNSPECIFIED)
"""Every count column of a statement or total, each with an ``*_is_lower_bound`` partner."""


def group_label(group: str) -> str:
    """Return the reader's name of a group ("Women", "Not specified") in the current language."""
    return t(f"group.{'unspecified' if group == 'not specified' else group}")


def is_missing(value: object) -> bool:
    """Tell whether a count is "not reported": None, pd.NA or NaN (never 0)."""
    return value is None or bool(pd.isna(value))


def as_int(value: object) -> int | None:
    """Return a count as ``int``, or None when it is not reported."""
    return None if is_missing(value) else int(value)  # type: ignore[call-overload]


def bounded_sum(pairs: Iterable[tuple[object, bool]]) -> tuple[int | None, bool]:
    """Sum ``(count, is_lower_bound)`` pairs; a sum with any floor in it is a floor.

    Counts not reported are left out; when none is reported the sum is ``(None, False)``.
    """
    counts = [(int(c), bool(lb)) for c, lb in pairs if not is_missing(c)]  # type: ignore[call-overload]
    if not counts:
        return None, False
    return sum(c for c, _ in counts), any(lb for _, lb in counts)


def format_count(
    value: object, is_lower_bound: bool = False, *, words: bool = False, prose: bool = False
) -> str:
    """Write a count for readers: "435", "≥ 435" (or "at least 435"), or "not reported".

    ``prose`` writes the number as running text does (``fmt_int(..., prose=True)``).
    """
    if is_missing(value):
        return t("count.not_reported")
    number = fmt_int(int(value), prose=prose)  # type: ignore[call-overload]
    if not is_lower_bound:
        return number
    return t("count.at_least", n=number) if words else t("count.symbol", n=number)


def format_group_count(group: str, count: object, *, number: str | None = None) -> str:
    """Write a count of a group with the noun agreeing: "74 women", "74 женщины", "522 ребёнка".

    ``group`` is ``people``, a group or ``unspecified``; ``number`` replaces the written number
    (a link, "не менее 37") while the noun still agrees with ``count``.
    """
    return t_plural(f"plural.{group}", int(count), number=number)  # type: ignore[call-overload]


def format_bounded(text: str, is_lower_bound: bool) -> str:
    """Mark an already written number as a lower bound ("≥ 3.52") when it is one."""
    return t("count.symbol", n=text) if is_lower_bound else text


def format_gap(gap: object, observed_is_lower_bound: bool) -> str:
    """Write how many a stated total has beyond what is known inside it.

    Against a sum that is a floor the gap is a ceiling: "at most 96 not accounted for".
    """
    if is_missing(gap):
        return t("count.not_reported")
    value = int(gap)  # type: ignore[call-overload]
    if value < 0:
        return t("gap.exceeds", n=fmt_int(-value))
    if value == 0:
        return t("gap.none_floor") if observed_is_lower_bound else t("gap.none")
    key = "gap.at_most" if observed_is_lower_bound else "gap.exactly"
    return t(key, n=fmt_int(value))


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
    for rec in statements[statements["scope"] == "event"].to_dict("records"):
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
