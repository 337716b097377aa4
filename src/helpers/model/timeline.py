"""Counts as a function of time: one model of who came home, used by every total, range and check.

For each country and group the cumulative number repatriated is a non-decreasing function of the
date. Every report is a constraint on it, and nothing else is assumed:

* an **operation** (``scope`` = event; one report per operation, chosen by precedence) adds its
  people from its date in ``events.csv`` on, never before;
* a **block** (a count, a period, a part) says how many returned in a stretch of time from some
  origins: a country-wide count covers everything up to its date; a count of one origin or
  programme covers that part; a period covers the returns between its dates.

The **floor** at a date is the largest total that pieces that cannot overlap give: blocks that
share no time or no origin, plus the operations no chosen block holds (each return is counted
once; a piece already inside a block is never added to it). A lower bound is never read as more
than it says ("more than 400 in four missions" stays 400; the operations themselves may give
more). The **range** is each source's latest country-wide count carried forward by the floor of
what came after it. The **headline** is the floor, never below any count in force and never above
the range. Group floors use the same pieces with each group's figures; a group's ceiling is the
total's high end less the other groups' floors. Where the groups' floors together are more than
that high end, the sources disagree (one counts people another's total leaves no room for): the
excess is kept (``groups_over``), the floors stay, and no group has a ceiling.

This module speaks no language: numbers, flags, codes and ISO dates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import (
    COMBINED,
    CUMULATIVE,
    EVENT,
    GROUPS,
    PARTS,
    PEOPLE,
    REPATRIATED,
    THIRD_PARTY,
    as_places,
    is_missing,
)
from helpers.model.counts import choose_reports, group_lender

KEYS: tuple[str, ...] = (PEOPLE, *GROUPS)
"""Everything a floor is computed for: the total and each group."""
EARLIEST = pd.Timestamp("1900-01-01")


def _origins(origin: object) -> frozenset[str] | None:
    """Return an origin (a list of places) as a set; None when unknown (it may be anywhere)."""
    places = as_places(origin)
    return None if places is None else frozenset(places)


def _figures(rec: dict, stated_people_only: bool) -> dict[str, tuple[int, bool]]:
    """Return a statement's figures by key; women and children count at least their parts."""
    out = {}
    if not is_missing(rec[PEOPLE]) and (rec["people_is_stated"] or not stated_people_only):
        out[PEOPLE] = (int(rec[PEOPLE]), bool(rec["people_is_lower_bound"]))
    for g in GROUPS:
        if not is_missing(rec.get(g)):
            out[g] = (int(rec[g]), bool(rec[f"{g}_is_lower_bound"]))
    for combined, members in COMBINED.items():
        parts = [out[m] for m in members if m in out]
        if parts:
            total = sum(c for c, _ in parts)
            full = len(parts) == len(members)
            if combined not in out or out[combined][0] < total:
                out[combined] = (total, any(lb for _, lb in parts) or not full)
    return out


@dataclass(frozen=True)
class Piece:
    """A report as a constraint: ``start``..``end`` (an operation has start == end), its origin."""

    statement_id: str
    source_id: str
    start: pd.Timestamp
    end: pd.Timestamp
    origins: frozenset[str] | None
    figures: dict[str, tuple[int, bool]] = field(hash=False, compare=False)
    is_country_total: bool = False
    rank: tuple = ()

    def holds(self, other: Piece) -> bool:
        """Tell whether ``other`` (an operation) lies inside this block's dates and origins."""
        inside = self.origins is None or other.origins is None or other.origins <= self.origins
        return self.start <= other.start and other.end <= self.end and inside

    def overlaps(self, other: Piece) -> bool:
        """Tell whether two blocks may hold the same returns (shared time and origin)."""
        if self.end < other.start or other.end < self.start:
            return False
        return self.origins is None or other.origins is None or bool(self.origins & other.origins)


@dataclass(frozen=True)
class Bound:
    """A floor and how it is made: its value, whether any piece is a lower bound, the pieces."""

    value: int | None
    is_lower_bound: bool = False
    statement_ids: tuple[str, ...] = ()
    has_count: bool = False


NOTHING = Bound(None)


def event_dates(statements: pd.DataFrame, events: pd.DataFrame | None = None) -> dict[str, object]:
    """Return each operation's date: from ``events`` when given, else its most precise report."""
    if events is not None and len(events):
        return dict(zip(events["event_id"], pd.to_datetime(events["date"]), strict=True))
    reps = statements[statements["scope"] == EVENT].copy()
    reps["start"] = reps["date_start"].fillna(reps["date_end"])
    reps["width"] = reps["date_end"] - reps["start"]
    best = reps.sort_values(["width", "date_end"]).drop_duplicates("event_id")
    return dict(zip(best["event_id"], best["date_end"], strict=True))


def _lend_groups(best: dict, reports: list[dict]) -> dict:
    """Give an operation its chosen report's total and the groups ``group_lender`` picks."""
    figures = _figures(best, stated_people_only=False)
    lender = group_lender(best, reports)
    if lender is not best:
        groups = _figures(lender, stated_people_only=False)
        figures = {PEOPLE: figures[PEOPLE], **{g: v for g, v in groups.items() if g != PEOPLE}}
    return figures


class CountryModel:
    """The constraints of one country's repatriations; floors and ranges at any date."""

    def __init__(self, statements: pd.DataFrame, dates: dict[str, object]) -> None:
        recs = statements[statements["channel"] == REPATRIATED]
        chosen, reports = choose_reports(recs)
        self.operations = [
            Piece(
                r["statement_id"],
                r["source_id"],
                pd.Timestamp(dates.get(r["event_id"], r["date_end"])),
                pd.Timestamp(dates.get(r["event_id"], r["date_end"])),
                _origins(r["origin"]),
                _lend_groups(r, reports[r["event_id"]]),
            )
            for r in chosen
        ]
        self.blocks = [self._block(r) for r in self._redated(recs)]
        self.blocks = [b for b in self.blocks if b.figures]
        stated = set(recs.loc[recs["people_is_stated"].astype(bool), "statement_id"])
        self.counts = [b for b in self.blocks if b.is_country_total and b.statement_id in stated]
        self._cache: dict[tuple, Bound] = {}

    @staticmethod
    def _redated(recs: pd.DataFrame) -> list[dict]:
        """Date an undated repeat of an earlier country-wide count by its first report."""
        rows = records(recs[recs["scope"] != EVENT].sort_values("date_end"))
        for i, r in enumerate(rows):
            undated = is_missing(r["date_start"]) and r["people_is_stated"]
            if not (r["is_country_total"] and undated):
                continue
            for e in rows[:i]:
                same = e["is_country_total"] and e["people_is_stated"] and e[PEOPLE] == r[PEOPLE]
                exact = not (e["people_is_lower_bound"] or r["people_is_lower_bound"])
                if same and exact and e["date_end"] < r["date_end"]:
                    rows[i] = dict(r, date_end=e["date_end"], repeat_of=e["statement_id"])
                    break
        return rows

    @staticmethod
    def _block(r: dict) -> Piece:
        total = bool(r["is_country_total"]) and r["scope"] == CUMULATIVE
        start = EARLIEST if total or is_missing(r["date_start"]) else r["date_start"]
        return Piece(
            r["statement_id"],
            r["source_id"],
            pd.Timestamp(start),
            pd.Timestamp(r["date_end"]),
            None if total else _origins(r["origin"]),
            _figures(r, stated_people_only=False),
            total,
            (r["source_type"] == THIRD_PARTY, r["precedence"]),
        )

    def floor(self, when: object, key: str = PEOPLE, after: object = None) -> Bound:
        """Return the floor of ``key`` at ``when`` from pieces after ``after`` (default: all)."""
        when = pd.Timestamp(when)
        after = EARLIEST - pd.Timedelta(days=1) if after is None else pd.Timestamp(after)
        cache_key = (when, key, after)
        if cache_key not in self._cache:
            self._cache[cache_key] = self._floor(when, key, after)
        return self._cache[cache_key]

    def _floor(self, when: pd.Timestamp, key: str, after: pd.Timestamp) -> Bound:
        ops = [o for o in self.operations if after < o.start <= when and key in o.figures]
        blocks: dict[tuple, Piece] = {}
        same: dict[tuple, list[str]] = {}
        for b in self.blocks:
            if after < b.start and b.end <= when and key in b.figures:
                place = (b.start, b.end, b.origins)
                if place not in blocks or _better(b, blocks[place], key):
                    blocks[place] = b
        for b in self.blocks:
            place = (b.start, b.end, b.origins)
            if place in blocks and b.figures.get(key) == blocks[place].figures[key]:
                same.setdefault(blocks[place].statement_id, []).append(b.statement_id)
        cands = sorted(blocks.values(), key=lambda b: (b.start, b.end))
        best = NOTHING

        def search(i: int, chosen: list[Piece]) -> None:
            nonlocal best
            if i == len(cands):
                best = max(best, _arrangement(chosen, ops, key, same), key=_order)
                return
            search(i + 1, chosen)
            if not any(cands[i].overlaps(c) for c in chosen):
                search(i + 1, [*chosen, cands[i]])

        search(0, [])
        return best

    def latest_counts(self, when: object) -> list[Piece]:
        """Each source's latest country-wide count dated on or before ``when``."""
        by_source: dict[str, Piece] = {}
        for b in sorted(self.counts, key=lambda b: b.end):
            if b.end <= pd.Timestamp(when):
                by_source[b.source_id] = b
        return list(by_source.values())

    def estimate(self, count: Piece, when: object) -> Bound:
        """Return a count carried forward to ``when`` by the floor of what came after it.

        A lower bound counts at least the floor at its own date ("more than 500" when 533 are
        known is at least 533).
        """
        value, lower = count.figures[PEOPLE]
        if lower:  # a floor is worth at least what is known at its date
            value = max(value, self.floor(count.end).value or 0)
        later = self.floor(when, PEOPLE, after=count.end)
        return Bound(
            value + (later.value or 0),
            lower or later.is_lower_bound,
            (count.statement_id, *later.statement_ids),
            True,
        )


def _better(a: Piece, b: Piece, key: str) -> bool:
    (va, la), (vb, lb) = a.figures[key], b.figures[key]
    return (va, not la, b.rank) > (vb, not lb, a.rank)


def _arrangement(
    blocks: list[Piece], ops: list[Piece], key: str, same: dict[str, list[str]]
) -> Bound:
    """Add up blocks that cannot overlap and the operations none of them holds."""
    free = [o for o in ops if not any(b.holds(o) for b in blocks)]
    parts = [b.figures[key] for b in blocks] + [o.figures[key] for o in free]
    if not parts:
        return NOTHING
    ids = [i for b in blocks for i in same.get(b.statement_id, [b.statement_id])]
    ids += [o.statement_id for o in sorted(free, key=lambda o: o.start)]
    return Bound(
        sum(v for v, _ in parts),
        any(lb for _, lb in parts),
        tuple(dict.fromkeys(ids)),
        any(b.is_country_total for b in blocks),
    )


def _order(bound: Bound) -> tuple:
    """Larger first; among equal floors, an exact one built on a country-wide count."""
    return (-1 if bound.value is None else bound.value, not bound.is_lower_bound, bound.has_count)


@dataclass(frozen=True)
class CountAt:
    """A country's total at one date: headline, range, group floors and ceilings."""

    headline: Bound
    low: int | None
    low_is_lower_bound: bool
    high: int | None
    range_statement_ids: tuple[str, ...]
    latest_count_date: pd.Timestamp | None
    groups: dict[str, tuple[Bound, int | None]]
    """Each group's floor and ceiling (None: no ceiling known, or the sources disagree)."""
    groups_over: int | None = None
    """How many more the groups' floors hold together than the total's high end: the sources
    disagree where it is above 0. None where the total has no high end."""


def count_at(model: CountryModel, when: object) -> CountAt:
    """Return the headline, the range the sources give and every group's bounds at ``when``."""
    headline = model.floor(when)
    floors_by_group = {g: model.floor(when, g) for g in GROUPS}
    for combined, members in COMBINED.items():  # together at least the parts' floors
        parts = [floors_by_group[m] for m in members if floors_by_group[m].value is not None]
        split = sum(b.value or 0 for b in parts)
        if parts and split > (floors_by_group[combined].value or 0):
            ids = tuple(i for b in parts for i in b.statement_ids)
            floors_by_group[combined] = Bound(split, True, ids)
    estimates = [model.estimate(c, when) for c in model.latest_counts(when)]
    exact = [e.value for e in estimates if not e.is_lower_bound]
    floors = [e.value for e in estimates if e.is_lower_bound]
    low = min(exact) if exact else None
    low_lb = False
    if floors and (low is None or max(floors) > low):
        low, low_lb = max(floors), True
    high = max(exact) if exact else None
    if high is not None and headline.value is not None:
        high = max(high, headline.value, low or 0)
    if low_lb and exact and low == high == max(exact):
        low_lb = False  # "at least 539" beside a count of 539: 539, not "≥ 539 to 539"
    ids = tuple(dict.fromkeys(i for e in estimates for i in e.statement_ids))
    counts = [c.end for c in model.counts if c.end <= pd.Timestamp(when)]
    top = high if high is not None else (None if headline.is_lower_bound else headline.value)
    over = None if top is None else max(parts_floor(floors_by_group) - top, 0)
    groups = {}
    for g in GROUPS:
        others = _others_floor(g, floors_by_group)
        # Groups that hold more than the total leave no ceiling that fits every source.
        ceiling = None if top is None or over else max(top - others, floors_by_group[g].value or 0)
        groups[g] = (floors_by_group[g], ceiling)
    latest = max(counts) if counts else None
    return CountAt(headline, low, low_lb, high, ids, latest, groups, over)


def parts_floor(floors: dict[str, Bound]) -> int:
    """Return what the groups' floors hold together, nobody counted twice."""
    val = {g: (b.value or 0) for g, b in floors.items()}
    return sum(max(val[c], sum(val[m] for m in ms)) for c, ms in COMBINED.items()) + sum(
        v for g, v in val.items() if g in PARTS and not any(g in ms for ms in COMBINED.values())
    )


def _others_floor(group: str, floors: dict[str, Bound]) -> int:
    """Return what the other groups hold at least, nobody counted twice."""
    val = {g: (b.value or 0) for g, b in floors.items()}
    combined = next((c for c, members in COMBINED.items() if group in (c, *members)), None)
    if combined is None:  # men: the others are women and children
        return sum(max(val[c], sum(val[m] for m in ms)) for c, ms in COMBINED.items())
    members = COMBINED[combined]
    rest = sum(v for g, v in val.items() if g != combined and g not in members)
    if group == combined:
        return rest
    return rest + sum(val[m] for m in members if m != group)


def build_models(
    statements: pd.DataFrame,
    events: pd.DataFrame | None = None,
    countries: Iterable[str] | None = None,
) -> dict[str, CountryModel]:
    """Return one model per country (default: every country with a figure)."""
    codes = countries or sorted(statements["country_iso3"].dropna().unique())
    dates = event_dates(statements, events)
    return {c: CountryModel(statements[statements["country_iso3"] == c], dates) for c in codes}


def month_ends(start: object, end: object) -> list[pd.Timestamp]:
    """Every month end from ``start`` to ``end``, and ``end`` itself."""
    dates = list(pd.date_range(pd.Timestamp(start), pd.Timestamp(end), freq="ME"))
    return dates if dates and dates[-1] == pd.Timestamp(end) else [*dates, pd.Timestamp(end)]
