"""Figure files: stable bytes, the PNG inline in Jupyter, a page that links the files it shows."""

import base64
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import parsed_page

from helpers.report.figure_files import FIGURE_MIME, FigureLinkError, figure_html, save_figure
from helpers.report.figure_style import new_figure
from helpers.report.i18n import using


def small_figure():
    fig, ax = new_figure("People repatriated")
    ax.bar(["A", "B"], [3, 5])
    ax.set_ylabel("people")
    return fig


def test_saved_figures_have_stable_bytes_and_no_tool_or_date(tmp_path):
    first = save_figure(small_figure(), tmp_path / "a", "totals", alt="Bar chart")
    second = save_figure(small_figure(), tmp_path / "b", "totals", alt="Bar chart")
    for one, two in ((first.png, second.png), (first.svg, second.svg)):
        assert one.read_bytes() == two.read_bytes()
    svg = first.svg.read_text()
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"Software" not in first.png.read_bytes()


def test_a_saved_figure_knows_its_pixel_size(tmp_path):
    fig = small_figure()
    fig.set_size_inches(9.0, 7.94)  # a tall timeline: 7.94 in at 100 dpi is 794 px
    saved = save_figure(fig, tmp_path, "tall", alt="Tall")
    assert (saved.width, saved.height) == (900, 794)


def test_jupyter_gets_the_png_and_the_page_gets_the_link_form(tmp_path):
    saved = save_figure(small_figure(), tmp_path / "figures", "totals", alt="Bars")
    bundle = saved._repr_mimebundle_()
    assert base64.b64decode(bundle["image/png"]) == saved.png.read_bytes()
    assert "text/html" not in bundle  # Jupyter would prefer it to the PNG
    assert bundle[FIGURE_MIME] == {
        "png": (tmp_path / "figures" / "totals.png").resolve().as_posix(),
        "svg": (tmp_path / "figures" / "totals.svg").resolve().as_posix(),
        "alt": "Bars",
        "width": 900,
        "height": 500,
    }


def test_a_page_shows_the_file_beside_it_with_png_and_svg_links(tmp_path):
    saved = save_figure(small_figure(), tmp_path / "figures", "totals", alt='Totals "by" <country>')
    page = figure_html(saved.link(), tmp_path)
    soup = BeautifulSoup(page, "html.parser")
    img = soup.figure.img
    assert (img["src"], img["alt"], img["width"], img["height"]) == (
        "figures/totals.png",
        'Totals "by" <country>',
        "900",
        "500",
    )
    links = [(a.get_text(), a["href"], a["type"]) for a in soup.figure.find_all("a")]
    assert links == [
        ("PNG", "figures/totals.png", "image/png"),
        ("SVG", "figures/totals.svg", "image/svg+xml"),
    ]
    assert soup.figure.p.get_text() == "Download the figure: PNG · SVG"
    assert "data:" not in page
    with using("ru"):
        russian = BeautifulSoup(figure_html(saved.link(), tmp_path), "html.parser")
    assert russian.figure.p.get_text() == "Скачать рисунок: PNG · SVG"


def test_a_figure_outside_the_pages_folder_is_refused_with_where_it_is(tmp_path):
    saved = save_figure(small_figure(), tmp_path / "elsewhere", "totals", alt="Bars")
    page_dir = tmp_path / "report"
    page_dir.mkdir()
    with pytest.raises(FigureLinkError) as info:
        figure_html(saved.link(), page_dir)
    assert str(info.value) == (
        f"figure totals.png was saved in {(tmp_path / 'elsewhere').resolve()}, outside the "
        f"report's folder {page_dir.resolve()}: save a report's figures under its output_dir "
        '(helpers.save_figure(fig, p.output_dir / "figures", name, alt=...))'
    )


# The built site (``built_site``, built once per session): one copy of each figure.


def _referenced(site: Path) -> set[str]:
    """Every site file a page points to with an image or a link (paths relative to the site)."""
    found = set()
    for page in site.rglob("*.html"):
        for tag in parsed_page(page).find_all(["img", "a"]):
            address = tag.get("src") or tag.get("href") or ""
            if address and not re.match(r"[a-z]+:|#", address):
                target = (page.parent / address.split("#")[0]).resolve()
                found.add(target.relative_to(site.resolve()).as_posix())
    return found


def unreferenced_figures(site: Path) -> list[str]:
    """The files under a site's figures/ folders that no page shows or links."""
    files = {p.relative_to(site).as_posix() for p in site.rglob("figures/*") if p.is_file()}
    return sorted(files - _referenced(site))


@pytest.mark.slow
def test_every_figure_file_of_the_built_site_is_shown_or_linked_by_a_page(built_site, tmp_path):
    figures = list(built_site.rglob("figures/*.png")) + list(built_site.rglob("figures/*.svg"))
    assert len(figures) >= 40  # both languages: every run's figures as PNG and SVG
    assert unreferenced_figures(built_site) == []
    # The check finds a stray file: a copy with one more figure no page names.
    stray = tmp_path / "site"
    (stray / "ru" / "figures").mkdir(parents=True)
    (stray / "ru" / "figures" / "old_chart.svg").write_text("<svg/>")
    (stray / "ru" / "page.html").write_text('<img src="figures/chart.png" alt="x">')
    (stray / "ru" / "figures" / "chart.png").write_bytes(b"png")
    assert unreferenced_figures(stray) == ["ru/figures/old_chart.svg"]


@pytest.mark.slow
def test_no_page_of_the_built_site_embeds_an_image(built_site):
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 18  # 6 reports, the front page, dictionary and explorer, twice
    embedded = [p.name for p in pages if "data:image" in p.read_text(encoding="utf-8")]
    assert embedded == []
    report = (built_site / "regional_comparison.html").read_text(encoding="utf-8")
    assert report.count('<figure class="chart"><img src="figures/regional_') >= 5
    assert len(report.encode()) < 150_000  # was 540 KB with its figures inlined
