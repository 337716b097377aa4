"""Tables and text for readers (names, plain headers, "≥", links to evidence) and the CSV writer."""

from __future__ import annotations

import html
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data.vocab import COUNT_COLUMNS, PARTS, is_missing
from helpers.model.analysis import summarise_totals
from helpers.report.evidence import Evidence, mark_latin, split_ids
from helpers.report.i18n import (
    catalogue,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_list,
    fmt_partial_date,
    fmt_percent,
    get_language,
    t,
)
from helpers.report.names import country_name, publisher_names
from helpers.report.wording import format_count, format_group_count, group_label

SHARE_COLUMNS = ("children_share", "children_share_low", "children_share_high")
RATE_COLUMNS = ("returned_per_100k",)
YEAR_COLUMNS = ("population_year", "year")
DATE_COLUMNS = ("as_of", "latest_count_date", "date_end", "published")
FIELD_NAMES = ("operations", "started", "origins", "partners", "support_on_return", "status")
BOUND_COLUMNS = {"total_returned": "total_is_lower_bound"} | {
    c: f"{c}_is_lower_bound" for c in COUNT_COLUMNS
}
"""Count columns and the flag that marks each as a lower bound."""
LINKED_COLUMNS = (*BOUND_COLUMNS, "count")
"""Columns of people counts: linked to their evidence when a table is given ``evidence``."""
TRANSLATED_COLUMNS = {"note": "note_ru", "publisher": "publisher_ru"}
"""Columns of the data written in English, and their Russian twin shown on Russian pages."""
QUOTE_COLUMNS = ("quote",)
"""Columns of a source's own words: shown as quotations in the source's language."""
CODE_COLUMNS = ("figure_id", "statement_id", "source_id", "fact_id", "event_id", "url")
"""Identifiers and addresses: shown as code, in no language."""
NAMED_COLUMNS = (*TRANSLATED_COLUMNS, "quote_en", "publishers", "disagreement", "title", "name")
"""Columns holding names from the data (outlets, operations): Latin-script names marked ``en``."""


def shown_column(column: str) -> str:
    """Return the column shown in place of ``column`` in the current language.

    A Russian page shows the project's Russian translation of a quote (``quote_ru``) where an
    English one shows ``quote_en``.
    """
    return "quote_ru" if column == "quote_en" and get_language() == "ru" else column


def header(column: str) -> str:
    """Return the reader's header of a column in the current language."""
    key = f"column.{shown_column(column)}"
    if key in catalogue(get_language()):
        return t(key)
    return column.replace("_", " ").capitalize()


def _cell(value: object, missing: str) -> str:
    if is_missing(value):
        return missing
    if isinstance(value, bool):
        return t("word.yes") if value else t("word.no")
    if isinstance(value, pd.Timestamp):
        return fmt_date(value)
    if isinstance(value, int):
        return fmt_int(value)
    return str(value)


def _localised(df: pd.DataFrame, col: str) -> tuple[pd.Series, list[str | None]]:
    """Return the values shown for ``col`` and, per row, the language they are in if not the page's.

    On a Russian page a note or publisher is the Russian twin where it is filled in, else the
    English original (marked ``en``); the translation column is ``quote_ru`` where given, else
    ``quote_en`` (marked ``en``) for a source in neither language.
    """
    values = df[col] if col in df.columns else pd.Series([None] * len(df), index=df.index)
    page = get_language()
    marks: list[str | None] = [None] * len(df)
    if page != "ru" or col not in (*TRANSLATED_COLUMNS, "quote_en"):
        return values, marks
    twin = TRANSLATED_COLUMNS.get(col, "quote_ru")
    ru = df[twin] if twin in df.columns else pd.Series([None] * len(df), index=df.index)
    said = df["language"] if "language" in df.columns else pd.Series([None] * len(df))
    out = []
    for i, (orig, own, lang) in enumerate(zip(values, ru, said, strict=True)):
        if not is_missing(own) and str(own):
            out.append(own)
        elif col == "quote_en" and lang == "ru":  # the quote itself is Russian
            out.append(None)
        else:
            out.append(orig)
            marks[i] = None if is_missing(orig) or not str(orig) else "en"
    return pd.Series(out, index=df.index, dtype=object), marks


def _known_date(start: object, end: object) -> str:
    """Write a figure's date as precisely as it is known: a whole month or year as such."""
    if is_missing(end):
        return t("count.not_reported")
    end = pd.Timestamp(end)  # type: ignore[arg-type]
    if not is_missing(start):
        start = pd.Timestamp(start)  # type: ignore[arg-type]
        whole_month = (
            start.day == 1
            and end.is_month_end
            and (start.year, start.month)
            == (
                end.year,
                end.month,
            )
        )
        if whole_month:
            return fmt_partial_date(f"{end.year}-{end.month:02d}")
        if (start.month, start.day, end.month, end.day) == (
            1,
            1,
            12,
            31,
        ) and start.year == end.year:
            return fmt_partial_date(str(end.year))
    return fmt_partial_date(end)


def _column(df: pd.DataFrame, col: str) -> list[str]:
    values, _ = _localised(df, col)
    if col in TRANSLATED_COLUMNS or col == "quote_en":
        return ["—" if is_missing(v) or not str(v) else str(v) for v in values]
    if col == "country_iso3":
        return [country_name(v) if not is_missing(v) else t("word.regional") for v in values]
    if col == "children_share" and "children_share_bound" in df.columns:
        from helpers.report.wording import format_share

        ends = [
            df.get(f"children_share_{end}", pd.Series([None] * len(df))) for end in ("low", "high")
        ]
        return [
            format_share(v, b, lo, hi)
            for v, b, lo, hi in zip(values, df["children_share_bound"], *ends, strict=True)
        ]
    if col in SHARE_COLUMNS and "total_is_lower_bound" in df.columns:
        from helpers.model.bounds import UNKNOWN, share_bound
        from helpers.report.wording import format_share

        # Over a total that is only a floor (and no high end), the ends of the children's range
        # are no bounds at all; the share itself is at most what it says unless the children
        # are a floor too.
        none = pd.Series([None] * len(df), index=df.index)
        high = df.get("total_high", none)
        children = df.get("children_is_lower_bound", none)
        bounds = [
            share_bound(c, f)
            if col == "children_share"
            else (UNKNOWN if not is_missing(f) and bool(f) and is_missing(h) else None)
            for c, f, h in zip(children, df["total_is_lower_bound"], high, strict=True)
        ]
        return [format_share(v, b) for v, b in zip(values, bounds, strict=True)]
    if col in SHARE_COLUMNS:
        return [t("count.not_reported") if is_missing(v) else fmt_percent(v) for v in values]
    if col in RATE_COLUMNS and f"{col}_is_lower_bound" in df.columns:
        from helpers.report.wording import format_rate

        flags = df[f"{col}_is_lower_bound"]
        return [format_rate(v, f) for v, f in zip(values, flags, strict=True)]
    if col in RATE_COLUMNS:
        return [t("count.not_reported") if is_missing(v) else fmt_decimal(v) for v in values]
    if col in YEAR_COLUMNS:
        return ["" if is_missing(v) else str(int(v)) for v in values]
    if col == "date_end" and "date_start" in df.columns:  # "March 2021", not "31 March 2021"
        return [_known_date(a, b) for a, b in zip(df["date_start"], values, strict=True)]
    if col in DATE_COLUMNS:
        empty = t("evidence.undated") if col == "published" else t("count.not_reported")
        return [empty if is_missing(v) or not str(v) else fmt_partial_date(v) for v in values]
    if col == "group":
        return [group_label(str(v)) for v in values]
    if col == "field":
        return [t(f"field.{v}") for v in values]
    if col in ("channel", "derivation", "scope", "qualifier"):
        return [t(f"{col}.{v}") for v in values]
    if col == "basis":
        return [t(f"timeline.basis.{v}") for v in values]
    if col in BOUND_COLUMNS and BOUND_COLUMNS[col] in df.columns:
        flags = df[BOUND_COLUMNS[col]]
        return [format_count(v, bool(f)) for v, f in zip(values, flags.fillna(False), strict=True)]
    if col == "count" and "qualifier" in df.columns:
        flags = df["qualifier"] == "at_least"
        return [format_count(v, bool(f)) for v, f in zip(values, flags, strict=True)]
    missing = "—" if str(values.dtype) in ("string", "object") else t("count.not_reported")
    return [_cell(v.item() if hasattr(v, "item") else v, missing) for v in values]


def format_for_readers(df: pd.DataFrame, columns: list[str] | None = None) -> pd.DataFrame:
    """Return a copy for display: country names, "≥" on lower bounds, shares as percentages.

    Every value becomes text in the current language; an empty count or date reads "not
    reported", empty text "—". Headers come from the catalogue. ``columns`` picks and orders
    the columns shown.
    """
    out = pd.DataFrame(index=df.index)
    for col in columns or list(df.columns):
        out[header(col)] = _column(df, col)
    return out.reset_index(drop=True)


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
    marks = {col: _localised(df, col)[1] for col in columns}
    rows = []
    for i, rec in enumerate(df.to_dict("records")):
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


@dataclass(frozen=True)
class Html:
    """Text shown as formatted HTML in a notebook or report."""

    text: str

    def _repr_html_(self) -> str:
        return self.text


def show_text(key: str, **values: object) -> Html:
    """Show a passage of the catalogue (Markdown) in the current language as HTML."""
    from helpers.report.render import markdown_to_html

    return Html(markdown_to_html(t(key, **values)))


def table_href(name: str) -> str:
    """Return the link to a CSV table from a report in the current language.

    Tables are written by the English runs into ``reports/tables/``; a translated report links
    the same files (``../tables/``): CSV tables are for machines and keep English column names.
    """
    from helpers.report.i18n import LANGUAGES, get_language

    return f"tables/{name}" if get_language() == LANGUAGES[0] else f"../tables/{name}"


def show_markdown(text: str) -> Html:
    """Show ``text`` (Markdown) as formatted text."""
    from helpers.report.render import markdown_to_html

    return Html(markdown_to_html(text))


def show_words(**by_language: str) -> Html:
    """Show an analyst's own words (Markdown) in the report's language.

    ``helpers.show_words(en="## Operations per year", ru="## Операции по годам")``: a notebook
    of one's own writes both languages without the catalogues. Every language must be given.
    """
    from helpers.data.errors import ParameterError
    from helpers.report.i18n import LANGUAGES

    missing = [language for language in LANGUAGES if not by_language.get(language)]
    if missing or set(by_language) - set(LANGUAGES):
        raise ParameterError(
            f"show_words needs the words in every language ({', '.join(LANGUAGES)}), "
            f'as show_words(en="…", ru="…"); got: {", ".join(sorted(by_language)) or "none"}'
        )
    return show_markdown(by_language[get_language()])


def _paragraphs(*lines: str) -> Html:
    return Html("".join(f"<p>{line}</p>" for line in lines if line))


def describe_totals(totals: pd.DataFrame, evidence: Evidence | None = None) -> Html:
    """Summarise country totals in words: all together, children, lower bounds, count dates.

    With ``evidence``, the numbers link to the statements they add up.
    """
    if not totals["total_returned"].notna().any():  # before the first figure: never "0 people"
        return _paragraphs(
            t(
                "extending.nothing_reported",
                as_of=html.escape(fmt_date(totals["as_of"].iloc[0])),
                countries=html.escape(fmt_list([country_name(c) for c in totals["country_iso3"]])),
            )
        )
    summary = summarise_totals(totals)
    ids = [i for v in totals["statement_ids"] for i in split_ids(v)]

    def number(value: int, lower: bool) -> str:
        text = format_count(value, lower, words=True, prose=True)
        return evidence.link(text, ids) if evidence is not None else html.escape(text)

    as_of = html.escape(fmt_date(totals["as_of"].iloc[0]))
    people = html.escape(fmt_list([country_name(c) for c in totals["country_iso3"]]))
    total = f"<strong>{number(summary.total, summary.total_is_lower_bound)}</strong>"
    first = t(
        "text.total_sentence",
        n=format_group_count("people", summary.total, number=total),
        countries=people,
        as_of=as_of,
    )
    unsplit = html.escape(
        fmt_list([country_name(c, case="dative") for c in summary.children_not_reported])
    )
    if len(summary.children_not_reported) == int(totals["total_returned"].notna().sum()):
        second = t("text.children_unknown", countries=unsplit)
    else:
        if summary.children_is_lower_bound:  # "At least 1,546 of them were children."
            second = t(
                "timeline.children_floor", n=f"<strong>{number(summary.children, False)}</strong>"
            )
        else:
            second = t(
                "text.children_sentence", n=f"<strong>{number(summary.children, False)}</strong>"
            )
        if unsplit:
            second += " " + t("text.children_unsplit", countries=unsplit)
    return _paragraphs(first, second, html.escape(describe_count_dates(totals)))


def describe_total_ranges(totals: pd.DataFrame, evidence: Evidence | None = None) -> Html:
    """Say, for each country whose sources give different totals, the range they span.

    "Kazakhstan: 725 (sources: 725 to 754)". The headline stays the one the rule picks.
    """
    lines = []
    for r in totals.to_dict("records"):
        low, high = r.get("total_low"), r.get("total_high")
        if is_missing(low) or (not is_missing(high) and low == high):
            continue
        ids = split_ids(r.get("range_statement_ids"))
        headline = format_count(r["total_returned"], bool(r["total_is_lower_bound"]))
        low_text = format_count(low, bool(r["total_low_is_lower_bound"]))
        if is_missing(high):  # every source gives only a floor: no upper end is known
            text = t("text.range_floor", total=headline, low=low_text)
        else:
            text = t("text.range", total=headline, low=low_text, high=fmt_int(int(high)))
        linked = evidence.link(text, ids) if evidence is not None else html.escape(text)
        lines.append(f"{html.escape(country_name(r['country_iso3']))}: {linked}")
    if not lines:
        return Html("")
    if len(totals) > 1:
        lines.append(_describe_range_sum(totals, evidence))
    return Html(
        f"<p>{html.escape(t('text.range_intro'))}</p><ul><li>"
        + "</li><li>".join(lines)
        + "</li></ul>"
    )


def _describe_range_sum(totals: pd.DataFrame, evidence: Evidence | None) -> str:
    """Return the range of all countries together, linked to every statement it rests on."""
    from helpers.report.ranges import compute_range_sum

    together = compute_range_sum(totals)
    summary = summarise_totals(totals)
    headline = format_count(summary.total, summary.total_is_lower_bound)
    low = format_count(together.low, together.low_is_lower_bound)
    if together.high is None:
        text = t("text.range_floor", total=headline, low=low)
    else:
        text = t("text.range", total=headline, low=low, high=fmt_int(together.high))
    ids = together.statement_ids
    linked = evidence.link(text, ids) if evidence is not None else html.escape(text)
    return f"{html.escape(t('ranges.together'))}: {linked}"


def _end_sentence(text: str) -> str:
    """End a sentence with one full stop, even after an abbreviation ("2024 г.")."""
    return text if text.endswith(".") else text + "."


def describe_contradictions(
    contradictions: pd.DataFrame, totals: pd.DataFrame, evidence: Evidence | None = None
) -> Html:
    """Say where a breakdown a total uses leaves less room than other reports need.

    Takes ``compute_contradictions`` output; only the statements the totals use are named.
    """
    used = {i for v in totals["statement_ids"] for i in split_ids(v)}
    rows = contradictions[contradictions["statement_id"].isin(used)]
    if not len(rows):
        return Html("")

    def number(value: int, ids: list[str]) -> str:
        text = fmt_int(value)
        return evidence.link(text, ids) if evidence is not None else html.escape(text)

    lines = []
    for c in rows.to_dict("records"):
        counts = zip(c["stated_groups"].split(";"), c["stated_counts"].split(";"), strict=True)
        parts = fmt_list([format_group_count(g, n) for g, n in counts])
        lines.append(
            t(
                "text.contradiction",
                country=html.escape(country_name(c["country_iso3"])),
                total=number(c["people"], [c["statement_id"]]),
                parts=html.escape(parts),
                room=html.escape(fmt_int(c["room"])),
                known=format_group_count(
                    c["group"],
                    c["known"],
                    number=number(c["known"], split_ids(c["known_statement_ids"])),
                ),
            )
        )
    return Html(
        f"<p>{html.escape(t('text.contradiction_intro'))}</p><ul><li>"
        + "</li><li>".join(lines)
        + "</li></ul>"
    )


def describe_count_dates(totals: pd.DataFrame) -> str:
    """Say how old each country's latest country-wide count is."""
    said = []
    for r in totals.to_dict("records"):
        name = country_name(r["country_iso3"])
        if is_missing(r.get("latest_count_date")):
            said.append(t("text.no_count", country=name))
        else:
            said.append(t("text.count_date", country=name, date=fmt_date(r["latest_count_date"])))
    return _end_sentence("; ".join(said))


def select_programme_facts(
    programmes: pd.DataFrame,
    sources: pd.DataFrame,
    countries: list[str],
    as_of: str | pd.Timestamp | None = None,
) -> pd.DataFrame:
    """Return the programme facts of ``countries`` in field order, each with its publisher.

    With ``as_of``, a fact whose source was certainly published after that day is left out (a
    source known only to the year or month counts from the first day it can mean; an undated
    one is kept). The fact's ``value`` is in the current language where the catalogue's
    ``[fact]`` section has it; the quote stays in the language it was published in (the
    source's ``language`` column); ``publisher_ru`` comes along for Russian pages.
    """
    order = {f: i for i, f in enumerate(FIELD_NAMES)}
    cited = [c for c in ("publisher_ru", "language") if c in sources.columns]
    facts = programmes[programmes["country_iso3"].isin(countries)].merge(
        sources[["source_id", "publisher", "published", *cited]], on="source_id", how="left"
    )
    if as_of is not None and str(as_of) != "":
        when = pd.Timestamp(as_of)
        first_day = [
            None if is_missing(v) or not str(v) else pd.Timestamp(str(v))
            for v in facts["published"]
        ]
        facts = facts[[d is None or d <= when for d in first_day]]
    facts["_order"] = facts["field"].map(order)
    facts = facts.sort_values(["country_iso3", "_order", "fact_id"], kind="stable")
    names = catalogue(get_language())
    facts["value"] = [
        names.get(f"fact.{i}", v) for i, v in zip(facts["fact_id"], facts["value"], strict=True)
    ]
    return facts.drop(columns="_order").reset_index(drop=True)


def describe_own_returns(
    own: pd.DataFrame, sources: pd.DataFrame, evidence: Evidence | None = None
) -> Html:
    """Say who came back on their own, beside the totals and never in them."""
    if not len(own):
        return Html("")
    publishers = dict(zip(sources["source_id"], publisher_names(sources), strict=True))
    parts = []
    for r in own.to_dict("records"):
        groups = [g for g in PARTS if not is_missing(r[g])]
        if groups:
            what = " " + t("word.and") + " "
            what = what.join(format_group_count(g, r[g]) for g in groups)
        else:
            what = format_group_count("people", r["people"])
        shown = evidence.link(what, [r["statement_id"]]) if evidence else html.escape(what)
        parts.append(
            html.escape(country_name(r["country_iso3"]) + ": ")
            + shown
            + mark_latin(  # an outlet may be named in Latin script
                t(
                    "text.per_source",
                    publisher=publishers.get(r["source_id"]),
                    date=fmt_date(r["date_end"]),
                )
            )
        )
    text = _end_sentence("; ".join(parts))
    return Html(f"<p><strong>{html.escape(t('text.own_title'))}</strong> {text}</p>")


def describe_group_bounds(totals: pd.DataFrame, evidence: Evidence | None = None) -> Html:
    """Say, per country, how many children came home at least and at most, and their share.

    Takes ``compute_country_totals`` output (``children_low``, ``children_high``, the total and
    its range). "Kyrgyzstan: at least 396 and at most 406 children (72% to 75% of the total)";
    "not reported" only where no report gives any children.
    """
    lines = []
    for r in totals.to_dict("records"):
        name = html.escape(country_name(r["country_iso3"]))
        low, high = r.get("children_low"), r.get("children_high")
        if is_missing(low) or is_missing(r.get("total_returned")):
            lines.append(t("timeline.no_children", country=name))
            continue
        ids = split_ids(r.get("statement_ids"))
        low_text = fmt_int(int(low), prose=True)
        low_text = evidence.link(low_text, ids) if evidence is not None else html.escape(low_text)
        top = r.get("total_high")
        top = int(r["total_returned"]) if is_missing(top) else int(top)
        share_low = fmt_percent(int(low) / top)
        if not is_missing(high) and int(high) == int(low):
            words = t("timeline.children_exact", low=low_text)
            share = share_low
        elif is_missing(high):  # the total is only a floor too: no share is a bound
            words = t("timeline.children_at_least", low=low_text)
            lines.append(t("extending.group_floor_only", country=name, children=words))
            continue
        else:
            words = t(
                "timeline.children_between",
                low=low_text,
                high=html.escape(fmt_int(int(high), prose=True)),
            )
            share = t("timeline.share_range", low=share_low, high=fmt_percent(int(high) / top))
        lines.append(t("timeline.group_bounds", country=name, children=words, share=share))
    return _paragraphs(*lines)
