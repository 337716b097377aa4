"""A Russian reader's review: a Russian page's own text has no English words, codes or " to ".

"Own text" leaves out what is rightly in another language: quotations (``q``, ``blockquote``),
elements marked with another ``lang``, identifiers shown as ``code`` and addresses shown as
links. The review runs on the Russian catalogue (fast), and on Russian pages (slow): every page
of the site built for the session (``built_site``), or the pages of the folder
``RUSSIAN_PAGES`` names (``RUSSIAN_PAGES=reports/ru pytest tests/test_russian.py -m slow``).
"""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from helpers.data.paths import PROJECT_ROOT
from helpers.report.i18n import catalogue

ALLOWED = {
    "PDF",
    "CSV",
    "PNG",
    "SVG",
    "SHA",
    "SHA-256",
    "ISO",
    "Jupyter",
    "JavaScript",
    "KB",
    "SP.POP.TOTL",
    "English",
}
"""Latin-script words a Russian page may use as they are: formats and names of things."""
MONTHS = "январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|октябрь|ноябрь|декабрь"
SKIPPED = {"q", "blockquote", "code", "style", "script", "pre"}
VOID = {"br", "img", "meta", "link", "hr", "input", "col", "wbr"}


class _OwnText(HTMLParser):
    """Collect a page's text outside quotations, other-language elements, code and addresses."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[bool] = []  # per open element: is its text left out?
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        found = dict(attrs)
        lang = found.get("lang")
        href = found.get("href") or ""
        skip = (
            tag in SKIPPED
            or (lang is not None and lang != self.language)
            or (tag == "a" and href.startswith(("http", "../tables/", "tables/")))
        )
        self.stack.append(skip or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self.stack and self.stack[-1]):
            self.parts.append(data)


def own_text(page: str, language: str = "ru") -> str:
    """Return the text of an HTML page that is in the page's own language."""
    parser = _OwnText(language)
    parser.feed(page[page.find("<body") :] if "<body" in page else page)
    return " ".join(parser.parts)


def review(text: str) -> list[str]:
    """Return what a Russian editor would flag in ``text``: English words, codes, ISO dates,
    " to " between dates, and months written without «г.»."""
    found = []
    text = re.sub(r"\b[0-9a-f]{12}\b", " ", text)  # a data version: an identifier, not a word
    for word in re.findall(r"[A-Za-z][A-Za-z0-9_.\-/]*[A-Za-z0-9/]|[A-Za-z]", text):
        if word in ALLOWED or "/" in word or re.search(r"\.(csv|json|ipynb|zip|html)$", word):
            continue
        found.append(f"Latin word {word!r}")
    found += [f"ISO date {d!r}" for d in re.findall(r"\b\d{4}-\d{2}-\d{2}\b", text)]
    found += [f"range with 'to': {r!r}" for r in re.findall(r"\d\S* to \S*\d", text)]
    found += [
        f"month without «г.»: {m!r}"
        for m in re.findall(rf"\b(?:{MONTHS}) \d{{4}}(?![\u202f\u00a0 ](?:гг?\.|год))", text)
    ]
    return found


def test_the_review_finds_what_an_editor_would_flag():
    page = (
        '<html lang="ru"><body><p>Проверка: sources_disagree; строка «total»; '
        "2019-01-01 to 2019-12-31; сентябрь 2025.</p></body></html>"
    )
    found = review(own_text(page))
    assert "Latin word 'sources_disagree'" in found
    assert "Latin word 'total'" in found
    assert "ISO date '2019-01-01'" in found
    assert "range with 'to': '2019-01-01 to 2019-12-31'" in found
    assert "month without «г.»: 'сентябрь 2025'" in found


def test_the_review_leaves_quotations_other_languages_code_and_addresses_alone():
    page = (
        '<html lang="ru"><body><p>Издание: <span lang="en">Arab News</span>, '
        'сентябрь 2025\u202fг.: <a href="https://arabnews.com/x">https://arabnews.com/x</a></p>'
        '<blockquote lang="en">At least 79 came home in June 2024.</blockquote>'
        '<table><tr><td><q lang="ky">Айкөл</q></td><td><code>kgz-24kg-2024</code></td>'
        "<td>2019–2021\u202fгг.; данные в data/sources.csv, PDF</td></tr></table>"
        "<p>Версия данных 392d4e7179b0.</p></body></html>"
    )
    assert review(own_text(page)) == []


def _catalogue_texts() -> dict[str, str]:
    """Russian texts a reader sees as the page's own: not the data dictionary's column names,
    not the English-version link, with ``{fields}`` and Markdown code left out."""
    texts = {}
    for key, text in catalogue("ru").items():
        if key.startswith(("dictionary.", "nav.twin_en")) or key == "count.symbol":
            continue
        texts[key] = re.sub(r"`[^`]*`|\{\w+\}|\]\([^)]*\)", " ", text)
    return texts


def test_russian_catalogue_texts_have_no_english_words_codes_or_to_ranges():
    flagged = {key: review(text) for key, text in _catalogue_texts().items()}
    assert not {k: v for k, v in flagged.items() if v}


def test_russian_wording_uses_the_regions_terms():
    texts = " ".join(catalogue("ru").values())
    assert "Айкол" not in texts  # «Айкөл», as the Kyrgyz sources write it
    assert "ненадёжн" not in texts  # «малонадёжный»: a milder word for a named outlet
    assert "раньше прессы" not in texts and "старшинства" not in texts  # priority, not time
    assert "Для стран" not in texts and "для стран" not in texts
    assert catalogue("ru")["index.title"].startswith("Возвращение граждан из Сирии и Ирака")


def test_the_children_sentence_is_grammatical_for_two_countries():
    import pandas as pd

    from helpers.report.describe import describe_totals
    from helpers.report.i18n import using

    totals = pd.DataFrame(
        {
            "country_iso3": ["KAZ", "KGZ", "TJK"],
            "as_of": [pd.Timestamp("2025-09-30")] * 3,
            "total_returned": pd.array([725, 551, 381], dtype="Int64"),
            "total_is_lower_bound": [False, False, False],
            "children": pd.array([522, None, None], dtype="Int64"),
            "children_is_lower_bound": [False, False, False],
            "latest_count_date": [pd.Timestamp("2025-09-30")] * 3,
            "statement_ids": ["a", "b", "c"],
        }
    )
    with using("ru"):
        text = describe_totals(totals)._repr_html_()
    assert "(По Кыргызстану и Таджикистану число детей отдельно не сообщается.)" in text
    plain = re.sub(r"<[^>]+>", "", text)
    assert "возвращено 1657 человек" in plain  # 725 + 551 + 381: no space in four digits in prose


def _pages(request: pytest.FixtureRequest) -> dict[str, Path]:
    """Return each Russian page to review by name: the built site's, or ``$RUSSIAN_PAGES``'.

    The data dictionary is left out: it lists the tables' English column names and codes.
    """
    given = os.environ.get("RUSSIAN_PAGES")
    if given:
        folder = Path(given) if Path(given).is_absolute() else PROJECT_ROOT / given
    else:
        folder = request.getfixturevalue("built_site") / "ru"
    pages = {p.name: p for p in sorted(folder.glob("*.html")) if p.name != "data_dictionary.html"}
    assert pages, f"{folder}: no pages there"
    return pages


@pytest.mark.slow
def test_russian_pages_have_no_english_words_codes_or_to_ranges(request):
    """Every Russian page of the built site: each report, the front page and the explorer."""
    pages = _pages(request)
    assert {"index.html", "regional_comparison.html", "country_profile_KGZ.html"} <= set(pages)
    flagged: dict[str, object] = {}
    for name, page in pages.items():
        problems = sorted(set(review(own_text(page.read_text(encoding="utf-8")))))
        if problems:
            flagged[name] = problems
    assert not flagged


def test_checking_parameters_leaves_the_language_as_it_was():
    from helpers.report.i18n import get_language
    from helpers.site.params import validate_parameters

    checked = validate_parameters(language="ru")
    assert (checked.language, get_language()) == ("ru", "en")


def test_a_command_line_report_is_titled_in_its_language():
    from helpers.report.i18n import using
    from helpers.report.render import page_title

    with using("ru"):
        assert page_title("country_profile", {"country": "kgz", "language": "ru"}) == (
            "Кыргызстан: «Мээрим» и гуманитарная миссия «Айкөл»"
        )
        assert page_title("data_quality", {}) == "Качество данных и сверка"
    assert page_title("start_here", {}) == "Start here"


def test_latin_names_in_russian_text_are_marked_english():
    from helpers.report.evidence import mark_latin
    from helpers.report.i18n import using

    with using("ru"):
        assert mark_latin("24.kg со ссылкой на «Интерфакс» & Arab News, 2024") == (
            '<span lang="en">24.kg</span> со ссылкой на «Интерфакс» &amp; '
            '<span lang="en">Arab News</span>, 2024'
        )
    assert mark_latin("Arab News <b>") == "Arab News &lt;b&gt;"  # English pages: only escaped


def _rows():
    import pandas as pd

    return pd.DataFrame(
        {
            "quote": ["Five came home.", "Пятеро вернулись.", "Беш киши келди."],
            "quote_en": [None, "Five returned.", "Five people came."],
            "quote_ru": ["Пятеро вернулись домой.", None, None],
            "note": ["Read as 5.", "Read as 5.", "Read as 5."],
            "note_ru": ["Прочитано как 5.", None, "Прочитано как 5."],
            "publisher": ["Arab News", "Interfax", "Kabar"],
            "publisher_ru": ["Arab News", "«Интерфакс»", None],
            "language": ["en", "ru", "ky"],
        }
    )


def test_russian_tables_show_the_russian_layer_and_mark_what_is_not_russian():
    from helpers.report.i18n import using
    from helpers.report.tables import show_table

    with using("ru"):
        table = show_table(_rows(), ["publisher", "quote", "quote_en", "note"])
    assert table.headers == [
        "Издание / источник",
        "Цитата",
        "Перевод на русский (не слова источника)",
        "Примечание",
    ]
    english, russian, kyrgyz = table.cells
    assert english == [
        '<span lang="en">Arab News</span>',
        '<q lang="en">Five came home.</q>',
        "Пятеро вернулись домой.",
        "Прочитано как 5.",
    ]
    # A Russian quote needs no translation; a note not yet translated stays English, marked so.
    assert russian == [
        "«Интерфакс»",
        '<q lang="ru">Пятеро вернулись.</q>',
        "—",
        '<span lang="en">Read as 5.</span>',
    ]
    # Until its Russian translation is filled in, the English one is shown, marked English.
    assert kyrgyz[0] == '<span lang="en">Kabar</span>'
    assert kyrgyz[2] == '<span lang="en">Five people came.</span>'


def test_english_tables_keep_the_english_translation_and_notes():
    from helpers.report.tables import show_table

    table = show_table(_rows(), ["publisher", "quote_en", "note"])
    assert table.headers == ["Publisher", "English translation (not the source's words)", "Note"]
    assert table.cells[1] == ["Interfax", "Five returned.", "Read as 5."]


def test_figure_labels_wrap_at_word_boundaries_and_keep_a_year_with_its_g():
    from helpers.report.figures import wrap_label

    text = "Неподтверждённая миссия (сентябрь 2023 г.)"
    lines = wrap_label(text, 12).split("\n")
    assert lines[0] == "Неподтверждённая"  # longer than the width, yet never cut mid-word
    assert " ".join(lines).replace("\u00a0", " ") == text
    assert lines[-1].endswith("2023\u00a0г.)")


def test_an_operation_whose_name_says_when_is_not_dated_twice_under_its_bar():
    import pandas as pd

    from helpers.report.figures import plot_operations
    from helpers.report.i18n import using

    groups = ("women", "children", "men", "women_and_children", "unspecified")
    ops = pd.DataFrame(
        {
            "country_iso3": ["TJK", "UZB"],
            "name": ["Возвращение из Ирака (апрель 2019 г.)", "Мехр-1"],
            "date_label": ["30 апреля 2019\u202fг.", "30 мая 2019\u202fг."],
            "people": pd.array([84, 156], dtype="Int64"),
            "people_is_lower_bound": [True, False],
            **{g: pd.array([None, None], dtype="Int64") for g in groups},
            **{f"{g}_is_lower_bound": [False, False] for g in groups},
            "is_weak_only": [False, False],
        }
    )
    with using("ru"):
        ticks = [t.get_text() for t in plot_operations(ops).axes[0].get_xticklabels()]
    assert "30 апреля" not in ticks[0]  # the name already says April 2019
    assert ticks[1] == "Мехр-1\n30 мая\n2019\u202fг."  # Babel's no-break space kept
