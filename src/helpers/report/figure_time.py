"""Figures over time: the timeline of operations, operations per year, the count by month.

Each ``plot_*`` returns a Figure and never saves it (``figure_files.save_figure`` does). Dates
run along the x axis; a lower bound is hatched or dotted and labelled "≥", a year or month with
nothing reported says so or stays empty, never drawn as 0. Text is in the current language.
"""

from __future__ import annotations

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.data.arguments import check_years
from helpers.data.frames import records
from helpers.data.vocab import PEOPLE
from helpers.report.figure_style import (
    FIGSIZE,
    LOWER_BOUND_HATCH,
    in_years,
    legend_below,
    lower_bound_patch,
    new_figure,
    styled,
    wrap_label,
)
from helpers.report.i18n import fmt_date, t, t_plural
from helpers.report.names import country_colour, country_name
from helpers.report.wording import format_count


@styled
def plot_timeline(
    operations: pd.DataFrame, source: str | None = None, years: tuple[int, int] | None = None
) -> Figure:
    """Timeline of return operations: one row per operation, grouped by country, dot at its date.

    ``years`` (first, last), e.g. ``(2019, 2025)``, sets the span of the time axis: from 1
    January of the first year to 31 December of the last, and only the operations inside it.
    """
    span = check_years(years)
    operations = in_years(operations, span)
    fig, ax = new_figure(t("figure.timeline_title"), source)
    rows = operations.sort_values(["country_iso3", "date"], ascending=[False, False])
    rows = records(rows)
    top = max([int(r[PEOPLE]) for r in rows] or [1])
    for i, rec in enumerate(rows):
        code = rec["country_iso3"]
        lb, weak = bool(rec["people_is_lower_bound"]), bool(rec["is_weak_only"])
        size = 20 + 380 * int(rec[PEOPLE]) / top
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
        text = format_count(rec[PEOPLE], lb) + ("\n" + t("figure.weak_only") if weak else "")
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
        lower_bound_patch(t("figure.lower_bound_operation"), hatch="////"),
        Patch(
            facecolor="white", edgecolor="#333333", linestyle="--", label=t("figure.weak_legend")
        ),
    ]
    legend_below(ax, handles, x=0.35, y=-0.07, ncol=3)
    height = max(FIGSIZE[1], 0.32 * len(rows) + 2.5)
    fig.set_size_inches(FIGSIZE[0], height)
    fig.subplots_adjust(left=0.36, right=0.95, top=1 - 0.6 / height, bottom=1.5 / height)
    return fig


@styled
def plot_operations_per_year(
    operations: pd.DataFrame, source: str | None = None, years: tuple[int, int] | None = None
) -> Figure:
    """Draw grouped bars of people repatriated in reported operations per year and country.

    A year inside the span with no operation reported says so, rather than standing empty.
    ``years`` (first, last), e.g. ``(2019, 2025)``, is the span shown (default: from the first
    to the last year with an operation).
    """
    span = check_years(years)
    fig, ax = new_figure(t("figure.per_year_title"), source)
    ops = in_years(operations[~operations["is_weak_only"]], span)
    keys = ["year", "country_iso3"]
    table = ops.groupby(keys)[PEOPLE].sum().unstack(fill_value=0)
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
    handles.append(lower_bound_patch(t("figure.includes_lower_bound")))
    ax.legend(handles=handles, loc="upper right")
    if table.size and top > 0:
        ax.set_ylim(0, top * 1.55)
    return fig


@styled
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

    rows = timeline[timeline["group"] == PEOPLE].copy()
    rows["as_of"] = pd.to_datetime(rows["as_of"])
    last = fmt_date(rows["as_of"].max()) if len(rows) else ""
    fig, ax = new_figure(t("timeline.chart_title", as_of=last), source)
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
