"""Evidence: every number links to an entry with its quotes, source line and translation."""

import hashlib

import pandas as pd

from helpers.report.evidence import Evidence, evidence_id, mark_latin, split_ids
from helpers.report.i18n import using

STATEMENTS = pd.DataFrame(
    {
        "statement_id": ["s1", "s2"],
        "source_id": ["tass", "bbc"],
        "quote": ["Вернули 37 <граждан>.\n\nВсе дети.", "Five <b>came</b> home."],
        "quote_en": ["37 citizens were returned.\n\nAll children.", None],
        "quote_ru": [None, "Пятеро вернулись домой."],
    }
)
SOURCES = pd.DataFrame(
    {
        "source_id": ["tass", "bbc"],
        "publisher": ["TASS", "BBC News"],
        "publisher_ru": ["ТАСС", None],
        "url": ["https://tass.ru/a?x=1&y=2", "https://bbc.com/b"],
        "published": ["2024-05-07", None],
        "language": ["ru", "en"],
    }
)


def test_the_id_depends_only_on_the_set_of_statements():
    expected = "ev-" + hashlib.sha256(b"a|b").hexdigest()[:10]
    assert evidence_id(["b", "a"]) == evidence_id(["a", "b", "a"]) == expected
    assert evidence_id(["a"]) != expected


def test_split_ids_reads_semicolon_lists_and_nothing_from_missing():
    assert split_ids("s1;s2;") == ["s1", "s2"]
    assert split_ids(None) == [] and split_ids(pd.NA) == [] and split_ids("") == []


def test_a_link_is_recorded_once_and_shown_last_with_quote_source_and_translation():
    ev = Evidence(STATEMENTS, SOURCES)
    anchor = evidence_id(["s1"])
    assert (
        ev.link("37 <people>", ["s1"]) == f'<a class="count" href="#{anchor}">37 &lt;people&gt;</a>'
    )
    ev.link("37", ["s1", "s1"])
    assert ev.link("no source", []) == "no source"  # nothing to link: plain text
    section = ev.section()
    assert section.count("<li id=") == 1
    assert f'<li id="{anchor}">' in section
    assert '<blockquote lang="ru">Вернули 37 &lt;граждан&gt;.<br><br>Все дети.</blockquote>' in (
        section
    )
    assert "37 citizens were returned. All children." in section  # the English translation
    assert '<a href="https://tass.ru/a?x=1&amp;y=2">' in section
    assert "TASS, 7 May 2024" in section


def test_a_russian_page_shows_the_russian_translation_and_publisher():
    with using("ru"):
        ev = Evidence(STATEMENTS, SOURCES)
        ev.link("5", ["s2"])
        section = ev.section()
    assert '<blockquote lang="en">Five &lt;b&gt;came&lt;/b&gt; home.</blockquote>' in section
    assert "Пятеро вернулись домой." in section
    assert '<span lang="en">BBC News</span>' in section  # no Russian name: marked as English


def test_latin_words_on_a_russian_page_are_marked_as_english():
    with using("ru"):
        assert mark_latin("по данным Arab News и <Kun.uz>") == (
            'по данным <span lang="en">Arab News</span> и &lt;<span lang="en">Kun.uz</span>&gt;'
        )
    assert mark_latin("Arab <News>") == "Arab &lt;News&gt;"  # English page: escaped only
