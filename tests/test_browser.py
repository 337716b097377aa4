"""The site as a reader gets it, offline, accessible, in both languages.

Every page of the site built from the current tree (``built_site``) is read with an HTML parser:
from each front page every page is found; every link resolves offline (files, and the ids its
fragments name); every number of people on a reader page links to an evidence entry holding its
quote; no source or statement id shows in the text; every figure has alt text; every page says
its language and links its twin; Russian pages are in Russian. A real browser audits one page
of each kind in each language (test_axe).
"""

import json
import re
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urldefrag, urlparse

import pytest
from conftest import parsed_page

from helpers.site.pdf import find_chromium

pytestmark = pytest.mark.slow
READER_PAGES = ("index", "regional_comparison", "country_profile_")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")


class Page:
    """One built page, parsed: its links, ids, counts, evidence, images, language and text."""

    def __init__(self, root: Path, relative: str):
        self.relative = relative
        self.soup = parsed_page(root / relative)
        self.lang = self.soup.html.get("lang") if self.soup.html else None
        self.links = [a["href"] for a in self.soup.find_all("a", href=True)]
        self.ids = {e["id"] for e in self.soup.find_all(id=True)}
        self.counts = [(a["href"], a.get_text()) for a in self.soup.select("a.count")]
        self.evidence = {
            li["id"]: len(li.find_all("blockquote"))
            for li in self.soup.select("section.evidence li[id]")
        }
        self.images = [(img.get("src", ""), img.get("alt", "")) for img in self.soup("img")]
        self.text = self.soup.body.get_text(" ") if self.soup.body else ""
        self.headings = [h.get_text().strip() for h in self.soup.find_all(["h1", "h2", "th"])]


def target_of(page: str, href: str) -> tuple[str, str] | None:
    """The site file (relative path) and fragment a local link points to; None if remote."""
    if urlparse(href).scheme:
        return None
    path, fragment = urldefrag(href)
    if not path:
        return page, fragment
    joined = PurePosixPath(page).parent / unquote(path)
    parts: list[str] = []
    for part in joined.parts:
        if part == "..":
            parts.pop()
        elif part != ".":
            parts.append(part)
    return "/".join(parts), fragment


@pytest.fixture(scope="module")
def site(built_site) -> dict[str, Page]:
    """Every HTML page of the built site, parsed, by its path relative to the site."""
    return {
        p.relative_to(built_site).as_posix(): Page(built_site, p.relative_to(built_site).as_posix())
        for p in sorted(built_site.rglob("*.html"))
    }


def test_both_sites_are_found_from_their_front_pages(site, built_site):
    todo, seen, files = ["index.html", "ru/index.html"], set(), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        for href in site[name].links:
            target = target_of(name, href)
            if target is None:
                continue
            if target[0].endswith(".html"):
                todo.append(target[0])
            else:
                files.add(target[0])
    for prefix in ("", "ru/"):
        for name in ("index", "regional_comparison", "data_quality", "data_dictionary"):
            assert f"{prefix}{name}.html" in seen
        assert sum(n.startswith(f"{prefix}country_profile_") for n in seen) == 4
    assert "download/central-asia-returnees-data.zip" in files
    assert "tables/country_summary.csv" in files
    if find_chromium() is not None:
        assert {"regional_comparison.pdf", "ru/regional_comparison.pdf"} <= files
    assert set(site) <= seen  # no page only a typed address reaches


def test_every_link_resolves_offline(site, built_site):
    for name, page in site.items():
        for href in page.links:
            target = target_of(name, href)
            if target is None:
                assert urlparse(href).scheme in ("http", "https"), (name, href)  # sources
                continue
            path, fragment = target
            assert (built_site / path).is_file(), (name, href)
            if fragment and path.endswith(".html"):
                assert fragment in site[path].ids, (name, href)
        for tag in page.soup.find_all(["img", "script", "link", "iframe"]):
            source = tag.get("src") or tag.get("href") or ""
            assert not re.match(r"(https?:)?//", source), (name, source)  # nothing remote


def test_every_page_says_its_language_and_links_its_twin(site):
    for name, page in site.items():
        assert page.lang == ("ru" if name.startswith("ru/") else "en"), name
        twin = name.removeprefix("ru/") if name.startswith("ru/") else f"ru/{name}"
        assert twin in site, name
        targets = {t[0] for t in (target_of(name, h) for h in page.links) if t}
        assert twin in targets, name


def test_every_figure_has_alt_text_and_its_file(site, built_site):
    manifest = json.loads((built_site / "manifest.json").read_text())
    for name, page in site.items():
        if name.removesuffix(".html") not in manifest["runs"]:
            continue  # the front page, the dictionary, the explorer: no figures
        assert page.images, f"{name} shows no figure"
        for src, alt in page.images:
            assert len(alt) > 10, (name, src)
            if not src.startswith("data:"):
                assert (built_site / target_of(name, src)[0]).is_file(), (name, src)


def test_every_number_on_a_reader_page_links_to_its_words(site):
    checked = 0
    for name, page in site.items():
        if not name.removeprefix("ru/").startswith(READER_PAGES):
            continue
        assert page.counts, f"{name}: no linked number"
        for href, text in page.counts:
            assert re.search(r"\d", text), (name, text)
            path, fragment = target_of(name, href)
            assert site[path].evidence.get(fragment, 0) >= 1, (name, text, href)
            checked += 1
    assert checked > 100


def test_reader_pages_show_no_source_or_statement_ids(site, shipped):
    ids = set(shipped.sources["source_id"]) | set(shipped.repatriations["statement_id"])
    ids |= set(shipped.repatriations["figure_id"])
    for name, page in site.items():
        if not name.removeprefix("ru/").startswith(READER_PAGES):
            continue
        words = {w.strip(".") for w in re.findall(r"[\w./-]+", page.text)}  # an address is one
        shown = sorted(ids & words)
        assert not shown, (name, shown[:5])


def test_russian_pages_are_in_russian_with_their_own_figures(site):
    for name, page in site.items():
        if not name.startswith("ru/"):
            continue
        headings = [h for h in page.headings if h]
        latin = [h for h in headings if not CYRILLIC.search(h) and re.search("[A-Za-z]{4}", h)]
        assert not latin, (name, latin[:5])
        for _, alt in page.images:
            assert CYRILLIC.search(alt), (name, alt)
        english = site[name.removeprefix("ru/")]
        if page.images:
            shown = [target_of(name, s) for s, _ in page.images]
            assert shown != [target_of(english.relative, s) for s, _ in english.images], name
