"""The reports' house style for figures: size, fonts and colours, title and source line, legends.

Every figure is drawn inside ``styles/report.mplstyle`` without touching the global settings, on
a ``new_figure`` of the reports' size. Figures are made without pyplot and no backend is
switched, so importing this module leaves a JupyterLab session's plotting as it was.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Callable
from contextlib import AbstractContextManager
from functools import wraps
from pathlib import Path
from typing import Any

import matplotlib.style
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from helpers.data.arguments import check_years
from helpers.report.i18n import fmt_date, t

STYLE = Path(__file__).parent / "styles" / "report.mplstyle"
FIGSIZE = (9.0, 5.0)
DPI = 100
LOWER_BOUND_HATCH = "///"


def styled(plot: Callable[..., Figure]) -> Callable[..., Figure]:
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
    fig = Figure(figsize=FIGSIZE, dpi=DPI)
    ax = fig.add_subplot()
    fig.subplots_adjust(left=0.2, right=0.95, top=0.86, bottom=0.2)
    fig.suptitle(title, x=0.02, ha="left", fontsize=13, fontweight="bold")
    fig.text(0.02, 0.02, source or source_line(), fontsize=8, color="#555555", ha="left")
    return fig, ax


def lower_bound_patch(label: str | None = None, hatch: str = LOWER_BOUND_HATCH) -> Patch:
    """Make the legend entry for hatched lower bounds."""
    label = label or t("figure.lower_bound")
    return Patch(facecolor="white", edgecolor="#333333", hatch=hatch, label=label)


def legend_below(ax: Axes, handles: list, x: float, y: float, ncol: int) -> None:
    """Put the legend under the axes, centred at ``x``."""
    ax.legend(handles=handles, loc="upper center", bbox_to_anchor=(x, y), ncol=ncol)


def in_years(operations: pd.DataFrame, years: tuple[int, int] | None) -> pd.DataFrame:
    """Keep the operations of the years ``years`` (first, last) spans; all of them for None."""
    span = check_years(years)
    if span is None:
        return operations
    return operations[operations["year"].between(span[0], span[1])]


def as_of_label(frame: pd.DataFrame) -> str:
    """Return the date of a table's first ``as_of``, written out; empty for an empty table."""
    return fmt_date(frame["as_of"].iloc[0]) if len(frame) else ""
