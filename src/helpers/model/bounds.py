"""Bounds carried into numbers derived from counts: rates per 100,000 and shares.

A rate of a lower-bound total is a lower bound ("≥ 3.02"). A share of children is a lower bound
when only the children are a floor, an upper bound when only the total is ("≤ 70.1 %": the true
total may be larger), and has no bound of its own when both are floors. The model gives each a
code (``exact``, ``lower``, ``upper``, ``unknown``); ``format_share`` and ``format_rate`` word it
in the current language.
"""

from __future__ import annotations

import pandas as pd

from helpers.data.vocab import EXACT, is_missing

LOWER, UPPER, UNKNOWN = "lower", "upper", "unknown"
"""The codes of a derived number's bound."""


def flag(value: object) -> bool:
    """Read a lower-bound flag that may be missing (missing is not a floor)."""
    return False if is_missing(value) else bool(value)


def share_bound(part_is_lower_bound: object, whole_is_lower_bound: object) -> str:
    """Return the bound of ``part / whole`` from the bounds of the two counts.

    ``exact`` when neither is a floor, ``lower`` when only the part is, ``upper`` when only the
    whole is, ``unknown`` when both are (the share may then be higher or lower).
    """
    part, whole = flag(part_is_lower_bound), flag(whole_is_lower_bound)
    if part and whole:
        return UNKNOWN
    return LOWER if part else UPPER if whole else EXACT


def add_derived_bounds(summary: pd.DataFrame) -> pd.DataFrame:
    """Return ``summary`` with the bound of its rate and of its share of children.

    Adds ``returned_per_100k_is_lower_bound`` (the total is a lower bound) and
    ``children_share_bound`` (a code of ``share_bound``), next to the columns of
    ``compute_country_summary`` they describe.
    """
    out = summary.copy()
    total_lb = out["total_is_lower_bound"].map(flag)
    rate_known = out["returned_per_100k"].notna()
    out["returned_per_100k_is_lower_bound"] = (total_lb & rate_known).astype(bool)
    children_lb = (
        out["children_is_lower_bound"]
        if "children_is_lower_bound" in out.columns
        else pd.Series(False, index=out.index)
    )
    out["children_share_bound"] = [
        share_bound(c, w) if not is_missing(s) else None
        for c, w, s in zip(children_lb, total_lb, out["children_share"], strict=True)
    ]
    return out
