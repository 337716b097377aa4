"""Tables for readers (country names, plain headers, percentages) and the one CSV writer."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.analysis import _na, summarise_totals
from helpers.names import GROUP_LABELS, country_name

HEADERS = {
    "country_iso3": "Country",
    "as_of": "As of",
    "total_returned": "People returned",
    "total_is_lower_bound": "Total is a lower bound",
    "women": "Women",
    "children": "Children",
    "men": "Men",
    "women_and_children": "Women and children (not split)",
    "unspecified": "Not specified",
    "children_share": "Children, share of all returned",
    "population_year": "Population year",
    "population": "Population",
    "returned_per_100k": "Returned per 100,000 population",
    "basis": "How the total is built",
    "check": "Check",
    "expected": "Stated total",
    "observed": "Sum of parts",
    "difference": "Gap",
    "status": "Status",
    "subject": "Statement or operation",
    "detail": "Detail",
    "programme": "Operations",
    "started": "Started",
    "origins": "Returned from",
    "partners": "Partners",
    "support_on_return": "Support on return",
    "name": "Operation",
    "date": "Date",
    "date_label": "Date",
    "people": "People",
    "source_id": "Source used",
    "sources": "All sources",
    "disagreement": "Where the sources disagree",
    "group": "Group",
    "count": "Number",
    "is_lower_bound": "Lower bound",
    "figure_id": "Figure",
    "quote": "Source's words",
    "quote_en": "English translation (not the source's words)",
    "qualifier": "Exact or lower bound",
    "kind": "Row",
    "gap": "Gap",
    "is_used": "Used in totals",
    "is_weak_only": "Weak source only",
    "note": "Note",
    "scope": "Scope",
    "date_end": "Date (or as of)",
    "publisher": "Publisher",
    "url": "Address",
    "title": "Title",
    "published": "Published",
    "reliability": "Reliability",
    "status_note": "Status",
    "latest_count_date": "Latest country-wide count",
    "field": "About",
    "value": "What the source says",
    "channel": "How they came back",
    "derivation": "How the count is stated",
}
FIELD_LABELS = {
    "operations": "Operations",
    "started": "Started",
    "origins": "Returned from",
    "partners": "Partners",
    "support_on_return": "Support on return",
    "status": "Status",
}
SHARE_COLUMNS = ("children_share",)
_BOUND_PAIRS = {
    "total_returned": "total_is_lower_bound",
    **{
        g: f"{g}_is_lower_bound"
        for g in ("women", "children", "men", "women_and_children", "unspecified", "people")
    },
}


def _cell(value: object, missing: str = "not reported") -> str:
    if _na(value):
        return missing
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def format_for_readers(df: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Return a copy for display: country names, "≥" on lower bounds, shares as percentages.

    Every value becomes text; an empty count or date reads "not reported", empty text "—".
    Columns named in ``HEADERS`` get
    plain-language headers. ``columns`` picks and orders the columns shown.
    """
    out = pd.DataFrame(index=df.index)
    for col in columns or list(df.columns):
        values = df[col]
        if col == "country_iso3":
            shown = [country_name(v) if not _na(v) else "Central Asia (regional)" for v in values]
        elif col in SHARE_COLUMNS:
            shown = ["not reported" if _na(v) else f"{float(v):.1%}" for v in values]
        elif col == "group":
            shown = [GROUP_LABELS.get(str(v), str(v)) for v in values]
        elif col == "field":
            shown = [FIELD_LABELS.get(str(v), str(v)) for v in values]
        elif col in _BOUND_PAIRS and _BOUND_PAIRS[col] in df.columns:
            flags = df[_BOUND_PAIRS[col]]
            shown = [
                _cell(None if _na(v) else int(v)) if _na(v) or not bool(f) else f"≥{int(v):,}"
                for v, f in zip(values, flags, strict=True)
            ]
        else:
            missing = "—" if str(values.dtype) in ("string", "object") else "not reported"
            shown = [_cell(v.item() if hasattr(v, "item") else v, missing) for v in values]
        out[HEADERS.get(col, col.replace("_", " ").capitalize())] = shown
    return out.reset_index(drop=True)


@dataclass(frozen=True)
class HtmlTable:
    """A table shown in a notebook or report as plain, escaped HTML."""

    frame: pd.DataFrame
    caption: str = ""

    def _repr_html_(self) -> str:
        head = "".join(f"<th>{html.escape(str(c))}</th>" for c in self.frame.columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
            for row in self.frame.itertuples(index=False)
        )
        caption = f"<caption>{html.escape(self.caption)}</caption>" if self.caption else ""
        return (
            f'<div class="table-scroll"><table class="report-table">{caption}'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        )


def show_table(df: pd.DataFrame, columns: list[str] | None = None, caption: str = "") -> HtmlTable:
    """Return ``df`` formatted for readers (see ``format_for_readers``) as an HTML table.

    All text from the data is escaped: a quote containing ``<script>`` shows as text.
    """
    return HtmlTable(format_for_readers(df, columns), caption)


def save_table(df: pd.DataFrame, directory: str | Path, name: str) -> Path:
    """Write ``df`` as ``name.csv``: machine column names, empty = not reported. Return its path."""
    out = Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{name}.csv"
    frame = df.copy()
    for col in frame.columns:
        if str(frame[col].dtype) in ("boolean", "bool"):
            frame[col] = frame[col].map(lambda v: "" if _na(v) else ("true" if v else "false"))
        elif str(frame[col].dtype).startswith("datetime64"):
            frame[col] = frame[col].dt.strftime("%Y-%m-%d")
    frame.to_csv(path, index=False, lineterminator="\n")
    return path


@dataclass(frozen=True)
class Markdown:
    """Text shown as formatted paragraphs in a notebook or report."""

    text: str

    def _repr_markdown_(self) -> str:
        return self.text


def show_markdown(text: str) -> Markdown:
    """Return ``text`` (Markdown) to show as formatted text; data values in it are escaped."""
    return Markdown(text)


def describe_totals(totals: pd.DataFrame) -> Markdown:
    """Summarise country totals in words: all together, children, and each lower bound marked."""
    summary = summarise_totals(totals)
    unsplit = [country_name(c) for c in summary.children_not_reported]
    as_of = totals["as_of"].iloc[0]
    people = ", ".join(country_name(c) for c in totals["country_iso3"])
    lines = [
        f"**{'At least ' if summary.total_is_lower_bound else ''}{summary.total:,} people** had "
        f"been repatriated to {people} by {as_of}, by the best figures reported."
    ]
    not_split = f"children are not reported separately for {', '.join(unsplit)}"
    if len(unsplit) == int(totals["total_returned"].notna().sum()):
        lines.append(f"How many of them are children is not known: {not_split}.")
    else:
        lines.append(
            f"**{'At least ' if summary.children_is_lower_bound else ''}{summary.children:,} of "
            f"them were children**" + (f" ({not_split})." if unsplit else ".")
        )
    lines.append(describe_count_dates(totals))
    return Markdown("\n\n".join(html.escape(line, quote=False) for line in lines))


def describe_count_dates(totals: pd.DataFrame) -> str:
    """Say how old each country's latest country-wide count is."""
    said = []
    for r in totals.to_dict("records"):
        name = country_name(r["country_iso3"])
        if _na(r.get("latest_count_date")):
            said.append(f"{name} has no country-wide count by then: its total adds up reports")
        else:
            said.append(f"{name}'s latest count dates from {_long_date(r['latest_count_date'])}")
    return "; ".join(said) + "."


def _long_date(value: object) -> str:
    stamp = pd.Timestamp(value)
    return f"{stamp.day} {stamp:%B %Y}"


def select_programme_facts(
    programmes: pd.DataFrame, sources: pd.DataFrame, countries: list[str]
) -> pd.DataFrame:
    """Return the programme facts of ``countries`` in field order, each with its publisher."""
    order = {f: i for i, f in enumerate(FIELD_LABELS)}
    facts = programmes[programmes["country_iso3"].isin(countries)].merge(
        sources[["source_id", "publisher", "published"]], on="source_id", how="left"
    )
    facts["_order"] = facts["field"].map(order)
    facts = facts.sort_values(["country_iso3", "_order", "fact_id"], kind="stable")
    return facts.drop(columns="_order").reset_index(drop=True)


def describe_own_returns(own: pd.DataFrame, sources: pd.DataFrame) -> Markdown:
    """Say who came back on their own, beside the totals and never in them."""
    if not len(own):
        return Markdown("")
    publishers = dict(zip(sources["source_id"], sources["publisher"], strict=True))
    parts = []
    for r in own.to_dict("records"):
        groups = [g for g in ("women", "children", "men") if not _na(r[g])]
        if groups:
            what = " and ".join(f"{int(r[g]):,} {GROUP_LABELS[g].lower()}" for g in groups)
        else:
            what = f"{int(r['people']):,} people"
        parts.append(
            f"{country_name(r['country_iso3'])}: {what}, per {publishers.get(r['source_id'])}, "
            f"as of {_long_date(r['date_end'])}"
        )
    text = (
        "**Also returned on their own**, not repatriated and so in no total above: "
        + "; ".join(parts)
        + "."
    )
    return Markdown(html.escape(text, quote=False))
