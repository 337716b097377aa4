"""Passages a notebook shows: Markdown as HTML, a catalogue text by key, words in every language."""

import pytest

from helpers.data.errors import ParameterError
from helpers.report.i18n import using
from helpers.report.passages import paragraphs, show_markdown, show_text, show_words


def test_markdown_is_shown_as_html():
    assert show_markdown("## Title\n\nSome **words**.").text == (
        "<h2>Title</h2>\n<p>Some <strong>words</strong>.</p>\n"
    )


def test_a_catalogue_text_is_shown_by_its_key_in_the_current_language():
    assert show_text("group.women")._repr_html_() == "<p>Women</p>\n"
    with using("ru"):
        assert show_text("group.women")._repr_html_() == "<p>Женщины</p>\n"


def test_words_in_every_language_show_the_pages_own():
    with using("ru"):
        assert show_words(en="Hello", ru="Привет").text == "<p>Привет</p>\n"


def test_words_missing_a_language_are_refused_naming_what_was_given():
    with pytest.raises(ParameterError) as refusal:
        show_words(en="Hello", fr="Bonjour")
    assert str(refusal.value) == (
        'show_words needs the words in every language (en, ru), as show_words(en="…", ru="…"); '
        "got: en, fr"
    )


def test_paragraphs_leave_out_empty_lines():
    assert paragraphs("one", "", "two").text == "<p>one</p><p>two</p>"
