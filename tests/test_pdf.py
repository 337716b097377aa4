"""PDFs: fixed dates, an outline of the headings, tags for screen readers, the same bytes twice."""

import shutil
import subprocess

import pytest

from helpers.site.pdf import PdfPrinter, find_chromium, fix_dates

PAGE = """<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title}</title></head>
<body><main>
<h1>{title}</h1><p>{text}</p>
<h2>{first}</h2><p>{text}</p>
<h3>{sub}</h3><p>{text}</p>
<h2>{second}</h2><p>{text}</p>
<p><a href="other.html">file link</a> <a href="#top">in-page link</a></p>
</main></body></html>
"""
PAGES = {
    "en": {
        "title": "Regional comparison",
        "first": "In brief",
        "sub": "Kazakhstan",
        "second": "How to cite",
        "text": "Four programmes side by side.",
    },
    "ru": {
        "title": "Сравнение по региону",
        "first": "Коротко",
        "sub": "Казахстан",
        "second": "Как цитировать",
        "text": "Четыре программы рядом.",
    },
}


def test_fix_dates_replaces_print_time_keeping_length():
    raw = b"<< /CreationDate (D:20261201182233+00'00') /ModDate (D:20261201182234+00'00') >>"
    fixed = fix_dates(raw, "20251231000000")
    assert fixed == (
        b"<< /CreationDate (D:20251231000000+00'00') /ModDate (D:20251231000000+00'00') >>"
    )
    assert len(fixed) == len(raw)


def test_fix_dates_refuses_a_malformed_stamp():
    with pytest.raises(ValueError, match=r"stamp must be 14 digits \(YYYYMMDDHHMMSS\), got '2025'"):
        fix_dates(b"", "2025")


def _outline_titles(reader) -> list[tuple[int, str]]:
    """Flatten pypdf's nested outline into (depth, title) pairs."""
    found: list[tuple[int, str]] = []

    def walk(items, depth):
        for item in items:
            if isinstance(item, list):
                walk(item, depth + 1)
            else:
                found.append((depth, item.title))

    walk(reader.outline, 0)
    return found


@pytest.fixture(scope="module")
def printer():
    """One printer (one Chromium) for the module, as a build's worker has."""
    if find_chromium() is None:
        pytest.skip("chromium not installed: `apt-get install chromium` to print PDFs")
    printer = PdfPrinter()
    yield printer
    printer.close()


@pytest.mark.slow
def test_pdfs_have_outline_tags_and_stable_bytes(tmp_path, printer):
    from pypdf import PdfReader

    printed = {}
    for lang, words in PAGES.items():
        html = tmp_path / f"{lang}.html"
        html.write_text(PAGE.format(lang=lang, **words), encoding="utf-8")
        printed[lang] = printer.print(html, tmp_path / f"{lang}.pdf")
    again = printer.print(tmp_path / "ru.html", tmp_path / "ru-again.pdf")

    assert again.read_bytes() == printed["ru"].read_bytes()
    for lang, words in PAGES.items():
        data = printed[lang].read_bytes()
        assert b"/CreationDate (D:20000101000000" in data
        reader = PdfReader(printed[lang])
        root = reader.trailer["/Root"]
        assert bool(root["/MarkInfo"]["/Marked"])
        assert "/StructTreeRoot" in root
        assert _outline_titles(reader) == [
            (0, words["title"]),
            (1, words["first"]),
            (2, words["sub"]),
            (1, words["second"]),
        ]
        # The link to a file beside the page is dropped; the in-page link stays.
        assert b"other.html" not in data
        if shutil.which("pdfinfo"):
            info = subprocess.run(
                ["pdfinfo", str(printed[lang])], capture_output=True, text=True, check=True
            ).stdout
            assert "Tagged:          yes" in info


@pytest.mark.slow
def test_a_pdf_shows_the_figure_file_beside_its_page_without_its_download_links(tmp_path, printer):
    from pypdf import PdfReader

    from helpers.report.figure_files import figure_html, save_figure
    from helpers.report.figure_style import new_figure
    from helpers.report.render import render_page

    fig, ax = new_figure("People repatriated")
    ax.bar(["A", "B"], [3, 5], color="#cc3311")
    saved = save_figure(fig, tmp_path / "figures", "chart", alt="Bars of people")
    html = tmp_path / "report.html"
    body = "<h1>Report</h1>\n" + figure_html(saved.link(), tmp_path)
    html.write_text(render_page(body, title="Report", language="en"), encoding="utf-8")
    pdf = printer.print(html, tmp_path / "report.pdf")
    page = PdfReader(pdf).pages[0]
    images = list(page.images)
    assert len(images) == 1  # the PNG, loaded from figures/ beside the page
    assert images[0].image.size == (900, 500)
    text = page.extract_text()
    assert "Report" in text and "Download the figure" not in text and "SVG" not in text


def test_structure_ids_are_numbered_from_one_in_their_order_with_the_same_length():
    from helpers.site.pdf import fix_node_ids

    first = b"<</ID (node00000028)>> <</ID (node00000031)>> /Names [(node00000028) 1 0 R]"
    later = b"<</ID (node00000029)>> <</ID (node00000032)>> /Names [(node00000029) 1 0 R]"
    want = b"<</ID (node00000001)>> <</ID (node00000002)>> /Names [(node00000001) 1 0 R]"
    assert fix_node_ids(first) == fix_node_ids(later) == want
    assert len(fix_node_ids(first)) == len(first)
    assert fix_node_ids(b"no ids here") == b"no ids here"


def tree(pairs: list[tuple[int, int]]) -> bytes:
    """Two header cells (objects 7 and 12) with their ids, a cell naming them, the id tree."""
    ids = dict(pairs)
    names = " ".join(
        f"(node{i:08d}) {obj} 0 R" for i, obj in sorted((v, k) for k, v in ids.items())
    )
    first, last = sorted(ids.values())[0], sorted(ids.values())[-1]
    return (
        f"7 0 obj <</S /TH /ID (node{ids[7]:08d})>> endobj\n"
        f"12 0 obj <</S /TH /ID (node{ids[12]:08d})>> endobj\n"
        f"15 0 obj <</S /TD /A <</Headers [(node{ids[12]:08d})]>>>> endobj\n"
        f"30 0 obj <</Limits [(node{first:08d}) (node{last:08d})]\n/Names [{names}]>> endobj\n"
    ).encode()


def test_structure_ids_follow_the_objects_that_hold_them_whatever_chromium_counted():
    """Chromium may number the same two header cells either way round: the fixed file is one."""
    from helpers.site.pdf import fix_node_ids

    one_way, other_way = tree([(7, 40), (12, 41)]), tree([(7, 45), (12, 44)])
    assert one_way != other_way and len(one_way) == len(other_way)
    fixed = fix_node_ids(one_way)
    assert fix_node_ids(other_way) == fixed
    assert fixed == tree([(7, 1), (12, 2)])  # by object: 7 first; the cell names 12's id, 2
    assert len(fixed) == len(one_way)
