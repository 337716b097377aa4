"""Sentences by their English words: English shows the id, Russian its entry in ru.po, or fails."""

import re

import nbformat
import pytest
from babel.messages.catalog import Catalog

from helpers.report.i18n import using
from helpers.report.messages import (
    MissingTranslationError,
    check_messages,
    fields,
    message_problems,
    read_catalogue,
    say,
    translate,
    translate_plural,
    used_messages,
)

OPERATION = ("{n} operation", "{n} operations")


def test_english_shows_the_message_id_itself_with_its_fields_filled():
    assert translate("The {country} programme", country="Kyrgyz") == "The Kyrgyz programme"
    assert translate("A sentence in no catalogue.") == "A sentence in no catalogue."


def test_russian_shows_the_catalogues_words_for_the_english_id():
    with using("ru"):
        assert translate("## In brief") == "## Коротко"
        assert translate("# {country}: the programme as of {as_of}", country="X", as_of="Y") == (
            "# X: программа на Y"
        )


def test_say_shows_the_words_as_html_in_the_pages_language():
    assert say("## In brief")._repr_html_() == "<h2>In brief</h2>\n"
    with using("ru"):
        assert say("## In brief")._repr_html_() == "<h2>Коротко</h2>\n"


def test_a_sentence_without_a_russian_translation_fails_naming_it_and_the_catalogue():
    with using("ru"), pytest.raises(MissingTranslationError) as missing:
        translate("A sentence in no catalogue.")
    assert str(missing.value) == (
        "no ru translation of 'A sentence in no catalogue.' in src/helpers/report/locales/ru.po"
    )
    with using("ru"), pytest.raises(MissingTranslationError):
        translate_plural("{n} sentence", "{n} sentences", 3)


def test_counted_nouns_agree_with_their_number_through_the_catalogues_plural_forms():
    numbers = (1, 2, 5, 21, 22, 25, 111)
    with using("ru"):
        written = [translate_plural(*OPERATION, n) for n in numbers]
    # Worked out by hand: 1 and 21 take the singular, 2 and 22 the genitive singular, 5, 25
    # and 111 the genitive plural.
    assert written == [
        "1 операция",
        "2 операции",
        "5 операций",
        "21 операция",
        "22 операции",
        "25 операций",
        "111 операций",
    ]
    assert [translate_plural(*OPERATION, n) for n in (1, 2, 21)] == [
        "1 operation",
        "2 operations",
        "21 operations",
    ]


def test_a_counted_number_is_written_for_running_text_or_as_given():
    with using("ru"):
        assert translate_plural(*OPERATION, 2189) == "2189 операций"  # four digits: no space
        assert translate_plural(*OPERATION, 5, number="не менее 5") == "не менее 5 операций"


def test_the_russian_catalogue_declares_three_plural_forms():
    assert read_catalogue("ru").num_plurals == 3


def test_fields_are_the_names_between_braces():
    assert fields("[{href}]({href}) of {n} in {as_of}") == {"href", "n", "as_of"}
    assert fields("No fields.") == set()


def russian(*entries):
    """A Russian catalogue in memory: (id, translation[, flags]) per entry."""
    catalog = Catalog(locale="ru")
    for message, text, *flags in entries:
        catalog.add(message, text, flags=flags)
    return catalog


def test_a_translation_must_exist_be_checked_and_keep_the_fields():
    catalog = russian(
        ("Fine {x}.", "Хорошо {x}."),
        ("Empty.", ""),
        ("Fuzzy.", "Нечётко.", "fuzzy"),
        ("Lost {href}.", "Потеряно."),
        (OPERATION, ("{n} операция", "{n} операции", "операций")),
    )
    where = "src/helpers/report/locales/ru.po"
    assert message_problems("Fine {x}.", None, "ru", catalog) == []
    assert message_problems("Absent.", None, "ru", catalog) == [f"no translation in {where}"]
    assert message_problems("Empty.", None, "ru", catalog) == [f"no translation in {where}"]
    assert message_problems("Fuzzy.", None, "ru", catalog) == [
        f"its translation in {where} is marked fuzzy (not checked yet)"
    ]
    assert message_problems("Lost {href}.", None, "ru", catalog) == [
        f"the translation in {where} has the fields [], the English ['href']"
    ]
    assert message_problems(*OPERATION, "ru", catalog) == [
        f"the translation in {where} has the fields [], the English ['n']"
    ]
    assert message_problems("Absent.", None, "en", catalog) == []  # English is the id itself


def notebook(tmp_path, *cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Mine")]
    nb.cells += [nbformat.v4.new_code_cell(source) for source in cells]
    path = tmp_path / "mine.ipynb"
    nbformat.write(nb, path)
    return path


def test_the_sentences_a_notebook_shows_are_found_in_its_code_cells(tmp_path):
    path = notebook(
        tmp_path,
        'import helpers\nhelpers.say("## In brief")',
        'x = helpers.translate("Alt {a}", a=1) + helpers.translate_plural("{n} a", "{n} as", 2)',
        'words = "Not literal"\nhelpers.say(words)\nhelpers.show_text("group.women")',
        "helpers.say(",  # a cell that does not parse is left to the run to report
    )
    assert used_messages(path) == [
        (2, "## In brief", None),
        (3, "Alt {a}", None),
        (3, "{n} a", "{n} as"),
    ]


def test_the_check_names_the_notebook_cell_and_sentence_without_russian(tmp_path):
    path = notebook(
        tmp_path,
        'import helpers\nhelpers.say("## In brief")',
        'helpers.say("A sentence of mine that is long enough to be cut where it is shown.")',
    )
    assert check_messages([path]) == [
        "mine.ipynb, cell 3: 'A sentence of mine that is long enough to be cut where it…': "
        "no translation in src/helpers/report/locales/ru.po"
    ]


def test_every_sentence_of_the_projects_notebooks_has_russian_with_the_same_fields():
    from helpers.data.paths import NOTEBOOKS_DIR

    shown = [m for path in NOTEBOOKS_DIR.glob("*.ipynb") for m in used_messages(path)]
    assert len(shown) > 50  # the report notebooks show their words this way
    assert check_messages() == []


def test_the_russian_catalogue_holds_only_sentences_a_notebook_shows():
    from helpers.data.paths import NOTEBOOKS_DIR

    paths = [*NOTEBOOKS_DIR.glob("*.ipynb"), *NOTEBOOKS_DIR.glob("*/*.ipynb")]
    shown = {message for path in paths for _, message, _ in used_messages(path)}
    ids = [e.id[0] if isinstance(e.id, tuple) else e.id for e in read_catalogue("ru") if e.id]
    unused = [message for message in ids if message not in shown]
    assert not unused, unused


def _russian_sentences() -> dict[str, str]:
    """Each Russian form in ru.po, by the start of its English id."""
    texts = {}
    for entry in read_catalogue("ru"):
        if entry.id:
            english = entry.id[0] if isinstance(entry.id, tuple) else entry.id
            forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
            for number, form in enumerate(forms):
                texts[f"{english[:40]!r} [{number}]"] = form
    return texts


def test_russian_sentences_have_no_english_words_codes_or_to_ranges():
    from test_russian import review  # the review the Russian pages and catalogue get

    flagged = {
        where: review(re.sub(r"`[^`]*`|\{\w+\}|\]\([^)]*\)", " ", text))
        for where, text in _russian_sentences().items()
    }
    assert len(flagged) > 50
    assert not {k: v for k, v in flagged.items() if v}


def test_russian_sentences_use_the_regions_terms():
    texts = " ".join(_russian_sentences().values())
    assert "«Айкөл»" in texts and "Айкол" not in texts
    assert "малонадёжный" in texts and "ненадёжн" not in texts
