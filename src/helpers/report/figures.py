"""Figures by country and group: totals, rates, breakdowns, one country's operations, the checks.

Each ``plot_*`` returns a Figure and never saves it (``figure_files.save_figure`` does). Every
figure has a title saying what it shows, axes labelled with units, a source line, lower bounds
drawn hatched and labelled "≥", and "not reported" written out, never drawn as 0. Text is in the
current language (``report.i18n``); the look is the house style (``report.figure_style``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from helpers.data.frames import records
from helpers.data.vocab import GROUPS, PEOPLE, UNSPECIFIED, is_missing
from helpers.model.check_rows import GAP_STATUSES, KIND
from helpers.report.figure_style import (
    FIGSIZE,
    LOWER_BOUND_HATCH,
    as_of_label,
    in_years,
    legend_below,
    lower_bound_patch,
    new_figure,
    source_line,
    styled,
    wrap_label,
)
from helpers.report.i18n import fmt_decimal, fmt_int, t
from helpers.report.names import country_colour, country_name
from helpers.report.wording import GROUP_COLOURS, format_bounded, format_count, group_label

STACK = (*GROUPS, UNSPECIFIED)
"""The order of the groups in a stacked bar: each group, then what is not specified."""


def _operation_label(name: str, date_label: str) -> str:
    """Name an operation under its bar: the name, then its date unless the name already holds it.

    A name that says when ("Возвращение из Ирака (апрель 2019 г.)", "April 2019 return from
    Iraq") is not followed by its date again: the table beside the figure gives the day.
    """
    shown = wrap_label(name, 16)
    years = re.findall(r"\b\d{4}\b", str(date_label))
    if str(date_label) and not (years and years[-1] in re.findall(r"\b\d{4}\b", str(name))):
        shown += "\n" + wrap_label(date_label, 12)
    return shown


def _has_range(rec: dict, columns: tuple[str, str]) -> bool:
    """Tell whether a row has a range to draw: both ends known, and apart."""
    low, high = rec.get(columns[0]), rec.get(columns[1])
    return not is_missing(low) and not is_missing(high) and low != high


def _country_bars(
    ax: Axes,
    rows: list[dict],
    value: str,
    lower: str,
    label: Callable[[object, bool], str],
    ranges: tuple[str, str] | None = None,
) -> bool:
    """Draw one horizontal bar per country (top to bottom as given); return if any is a floor.

    ``ranges`` names the low and high columns of a range drawn beside each bar, as a line.
    """
    rows = rows[::-1]
    shown = [float(r[value]) for r in rows if not is_missing(r[value])]
    if ranges:
        shown += [float(r[c]) for r in rows for c in ranges if not is_missing(r.get(c))]
    top = max(shown or [1.0])
    any_lower = False
    for i, rec in enumerate(rows):
        lb = bool(rec[lower])
        any_lower |= lb
        if is_missing(rec[value]):
            ax.text(top * 0.01, i, t("count.not_reported"), va="center", style="italic")
            continue
        bars = ax.barh(
            i,
            float(rec[value]),
            height=0.6,
            color=country_colour(rec["country_iso3"]),
            hatch=LOWER_BOUND_HATCH if lb else None,
            edgecolor="white" if lb else None,
        )
        end = float(rec[value])
        if ranges and _has_range(rec, ranges):
            low, high = float(rec[ranges[0]]), float(rec[ranges[1]])
            ax.plot([low, high], [i + 0.42, i + 0.42], color="#333333", linewidth=1.5)
            ax.plot([low, low], [i + 0.36, i + 0.48], color="#333333", linewidth=1.5)
            ax.plot([high, high], [i + 0.36, i + 0.48], color="#333333", linewidth=1.5)
            end = max(end, high)
        ax.bar_label(
            bars, [label(rec[value], lb)], padding=4 + (end - float(rec[value])) / top * 500
        )
    ax.set_yticks(range(len(rows)), [country_name(r["country_iso3"]) for r in rows])
    ax.set_xlim(0, top * 1.2)
    ax.set_ylim(-0.6, len(rows) - 0.2)
    return any_lower


def _bar_legend(ax: Axes, any_lower: bool, with_range: bool) -> None:
    handles = []
    if with_range:
        handles.append(
            Patch(facecolor="white", edgecolor="#333333", label=t("figure.range"), linewidth=1.5)
        )
    if any_lower:
        handles.append(lower_bound_patch())
    if handles:
        legend_below(ax, handles, x=0.4, y=-0.16, ncol=2)
        ax.figure.subplots_adjust(bottom=0.28)


@styled
def plot_totals(totals: pd.DataFrame, source: str | None = None) -> Figure:
    """Bar chart of people repatriated per country, with the range the sources give beside it.

    Takes ``compute_country_totals`` output; a line above a bar spans ``total_low`` to
    ``total_high`` where the sources' country-wide totals differ.
    """
    fig, ax = new_figure(t("figure.totals_title", as_of=as_of_label(totals)), source)
    rows = records(totals)
    has_range = "total_low" in totals.columns
    any_lower = _country_bars(
        ax,
        rows,
        "total_returned",
        "total_is_lower_bound",
        format_count,
        ("total_low", "total_high") if has_range else None,
    )
    ax.set_xlabel(t("figure.people_axis"))
    ranged = has_range and any(_has_range(r, ("total_low", "total_high")) for r in rows)
    _bar_legend(ax, any_lower, ranged)
    return fig


@styled
def plot_per_100k(summary: pd.DataFrame, source: str | None = None) -> Figure:
    """Bar chart of people repatriated per 100,000 population (``compute_country_summary``)."""
    year = str(int(summary["population_year"].iloc[0])) if len(summary) else ""
    fig, ax = new_figure(
        t("figure.rate_title"), (source or source_line()) + t("figure.population_source", year=year)
    )

    def label(value: object, lb: bool) -> str:
        return format_bounded(fmt_decimal(float(value)), lb)  # type: ignore[arg-type]

    rows = records(summary)
    any_lower = _country_bars(ax, rows, "returned_per_100k", "total_is_lower_bound", label)
    ax.set_xlabel(t("figure.rate_axis", year=year))
    _bar_legend(ax, any_lower, False)
    return fig


def _stacked(ax: Axes, rows: list[dict], horizontal: bool) -> tuple[set[str], bool]:
    """Draw one stacked bar per row from its groups and not-specified remainder.

    Returns the groups drawn and whether any part is a lower bound. A group not reported is
    not drawn (never a 0-length bar standing for "none").
    """
    used: set[str] = set()
    any_lower = False
    bar = ax.barh if horizontal else ax.bar
    for i, rec in enumerate(rows):
        base = 0
        for group in STACK:
            value = rec.get(group)
            if is_missing(value) or int(value) <= 0:
                continue
            lb = bool(rec.get(f"{group}_is_lower_bound"))
            any_lower |= lb
            place = {"left": base} if horizontal else {"bottom": base}
            bars = bar(
                i,
                int(value),
                0.6,
                **place,
                color=GROUP_COLOURS[group],
                edgecolor="white",
                hatch=LOWER_BOUND_HATCH if lb else None,
                alpha=0.45 if rec.get("is_weak_only") else 1,
            )
            if horizontal and int(value) >= 40:
                ax.bar_label(bars, [format_count(value, lb)], label_type="center", fontsize=8)
            base += int(value)
            used.add(group)
    return used, any_lower


def _group_handles(used: set[str], any_lower: bool) -> list:
    handles: list = [
        Patch(color=GROUP_COLOURS[g], label=group_label(g)) for g in STACK if g in used
    ]
    if any_lower:
        handles.append(lower_bound_patch())
    return handles


def _mark_total_below_groups(ax: Axes, i: int, rec: dict, handles: list) -> None:
    """Draw the total as a line across a bar whose groups add up to more than it.

    The groups' floors come from sources that disagree with the total; the bar alone would read
    as a total it is not. The line's legend entry is added once.
    """
    over = rec.get("groups_over_total")
    if is_missing(over) or int(over) <= 0:
        return
    high = rec.get("total_high")
    top = int(rec["total_returned"] if is_missing(high) else high)
    ax.plot([top, top], [i - 0.42, i + 0.42], color="black", linewidth=2.5)
    label = t("figure.groups_over_label", total=fmt_int(top), over=fmt_int(int(over)))
    ax.text(top, i + 0.33, label + " ", ha="right", va="bottom", fontsize=8)  # above the bar
    if not any(isinstance(h, Line2D) for h in handles):
        label = wrap_label(t("figure.total_line"), 34)
        handles.append(Line2D([], [], color="black", linewidth=2.5, label=label))


@styled
def plot_breakdown(totals: pd.DataFrame, source: str | None = None) -> Figure:
    """Stacked bars of each group and the not-specified remainder per country.

    Where the groups' floors add up to more than the total (``groups_over_total``), the total
    is drawn as a line across the bar.
    """
    fig, ax = new_figure(t("figure.breakdown_title", as_of=as_of_label(totals)), source)
    rows = records(totals.iloc[::-1])
    used, any_lower = _stacked(ax, rows, horizontal=True)
    handles = _group_handles(used, any_lower)
    for i, rec in enumerate(rows):
        if is_missing(rec["total_returned"]):
            ax.text(0, i, " " + t("count.not_reported"), va="center", style="italic")
        _mark_total_below_groups(ax, i, rec, handles)
    ax.set_yticks(range(len(rows)), [country_name(r["country_iso3"]) for r in rows])
    ax.set_xlabel(t("figure.people_axis"))
    legend_below(ax, handles, x=0.45, y=-0.12, ncol=3)
    fig.subplots_adjust(bottom=0.28)
    return fig


@styled
def plot_operations(
    operations: pd.DataFrame, source: str | None = None, years: tuple[int, int] | None = None
) -> Figure:
    """Stacked bars for one country's operations in date order: each group and the rest.

    Takes ``compute_operations`` output, whose counts already include ``unspecified``.
    ``years`` (first, last), e.g. ``(2019, 2021)``, keeps the operations of those years only.
    """
    operations = in_years(operations, years)
    code = operations["country_iso3"].iloc[0] if len(operations) else ""
    fig, ax = new_figure(t("figure.operations_title", country=country_name(code)), source)
    rows = records(operations)
    used, any_lower = _stacked(ax, rows, horizontal=False)
    for i, rec in enumerate(rows):
        total = sum(int(rec[g]) for g in STACK if not is_missing(rec.get(g)) and int(rec[g]) > 0)
        label = format_count(rec[PEOPLE], bool(rec["people_is_lower_bound"]))
        weak = "\n" + t("figure.weak_only") if rec["is_weak_only"] else ""
        ax.text(i, total, label + weak, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(
        range(len(rows)),
        [_operation_label(r["name"], r["date_label"]) for r in rows],
        fontsize=7,
    )
    ax.set_xlim(-0.6, max(len(rows), 5) - 0.4)
    ax.set_ylabel(t("figure.people_axis"))
    legend_below(ax, _group_handles(used, any_lower), x=0.45, y=-0.2, ncol=3)
    fig.set_size_inches(FIGSIZE[0], 5.6)
    fig.subplots_adjust(bottom=0.3, left=0.1, top=0.88)
    if rows:
        ax.set_ylim(0, max(int(r[PEOPLE]) for r in rows) * 1.25)
    return fig


@styled
def plot_checks(checks: pd.DataFrame, source: str | None = None) -> Figure:
    """Paired bars: each stated total beside the sum of its parts (or of its operations).

    Only totals with a gap are drawn. A lower bound (the sum, or the stated total) is hatched
    and marked "≥"; the gap reads "at most" against a floor sum, "at least" against a stated
    floor, and "not known" between two floors (``helpers.report.check_text.gap_text``).
    """
    from helpers.report.check_text import gap_text

    sel = checks[
        checks["check"].isin([KIND.breakdown_vs_total, KIND.operations_vs_total])
        & checks["status"].isin(GAP_STATUSES)
    ]
    fig, ax = new_figure(t("figure.checks_title"), source)
    rows = records(sel.iloc[::-1])
    height = max(FIGSIZE[1], 0.45 * len(rows) + 2.2)
    for i, rec in enumerate(rows):
        colour = country_colour(rec["country_iso3"])
        lb = (
            bool(rec["observed_is_lower_bound"])
            if not is_missing(rec["observed_is_lower_bound"])
            else False
        )
        floor = bool(rec.get("expected_is_lower_bound") is True)  # a stated floor: "≥", hatched
        ax.barh(
            i + 0.2,
            int(rec["expected"]),
            0.4,
            color=colour,
            edgecolor="white" if floor else colour,
            hatch=LOWER_BOUND_HATCH if floor else None,
        )
        ax.barh(
            i - 0.2,
            int(rec["observed"]),
            0.4,
            color="white",
            edgecolor=colour,
            hatch=LOWER_BOUND_HATCH if lb else "..",
        )
        ax.text(
            int(rec["expected"]),
            i + 0.2,
            " " + format_count(int(rec["expected"]), floor),
            va="center",
            fontsize=7,
        )
        gap = gap_text(rec["status"], int(rec["difference"]))
        ax.text(
            int(rec["observed"]),
            i - 0.2,
            " " + t("figure.sum_gap", sum=format_count(int(rec["observed"]), lb), gap=gap),
            va="center",
            fontsize=7,
        )
    labels = [
        f"{country_name(r['country_iso3'])}, {r['subject']}: "
        + t("figure.groups_of" if r["check"] == KIND.breakdown_vs_total else "figure.operations_in")
        for r in rows
    ]
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    if rows:
        ax.set_xlim(0, max(max(int(r["expected"]), int(r["observed"])) for r in rows) * 1.4)
    ax.set_xlabel(t("figure.people_axis"))
    handles = [
        Patch(color="#777777", label=t("figure.stated_total")),
        Patch(facecolor="white", edgecolor="#777777", hatch="..", label=t("figure.sum_of_parts")),
        lower_bound_patch(t("checks.legend_floor")),
    ]
    legend_below(ax, handles, x=0.3, y=-0.5 / height * 5 / 4, ncol=2)
    fig.set_size_inches(FIGSIZE[0], height)
    fig.subplots_adjust(left=0.42, right=0.95, top=1 - 0.7 / height, bottom=1.4 / height)
    return fig
