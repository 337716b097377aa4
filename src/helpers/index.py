"""The site's front page: headline numbers first, then every report with its versions and links."""

from __future__ import annotations

import html
from typing import Any

from helpers.analysis import compute_country_totals, compute_statements, summarise_totals
from helpers.loading import load_dataset
from helpers.names import country_name

_STYLE = """
body { font-family: sans-serif; max-width: 60rem; margin: 0 auto; padding: 1rem; color: #222; }
h1 { font-size: 1.6rem; } .headline { display: flex; gap: 1rem; flex-wrap: wrap; }
.headline div { border: 1px solid #ccc; border-radius: 6px; padding: 0.8rem 1rem; flex: 1 1 14rem; }
.headline strong { display: block; font-size: 1.8rem; }
.report { border-top: 1px solid #ddd; padding: 0.6rem 0; }
.meta { color: #555; font-size: 0.85rem; }
code { background: #f4f4f4; padding: 0 0.2rem; }
"""


def _figure(value: int, lower_bound: bool) -> str:
    return ("at least " if lower_bound else "") + f"{value:,}"


def render_headline() -> str:
    """Return the headline numbers (people home, children) as HTML, from the current data."""
    data = load_dataset()
    statements = compute_statements(data.repatriations, data.sources)
    totals = compute_country_totals(statements, countries=data.countries)
    summary = summarise_totals(totals)
    total, total_lb = summary.total, summary.total_is_lower_bound
    children, children_lb = summary.children, summary.children_is_lower_bound
    missing = [country_name(c) for c in summary.children_not_reported]
    names = ", ".join(country_name(c) for c in totals["country_iso3"])
    as_of = html.escape(str(totals["as_of"].iloc[0]))
    note = f" Children are not reported separately for {', '.join(missing)}." if missing else ""
    return (
        '<section class="headline">'
        f"<div><strong>{_figure(total, total_lb)}</strong>people have come home to {names} "
        f"from Syria, Iraq and Afghanistan, by the best figures reported up to {as_of}.</div>"
        f"<div><strong>{_figure(children, children_lb)}</strong>of them are children."
        f"{html.escape(note)}</div></section>"
        "<p>“At least” marks a lower bound: a source gave a floor (“over 300”) or did not "
        "break its total down. How each total is built, and where the sources disagree, is in "
        "the data-quality report.</p>"
    )


def _params(parameters: dict[str, Any]) -> str:
    if not parameters:
        return "defaults"
    return ", ".join(
        f"<code>{html.escape(k)} = {html.escape(repr(v))}</code>" for k, v in parameters.items()
    )


def render_index(runs: list[Any], manifest: dict[str, Any], headline: str | None = None) -> str:
    """Return the HTML of ``reports/index.html`` (no script, font or style from the network).

    Each report is listed with the data and code versions it was built from (recorded in
    ``manifest``). ``headline`` is ``render_headline()``'s result, if already computed.
    """
    items = []
    for run in runs:
        entry = manifest["runs"].get(run.name)
        if entry is None:
            items.append(
                f'<div class="report"><h3>{html.escape(run.title)}</h3>'
                "<p>Not built: the last build of this report failed.</p></div>"
            )
            continue
        tables = [f for f in entry["files"] if f.startswith("tables/")]
        table_links = " · ".join(
            f'<a href="{html.escape(f)}">{html.escape(f.split("/")[-1])}</a>' for f in tables
        )
        items.append(
            '<div class="report">'
            f'<h3><a href="{html.escape(run.name)}.html">{html.escape(run.title)}</a></h3>'
            f"<p>{html.escape(run.description)}</p>"
            f'<p class="meta">Parameters: {_params(run.parameters)} · notebook '
            f"<code>notebooks/{html.escape(run.notebook)}</code> · data version "
            f"<code>{entry['data_version']}</code> · code version "
            f"<code>{entry['code_version']}</code>"
            + (f"<br>Tables: {table_links}" if table_links else "")
            + "</p></div>"
        )
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>Central Asia returnees: reports</title>\n"
        f"<style>{_STYLE}</style>\n</head>\n<body>\n<main>\n"
        "<h1>Bringing citizens home from Syria and Iraq: Kazakhstan, Kyrgyzstan, Tajikistan "
        "and Uzbekistan</h1>\n"
        + (headline if headline is not None else render_headline())
        + "\n<h2>Reports</h2>\n"
        + "\n".join(items)
        + '\n<p class="meta">The data version is a hash of every file in data/; the code version '
        "a hash of the helpers, notebooks and pinned packages. Every figure in these reports "
        "traces to a quote in data/repatriations.csv.</p>\n</main>\n</body>\n</html>\n"
    )
