"""The programmes at a glance: one column per country, one row per field, each fact linked.

The regional report opens with this table, before the full list of facts. A cell holds the
facts' short ``value``s, latest source first, each a link to its quote; a cell with more facts
than fit says how many more the full list holds. A field no source speaks of reads "no fact
recorded", never a blank a reader could take for "none".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import is_missing
from helpers.report.evidence import Evidence
from helpers.report.facts import FIELD_NAMES
from helpers.report.i18n import t
from helpers.report.names import country_name

CELL_LIMIT = 2
"""Facts shown in one cell; the others are in the full list at the end of the report."""


@dataclass(frozen=True)
class Glance:
    """The country × field table as HTML: a header row of countries, a row header per field."""

    countries: list[str]
    rows: list[tuple[str, list[str]]]
    """Each field's label and its cells (HTML: links to evidence, or escaped text)."""
    caption: str
    intro: str = ""
    """The heading and sentence above the table (HTML), printed on the same page as it."""

    def _repr_html_(self) -> str:
        head = f'<th scope="col">{html.escape(t("glance.field"))}</th>' + "".join(
            f'<th scope="col">{html.escape(country_name(c))}</th>' for c in self.countries
        )
        body = "".join(
            f'<tr><th scope="row">{html.escape(label)}</th>'
            + "".join(f"<td>{cell}</td>" for cell in cells)
            + "</tr>"
            for label, cells in self.rows
        )
        return (
            f'<section class="glance">{self.intro}'
            f'<table class="report-table glance"><caption>{html.escape(self.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></section>"
        )


def _ordered(facts: pd.DataFrame) -> pd.DataFrame:
    """Latest source first (undated last), then the data's own order of facts."""
    published = facts["published"].map(lambda v: "" if is_missing(v) else str(v))
    return (
        facts.assign(_published=published, _row=range(len(facts)))
        .sort_values(["_published", "_row"], ascending=[False, True], kind="stable")
        .drop(columns=["_published", "_row"])
    )


def _cell(facts: pd.DataFrame, evidence: Evidence | None, limit: int) -> str:
    if not len(facts):
        return f'<span class="meta">{html.escape(t("glance.none"))}</span>'
    shown = _ordered(facts).head(limit)
    links = [
        evidence.link(str(r["value"]), [r["fact_id"]], kind="fact")
        if evidence is not None
        else html.escape(str(r["value"]))
        for r in records(shown)
    ]
    parts = [f"<p>{link}</p>" for link in links]
    if len(facts) > limit:
        parts.append(f'<p class="meta">{html.escape(t("glance.more", n=len(facts) - limit))}</p>')
    return "".join(parts)


def show_programmes_at_a_glance(
    facts: pd.DataFrame,
    countries: list[str],
    evidence: Evidence | None = None,
    limit: int = CELL_LIMIT,
) -> Glance:
    """Return the programmes of ``countries`` side by side: a column each, a row per field.

    The table comes under its heading and a sentence (``glance.intro``), kept together in print.

    ``facts`` is ``select_programme_facts`` output (``fact_id``, ``country_iso3``, ``field``,
    ``value`` in the current language, ``published``). A cell shows up to ``limit`` facts,
    latest source first, each linked to its quote through ``evidence``; facts of countries not
    in ``countries`` (or of fields not in ``FIELD_NAMES``) are left out.
    """
    if limit < 1:
        raise ValueError(f"limit must be 1 or more facts per cell, got {limit}")
    rows = []
    for name in FIELD_NAMES:
        of_field = facts[facts["field"] == name]
        cells = [_cell(of_field[of_field["country_iso3"] == c], evidence, limit) for c in countries]
        rows.append((t(f"field.{name}"), cells))
    from helpers.report.render import markdown_to_html

    return Glance(list(countries), rows, t("glance.caption"), markdown_to_html(t("glance.intro")))
