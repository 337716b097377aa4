"""How to cite a page: the project as author once, the title, the year, the versions, the date."""

import pytest
import yaml

from helpers.data.paths import PROJECT_ROOT
from helpers.report.i18n import using
from helpers.report.render import Citation, read_citation_file

CITATION = Citation("Reports and data", "d1", "2025-09-30", "reports/index.html")


def test_citation_file_gives_author_title_version_and_year():
    cff = yaml.safe_load((PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert read_citation_file() == {
        "author": cff["authors"][0]["name"],
        "title": cff["title"],
        "version": cff["version"],
        "year": str(cff["date-released"])[:4],
    }


def test_english_citation_names_the_author_once_with_year_versions_and_date():
    work = read_citation_file()
    with using("en"):
        text = CITATION.context()["text"]
    assert text == (
        f"{work['author']} ({work['year']}). Reports and data. In {work['title']}, "
        f"version {work['version']}. Data version d1, data up to 30 September 2025. "
        "reports/index.html."
    )
    assert text.count("Central Asia returnees project") == 1


def test_russian_citation_names_the_author_once_with_year_versions_and_date():
    work = read_citation_file()
    with using("ru"):
        context = CITATION.context()
    assert context["heading"] == "Как цитировать"
    assert context["text"] == (  # the English names marked as English for screen readers
        f'<span lang="en">{work["author"]}</span> ({work["year"]}). Reports and data // '
        f'<span lang="en">{work["title"]}</span>. '
        f"Версия {work['version']}; версия данных d1; данные по состоянию на "
        "30 сентября 2025\u202fг.; reports/index.html."
    )


def test_citation_file_without_a_version_is_refused_by_name(tmp_path):
    cff = tmp_path / "CITATION.cff"
    cff.write_text('title: "T"\nauthors:\n  - name: "A"\ndate-released: "2026-01-02"\n')
    with pytest.raises(ValueError, match=r"CITATION.cff: no version found"):
        read_citation_file(cff)
