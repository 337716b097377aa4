"""The wording of counts: "≥ 435", "at least 435", "not reported", "74 women", shares and rates.

Every page takes a count's words from here, in the language in use (``helpers.report.i18n``).
"""

from __future__ import annotations

from helpers.data.vocab import CHILDREN, MEN, UNSPECIFIED, WOMEN, WOMEN_AND_CHILDREN, is_missing
from helpers.model.bounds import EXACT, LOWER, UNKNOWN, UPPER, flag
from helpers.report.i18n import fmt_decimal, fmt_int, fmt_percent, t, t_plural

GROUP_COLOURS = {
    WOMEN: "#CC79A7",
    CHILDREN: "#56B4E9",
    MEN: "#009E73",
    WOMEN_AND_CHILDREN: "#9A84C2",
    UNSPECIFIED: "#BBBBBB",
}
"""Okabe-Ito based, told apart with the common forms of colour blindness."""


def group_label(group: str) -> str:
    """Return the reader's name of a group ("Women", "Not specified") in the current language."""
    return t(f"group.{'unspecified' if group == 'not specified' else group}")


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


def format_rate(value: object, is_lower_bound: object) -> str:
    """Write a rate per 100,000 for readers: "3.66", "≥ 3.02", or "not reported"."""
    if is_missing(value):
        return t("count.not_reported")
    return format_bounded(fmt_decimal(float(value)), flag(is_lower_bound))  # type: ignore[arg-type]


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
