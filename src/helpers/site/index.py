"""The site's own pages: front pages, data dictionaries and the data download, in each language.

The front page puts the headline numbers first (each a link into the regional report's evidence),
then every report with its PDF, tables and versions, then the data: the Data Package as one zip
(with its size and SHA-256) and the data dictionary made from ``data/datapackage.json``.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers.data.paths import DATA_DIR, PROJECT_ROOT
from helpers.report.i18n import LANGUAGES, catalogue, fmt_int, get_language, t, using
from helpers.report.ranges import RangeSum, compute_range_sum
from helpers.report.render import Citation, Nav, render_page, render_template

DOWNLOAD = "download/central-asia-returnees-data.zip"
ZIP_ROOT = "central-asia-returnees-data"
ZIP_EXTRA = {"CITATION.cff": PROJECT_ROOT / "CITATION.cff", "LICENSE.md": DATA_DIR / "LICENSE.md"}
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Headline:
    """The front page's numbers: people repatriated and children, with the statements used."""

    total: int
    total_is_lower_bound: bool
    children: int
    children_is_lower_bound: bool
    children_not_reported: list[str]
    countries: list[str]
    as_of: str
    statement_ids: list[str]
    range: RangeSum | None = None
    """The range all countries' sources give together (``compute_range_sum``)."""


def compute_headline() -> Headline:
    """Work out the headline numbers from the current data (as the regional report does)."""
    from helpers.data.loading import latest_data_date, load_dataset
    from helpers.model.analysis import compute_statements
    from helpers.model.totals import compute_country_totals, summarise_totals
    from helpers.report.evidence import split_ids

    data = load_dataset()
    statements = compute_statements(data.repatriations, data.sources)
    totals = compute_country_totals(
        statements, as_of=latest_data_date(data), countries=data.countries, events=data.events
    )
    summary = summarise_totals(totals)
    return Headline(
        total=summary.total,
        total_is_lower_bound=summary.total_is_lower_bound,
        children=summary.children,
        children_is_lower_bound=summary.children_is_lower_bound,
        children_not_reported=summary.children_not_reported,
        countries=list(totals["country_iso3"]),
        as_of=str(totals["as_of"].iloc[0]),
        statement_ids=[i for v in totals["statement_ids"] for i in split_ids(v)],
        range=compute_range_sum(totals),
    )


def _headline_context(headline: Headline) -> dict[str, str]:
    from helpers.report.evidence import evidence_id
    from helpers.report.i18n import fmt_date, fmt_list
    from helpers.report.names import country_name
    from helpers.report.wording import format_count

    missing = [country_name(c, case="dative") for c in headline.children_not_reported]
    children_text = t("index.children_text")
    if missing:
        children_text += " " + t("text.children_unsplit", countries=fmt_list(missing))
    return {
        "label": t("index.headline_label"),
        "total": format_count(headline.total, headline.total_is_lower_bound, words=True),
        "total_text": t(
            "index.total_text",
            countries=fmt_list([country_name(c) for c in headline.countries]),
            as_of=fmt_date(headline.as_of),
        ),
        "total_href": f"regional_comparison.html#{evidence_id(headline.statement_ids)}",
        **_range_context(headline),
        "children": format_count(headline.children, headline.children_is_lower_bound, words=True),
        "children_text": children_text,
        "note": t("index.note"),
    }


def _range_context(headline: Headline) -> dict[str, str]:
    """Return the range the sources give for the total, when it is one ("2,175 to 2,218")."""
    from helpers.report.evidence import evidence_id
    from helpers.report.wording import format_count

    span = headline.range
    if span is None or (span.high == span.low and not span.low_is_lower_bound):
        return {}
    low = format_count(span.low, span.low_is_lower_bound, words=True, prose=True)
    high = fmt_int(span.high, prose=True) if span.high is not None else ""
    if span.high is None:
        text = t("ranges.headline_floor", low=low)
    elif span.low_is_lower_bound:  # "at least 2,181 to 2,218" would read badly
        text = t("ranges.headline_low_floor", low=fmt_int(span.low, prose=True), high=high)
    else:
        text = t("ranges.headline", low=low, high=high)
    return {
        "range": text,
        "range_href": f"regional_comparison.html#{evidence_id(span.statement_ids)}",
    }


def _prefix(language: str) -> str:
    """How a page in ``language`` reaches the top of reports/."""
    return "" if language == LANGUAGES[0] else "../"


def _report_context(run: Any, entry: dict | None, language: str) -> dict[str, Any]:
    context: dict[str, Any] = {"title": run.title, "built": entry is not None}
    if entry is None:
        return context
    english = {f for f in entry.get("files", [])}
    tables = sorted(f for f in english if f.startswith("tables/"))
    context.update(
        href=f"{run.name}.html",
        pdf=f"{run.name}.pdf" if entry.get("has_pdf") else None,
        description=run.description,
        parameters=[(k, repr(v)) for k, v in run.parameters.items()],
        notebook=run.notebook,
        data_version=entry["data_version"],
        code_version=entry["code_version"],
        tables=[{"href": _prefix(language) + f, "name": f.split("/")[-1]} for f in tables],
    )
    return context


def render_index(
    runs: list[Any],
    manifest_runs: dict[str, Any],
    headline: Headline,
    download: bytes,
    language: str,
    versions: tuple[str, str],
    date: str,
) -> str:
    """Return the front page in ``language`` (``reports/index.html`` or ``reports/ru/index.html``).

    Each report is listed with its PDF, its tables and the data and code versions it was built
    from (``manifest_runs``, by manifest key); the tables of a translated site are the English
    CSVs. ``download`` is the zip, for its size and SHA-256.
    """
    with using(language):
        reports = []
        for run in runs:
            key = run.name if language == LANGUAGES[0] else f"{language}/{run.name}"
            entry = manifest_runs.get(key)
            if entry is not None:
                entry = dict(entry, has_pdf=f"{key}.pdf" in entry["files"])
                if language != LANGUAGES[0]:
                    english = manifest_runs.get(run.name, {})
                    entry["files"] = english.get("files", [])
            reports.append(_report_context(run, entry, language))
        body = render_template(
            "index_body.html.j2",
            heading=t("index.heading"),
            headline=_headline_context(headline),
            reports_heading=t("index.reports"),
            reports=reports,
            labels={
                k: t(f"index.{k}")
                for k in (
                    "pdf",
                    "parameters",
                    "defaults",
                    "notebook",
                    "data_version",
                    "code_version",
                    "tables",
                    "not_built",
                )
            },
            data={
                "heading": t("index.data_heading"),
                "text": t("index.data_text"),
                "download_href": _prefix(language) + DOWNLOAD,
                "download_name": DOWNLOAD.split("/")[-1],
                "size": t("index.size", kb=fmt_int(round(len(download) / 1024))),
                "sha256": hashlib.sha256(download).hexdigest(),
                "dictionary_href": "data_dictionary.html",
                "dictionary_label": t("dictionary.heading"),
                "explorer_href": "explorer.html",
                "explorer_label": t("explorer.link"),
                "explorer_text": t("explorer.link_text"),
            },
            footnote=t("index.footnote"),
        )
        return _site_page(body, "index", t("index.title"), language, versions, date)


def _site_page(
    body: str, name: str, title: str, language: str, versions: tuple[str, str], date: str
) -> str:
    """Wrap a site page's body: links to the front page and the twin, and how to cite it."""
    other = next(lang for lang in LANGUAGES if lang != language)
    english = language == LANGUAGES[0]
    address = f"reports/{name}.html" if english else f"reports/{language}/{name}.html"
    nav = Nav(
        index=None if name == "index" else "index.html",
        twin=f"{other}/{name}.html" if english else f"../{name}.html",
        twin_language=other,
    )
    citation = Citation(title, versions[0], date, address)
    return render_page(body, title=title, language=language, nav=nav, citation=citation)


def _constraints(spec: dict[str, Any]) -> str:
    c = dict(spec.get("constraints", {})) | dict(spec.get("itemConstraints", {}))  # a list's items
    c.pop("required", None)
    parts = []
    if "enum" in c:
        parts.append(t("dictionary.allowed", values=", ".join(map(str, c.pop("enum")))))
    for key, value in sorted(c.items()):
        shown = t("word.yes") if value is True else str(value)
        parts.append(f"{key}: {shown}")
    return "; ".join(parts) or "—"


def _described(key: str, english: str) -> tuple[str, str | None]:
    """Return a description in the current language, or the English one marked as English."""
    if key in catalogue(get_language()):
        return t(key), None
    return english, None if get_language() == "en" else "en"


def render_dictionary(language: str, versions: tuple[str, str], date: str) -> str:
    """Return the data dictionary page in ``language``, made from ``data/datapackage.json``.

    Every table and field with its type, whether required, allowed values and constraints, and
    its description.
    """
    package = json.loads((DATA_DIR / "datapackage.json").read_text(encoding="utf-8"))
    with using(language):
        tables = []
        # Tables only: the raw texts the package also describes have no columns to list.
        for res in (r for r in package["resources"] if "schema" in r):
            schema = res["schema"]
            fields = []
            for f in schema["fields"]:
                text, lang = _described(
                    f"dictionary.{res['name']}.{f['name']}", f.get("description", "")
                )
                required = f.get("constraints", {}).get("required", False)
                fields.append(
                    {
                        "name": f["name"],
                        "type": f.get("type", "string"),
                        "required": t("word.yes") if required else t("word.no"),
                        "constraints": _constraints(f),
                        "description": text,
                        "description_lang": lang,
                    }
                )
            text, lang = _described(f"dictionary.{res['name']}._table", res.get("description", ""))
            pk = schema.get("primaryKey")
            tables.append(
                {
                    "name": res["name"],
                    "heading": t("dictionary.table_heading", name=res["name"]),
                    "path": res["path"],
                    "description": text,
                    "description_lang": lang,
                    "primary_key": ", ".join(pk) if isinstance(pk, list) else pk,
                    "foreign_keys": [
                        f"{', '.join(fk['fields'])} → {fk['reference']['resource']}."
                        f"{', '.join(fk['reference']['fields'])}"
                        for fk in schema.get("foreignKeys", [])
                    ],
                    "fields": fields,
                }
            )
        labels = {
            k: t(f"dictionary.{k}")
            for k in (
                "tables",
                "file",
                "primary_key",
                "foreign_keys",
                "field",
                "type",
                "required",
                "constraints",
                "description",
            )
        }
        body = render_template(
            "dictionary_body.html.j2",
            heading=t("dictionary.heading"),
            intro=t("dictionary.intro"),
            tables=tables,
            labels=labels,
        )
        return _site_page(
            body, "data_dictionary", t("dictionary.heading"), language, versions, date
        )


def build_download(data_dir: Path = DATA_DIR) -> bytes:
    """Return the Data Package as a zip with stable bytes: fixed times, sorted entries.

    It holds the descriptor, the tables, the raw sources, the licence and the citation, under one
    folder; ``frictionless validate`` accepts it once unzipped.
    """
    files = {p.relative_to(data_dir).as_posix(): p for p in data_dir.rglob("*") if p.is_file()}
    files |= {name: path for name, path in ZIP_EXTRA.items() if path.is_file()}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(f"{ZIP_ROOT}/{name}", date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name].read_bytes(), compresslevel=9)
    return buffer.getvalue()


def prefetch_site_data() -> tuple[Headline, bytes]:
    """Work out what the site pages need from the data alone: the headline and the zip."""
    return compute_headline(), build_download()


def render_site_pages(
    versions: tuple[str, str],
    date: str,
    manifest_runs: dict[str, Any] | None = None,
    prefetched: tuple[Headline, bytes] | None = None,
) -> dict[str, str | bytes]:
    """Return every site page under reports/: front pages, dictionaries, explorers, the zip."""
    from helpers.site.explorer import render_explorer_pages
    from helpers.site.site import load_runs

    runs = load_runs()
    headline, download = prefetched or prefetch_site_data()
    pages: dict[str, str | bytes] = {DOWNLOAD: download}
    for language in LANGUAGES:
        prefix = "" if language == LANGUAGES[0] else f"{language}/"
        pages[f"{prefix}index.html"] = render_index(
            runs, manifest_runs or {}, headline, download, language, versions, date
        )
        pages[f"{prefix}data_dictionary.html"] = render_dictionary(language, versions, date)
    pages |= render_explorer_pages(versions, date)
    return pages
