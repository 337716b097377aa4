"""Statements: the figures of one source about one thing, read together; the "as of" date.

Every function takes DataFrames and returns a new DataFrame; nothing is read or written.
Counts are nullable integers: ``<NA>`` means "not reported", never 0. Each count column has an
``*_is_lower_bound`` partner, true where the number is a floor ("over 300") or a sum that contains
one, so a lower bound stays a lower bound through every sum.

A statement's total is its ``people`` figure; where the source states none, the sum of the groups
it does state, marked as a lower bound. What a stated total has beyond its parts is
``unspecified``: kept, never dropped or spread over the groups. Totals are ``model.totals``;
summaries per country with population are ``model.population``.
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import (
    AT_LEAST,
    COMBINED,
    COUNT_COLUMNS,
    GROUPS,
    PARTS,
    PEOPLE,
    as_places,
    is_missing,
)
from helpers.model.counts import bounded_sum, precedence_key


def short_publisher(publisher: object) -> str:
    """Return a publisher's name without its gloss: "Khovar (khovar.tj, …), citing …" is Khovar."""
    if is_missing(publisher):
        return ""
    return re.split(r" \(|, ", str(publisher))[0].strip()


def _sum_of_parts(figures: dict[str, tuple[int, bool]]) -> tuple[int | None, bool]:
    """Add up a statement's groups, a combined group counted once with its stated members."""
    parts, covered = [], set()
    for combined, members in COMBINED.items():
        if combined in figures:
            inner = [figures[m] for m in members if m in figures]
            count, lower = figures[combined]
            stated = sum(c for c, _ in inner)
            parts.append((max(count, stated), lower or any(lb for _, lb in inner)))
            covered |= set(members)
    parts += [figures[g] for g in PARTS if g in figures and g not in covered]
    return bounded_sum(parts)


def _statement_record(rows: list[dict], source: dict) -> dict:
    first = rows[0]
    figures = {r["group"]: (int(r["count"]), r["qualifier"] == AT_LEAST) for r in rows}
    rec = {
        k: first[k]
        for k in (
            "statement_id",
            "country_iso3",
            "region",
            "scope",
            "event_id",
            "operation",
            "origin",
            "is_country_total",
            "date_start",
            "date_end",
            "channel",
            "source_id",
            "quote",
            "quote_en",
            "note",
        )
    }
    rec["publisher"] = short_publisher(source.get("publisher"))
    rec["publisher_ru"] = short_publisher(source.get("publisher_ru"))
    rec["language"] = source.get("language")
    rec["quote_ru"], rec["note_ru"] = first.get("quote_ru"), first.get("note_ru")
    rec["source_type"] = source.get("source_type")
    rec["reliability"] = source.get("reliability")
    for g in GROUPS:
        rec[g], rec[f"{g}_is_lower_bound"] = figures.get(g, (None, False))
    part_sum, _ = _sum_of_parts(figures)
    if PEOPLE in figures:
        people, people_lb = figures[PEOPLE]
        rec["people_is_stated"] = True
        rec["unspecified"] = people - (part_sum or 0) if people >= (part_sum or 0) else 0
        rec["unspecified_is_lower_bound"] = people_lb
    else:
        people, people_lb = part_sum, True
        rec["people_is_stated"] = False
        rec["unspecified"], rec["unspecified_is_lower_bound"] = 0, False
    rec[PEOPLE], rec["people_is_lower_bound"] = people, people_lb
    rec["n_figures"] = len(figures)
    rec["precedence"] = precedence_key(rec)
    return rec


def compute_statements(figures: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Return one row per statement: its total (``people``), groups and ``unspecified`` remainder.

    Columns: the statement's shared fields (statement_id, country_iso3, region, scope, event_id,
    operation, origin, is_country_total, date_start, date_end, source_id, quote, quote_en, note),
    source_type and reliability of its source, ``people``, each group and ``unspecified`` with its
    ``*_is_lower_bound`` flag, ``people_is_stated`` (false where the total is the sum of the
    groups stated), ``n_figures`` and ``precedence`` (a sort key: smaller is preferred).
    """
    src = {r["source_id"]: r for r in records(sources)}
    grouped: dict[str, list[dict]] = {}
    for row in records(figures):
        grouped.setdefault(row["statement_id"], []).append(row)
    rows_out = [
        _statement_record(rows, src.get(rows[0]["source_id"], {})) for rows in grouped.values()
    ]
    out = pd.DataFrame.from_records(rows_out)
    for col in COUNT_COLUMNS:
        out[col] = out[col].astype("Int64")
    return out.sort_values(["country_iso3", "date_end", "statement_id"], ignore_index=True)


def resolve_as_of(statements: pd.DataFrame, as_of: str | pd.Timestamp | None) -> pd.Timestamp:
    """Return ``as_of`` as a date; empty means the latest date in the statements."""
    if as_of is None or str(as_of) == "":
        return pd.Timestamp(statements["date_end"].max())
    return pd.Timestamp(as_of)


def covers_origin(total_origin: object, origin: object) -> bool:
    """Tell whether a total from ``total_origin`` can contain a return from ``origin``.

    Each is a list of places; an empty origin is unknown and may be anything; ("IRQ", "SYR")
    covers ("IRQ",) and ("SYR",).
    """
    total_places, places = as_places(total_origin), as_places(origin)
    if total_places is None or places is None:
        return True
    return set(places) <= set(total_places)
