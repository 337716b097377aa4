"""A real browser reads both sites as a reader would: every link, offline, accessible.

From each front page (English and Russian) it follows every link — reports, PDFs, CSVs, the
download, the data dictionaries and the language switches — and finds every page offline, with its
figures and no console error. Every number of people on a reader page links to an evidence entry
holding its quote; no source or statement id shows in their text. axe-core (WCAG 2.1 A and AA)
finds no violation on any page. Russian pages are in Russian, with their own figures.

Needs Debian's chromium (``apt-get install chromium``); Playwright drives it. Under CI (CI=true)
the test must run; elsewhere it is skipped with a message when chromium is missing.
"""

import os
import re
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from helpers.loading import load_dataset
from helpers.paths import REPORTS_DIR
from helpers.pdf import CHROMIUM_ARGS, find_chromium

pytestmark = pytest.mark.slow
WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
READER_PAGES = ("index", "regional_comparison", "country_profile_")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


@pytest.fixture(scope="module")
def browser():
    chromium = find_chromium()
    if chromium is None:
        if os.environ.get("CI") == "true":
            pytest.fail("chromium is missing under CI: .ci/run must install it")
        pytest.skip("chromium not installed: run `apt-get install chromium` to test in a browser")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


def local(url: str) -> Path:
    return Path(unquote(urlparse(urldefrag(url).url).path))


class Visit:
    """One page opened in the browser: its errors, remote requests, links and figures."""

    def __init__(self, browser, path: Path):
        self.path = path
        self.page = browser.new_page()
        self.errors: list[str] = []
        self.remote: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.route("**/*", self._guard)
        self.page.goto(path.as_uri())
        self.page.wait_for_load_state("load")

    def _guard(self, route):
        if urlparse(route.request.url).scheme in ("file", "data"):
            route.continue_()
        else:
            self.remote.append(route.request.url)
            route.abort()

    def links(self) -> list[str]:
        return self.page.eval_on_selector_all("a[href]", "els => els.map(e => e.href)")

    def close(self):
        self.page.close()


@pytest.fixture(scope="module")
def site(browser):
    """Crawl both sites from their front pages; return every page visited with what it showed."""
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    start = [REPORTS_DIR / "index.html", REPORTS_DIR / "ru" / "index.html"]
    todo, seen, pages, files = list(start), set(), {}, set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        visit = Visit(browser, path)
        links = visit.links()
        info = {
            "errors": visit.errors,
            "remote": visit.remote,
            "links": links,
            "lang": visit.page.get_attribute("html", "lang"),
            "text": visit.page.inner_text("body"),
            "headings": visit.page.eval_on_selector_all(
                "h1, h2, th", "e => e.map(x => x.innerText)"
            ),
            "images": visit.page.eval_on_selector_all(
                "img", "els => els.map(e => [e.complete, e.naturalWidth, e.alt, e.src.length])"
            ),
            "ids": set(visit.page.eval_on_selector_all("[id]", "els => els.map(e => e.id)")),
            "counts": visit.page.eval_on_selector_all(
                "a.count", "els => els.map(e => [e.href, e.innerText])"
            ),
            "evidence": dict(
                visit.page.eval_on_selector_all(
                    "section.evidence li[id]",
                    "els => els.map(e => [e.id, e.querySelectorAll('blockquote').length])",
                )
            ),
            "axe": axe.run(visit.page, options=WCAG),
        }
        visit.close()
        pages[path] = info
        for url in links:
            parsed = urlparse(url)
            if parsed.scheme != "file":
                continue
            target = local(url)
            if target.suffix == ".html":
                todo.append(target)
            else:
                files.add(target)
    return pages, files


def test_both_sites_are_found_from_their_front_pages(site):
    pages, files = site
    names = {p.relative_to(REPORTS_DIR).as_posix() for p in pages}
    for prefix in ("", "ru/"):
        for name in ("index", "regional_comparison", "data_quality", "data_dictionary"):
            assert f"{prefix}{name}.html" in names
        assert sum(n.startswith(f"{prefix}country_profile_") for n in names) == 4
    found = {f.relative_to(REPORTS_DIR).as_posix() for f in files}
    assert "download/central-asia-returnees-data.zip" in found
    assert "tables/country_summary.csv" in found
    assert {f for f in found if f.endswith(".pdf")} >= {
        "regional_comparison.pdf",
        "ru/regional_comparison.pdf",
    }


def test_every_link_resolves_offline_without_errors(site):
    pages, files = site
    for path, info in pages.items():
        assert not info["errors"], (path, info["errors"])
        assert not info["remote"], (path, info["remote"])
        for url in info["links"]:
            parsed = urlparse(url)
            if parsed.scheme == "file":
                target = local(url)
                assert target.is_file(), (path, url)
                fragment = urldefrag(url).fragment
                if fragment and target.suffix == ".html":
                    assert fragment in pages[target]["ids"], (path, url)
            else:
                assert parsed.scheme in ("http", "https"), (path, url)  # sources' addresses
    for file in files:
        data = file.read_bytes()
        assert data, file
        if file.suffix == ".pdf":
            assert data.startswith(b"%PDF-"), file


def test_every_page_links_its_twin_in_the_other_language(site):
    pages, _ = site
    for path, info in pages.items():
        relative = path.relative_to(REPORTS_DIR).as_posix()
        twin = relative.removeprefix("ru/") if relative.startswith("ru/") else f"ru/{relative}"
        assert any(local(u) == REPORTS_DIR / twin for u in info["links"]), relative


def test_every_report_shows_its_figures(site):
    pages, _ = site
    for path, info in pages.items():
        if path.stem in ("index", "data_dictionary"):
            continue
        assert info["images"], f"{path} shows no figure"
        for complete, width, alt, _ in info["images"]:
            assert complete and width > 0 and len(alt) > 10, path


def test_every_number_on_a_reader_page_links_to_its_words(site):
    pages, _ = site
    checked = 0
    for path, info in pages.items():
        if not path.stem.startswith(READER_PAGES):
            continue
        assert info["counts"], f"{path}: no linked number"
        for href, text in info["counts"]:
            assert re.search(r"\d", text), (path, text)
            target, fragment = local(href), urldefrag(href).fragment
            entries = pages[target]["evidence"]
            assert entries.get(fragment, 0) >= 1, (path, text, href)
            checked += 1
    assert checked > 100


def test_reader_pages_show_no_source_or_statement_ids(site):
    pages, _ = site
    data = load_dataset()
    ids = set(data.sources["source_id"]) | set(data.repatriations["statement_id"])
    ids |= set(data.repatriations["figure_id"])
    for path, info in pages.items():
        if not path.stem.startswith(READER_PAGES):
            continue
        shown = [i for i in ids if re.search(rf"(?<![\w/.-]){re.escape(i)}(?![\w-])", info["text"])]
        assert not shown, (path, shown[:5])


def test_every_page_passes_an_accessibility_audit(site):
    pages, _ = site
    for path, info in pages.items():
        result = info["axe"]
        assert result.violations_count == 0, f"{path}:\n{result.generate_report()}"


def test_russian_pages_are_in_russian_with_their_own_figures(site):
    pages, _ = site
    for path, info in pages.items():
        relative = path.relative_to(REPORTS_DIR).as_posix()
        if not relative.startswith("ru/"):
            assert info["lang"] == "en"
            continue
        assert info["lang"] == "ru", relative
        headings = [h for h in info["headings"] if h.strip()]
        latin = [h for h in headings if not CYRILLIC.search(h) and re.search("[A-Za-z]{4}", h)]
        assert not latin, (relative, latin[:5])
        english = pages[REPORTS_DIR / relative.removeprefix("ru/")]
        assert [i[3] for i in info["images"]] != [i[3] for i in english["images"]] or not info[
            "images"
        ]
        for _, _, alt, _ in info["images"]:
            assert CYRILLIC.search(alt), (relative, alt)
