"""The words of operations: their names, dates and what their reports disagree on.

``compute_operations`` is the model's table (``helpers.model.operations``) worded for readers in
the language in use.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import GROUPS, PEOPLE
from helpers.model import operations as model
from helpers.report.i18n import catalogue, fmt_date, fmt_date_range, fmt_month, get_language, t
from helpers.report.wording import group_label


def compute_operations(
    statements: pd.DataFrame,
    events: pd.DataFrame,
    as_of: str | pd.Timestamp | None = None,
    countries: list[str] | None = None,
) -> pd.DataFrame:
    """Return one row per return operation on or before ``as_of``, worded for readers.

    The columns of ``helpers.model.operations.compute_operations``, with ``name`` in the current
    language, ``date_label`` (as precise as known: "30 May 2019" or "April 2024") and
    ``disagreement`` (what the reports disagree on, with each report's value and source; empty
    when they agree).
    """
    ops = model.compute_operations(statements, events, as_of, countries)
    return word_operations(ops, statements)


def word_operations(ops: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Add the reader's ``name``, ``date_label`` and ``disagreement`` to the model's operations."""
    out = ops.copy()
    by_id = {r["statement_id"]: r for r in records(statements)}
    out["name"] = [event_name(e, n) for e, n in zip(out["event_id"], out["name"], strict=True)]
    out.insert(
        out.columns.get_loc("date") + 1,
        "date_label",
        [_date_label(d, p) for d, p in zip(out["date"], out["date_precision"], strict=True)],
    )
    out["disagreement"] = [
        _disagreement([by_id[i] for i in str(ids).split(";") if i in by_id]) if codes else ""
        for ids, codes in zip(out["statement_ids"], out["disagrees_on"], strict=True)
    ]
    return out


def event_name(event_id: str, name: str) -> str:
    """Return an operation's name in the current language (``[event]`` of the catalogue)."""
    return catalogue(get_language()).get(f"event.{event_id}", name)


def _date_label(date: pd.Timestamp, precision: str) -> str:
    """Write an operation's date as precisely as it is known: "30 May 2019" or "April 2024"."""
    return fmt_month(date) if precision == "month" else fmt_date(date)


def _disagreement(recs: list[dict]) -> str:
    """Word what the reports of one operation disagree on, each value with its sources."""
    notes = []
    for col in (PEOPLE, *GROUPS):
        stated = model.stated_values(recs, col)
        if len(stated) > 1:
            parts = "; ".join(
                f"{v} ({', '.join(sorted({_who(r) for r in rs}))})"
                for v, rs in sorted(stated.items())
            )
            notes.append(f"{group_label(col).lower()}: {parts}")
    if model.dates_differ(recs):
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
