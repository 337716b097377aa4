"""Pages of the site: an executed notebook as a code-free report, and the shared page template.

Reports show only what a reader needs: the markdown and the outputs (HTML tables, text, figures)
of the cells, never code, parameters or hidden cells. A figure is its PNG file beside the page,
linked (``figure_files.figure_html``), never embedded. Every page is ``templates/page.html.j2``
(Jinja2, autoescaped) with the one style sheet ``templates/site.css`` inlined: no script, font
or style comes from the network.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import nbformat

from helpers.report.figure_files import FIGURE_MIME, FigureLinkError, figure_html
from helpers.report.i18n import LANGUAGES, catalogue, fmt_date, get_language, t

TEMPLATES_DIR = Path(__file__).parent / "templates"
HIDDEN_TAGS = {"parameters", "injected-parameters", "remove-cell"}


@dataclass(frozen=True)
class Nav:
    """Links at the top of a page: the front page, the PDF, the twin in the other language."""

    index: str | None = None
    pdf: str | None = None
    twin: str | None = None
    twin_language: str | None = None

    def context(self) -> dict[str, Any]:
        """Return the template's view of the links, with their labels in the current language."""
        return {
            "label": t("nav.label"),
            "index": self.index,
            "index_label": t("nav.index"),
            "pdf": self.pdf,
            "pdf_label": t("nav.pdf"),
            "twin": self.twin,
            "twin_language": self.twin_language,
            "twin_label": t(f"nav.twin_{self.twin_language}") if self.twin_language else "",
        }


@dataclass(frozen=True)
class Citation:
    """How to cite a page: its title, the data version and date it was built from, its address."""

    title: str
    data_version: str
    data_date: str
    address: str

    def context(self) -> dict[str, Any]:
        """Return the "How to cite" heading and sentence (HTML) in the current language.

        The author, the work's title, its version and year are those of ``CITATION.cff``; on a
        page not in English the author and the work's English title are marked ``lang="en"``.
        """
        work = read_citation_file()

        def english(text: str) -> str:
            shown = html.escape(text, quote=False)
            return shown if get_language() == "en" else f'<span lang="en">{shown}</span>'

        fields = {
            "author": english(work["author"]),
            "year": html.escape(work["year"], quote=False),
            "work": english(work["title"]),
            "release": html.escape(work["version"], quote=False),
            "title": html.escape(self.title, quote=False),
            "version": html.escape(self.data_version, quote=False),
            "date": html.escape(fmt_date(self.data_date), quote=False),
            "address": html.escape(self.address, quote=False),
        }
        return {"heading": t("cite.heading"), "text": t("cite.text", **fields)}


_CFF_KEYS = {
    "author": r'^  - name: "(.+)"$',
    "title": r'^title: "(.+)"$',
    "version": r'^version: "(.+)"$',
    "year": r'^date-released: "(\d{4})-\d{2}-\d{2}"$',
}


@cache
def read_citation_file(path: Path | None = None) -> dict[str, str]:
    """Return the author, title, version and year of release that ``CITATION.cff`` states."""
    import re

    from helpers.data.paths import PROJECT_ROOT

    path = path or PROJECT_ROOT / "CITATION.cff"
    text = path.read_text(encoding="utf-8")
    found = {}
    for key, pattern in _CFF_KEYS.items():
        match = re.search(pattern, text, flags=re.MULTILINE)
        if match is None:
            raise ValueError(f"{path.name}: no {key} found (expected a line matching {pattern})")
        found[key] = match.group(1)
    return found


def twin_nav(name: str, language: str, index: str = "index.html", pdf: bool = True) -> Nav:
    """Return the links of page ``name`` (``name.html``) in ``language``.

    English pages live in ``reports/``, Russian ones in ``reports/ru/``; each links its twin.
    """
    other = next(lang for lang in LANGUAGES if lang != language)
    twin = f"ru/{name}.html" if language == "en" else f"../{name}.html"
    return Nav(index=index, pdf=f"{name}.pdf" if pdf else None, twin=twin, twin_language=other)


def page_title(notebook: str, params: dict[str, Any]) -> str:
    """Return the title of a report run from the command line, in the current language.

    The site's title for the same run where the catalogue has one ("Кыргызстан: «Мээрим» и
    гуманитарная миссия «Айкөл»" for ``country_profile`` with ``country`` KGZ), else that of the
    notebook, else its name written out ("Start here").
    """
    names = catalogue(get_language())
    country = str(params.get("country", "")).strip().upper()
    for key in (f"run.{notebook}_{country}.title", f"run.{notebook}.title"):
        if key in names:
            return names[key]
    return notebook.replace("_", " ").capitalize()


@cache
def _environment() -> Any:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        keep_trailing_newline=True,
    )


def render_template(name: str, **context: Any) -> str:
    """Render a template of ``templates/`` with autoescaping."""
    return _environment().get_template(name).render(**context)


@cache
def _css() -> str:
    return (TEMPLATES_DIR / "site.css").read_text(encoding="utf-8")


def render_page(
    body: str,
    *,
    title: str,
    language: str,
    nav: Nav | None = None,
    citation: Citation | None = None,
) -> str:
    """Return a whole page: ``body`` (trusted HTML) inside the site's template."""
    return render_template(
        "page.html.j2",
        body=body,
        title=title,
        language=language,
        css=_css(),
        nav=nav.context() if nav else None,
        citation=citation.context() if citation else None,
    )


@cache
def _markdown_renderer() -> Any:
    import mistune

    return mistune.create_markdown(escape=False, plugins=["table"])


def markdown_to_html(text: str) -> str:
    """Render Markdown (the catalogues' texts, a notebook's markdown) to HTML, as UTF-8 text."""
    return str(_markdown_renderer()(text))


def _output_html(output: dict[str, Any], page_dir: Path | None) -> str:
    data = output.get("data", {})
    if FIGURE_MIME in data:  # a saved figure: the page links its files, never embeds them
        if page_dir is None:
            raise FigureLinkError("a page with figures needs the folder it is written to")
        return figure_html(data[FIGURE_MIME], page_dir)
    if "text/html" in data:
        return "".join(data["text/html"])
    if "text/markdown" in data:
        return markdown_to_html("".join(data["text/markdown"]))
    if "image/png" in data:
        raise FigureLinkError(
            "a cell shows a figure that was not saved, so the page has no file to show and no "
            "alt text for it: show it with helpers.save_figure(fig, p.output_dir / "
            '"figures", name, alt=...)'
        )
    if output.get("output_type") == "stream" and output.get("name") == "stdout":
        return f"<pre>{html.escape(''.join(output.get('text', '')))}</pre>"
    return ""


def render_body(nb: nbformat.NotebookNode, page_dir: Path | None = None) -> str:
    """Return the reader's part of an executed notebook as HTML: markdown and outputs only.

    A figure shown with ``save_figure`` is linked from ``page_dir``, the folder the page is
    written to, which must hold the figure's files. Raises ``FigureLinkError`` for a figure
    that was not saved (or saved outside ``page_dir``): a page never embeds an image.
    """
    parts = []
    for cell in nb.cells:
        if HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", [])):
            continue
        if cell.cell_type == "markdown":
            parts.append(markdown_to_html(cell.source))
        elif cell.cell_type == "code":
            try:
                parts.extend(_output_html(o, page_dir) for o in cell.get("outputs", []))
            except FigureLinkError as exc:
                first = cell.source.strip().splitlines()[0] if cell.source.strip() else ""
                raise FigureLinkError(f"the cell starting {first!r}: {exc}") from None
    return "\n".join(p for p in parts if p)
