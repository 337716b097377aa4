"""Reports are the markdown and outputs of a notebook, never code; pages escape what they show."""

import nbformat
import pytest

from helpers.report.i18n import using
from helpers.report.render import (
    Nav,
    page_title,
    read_citation_file,
    render_body,
    render_page,
    twin_nav,
)


def notebook():
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('country = "UZB"')
    params.metadata["tags"] = ["parameters"]
    hidden = nbformat.v4.new_code_cell("x = 1")
    hidden.metadata["tags"] = ["remove-cell"]
    hidden.outputs = [nbformat.v4.new_output("stream", name="stdout", text="hidden output")]
    shown = nbformat.v4.new_code_cell("print(x)")
    shown.outputs = [
        nbformat.v4.new_output("stream", name="stdout", text="a < b & c"),
        nbformat.v4.new_output("stream", name="stderr", text="a warning"),
        nbformat.v4.new_output("display_data", data={"text/html": "<table></table>"}),
    ]
    nb.cells = [params, nbformat.v4.new_markdown_cell("## Title\n\n*one*"), hidden, shown]
    return nb


def test_a_report_shows_markdown_and_outputs_but_no_code_or_hidden_cell():
    body = render_body(notebook())
    assert body == (
        "<h2>Title</h2>\n<p><em>one</em></p>\n\n<pre>a &lt; b &amp; c</pre>\n<table></table>"
    )


def test_a_page_escapes_its_title_and_inlines_one_style_sheet():
    page = render_page("<p>body</p>", title="A <b> & C", language="ru", nav=Nav(index="i.html"))
    assert page.startswith("<!DOCTYPE html>") or page.startswith("<!doctype html>")
    assert '<html lang="ru">' in page
    assert "<title>A &lt;b&gt; &amp; C" in page
    assert "<p>body</p>" in page  # the body is trusted HTML
    assert page.count("<style>") == 1 and "<script" not in page and "<link" not in page


def test_each_page_links_its_twin_in_the_other_language():
    en = twin_nav("data_quality", "en")
    assert (en.twin, en.twin_language, en.pdf) == ("ru/data_quality.html", "ru", "data_quality.pdf")
    ru = twin_nav("data_quality", "ru", pdf=False)
    assert (ru.twin, ru.twin_language, ru.pdf) == ("../data_quality.html", "en", None)


def test_a_run_from_the_command_line_takes_the_sites_title_or_its_name():
    assert page_title("start_here", {}) == "Start here"
    assert page_title("no_such_notebook", {}) == "No such notebook"
    with using("ru"):
        assert page_title("country_profile", {"country": "kgz"}) != "Country profile"


def test_citation_file_fields_and_a_clear_message_when_one_is_missing(tmp_path):
    cff = read_citation_file()
    assert set(cff) == {"author", "title", "version", "year"}
    assert len(cff["year"]) == 4 and cff["year"].isdigit()
    broken = tmp_path / "CITATION.cff"
    broken.write_text('title: "x"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"CITATION.cff: no author found \(expected a line"):
        read_citation_file(broken)


def _figure_notebook(data):
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("helpers.save_figure(fig, out, 'totals', alt='Bars')")
    cell.outputs = [nbformat.v4.new_output("display_data", data=data)]
    nb.cells = [cell]
    return nb


def test_a_saved_figure_is_linked_from_the_page_never_embedded(tmp_path):
    from helpers.report.figure_files import FIGURE_MIME

    link = {
        "png": (tmp_path / "figures" / "totals.png").as_posix(),
        "svg": (tmp_path / "figures" / "totals.svg").as_posix(),
        "alt": "Bars of people",
        "width": 900,
        "height": 500,
    }
    body = render_body(_figure_notebook({"image/png": "iVBORw0KGgo=", FIGURE_MIME: link}), tmp_path)
    assert body.startswith(
        '<figure class="chart"><img src="figures/totals.png" alt="Bars of people" width="900" '
        'height="500">'
    )
    assert '<a href="figures/totals.svg" type="image/svg+xml">SVG</a>' in body
    assert "base64" not in body and "iVBOR" not in body


def test_a_figure_that_was_not_saved_stops_the_page_and_says_which_cell():
    from helpers.report.figure_files import FigureLinkError

    nb = _figure_notebook({"image/png": "iVBORw0KGgo=", "text/plain": "<Figure>"})
    nb.cells[0].source = "fig\n"
    with pytest.raises(FigureLinkError) as info:
        render_body(nb)
    assert str(info.value) == (
        "the cell starting 'fig': a cell shows a figure that was not saved, so the page has no "
        "file to show and no alt text for it: show it with helpers.save_figure(fig, "
        'p.output_dir / "figures", name, alt=...)'
    )
