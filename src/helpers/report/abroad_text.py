"""Who is still abroad, in words: each figure as its bound says it, in tables linked to the quotes.

"More than 10" reads "at least 10", "up to 300" "at most 300", "250 to 300" a range, an estimate
is called an estimate; the kind and the place of each figure stay beside it, and nothing is
added up. The camps and Turkmenistan are shown from their facts in ``programmes.csv``.
"""

from __future__ import annotations

import html

import pandas as pd

from helpers.data.frames import records
from helpers.data.vocab import is_missing
from helpers.model.abroad import compute_latest_abroad
from helpers.report.evidence import Evidence, mark_latin
from helpers.report.facts import select_programme_facts
from helpers.report.i18n import fmt_date, fmt_int, fmt_partial_date, get_language, t
from helpers.report.names import country_name
from helpers.report.passages import Html
from helpers.report.tables import HtmlTable, show_table
from helpers.report.wording import group_label

CAMPS = "SYR"
"""The code under which ``programmes.csv`` keeps facts about the camps in Syria."""
NO_PROGRAMME = ("TKM",)
"""Countries with facts in ``programmes.csv`` but no programme, in no total or chart."""


def format_abroad_count(count: int, count_high: object, qualifier: str, is_estimate: bool) -> str:
    """Write one figure as its bound says it: "at least 10", "at most 300", "250 to 300".

    A ceiling ("up to 300") is never written as a floor; an estimate says it is one.
    """
    if qualifier == "range":
        text = t("abroad.count.range", low=fmt_int(count), high=fmt_int(count_high))  # type: ignore[arg-type]
    else:
        text = t(f"abroad.count.{qualifier}", n=fmt_int(count))
    return t("abroad.count.estimate", text=text) if is_estimate else text


def _date(value: object) -> str:
    return t("abroad.undated") if is_missing(value) or not str(value) else fmt_partial_date(value)


def _publishers(sources: pd.DataFrame) -> dict[str, str]:
    """Each source's publisher, by the name a reader of the page's language knows it."""
    names = dict(zip(sources["source_id"], sources["publisher"], strict=True))
    if get_language() == "ru" and "publisher_ru" in sources.columns:
        own = zip(sources["source_id"], sources["publisher_ru"], strict=True)
        names |= {k: str(v) for k, v in own if not is_missing(v) and str(v)}
    return names


def show_abroad(
    abroad: pd.DataFrame,
    sources: pd.DataFrame,
    countries: list[str],
    as_of: str | pd.Timestamp | None = None,
    evidence: Evidence | None = None,
) -> HtmlTable:
    """Show the latest figures of people still abroad of ``countries``, one row per figure.

    Columns: country (when there are several), what (kind), where, who, how many (linked to
    its quote), date (or "undated") and publisher. With ``evidence``, the figures of
    ``abroad`` are registered with it so that each count links to its words.
    """
    latest = compute_latest_abroad(abroad, countries, as_of)
    if evidence is not None and evidence.abroad is None:
        evidence.abroad = abroad
    publishers = _publishers(sources)
    with_country = len(countries) > 1
    keys = ["country", "kind", "place", "group", "count", "date", "publisher"]
    keys = keys if with_country else keys[1:]
    rows = []
    for r in records(latest):
        count = format_abroad_count(r["count"], r["count_high"], r["qualifier"], r["is_estimate"])
        shown = (
            evidence.link(count, [r["abroad_id"]]) if evidence is not None else html.escape(count)
        )
        cells = {
            "country": html.escape(country_name(r["country_iso3"])),
            "kind": html.escape(t(f"abroad.kind.{r['kind']}")),
            "place": html.escape(t(f"abroad.place.{r['place']}")),
            "group": html.escape(group_label(r["group"])),
            "count": shown,
            "date": html.escape(_date(r["date"])),
            "publisher": mark_latin(str(publishers.get(r["source_id"], ""))),
        }
        rows.append([cells[k] for k in keys])
    headers = [t(f"abroad.column.{k}") for k in keys]
    return HtmlTable(headers, rows, t("abroad.caption"))


def describe_abroad(
    abroad: pd.DataFrame, countries: list[str], as_of: str | pd.Timestamp | None = None
) -> Html:
    """Say, per country, how recent its figures known by ``as_of`` are and how many are undated.

    A country with no figure says so.
    """
    latest = compute_latest_abroad(abroad, countries, as_of)
    said = []
    for code in countries:
        mine = latest[latest["country_iso3"] == code]
        name = country_name(code)
        if not len(mine):
            said.append(t("abroad.none", country=name))
            continue
        dated = mine[mine["is_dated"]].sort_values("date_end", ascending=False)
        if not len(dated):
            said.append(t("abroad.all_undated", country=name))
            continue
        text = t("abroad.latest", country=name, date=fmt_partial_date(dated.iloc[0]["date"]))
        undated = int((~mine["is_dated"]).sum())
        said.append(text + (t("abroad.some_undated", n=fmt_int(undated)) if undated else ""))
    return Html("<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in said) + "</ul>")


def show_abroad_facts(
    programmes: pd.DataFrame,
    sources: pd.DataFrame,
    country: str = CAMPS,
    evidence: Evidence | None = None,
    as_of: str | pd.Timestamp | None = None,
) -> HtmlTable | Html:
    """Show the status facts of ``country`` (default: the camps in Syria), each with its quote.

    For the camps (``SYR``) and Turkmenistan (``TKM``), which have facts but no programme and
    enter no total. With ``as_of``, a fact certainly published after that day is left out.
    """
    facts = select_programme_facts(programmes, sources, [country], as_of)
    facts = facts[facts["field"] == "status"]
    if facts.empty and as_of is not None and str(as_of) != "":
        return Html(f"<p>{html.escape(t('abroad.no_facts', as_of=fmt_date(as_of)))}</p>")
    return show_table(facts, ["value", "publisher", "published"], evidence=evidence)
