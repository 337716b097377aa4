"""Explore the data: every figure in one table, with filters, sorting and a CSV of the rows shown.

One page per language (``reports/explorer.html``, ``reports/ru/explorer.html``), made by the site
build from the data. The whole table is in the HTML, so without JavaScript every figure still
shows; a small hand-written script shipped beside the pages (``explorer.js``; no library,
nothing fetched; its style is in the site's one inlined style sheet) adds the filters (country,
group, operation, channel, year, free text), sorting by any column, the number of rows shown and
a button that downloads those rows as CSV. Each row carries its codes in ``data-`` attributes
for the script; a quote is shown in its source's language, with its translation (English on the
English page, the project's Russian on the Russian one) marked as a translation, each with its
``lang``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import AT_LEAST, is_missing
from helpers.report.evidence import mark_latin
from helpers.report.i18n import LANGUAGES, fmt_int, fmt_partial_date, t, using
from helpers.report.names import country_name, publisher_names
from helpers.report.operation_text import event_name
from helpers.report.render import TEMPLATES_DIR, Citation, Nav, render_page, render_template
from helpers.report.wording import format_count, group_label

ASSETS = ("explorer.js",)
"""Files shipped beside the pages, once, in ``reports/`` (the Russian page links ``../``)."""
PAGE = "explorer"
TRANSLATION_COLUMN = {"en": "quote_en", "ru": "quote_ru"}
"""The translation each language's page shows beside a quote in another language."""
_PRECISION = {"day": 10, "month": 7, "year": 4}


@dataclass(frozen=True)
class Choice:
    """One option of a filter: the code the rows carry and its label in the page's language."""

    value: str
    label: str


def _date(row: dict, events: pd.DataFrame) -> tuple[str, str]:
    """Return a figure's date as precisely as it is known (ISO, for sorting) and for readers."""
    event = events.get(row.get("event_id") or "")
    if event is not None:
        iso = str(event["date"])[: _PRECISION.get(str(event["date_precision"]), 10)]
        return iso, fmt_partial_date(iso)
    end = row.get("date_end")
    if is_missing(end):
        return "", t("count.not_reported")
    end_iso = pd.Timestamp(end).strftime("%Y-%m-%d")
    start = row.get("date_start")
    if is_missing(start):
        return end_iso, fmt_partial_date(end_iso)
    start_iso = pd.Timestamp(start).strftime("%Y-%m-%d")
    return end_iso, t(
        "explorer.period", start=fmt_partial_date(start_iso), end=fmt_partial_date(end_iso)
    )


def _quote_language(language: object) -> str:
    return "und" if is_missing(language) or not str(language) else str(language)


def _translation(row: dict, source_language: str, page: str) -> tuple[str, str] | None:
    """Return the translation shown beside a quote on a ``page`` page, and its language."""
    if source_language == page:
        return None
    for column, lang in ((TRANSLATION_COLUMN[page], page), ("quote_en", "en")):
        value = row.get(column)
        if not is_missing(value) and str(value).strip() and source_language != lang:
            return str(value), lang
    return None


def compute_explorer_rows(
    repatriations: pd.DataFrame, sources: pd.DataFrame, events: pd.DataFrame
) -> list[dict[str, str]]:
    """Return one row per figure for the current language: codes for the script, text for readers.

    Each row has ``id`` (``figure_id``), ``country`` (ISO3, empty for a regional figure),
    ``group``, ``count`` and ``qualifier``, ``date`` (ISO, as precise as known), ``year``,
    ``event_id``, ``channel`` and ``url`` as codes; and ``country_text``, ``group_text``,
    ``count_text`` (with "≥"), ``date_text``, ``operation``, ``channel_text``, ``publisher``,
    ``publisher_html`` (Latin-script names marked ``lang="en"`` on a Russian page),
    ``quote`` (with ``quote_lang``) and ``translation`` (with ``translation_lang``, both empty
    when none is shown) as the reader sees them. Rows are in the data's order.
    """
    from helpers.report.i18n import get_language

    page = get_language()
    by_source = sources.set_index("source_id", drop=False)
    publishers = dict(zip(sources["source_id"], publisher_names(sources), strict=True))
    event_rows = {e["event_id"]: e for e in records(events)}
    rows = []
    for r in records(repatriations):
        source = by_source.loc[r["source_id"]] if r["source_id"] in by_source.index else None
        quote_lang = _quote_language(None if source is None else source["language"])
        iso, shown_date = _date(r, event_rows)
        event_id = "" if is_missing(r.get("event_id")) else str(r["event_id"])
        country = "" if is_missing(r.get("country_iso3")) else str(r["country_iso3"])
        translated = _translation(r, quote_lang, page)
        lower = r.get("qualifier") == AT_LEAST
        rows.append(
            {
                "id": str(r["figure_id"]),
                "country": country,
                "country_text": country_name(country) if country else t("word.regional"),
                "group": str(r["group"]),
                "group_text": group_label(str(r["group"])),
                "count": str(int(r["count"])),
                "qualifier": str(r["qualifier"]),
                "count_text": format_count(r["count"], lower),
                "date": iso,
                "year": iso[:4],
                "date_text": shown_date,
                "event_id": event_id,
                "operation": event_name(event_id, str(event_rows[event_id]["name"]))
                if event_id in event_rows
                else "",
                "channel": str(r["channel"]),
                "channel_text": t(f"channel.{r['channel']}"),
                "publisher": publishers.get(r["source_id"], str(r["source_id"])),
                "publisher_html": mark_latin(publishers.get(r["source_id"], str(r["source_id"]))),
                "url": "" if source is None else str(source["url"]),
                "quote": str(r["quote"]),
                "quote_lang": quote_lang,
                "translation": translated[0] if translated else "",
                "translation_lang": translated[1] if translated else "",
            }
        )
    return rows


def _choices(rows: list[dict[str, str]], code: str, text: str) -> list[Choice]:
    seen = {r[code]: r[text] for r in rows if r[code]}
    return sorted((Choice(k, v) for k, v in seen.items()), key=lambda c: (c.label, c.value))


def _filters(rows: list[dict[str, str]]) -> list[dict[str, object]]:
    years = sorted({r["year"] for r in rows if r["year"]})
    return [
        {
            "name": "country",
            "label": t("explorer.country"),
            "choices": _choices(rows, "country", "country_text"),
        },
        {
            "name": "group",
            "label": t("explorer.group"),
            "choices": _choices(rows, "group", "group_text"),
        },
        {
            "name": "event_id",
            "label": t("explorer.operation"),
            "choices": _choices(rows, "event_id", "operation"),
        },
        {
            "name": "channel",
            "label": t("explorer.channel"),
            "choices": _choices(rows, "channel", "channel_text"),
        },
        {"name": "year", "label": t("explorer.year"), "choices": [Choice(y, y) for y in years]},
    ]


def render_explorer(
    repatriations: pd.DataFrame,
    sources: pd.DataFrame,
    events: pd.DataFrame,
    language: str,
    versions: tuple[str, str],
    date: str,
) -> str:
    """Return the explorer page in ``language``: every figure, the filters, the CSV button."""
    with using(language):
        rows = compute_explorer_rows(repatriations, sources, events)
        prefix = "" if language == LANGUAGES[0] else "../"
        body = render_template(
            "explorer_body.html.j2",
            rows=rows,
            filters=_filters(rows),
            total=fmt_int(len(rows)),
            texts={
                key: t(f"explorer.{key}")
                for key in (
                    "heading",
                    "intro",
                    "no_script",
                    "filters",
                    "all",
                    "search",
                    "search_hint",
                    "reset",
                    "download",
                    "caption",
                    "country",
                    "group",
                    "count",
                    "date",
                    "operation",
                    "channel",
                    "publisher",
                    "quote",
                    "translation",
                    "sort",
                )
            },
            shown=t("explorer.shown", shown="{shown}", total="{total}"),
            script=f"{prefix}explorer.js",
        )
        other = next(lang for lang in LANGUAGES if lang != language)
        nav = Nav(
            index="index.html",
            twin=f"{other}/{PAGE}.html" if language == LANGUAGES[0] else f"../{PAGE}.html",
            twin_language=other,
        )
        address = f"reports/{PAGE}.html" if not prefix else f"reports/{language}/{PAGE}.html"
        citation = Citation(t("explorer.heading"), versions[0], date, address)
        return render_page(
            body,
            title=t("explorer.heading"),
            language=language,
            nav=nav,
            citation=citation,
        )


def read_assets() -> dict[str, str]:
    """Return the explorer's script by its name in ``reports/``."""
    return {name: (TEMPLATES_DIR / name).read_text(encoding="utf-8") for name in ASSETS}


def render_explorer_pages(
    versions: tuple[str, str], date: str, data_dir: Path | None = None
) -> dict[str, str]:
    """Return the explorer pages of every language and their assets, by path under reports/."""
    from helpers.data.loading import load_dataset

    data = load_dataset(data_dir) if data_dir else load_dataset()
    pages: dict[str, str] = dict(read_assets())
    for language in LANGUAGES:
        prefix = "" if language == LANGUAGES[0] else f"{language}/"
        pages[f"{prefix}{PAGE}.html"] = render_explorer(
            data.repatriations, data.sources, data.events, language, versions, date
        )
    return pages
