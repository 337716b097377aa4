"""Tables for readers as HTML, and the CSV writer.

In HTML, text is escaped, quotes and identifiers are marked and counts link to their evidence; a
CSV keeps machine column names and leaves "not reported" empty.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import is_missing
from helpers.report.columns import BOUND_COLUMNS, TRANSLATED_COLUMNS, format_for_readers, localised
from helpers.report.evidence import Evidence, mark_latin, split_ids
from helpers.report.i18n import LANGUAGES, get_language

LINKED_COLUMNS = (*BOUND_COLUMNS, "count")
"""Columns of people counts: linked to their evidence when a table is given ``evidence``."""
QUOTE_COLUMNS = ("quote",)
"""Columns of a source's own words: shown as quotations in the source's language."""
CODE_COLUMNS = ("figure_id", "statement_id", "source_id", "fact_id", "event_id", "url")
"""Identifiers and addresses: shown as code, in no language."""
NAMED_COLUMNS = (*TRANSLATED_COLUMNS, "quote_en", "publishers", "disagreement", "title", "name")
"""Columns holding names from the data (outlets, operations): Latin-script names marked ``en``."""


@dataclass(frozen=True)
class HtmlTable:
    """A table shown in a notebook or report as plain HTML; cells are escaped or links."""

    headers: list[str]
    cells: list[list[str]]
    """Each cell as HTML: escaped text, or a link to its evidence."""
    caption: str = ""

    def _repr_html_(self) -> str:
        head = "".join(f'<th scope="col">{html.escape(h)}</th>' for h in self.headers)
        body = "".join(
            "<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in self.cells
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (
            f'<table class="report-table">{caption}'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        )

    @property
    def frame(self) -> pd.DataFrame:
        """The table as text, one column per header (links shown as their text)."""
        import re

        plain = [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in row] for row in self.cells]
        return pd.DataFrame(plain, columns=self.headers)


def show_table(
    df: pd.DataFrame,
    columns: list[str] | None = None,
    caption: str = "",
    evidence: Evidence | None = None,
) -> HtmlTable:
    """Return ``df`` formatted for readers (see ``format_for_readers``) as an HTML table.

    All text from the data is escaped: a quote containing ``<script>`` shows as text. With
    ``evidence``, every count of people links to its evidence entry: the row's statements are
    read from its ``statement_ids`` column (``;``-separated), or from ``fact_id``.
    """
    columns = columns or list(df.columns)
    shown = format_for_readers(df, columns)
    marks = {col: localised(df, col)[1] for col in columns}
    rows = []
    for i, rec in enumerate(records(df)):
        ids = split_ids(rec.get("statement_ids")) or (
            [rec["fact_id"]] if rec.get("fact_id") else []
        )
        row = []
        for j, col in enumerate(columns):
            text = shown.iat[i, j]
            linked = col in LINKED_COLUMNS or (col == "value" and "fact_id" in rec)
            if evidence is not None and linked and ids and not is_missing(rec.get(col)):
                row.append(evidence.link(text, ids, "fact" if col == "value" else "count"))
            else:
                row.append(_marked(text, col, rec, marks[col][i]))
        rows.append(row)
    return HtmlTable(list(shown.columns), rows, caption)


def _marked(text: str, col: str, rec: dict, language: str | None) -> str:
    """Escape a cell's text and say what it is: a quotation, an identifier, another language."""
    escaped = html.escape(text)
    if text in ("", "—"):
        return escaped
    if col in QUOTE_COLUMNS:
        lang = rec.get("language")
        attr = f' lang="{html.escape(str(lang))}"' if not is_missing(lang) and lang else ""
        return f"<q{attr}>" + escaped.replace("\n\n", "<br><br>") + "</q>"
    if col in CODE_COLUMNS:
        return f'<code translate="no">{escaped}</code>'
    paragraphs = escaped.replace("\n\n", "<br><br>")
    if language:
        return f'<span lang="{language}">{paragraphs}</span>'
    if col in NAMED_COLUMNS:  # words of the data: an outlet's name may be in Latin script
        return mark_latin(text).replace("\n\n", "<br><br>")
    return escaped


def save_table(df: pd.DataFrame, directory: str | Path, name: str) -> Path:
    """Write ``df`` as ``name.csv``: machine column names, empty = not reported. Return its path.

    A table the reports' schema describes (``helpers.data.table_schema``) gets ``datapackage.json``
    beside it.
    """
    from helpers.data.table_schema import described_tables, write_tables_schema

    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.csv"
    frame = df.copy()
    for col in frame.columns:
        if str(frame[col].dtype) in ("boolean", "bool"):
            frame[col] = frame[col].map(
                lambda v: "" if is_missing(v) else ("true" if v else "false")
            )
        elif str(frame[col].dtype).startswith("datetime64"):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    frame.to_csv(path, index=False, lineterminator="\n")
    if name in described_tables():  # its Table Schema goes beside it (tables_schema.json)
        write_tables_schema(out)
    return path


def table_href(name: str) -> str:
    """Return the link to a CSV table from a report in the current language.

    Tables are written by the English runs into ``reports/tables/``; a translated report links
    the same files (``../tables/``): CSV tables are for machines and keep English column names.
    """
    return f"tables/{name}" if get_language() == LANGUAGES[0] else f"../tables/{name}"
