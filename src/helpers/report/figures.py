"""Figures for readers: each ``plot_*`` returns a Figure; ``save_figure`` is the only writer.

Every figure has a title saying what it shows, axes labelled with units, a source line, lower
bounds drawn hatched and labelled "≥", and "not reported" written out, never drawn as 0. Text is
in the current language (``report.i18n``); the look is ``styles/report.mplstyle``. Figures are
made without pyplot and no backend is switched, so importing this module leaves a JupyterLab
session's plotting as it was.
"""

from __future__ import annotations

import base64
import html
import re
import textwrap
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import wraps
from pathlib import Path
from typing import Any

import matplotlib.style
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.data.arguments import check_years
from helpers.data.vocab import GROUPS, UNSPECIFIED, is_missing
from helpers.report.i18n import fmt_date, fmt_decimal, t, t_plural
from helpers.report.names import country_colour, country_name
from helpers.report.wording import GROUP_COLOURS, format_bounded, format_count, group_label

STYLE = Path(__file__).parent / "styles" / "report.mplstyle"
FIGSIZE = (9.0, 5.0)
DPI = 100
LOWER_BOUND_HATCH = "///"
STACK = (*GROUPS, UNSPECIFIED)
"""The order of the groups in a stacked bar: each group, then what is not specified."""


def _styled(plot: Callable[..., Figure]) -> Callable[..., Figure]:
    """Draw inside the report style, without touching the global settings."""

    @wraps(plot)
    def draw(*args: Any, **kwargs: Any) -> Figure:
        with matplotlib.style.context(STYLE):
            return plot(*args, **kwargs)

    return draw


def wrap_label(text: str, width: int) -> str:
    """Wrap a label at word boundaries only: a long word stays whole, never split mid-word.

    "2023 г." stays on one line: the space before «г.»/«гг.» becomes a no-break space.
    """
    text = re.sub(r" (гг?\.)", "\u00a0\\1", str(text))
    return textwrap.fill(text, width, break_long_words=False, break_on_hyphens=False)


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


def source_line() -> str:
    """Return the figures' source line in the current language."""
    return t("figure.source")


def house_style() -> AbstractContextManager[None]:
    """Draw in the reports' style inside ``with helpers.house_style():`` (fonts, colours, grid).

    Global settings are untouched outside the block. With ``new_figure`` a figure of one's own
    looks like the reports' own.
    """
    return matplotlib.style.context(STYLE)


def new_figure(title: str, source: str | None = None) -> tuple[Figure, Axes]:
    """Return a figure in the reports' size with its title and source line, and its axes.

    Call it inside ``with helpers.house_style():``; label the axes with their units, mark lower
    bounds ("≥", hatching) and write "not reported" rather than drawing 0. ``source`` replaces
    the project's source line.
    """
    return _new_figure(title, source)


def _new_figure(title: str, source: str | None = None) -> tuple[Figure, Axes]:
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.2, right=0.95, top=0.86, bottom=0.2)
    fig.suptitle(title, x=0.02, ha="left", fontsize=13, fontweight="bold")
    fig.text(0.02, 0.02, source or source_line(), fontsize=8, color="#555555", ha="left")
    return fig, ax


def _lower_bound_patch(label: str | None = None, hatch: str = LOWER_BOUND_HATCH) -> Patch:
    """Make the legend entry for hatched lower bounds."""
    label = label or t("figure.lower_bound")
    return Patch(facecolor="white", edgecolor="#333333", hatch=hatch, label=label)


def _legend_below(ax: Axes, handles: list, x: float, y: float, ncol: int) -> None:
    """Put the legend under the axes, centred at ``x``."""
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(x, y), ncol=ncol)


def _in_years(operations: pd.DataFrame, years: tuple[int, int] | None) -> pd.DataFrame:
    """Keep the operations of the years ``years`` (first, last) spans; all of them for None."""
    span = check_years(years)
    if span is None:
        return operations
    return operations[operations["year"].between(span[0], span[1])]


def _as_of(frame: pd.DataFrame) -> str:
    return fmt_date(frame["as_of"].iloc[0]) if len(frame) else ""


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
        handles.append(_lower_bound_patch())
    if handles:
        _legend_below(ax, handles, x=0.4, y=-0.16, ncol=2)
        ax.figure.subplots_adjust(bottom=0.28)


@_styled
def plot_totals(totals: pd.DataFrame, source: str | None = None) -> Figure:
    """Bar chart of people repatriated per country, with the range the sources give beside it.

    Takes ``compute_country_totals`` output; a line above a bar spans ``total_low`` to
    ``total_high`` where the sources' country-wide totals differ.
    """
    fig, ax = _new_figure(t("figure.totals_title", as_of=_as_of(totals)), source)
    rows = totals.to_dict("records")
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


@_styled
def plot_per_100k(summary: pd.DataFrame, source: str | None = None) -> Figure:
    """Bar chart of people repatriated per 100,000 population (``compute_country_summary``)."""
    year = str(int(summary["population_year"].iloc[0])) if len(summary) else ""
    fig, ax = _new_figure(
        t("figure.rate_title"), (source or source_line()) + t("figure.population_source", year=year)
    )

    def label(value: object, lb: bool) -> str:
        return format_bounded(fmt_decimal(float(value)), lb)  # type: ignore[arg-type]

    rows = summary.to_dict("records")
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
        handles.append(_lower_bound_patch())
    return handles


@_styled
def plot_breakdown(totals: pd.DataFrame, source: str | None = None) -> Figure:
    """Stacked bars of each group and the not-specified remainder per country."""
    fig, ax = _new_figure(t("figure.breakdown_title", as_of=_as_of(totals)), source)
    rows = totals.iloc[::-1].to_dict("records")
    used, any_lower = _stacked(ax, rows, horizontal=True)
    for i, rec in enumerate(rows):
        if is_missing(rec["total_returned"]):
            ax.text(0, i, " " + t("count.not_reported"), va="center", style="italic")
    ax.set_yticks(range(len(rows)), [country_name(r["country_iso3"]) for r in rows])
    ax.set_xlabel(t("figure.people_axis"))
    _legend_below(ax, _group_handles(used, any_lower), x=0.45, y=-0.12, ncol=3)
    fig.subplots_adjust(bottom=0.28)
    return fig


@_styled
def plot_operations(
    operations: pd.DataFrame, source: str | None = None, years: tuple[int, int] | None = None
) -> Figure:
    """Stacked bars for one country's operations in date order: each group and the rest.

    Takes ``compute_operations`` output, whose counts already include ``unspecified``.
    ``years`` (first, last), e.g. ``(2019, 2021)``, keeps the operations of those years only.
    """
    operations = _in_years(operations, years)
    code = operations["country_iso3"].iloc[0] if len(operations) else ""
    fig, ax = _new_figure(t("figure.operations_title", country=country_name(code)), source)
    rows = operations.to_dict("records")
    used, any_lower = _stacked(ax, rows, horizontal=False)
    for i, rec in enumerate(rows):
        total = sum(int(rec[g]) for g in STACK if not is_missing(rec.get(g)) and int(rec[g]) > 0)
        label = format_count(rec["people"], bool(rec["people_is_lower_bound"]))
        weak = "\n" + t("figure.weak_only") if rec["is_weak_only"] else ""
        ax.text(i, total, label + weak, ha="center", va="bottom", fontsize=8)
    ax.set_xticks(
        range(len(rows)),
        [_operation_label(r["name"], r["date_label"]) for r in rows],
        fontsize=7,
    )
    ax.set_xlim(-0.6, max(len(rows), 5) - 0.4)
    ax.set_ylabel(t("figure.people_axis"))
    _legend_below(ax, _group_handles(used, any_lower), x=0.45, y=-0.2, ncol=3)
    fig.set_size_inches(FIGSIZE[0], 5.6)
    fig.subplots_adjust(bottom=0.3, left=0.1, top=0.88)
    if rows:
        ax.set_ylim(0, max(int(r["people"]) for r in rows) * 1.25)
    return fig


@_styled
def plot_timeline(
    operations: pd.DataFrame, source: str | None = None, years: tuple[int, int] | None = None
) -> Figure:
    """Timeline of return operations: one row per operation, grouped by country, dot at its date.

    ``years`` (first, last), e.g. ``(2019, 2025)``, sets the span of the time axis: from 1
    January of the first year to 31 December of the last, and only the operations inside it.
    """
    span = check_years(years)
    operations = _in_years(operations, span)
    fig, ax = _new_figure(t("figure.timeline_title"), source)
    rows = operations.sort_values(["country_iso3", "date"], ascending=[False, False])
    rows = rows.to_dict("records")
    top = max([int(r["people"]) for r in rows] or [1])
    for i, rec in enumerate(rows):
        code = rec["country_iso3"]
        lb, weak = bool(rec["people_is_lower_bound"]), bool(rec["is_weak_only"])
        size = 20 + 380 * int(rec["people"]) / top
        ax.scatter(
            rec["date"],
            i,
            s=size,
            color="white" if (lb or weak) else country_colour(code),
            edgecolor=country_colour(code),
            linewidth=1.5,
            zorder=3,
            hatch="////" if lb else None,
            linestyle="--" if weak else "-",
        )
        text = format_count(rec["people"], lb) + ("\n" + t("figure.weak_only") if weak else "")
        # A long note near the right edge goes to the left of its dot, so that it is not cut.
        left = weak and rec["date"] > max(r["date"] for r in rows) - pd.Timedelta(days=730)
        offset = 4 + size**0.5 / 2
        ax.annotate(
            text,
            (rec["date"], i),
            xytext=(-offset if left else offset, 0),
            textcoords="offset points",
            va="center",
            ha="right" if left else "left",
            fontsize=8,
        )
    ax.set_yticks(
        range(len(rows)),
        [wrap_label(f"{r['name']} ({country_name(r['country_iso3'])})", 38) for r in rows],
        fontsize=8,
    )
    ax.set_ylim(-0.8, len(rows) - 0.2)
    if span is not None:
        from matplotlib.dates import DateFormatter, YearLocator

        margin = pd.Timedelta(days=45)  # a dot on 1 January is drawn whole
        ax.set_xlim(pd.Timestamp(span[0], 1, 1) - margin, pd.Timestamp(span[1], 12, 31) + margin)
        ax.xaxis.set_major_locator(YearLocator())
        ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    elif rows:
        dates = [r["date"] for r in rows]
        ax.set_xlim(min(dates) - pd.Timedelta(days=120), max(dates) + pd.Timedelta(days=420))
    ax.set_xlabel(t("figure.timeline_axis"))
    ax.grid(axis="x", color="#eeeeee")
    handles = [
        Patch(color=country_colour(c), label=country_name(c))
        for c in sorted({r["country_iso3"] for r in rows})
    ]
    handles += [
        _lower_bound_patch(t("figure.lower_bound_operation"), hatch="////"),
        Patch(
            facecolor="white", edgecolor="#333333", linestyle="--", label=t("figure.weak_legend")
        ),
    ]
    _legend_below(ax, handles, x=0.35, y=-0.07, ncol=3)
    height = max(FIGSIZE[1], 0.32 * len(rows) + 2.5)
    fig.set_size_inches(FIGSIZE[0], height)
    fig.subplots_adjust(left=0.36, right=0.95, top=1 - 0.6 / height, bottom=1.5 / height)
    return fig


@_styled
def plot_operations_per_year(
    operations: pd.DataFrame, source: str | None = None, years: tuple[int, int] | None = None
) -> Figure:
    """Draw grouped bars of people repatriated in reported operations per year and country.

    A year inside the span with no operation reported says so, rather than standing empty.
    ``years`` (first, last), e.g. ``(2019, 2025)``, is the span shown (default: from the first
    to the last year with an operation).
    """
    span = check_years(years)
    fig, ax = _new_figure(t("figure.per_year_title"), source)
    ops = _in_years(operations[~operations["is_weak_only"]], span)
    keys = ["year", "country_iso3"]
    table = ops.groupby(keys)["people"].sum().unstack(fill_value=0)
    counts = ops.groupby(keys).size().unstack(fill_value=0)
    lower = ops.groupby(keys)["people_is_lower_bound"].any().unstack(fill_value=False)
    if len(table) or span is not None:
        first, last = span or (int(table.index.min()), int(table.index.max()))
        shown = range(first, last + 1)
        table, counts = table.reindex(shown, fill_value=0), counts.reindex(shown, fill_value=0)
        lower = lower.reindex(shown, fill_value=False)
    years, codes = list(table.index), list(table.columns)
    width = 0.8 / max(len(codes), 1)
    top = float(table.to_numpy().max()) if table.size else 1.0
    for i, year in enumerate(years):
        if int(counts.loc[year].sum()) == 0:
            ax.text(
                i,
                top * 0.04,
                t("figure.no_operation"),
                ha="center",
                va="bottom",
                fontsize=7,
                style="italic",
                rotation=90,
            )
        for j, code in enumerate(codes):
            value, n = int(table.loc[year, code]), int(counts.loc[year, code])
            if n == 0:
                continue
            lb = bool(lower.loc[year, code])
            x = i + (j - (len(codes) - 1) / 2) * width
            bars = ax.bar(
                x,
                value,
                width,
                color=country_colour(code),
                hatch=LOWER_BOUND_HATCH if lb else None,
                edgecolor="white",
            )
            count = t_plural("plural.operations", n)
            ax.bar_label(
                bars,
                [f"{format_count(value, lb)} ({count})"],
                fontsize=6.5,
                rotation=90,
                padding=2,
            )
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    if years:  # room for the note of an empty first or last year
        ax.set_xlim(-0.6, len(years) - 0.4)
    else:  # before the first operation: say so rather than leave empty axes
        ax.text(0.5, 0.5, t("figure.no_operation"), transform=ax.transAxes, ha="center")
        ax.set_yticks([])
    ax.set_xlabel(t("figure.year_axis"))
    ax.set_ylabel(t("figure.people_axis"))
    handles = [Patch(color=country_colour(c), label=country_name(c)) for c in codes]
    handles.append(_lower_bound_patch(t("figure.includes_lower_bound")))
    ax.legend(handles=handles, loc="upper right")
    if table.size and top > 0:
        ax.set_ylim(0, top * 1.55)
    return fig


@_styled
def plot_checks(checks: pd.DataFrame, source: str | None = None) -> Figure:
    """Paired bars: each stated total beside the sum of its parts (or of its operations).

    Only totals with a gap are drawn. A lower bound (the sum, or the stated total) is hatched
    and marked "≥"; the gap reads "at most" against a floor sum, "at least" against a stated
    floor, and "not known" between two floors (``helpers.report.check_text.gap_text``).
    """
    from helpers.model.checks import GAP_STATUSES
    from helpers.report.check_text import gap_text

    sel = checks[
        checks["check"].isin(["breakdown_vs_total", "operations_vs_total"])
        & checks["status"].isin(GAP_STATUSES)
    ]
    fig, ax = _new_figure(t("figure.checks_title"), source)
    rows = sel.iloc[::-1].to_dict("records")
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
        + t("figure.groups_of" if r["check"] == "breakdown_vs_total" else "figure.operations_in")
        for r in rows
    ]
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    if rows:
        ax.set_xlim(0, max(max(int(r["expected"]), int(r["observed"])) for r in rows) * 1.4)
    ax.set_xlabel(t("figure.people_axis"))
    handles = [
        Patch(color="#777777", label=t("figure.stated_total")),
        Patch(facecolor="white", edgecolor="#777777", hatch="..", label=t("figure.sum_of_parts")),
        _lower_bound_patch(t("checks.legend_floor")),
    ]
    _legend_below(ax, handles, x=0.3, y=-0.5 / height * 5 / 4, ncol=2)
    fig.set_size_inches(FIGSIZE[0], height)
    fig.subplots_adjust(left=0.42, right=0.95, top=1 - 0.7 / height, bottom=1.4 / height)
    return fig


@dataclass(frozen=True)
class SavedFigure:
    """A figure written to disk; shows itself in a notebook as an image with alt text."""

    png: Path
    svg: Path
    alt: str

    def _repr_html_(self) -> str:
        data = base64.b64encode(self.png.read_bytes()).decode("ascii")
        alt = html.escape(self.alt, quote=True)
        return (
            f'<figure><img src="data:image/png;base64,{data}" alt="{alt}" '
            f'width="{int(FIGSIZE[0] * DPI)}"></figure>'
        )


def save_figure(fig: Figure, directory: str | Path, name: str, alt: str) -> SavedFigure:
    """Write ``fig`` as ``name.png`` and ``name.svg`` with stable bytes; return what was written.

    ``alt`` is the text a screen reader says for the image: what the figure shows.
    No date, software tag or random id goes into either file, so the same figure gives the
    same bytes on every run.
    """
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    png, svg = out / f"{name}.png", out / f"{name}.svg"
    with matplotlib.style.context(STYLE):
        fig.savefig(png, dpi=DPI, metadata={"Software": None})
        fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return SavedFigure(png, svg, alt)


@_styled
def plot_count_over_time(
    timeline: pd.DataFrame, operations: pd.DataFrame | None = None, source: str | None = None
) -> Figure:
    """Draw the total repatriated by month: a step line per country, the sources' range a band.

    Takes ``helpers.model.timeline.compute_timeline`` output (the ``people`` rows are drawn) and,
    optionally, ``compute_operations`` output: each counted operation is a mark on the line at
    its date. Months where the total is a lower bound are drawn dotted; months with nothing
    reported are left empty, never drawn as 0.
    """
    from matplotlib.lines import Line2D

    rows = timeline[timeline["group"] == "people"].copy()
    rows["as_of"] = pd.to_datetime(rows["as_of"])
    last = fmt_date(rows["as_of"].max()) if len(rows) else ""
    fig, ax = _new_figure(t("timeline.chart_title", as_of=last), source)
    any_lower = any_band = False
    for code, one in rows.groupby("country_iso3", sort=True):
        one = one.sort_values("as_of")
        colour = country_colour(str(code))
        known = one[one["count"].notna()]
        if known.empty:
            continue
        dates, counts = list(known["as_of"]), [float(c) for c in known["count"]]
        lower = [bool(f) for f in known["is_lower_bound"]]
        for i, (date, count, lb) in enumerate(zip(dates, counts, lower, strict=True)):
            # A month's level to the next month end, then the rise in the next month's style.
            end = dates[i + 1] if i + 1 < len(dates) else date
            xs, ys = [date, end], [count, count]
            if i + 1 < len(dates):
                ax.plot([end, end], [count, counts[i + 1]], color=colour, lw=2,
                        ls=":" if lower[i + 1] else "-")  # fmt: skip
            ax.plot(xs, ys, color=colour, lw=2, ls=":" if lb else "-", solid_capstyle="butt")
        any_lower |= any(lower)
        band = known[known["low"].notna() & known["high"].notna()]
        if len(band):
            low = band["low"].astype(float).clip(upper=band["count"].astype(float))
            ax.fill_between(
                band["as_of"],
                low,
                band["high"].astype(float),
                step="post",
                color=colour,
                alpha=0.18,
                linewidth=0,
            )
            any_band = True
        if operations is not None and len(operations):
            ops = operations[
                (operations["country_iso3"] == code)
                & ~operations["is_weak_only"].astype(bool)
                & (operations["date"] <= max(dates))
            ]
            for date in ops["date"]:
                before = known[known["as_of"] >= date]
                if len(before):
                    y = float(before["count"].iloc[0])
                    ax.plot(date, y, marker="o", ms=5, color="white", mec=colour, mew=1.5)
    from matplotlib.dates import DateFormatter, MonthLocator, YearLocator

    if len(rows):
        ax.set_xlim(rows["as_of"].min() - pd.Timedelta(days=31), rows["as_of"].max())
    ax.xaxis.set_major_locator(YearLocator())
    ax.xaxis.set_major_formatter(DateFormatter("%Y"))
    ax.xaxis.set_minor_locator(MonthLocator(bymonth=(4, 7, 10)))
    ax.set_ylabel(t("timeline.chart_axis"))
    ax.set_xlabel(t("timeline.chart_date_axis"))
    ax.set_ylim(bottom=0)
    ax.grid(axis="y", color="#eeeeee")
    codes = sorted(rows.loc[rows["count"].notna(), "country_iso3"].unique())
    handles: list = [
        Line2D([], [], color=country_colour(c), lw=2, label=country_name(c)) for c in codes
    ]
    if any_lower:
        handles.append(Line2D([], [], color="#333333", lw=2, ls=":", label=t("timeline.lower")))
    if any_band:
        handles.append(Patch(facecolor="#999999", alpha=0.3, label=t("figure.range")))
    if operations is not None and len(operations):
        handles.append(
            Line2D(
                [], [], ls="", marker="o", color="white", mec="#333333", label=t("timeline.mark")
            )
        )
    fig.legend(handles=handles, loc="lower center", bbox_to_anchor=(0.5, 0.06), ncol=2)
    fig.subplots_adjust(left=0.1, bottom=0.2 + 0.045 * ((len(handles) + 1) // 2))
    return fig
