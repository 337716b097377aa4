"""Breakdowns that leave less room for a group than other statements already report by their date.

725 = 188 women + 522 children leaves room for 15 others; when the operations up to then report
more men than that, the statements contradict each other (``statements_contradict``).
"""

from __future__ import annotations

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import EVENT, PARTS, PEOPLE, PERIOD, REPATRIATED, is_missing
from helpers.model.analysis import resolve_as_of
from helpers.model.check_rows import KIND, STATUS, check_row
from helpers.model.operation_checks import contained, sum_column
from helpers.model.operations import compute_operations


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
    best = (sum_column(before, group)[0], None, _used_ids(with_group))
    periods = recs[(recs["scope"] == PERIOD) & recs[group].notna() & (recs["date_end"] <= when)]
    for p in records(periods):
        after = with_group[with_group["date"] > p["date_end"]]
        count = int(p[group]) + sum_column(after, group)[0]
        if count > best[0]:
            best = (count, p["statement_id"], [p["statement_id"], *_used_ids(after)])
    return best


CONTRADICTION_COLUMNS = [
    "country_iso3",
    "statement_id",
    "date_end",
    PEOPLE,
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
        & (statements["scope"] != EVENT)
        & (statements["channel"] == REPATRIATED)
    ]
    if countries is not None:
        stated = stated[stated["country_iso3"].isin(countries)]
    rows = []
    for r in records(stated):
        given = [g for g in PARTS if not is_missing(r[g])]
        if not given:
            continue
        recs = statements[
            (statements["country_iso3"] == r["country_iso3"])
            & (statements["statement_id"] != r["statement_id"])
            & (statements["channel"] == REPATRIATED)
        ]
        inside = contained(ops[ops["country_iso3"] == r["country_iso3"]], r)
        for g in (g for g in PARTS if g not in given):
            known, start, ids = _known_by(recs, inside, g, r["date_end"])
            if known > int(r["unspecified"]):
                rows.append(
                    {
                        "country_iso3": r["country_iso3"],
                        "statement_id": r["statement_id"],
                        "date_end": r["date_end"],
                        PEOPLE: int(r[PEOPLE]),
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


def contradiction_checks(statements: pd.DataFrame, events: pd.DataFrame) -> list[dict]:
    """One check per contradiction: the room a breakdown leaves against what is reported."""
    by_id = statements.set_index("statement_id")
    rows = []
    for c in records(compute_contradictions(statements, events)):
        r = by_id.loc[c["statement_id"]].to_dict()
        rows.append(
            check_row(
                KIND.statements_contradict,
                STATUS.contradiction,
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
