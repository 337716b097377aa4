"""The range several countries' totals span together: the sum of their lows and of their highs.

Each country's total has a range, the smallest and largest of the estimates its sources give
(``compute_country_totals``: ``total_low``, ``total_low_is_lower_bound``, ``total_high``). For
several countries together the low end is the sum of the lows (a lower bound if any low is one)
and the high end the sum of the highs; one country whose sources give no upper end leaves the
sum without one. A country with no country-wide count has no range: its own total stands for
both ends (and, when it is a lower bound, for no upper end).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import is_missing
from helpers.report.evidence import split_ids


@dataclass(frozen=True)
class RangeSum:
    """The range of several countries' totals together, and the statements it rests on."""

    low: int
    low_is_lower_bound: bool
    high: int | None
    """None when at least one country's sources give no upper end."""
    statement_ids: list[str]


def _ends(row: dict) -> tuple[int, bool, int | None]:
    if is_missing(row.get("total_low")):
        total, floor = int(row["total_returned"]), bool(row["total_is_lower_bound"])
        return total, floor, None if floor else total
    high = row.get("total_high")
    return (
        int(row["total_low"]),
        bool(row["total_low_is_lower_bound"]),
        None if is_missing(high) else int(high),
    )


def compute_range_sum(totals: pd.DataFrame) -> RangeSum:
    """Return the range the countries of ``totals`` span together (``compute_country_totals``).

    Countries with no total at all are left out. The statements are each country's
    ``range_statement_ids`` (or, without a range, its ``statement_ids``), in order, once each.
    """
    low, floor, high, ids = 0, False, 0, []
    for row in records(totals):
        if is_missing(row.get("total_returned")):
            continue
        row_low, row_floor, row_high = _ends(row)
        low += row_low
        floor = floor or row_floor
        high = None if high is None or row_high is None else high + row_high
        own = split_ids(row.get("range_statement_ids")) or split_ids(row.get("statement_ids"))
        ids += [i for i in own if i not in ids]
    return RangeSum(low, floor, high, ids)
