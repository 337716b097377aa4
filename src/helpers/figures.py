"""Figures for readers: each ``plot_*`` returns a Figure; ``save_figure`` is the only writer.

Every figure has a title saying what it shows, axes labelled with units, a source line, lower
bounds drawn hatched and labelled "≥", and "not reported" written out, never drawn as 0.
"""

from __future__ import annotations

import base64
import html
import textwrap
from dataclasses import dataclass
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import pandas as pd  # noqa: E402
from matplotlib.axes import Axes  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402

from helpers.analysis import GROUPS, _na  # noqa: E402
from helpers.names import GROUP_COLOURS, GROUP_LABELS, country_colour, country_name  # noqa: E402

SOURCE_LINE = (
    "Source: central-asia-returnees dataset, compiled from the reports cited in data/sources.csv"
)
FIGSIZE = (9.0, 5.0)
DPI = 100
LOWER_BOUND_HATCH = "///"
matplotlib.rcParams.update(
    {
        "svg.hashsalt": "central-asia-returnees",
        "svg.fonttype": "path",
        "font.family": "DejaVu Sans",
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
)


def _new_figure(title: str, source: str) -> tuple[Figure, Axes]:
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.2, right=0.95, top=0.86, bottom=0.2)
    fig.suptitle(title, x=0.02, ha="left", fontsize=13, fontweight="bold")
    fig.text(0.02, 0.02, source, fontsize=8, color="#555555", ha="left")
    return fig, ax


def _lower_bound_patch(label: str, hatch: str = LOWER_BOUND_HATCH) -> Patch:
    """Make the legend entry for hatched lower bounds."""
    return Patch(facecolor="white", edgecolor="#333333", hatch=hatch, label=label)


def _legend_below(ax: Axes, handles: list, x: float, y: float, ncol: int) -> None:
    """Put the legend under the axes, centred at ``x``, without a frame."""
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(x, y),
        ncol=ncol,
        fontsize=8,
        frameon=False,
    )


def _label(count: object, lower_bound: bool) -> str:
    if _na(count):
        return "not reported"
    return ("≥" if lower_bound else "") + f"{int(count):,}"


def _lower_bound_note(ax: Axes, any_lower: bool) -> None:
    if any_lower:
        handle = _lower_bound_patch("Lower bound (≥): the true figure may be higher")
        ax.legend(
            handles=[handle],
            loc="upper center",
            bbox_to_anchor=(0.4, -0.16),
            fontsize=8,
            frameon=False,
        )
        ax.figure.subplots_adjust(bottom=0.26)


def plot_totals(totals: pd.DataFrame, source: str = SOURCE_LINE) -> Figure:
    """Bar chart of people returned per country (``compute_country_totals`` output)."""
    as_of = totals["as_of"].iloc[0] if len(totals) else ""
    fig, ax = _new_figure(f"People returned home, by country, as of {as_of}", source)
    rows = totals.iloc[::-1]
    names = [country_name(c) for c in rows["country_iso3"]]
    top = max([int(v) for v in rows["total_returned"] if not _na(v)] or [1])
    for i, rec in enumerate(rows.to_dict("records")):
        lb = bool(rec["total_is_lower_bound"])
        if not _na(rec["total_returned"]):
            ax.barh(
                i,
                int(rec["total_returned"]),
                color=country_colour(rec["country_iso3"]),
                hatch=LOWER_BOUND_HATCH if lb else None,
                edgecolor="white" if lb else None,
            )
            ax.text(
                int(rec["total_returned"]) + top * 0.01,
                i,
                _label(rec["total_returned"], lb),
                va="center",
                fontsize=10,
            )
        else:
            ax.text(top * 0.01, i, "not reported", va="center", fontsize=10, style="italic")
    ax.set_yticks(range(len(names)), names)
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel("People returned (number of people)")
    _lower_bound_note(ax, bool(rows["total_is_lower_bound"].any()))
    return fig


def plot_breakdown(totals: pd.DataFrame, source: str = SOURCE_LINE) -> Figure:
    """Stacked bars of women, children, men, combined and not-specified returnees per country."""
    as_of = totals["as_of"].iloc[0] if len(totals) else ""
    fig, ax = _new_figure(f"Who has come home: women, children and men, as of {as_of}", source)
    rows = totals.iloc[::-1].to_dict("records")
    used: set[str] = set()
    any_lower = False
    for i, rec in enumerate(rows):
        left = 0
        for group in (*GROUPS, "unspecified"):
            value = rec[group]
            if _na(value) or int(value) == 0:
                continue
            lb = bool(rec[f"{group}_is_lower_bound"])
            any_lower |= lb
            ax.barh(
                i,
                int(value),
                left=left,
                color=GROUP_COLOURS[group],
                edgecolor="white",
                hatch=LOWER_BOUND_HATCH if lb else None,
            )
            if int(value) >= 40:
                ax.text(
                    left + int(value) / 2,
                    i,
                    _label(value, lb),
                    ha="center",
                    va="center",
                    fontsize=8,
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1},
                )
            left += int(value)
            used.add(group)
        if _na(rec["total_returned"]):
            ax.text(0, i, " not reported", va="center", style="italic")
    ax.set_yticks(range(len(rows)), [country_name(r["country_iso3"]) for r in rows])
    ax.set_xlabel("People returned (number of people)")
    handles = [
        Patch(color=GROUP_COLOURS[g], label=GROUP_LABELS[g])
        for g in (*GROUPS, "unspecified")
        if g in used
    ]
    if any_lower:
        handles.append(_lower_bound_patch("Lower bound (≥)"))
    _legend_below(ax, handles, x=0.45, y=-0.12, ncol=3)
    fig.subplots_adjust(bottom=0.28)
    return fig


def plot_per_100k(summary: pd.DataFrame, source: str = SOURCE_LINE) -> Figure:
    """Bar chart of people returned per 100,000 population (``compute_country_summary`` output)."""
    year = int(summary["population_year"].iloc[0]) if len(summary) else ""
    fig, ax = _new_figure(
        "People returned per 100,000 population",
        source + f"; population: World Bank SP.POP.TOTL, {year}",
    )
    rows = summary.iloc[::-1].to_dict("records")
    top = max(
        [float(r["returned_per_100k"]) for r in rows if not _na(r["returned_per_100k"])] or [1.0]
    )
    for i, rec in enumerate(rows):
        value, lb = rec["returned_per_100k"], bool(rec["total_is_lower_bound"])
        if _na(value):
            ax.text(top * 0.01, i, "not reported", va="center", style="italic")
            continue
        ax.barh(
            i,
            float(value),
            color=country_colour(rec["country_iso3"]),
            hatch=LOWER_BOUND_HATCH if lb else None,
            edgecolor="white" if lb else None,
        )
        ax.text(
            float(value) + top * 0.01, i, ("≥" if lb else "") + f"{float(value):.2f}", va="center"
        )
    ax.set_yticks(range(len(rows)), [country_name(r["country_iso3"]) for r in rows])
    ax.set_xlim(0, top * 1.15)
    ax.set_xlabel(f"People returned per 100,000 population ({year} population)")
    _lower_bound_note(ax, any(bool(r["total_is_lower_bound"]) for r in rows))
    return fig


def plot_timeline(operations: pd.DataFrame, source: str = SOURCE_LINE) -> Figure:
    """Timeline of return operations: one row per operation, grouped by country, dot at its date."""
    fig, ax = _new_figure("Reported return operations, by date", source)
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
        text = _label(rec["people"], lb) + (" (weak source only)" if weak else "")
        ax.annotate(
            text,
            (rec["date"], i),
            xytext=(4 + size**0.5 / 2, 0),
            textcoords="offset points",
            va="center",
            fontsize=8,
        )
    ax.set_yticks(
        range(len(rows)),
        [f"{r['name']} ({country_name(r['country_iso3'])})" for r in rows],
        fontsize=8,
    )
    ax.set_ylim(-0.8, len(rows) - 0.2)
    if rows:
        dates = [r["date"] for r in rows]
        ax.set_xlim(min(dates) - pd.Timedelta(days=120), max(dates) + pd.Timedelta(days=420))
    ax.set_xlabel("Date of the operation (dot area: people returned)")
    ax.grid(axis="x", color="#eeeeee")
    handles = [
        Patch(color=country_colour(c), label=country_name(c))
        for c in sorted({r["country_iso3"] for r in rows})
    ]
    handles += [
        _lower_bound_patch("Lower bound (≥): total or a group not stated", hatch="////"),
        Patch(
            facecolor="white",
            edgecolor="#333333",
            linestyle="--",
            label="Only a weak source reports it",
        ),
    ]
    _legend_below(ax, handles, x=0.35, y=-0.07, ncol=3)
    height = max(FIGSIZE[1], 0.32 * len(rows) + 2.5)
    fig.set_size_inches(FIGSIZE[0], height)
    fig.subplots_adjust(left=0.36, right=0.95, top=1 - 0.6 / height, bottom=1.5 / height)
    return fig


def plot_operations(operations: pd.DataFrame, source: str = SOURCE_LINE) -> Figure:
    """Stacked bars for one country's operations in date order: women, children, men, the rest."""
    code = operations["country_iso3"].iloc[0] if len(operations) else ""
    fig, ax = _new_figure(
        f"{country_name(code)}: people returned in each reported operation", source
    )
    rows = operations.to_dict("records")
    used: set[str] = set()
    for i, rec in enumerate(rows):
        bottom = 0
        parts = [
            (g, rec[g], bool(rec[f"{g}_is_lower_bound"])) for g in ("women", "children", "men")
        ]
        rest = int(rec["people"]) - sum(int(v) for _, v, _ in parts if not _na(v))
        parts.append(("unspecified", rest, False))
        for group, value, lb in parts:
            if _na(value) or int(value) <= 0:
                continue
            ax.bar(
                i,
                int(value),
                bottom=bottom,
                color=GROUP_COLOURS[group],
                edgecolor="white",
                hatch=LOWER_BOUND_HATCH if lb else None,
                alpha=0.45 if rec["is_weak_only"] else 1,
            )
            bottom += int(value)
            used.add(group)
        label = _label(rec["people"], bool(rec["people_is_lower_bound"]))
        ax.text(
            i,
            bottom,
            label + ("\n(weak source only)" if rec["is_weak_only"] else ""),
            ha="center",
            va="bottom",
            fontsize=8,
        )
    names = [textwrap.fill(str(r["name"]), 14) for r in rows]
    ax.set_xticks(
        range(len(rows)),
        [f"{n}\n{r['date_label']}" for n, r in zip(names, rows, strict=True)],
        fontsize=7,
    )
    ax.set_xlim(-0.6, max(len(rows), 4) - 0.4)
    ax.set_ylabel("People returned (number of people)")
    handles = [
        Patch(color=GROUP_COLOURS[g], label=GROUP_LABELS[g])
        for g in ("women", "children", "men", "unspecified")
        if g in used
    ]
    if any(bool(r[f"{g}_is_lower_bound"]) for r in rows for g in ("women", "children", "men")):
        handles.append(_lower_bound_patch("Lower bound (≥): the true figure may be higher"))
    _legend_below(ax, handles, x=0.45, y=-0.2, ncol=3)
    fig.set_size_inches(FIGSIZE[0], 5.6)
    fig.subplots_adjust(bottom=0.3, left=0.1, top=0.88)
    if rows:
        ax.set_ylim(0, max(int(r["people"]) for r in rows) * 1.25)
    return fig


def plot_operations_per_year(operations: pd.DataFrame, source: str = SOURCE_LINE) -> Figure:
    """Draw grouped bars of people returned in reported operations per year and country."""
    fig, ax = _new_figure("People returned in reported operations, per year", source)
    ops = operations[~operations["is_weak_only"]]
    table = ops.groupby(["year", "country_iso3"])["people"].sum().unstack(fill_value=0)
    counts = ops.groupby(["year", "country_iso3"]).size().unstack(fill_value=0)
    lower = (
        ops.groupby(["year", "country_iso3"])["people_is_lower_bound"]
        .any()
        .unstack(fill_value=False)
    )
    if len(table):
        span = range(int(table.index.min()), int(table.index.max()) + 1)
        table, counts = table.reindex(span, fill_value=0), counts.reindex(span, fill_value=0)
        lower = lower.reindex(span, fill_value=False)
    years, codes = list(table.index), list(table.columns)
    width = 0.8 / max(len(codes), 1)
    for j, code in enumerate(codes):
        for i, year in enumerate(years):
            value, n = int(table.loc[year, code]), int(counts.loc[year, code])
            if n == 0:
                continue
            lb = bool(lower.loc[year, code])
            x = i + (j - (len(codes) - 1) / 2) * width
            ax.bar(
                x,
                value,
                width,
                color=country_colour(code),
                hatch=LOWER_BOUND_HATCH if lb else None,
                edgecolor="white",
            )
            ax.text(
                x,
                value,
                f"{'≥' if lb else ''}{value}\n({n} op.)",
                ha="center",
                va="bottom",
                fontsize=6.5,
            )
    ax.set_xticks(range(len(years)), [str(y) for y in years])
    ax.set_xlabel("Year of the operation")
    ax.set_ylabel("People returned (number of people)")
    handles = [Patch(color=country_colour(c), label=country_name(c)) for c in codes]
    handles.append(_lower_bound_patch("Includes a lower bound (≥)"))
    ax.legend(handles=handles, loc="upper right", fontsize=8, frameon=False)
    if len(table):
        ax.set_ylim(0, float(table.to_numpy().max()) * 1.25)
    return fig


def plot_checks(checks: pd.DataFrame, source: str = SOURCE_LINE) -> Figure:
    """Paired bars: each stated total beside the sum of its parts (or of its operations)."""
    sel = checks[
        checks["check"].isin(["breakdown_vs_total", "operations_vs_total"])
        & (checks["difference"].fillna(0) != 0)
    ]
    fig, ax = _new_figure("Stated totals beside the sum of their parts", source)
    rows = sel.iloc[::-1].to_dict("records")
    height = max(FIGSIZE[1], 0.45 * len(rows) + 2.2)
    for i, rec in enumerate(rows):
        colour = country_colour(rec["country_iso3"])
        ax.barh(i + 0.2, int(rec["expected"]), 0.4, color=colour)
        ax.barh(i - 0.2, int(rec["observed"]), 0.4, color="white", edgecolor=colour, hatch="..")
        ax.text(
            int(rec["expected"]), i + 0.2, f" {int(rec['expected']):,}", va="center", fontsize=7
        )
        ax.text(
            int(rec["observed"]),
            i - 0.2,
            f" {int(rec['observed']):,} (gap {int(rec['difference']):,})",
            va="center",
            fontsize=7,
        )
    labels = [
        f"{country_name(r['country_iso3'])}: "
        + ("groups of " if r["check"] == "breakdown_vs_total" else "operations in ")
        + r["subject"]
        for r in rows
    ]
    ax.set_yticks(range(len(rows)), labels, fontsize=7)
    ax.set_xlabel("People (number of people)")
    handles = [
        Patch(color="#777777", label="Stated total"),
        Patch(
            facecolor="white",
            edgecolor="#777777",
            hatch="..",
            label="Sum of its parts (groups or operations)",
        ),
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
            f'<img src="data:image/png;base64,{data}" alt="{alt}" '
            f'style="max-width:100%;height:auto" width="{int(FIGSIZE[0] * DPI)}">'
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
    fig.savefig(png, dpi=DPI, metadata={"Software": None})
    fig.savefig(svg, metadata={"Date": None, "Creator": None})
    return SavedFigure(png, svg, alt)
