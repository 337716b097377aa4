"""Bounds carried into numbers derived from counts: rates per 100,000 and shares.

A rate of a lower-bound total is a lower bound ("≥ 3.02"). A share of children is a lower bound
when only the children are a floor, an upper bound when only the total is ("≤ 70.1 %": the true
total may be larger), and has no bound of its own when both are floors. The model gives each a
code (``exact``, ``lower``, ``upper``, ``unknown``); ``format_share`` and ``format_rate`` word it
in the current language.
"""

from __future__ import annotations

import pandas as pd

from helpers.counts import format_bounded, is_missing
from helpers.i18n import fmt_decimal, fmt_percent, t

EXACT, LOWER, UPPER, UNKNOWN = "exact", "lower", "upper", "unknown"
"""The codes of a derived number's bound."""


def _flag(value: object) -> bool:
    return False if is_missing(value) else bool(value)


def share_bound(part_is_lower_bound: object, whole_is_lower_bound: object) -> str:
    """Return the bound of ``part / whole`` from the bounds of the two counts.

    ``exact`` when neither is a floor, ``lower`` when only the part is, ``upper`` when only the
    whole is, ``unknown`` when both are (the share may then be higher or lower).
    """
    part, whole = _flag(part_is_lower_bound), _flag(whole_is_lower_bound)
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
    total_lb = out["total_is_lower_bound"].map(_flag)
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


def format_rate(value: object, is_lower_bound: object) -> str:
    """Write a rate per 100,000 for readers: "3.66", "≥ 3.02", or "not reported"."""
    if is_missing(value):
        return t("count.not_reported")
    return format_bounded(fmt_decimal(float(value)), _flag(is_lower_bound))  # type: ignore[arg-type]


def format_share(
    value: object, bound: object = EXACT, low: object = None, high: object = None
) -> str:
    """Write a share for readers with its bound: "70 %", "at least 70 %", "at most 70 %".

    ``bound`` is a code of ``share_bound``. With both counts floors (``unknown``) the share is
    the range ``low`` to ``high`` where both are given and differ, else the share followed by
    words saying it is not a bound.
    """
    if is_missing(value):
        return t("count.not_reported")
    share = fmt_percent(float(value))  # type: ignore[arg-type]
    code = EXACT if is_missing(bound) else str(bound)
    if code == LOWER:
        return t("extending.share_lower", share=share)
    if code == UPPER:
        return t("extending.share_upper", share=share)
    if code == UNKNOWN:
        if not is_missing(low) and not is_missing(high) and low != high:
            return t(
                "extending.share_range",
                low=fmt_percent(float(low)),  # type: ignore[arg-type]
                high=fmt_percent(float(high)),  # type: ignore[arg-type]
            )
        return t("extending.share_unbounded", share=share)
    return share
