"""The site's own pages: front pages with linked headline numbers, dictionaries, the download."""

import hashlib
import io
import json
import re
import zipfile

import pytest

from helpers.data.paths import DATA_DIR
from helpers.site.index import (
    DOWNLOAD,
    build_download,
    compute_headline,
    render_dictionary,
    render_index,
)
from helpers.site.site import Run

VERSIONS = ("d1", "c1")


@pytest.fixture(scope="module")
def headline():
    return compute_headline()


@pytest.fixture(scope="module")
def download():
    return build_download()


MANIFEST = {
    "regional_comparison": {
        "files": ["regional_comparison.html", "regional_comparison.pdf", "tables/t.csv"],
        "data_version": "d1",
        "code_version": "c1",
        "key": "k",
    },
    "ru/regional_comparison": {
        "files": ["ru/regional_comparison.html", "ru/regional_comparison.pdf"],
        "data_version": "d1",
        "code_version": "c1",
        "key": "k",
    },
}
RUNS = [Run("regional_comparison", "regional_comparison.ipynb", {"countries": "KAZ"})]


def front_page(headline, download, language="en", manifest=MANIFEST):
    """The front page of one run (``RUNS``) in ``language``, built from ``manifest``."""
    return render_index(RUNS, manifest, headline, download, language, VERSIONS, "2025-09-30")


def test_headline_shows_its_total_as_a_number_linked_to_its_words(download):
    """A headline made by hand: 725 + 551 + 382 + 531 = 2,189 people, 1,500 of them children."""
    from helpers.site.index import Headline

    made = Headline(
        total=2189,
        total_is_lower_bound=False,
        children=1500,
        children_is_lower_bound=True,
        children_not_reported=[],
        countries=["KAZ", "KGZ", "TJK", "UZB"],
        as_of="2025-09-30",
        statement_ids=["b-stmt", "a-stmt"],
    )
    page = front_page(made, download)
    shown = re.findall(r'<a class="count" href="([^"]+)">([^<]+)</a>', page)
    numbers = {int(re.sub(r"\D", "", text)) for _, text in shown}
    assert {2189, 1500} <= numbers
    assert any(text.startswith("at least") and "1,500" in text for _, text in shown)
    assert not any(text.startswith("at least") and "2,189" in text for _, text in shown)
    # The evidence id of the statements "a-stmt" and "b-stmt": sha256 of "a-stmt|b-stmt".
    anchor = "ev-" + hashlib.sha256(b"a-stmt|b-stmt").hexdigest()[:10]
    assert (f"regional_comparison.html#{anchor}", "2,189") in shown


def test_the_headline_counts_each_countrys_total_once(headline):
    """Every country of the data in the headline, its total a whole number of people."""
    assert headline.countries == ["KAZ", "KGZ", "TJK", "UZB"]
    assert isinstance(headline.total, int) and headline.total > 2000
    assert headline.children < headline.total


def test_front_page_lists_each_report_with_pdf_tables_versions_and_escapes(headline, download):
    page = front_page(headline, download)
    assert '<a href="regional_comparison.html">' in page
    assert '<a href="regional_comparison.pdf">PDF</a>' in page
    assert '<a href="tables/t.csv">t.csv</a>' in page
    assert "<code>countries = &#39;KAZ&#39;</code>" in page
    assert "<script" not in page and "<link" not in page
    assert '<a href="ru/index.html" lang="ru" hreflang="ru">Русская версия</a>' in page
    assert "How to cite" in page and "Data version d1" in page


def test_russian_front_page_links_the_english_tables_and_its_own_reports(headline, download):
    page = front_page(headline, download, "ru")
    assert '<html lang="ru">' in page
    assert '<a href="regional_comparison.html">Региональное сравнение' in page
    assert '<a href="regional_comparison.pdf">PDF</a>' in page
    assert '<a href="../tables/t.csv">t.csv</a>' in page
    assert '<a href="../index.html" lang="en" hreflang="en">English version</a>' in page
    assert f'href="../{DOWNLOAD}"' in page


def test_front_page_gives_the_downloads_size_and_checksum(headline, download):
    page = front_page(headline, download)
    assert hashlib.sha256(download).hexdigest() in page
    assert f"{round(len(download) / 1024):,} KB" in page


def test_a_report_whose_build_failed_is_said_to_be_missing(headline, download):
    page = front_page(headline, download, manifest={})
    assert "Not built" in page


@pytest.mark.whole_package
def test_download_is_byte_stable_sorted_and_a_valid_data_package(tmp_path, download):
    assert build_download() == download
    archive = zipfile.ZipFile(io.BytesIO(download))
    names = archive.namelist()
    assert names == sorted(names)
    assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    root = "central-asia-returnees-data/"
    for needed in ("datapackage.json", "repatriations.csv", "CITATION.cff", "LICENSE.md"):
        assert root + needed in names
    assert root + "raw/updates/tj_total_interfax_ru.txt" in names
    archive.extractall(tmp_path)
    from helpers.data.loading import validate_data_dir

    # The descriptor and every table through frictionless, every hash, every rule.
    assert validate_data_dir(tmp_path / root) == []


def test_data_dictionary_lists_every_table_and_field_with_its_rules():
    page = render_dictionary("en", VERSIONS, "2025-09-30")
    package = json.loads((DATA_DIR / "datapackage.json").read_text())
    for res in (r for r in package["resources"] if "schema" in r):
        assert f'id="table-{res["name"]}"' in page
        for field in res["schema"]["fields"]:
            assert f"<code>{field['name']}</code>" in page
    assert "one of: exact, at_least" in page
    assert "minimum: 0" in page


def test_russian_dictionary_is_in_russian():
    page = render_dictionary("ru", VERSIONS, "2025-09-30")
    assert "Словарь данных" in page and "Обязателен" in page
    assert "Число людей, которое называет источник." in page
    assert 'lang="en"' not in page.split("<main>")[1].split("</main>")[0]
