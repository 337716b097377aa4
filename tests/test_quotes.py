"""Quotes are found word for word in their source, paragraph breaks kept; translations present."""

import pandas as pd

from helpers.data.quotes import (
    TRANSLATION_MARK,
    check_publisher_ru,
    check_quotes,
    check_russian_translations,
    fold_space,
    read_source_text,
    source_texts,
)

TEXTS = {"kz": ("Бір. Екі.", "One. Two."), "en-src": ("Three women\n\nreturned.", "")}
LANGUAGES = {"kz": "ru", "en-src": "en"}


def row(**cells) -> dict:
    base = {"source_id": "en-src", "line": 7, "quote": None, "quote_en": None, "quote_ru": None}
    return base | {"note": None, "note_ru": None} | cells


def test_white_space_folds_but_a_paragraph_break_stays_one():
    assert fold_space("  a \t b\n\n\n  c ") == "a b\n\nc"


def test_a_quote_across_a_paragraph_break_must_keep_it():
    assert check_quotes(row(quote="Three women\nreturned."), TEXTS, LANGUAGES, "r.csv") == []
    found = check_quotes(row(quote="Three women returned."), TEXTS, LANGUAGES, "r.csv")
    assert [str(p) for p in found] == [
        "r.csv, line 7, column 'quote': value 'Three women returned.': not found verbatim in the "
        "text of source en-src"
    ]


def test_each_passage_of_a_joined_quote_is_looked_for():
    found = check_quotes(row(source_id="kz", quote="Бір. […] Үш.", quote_en="One."), TEXTS,
                         LANGUAGES, "r.csv")  # fmt: skip
    assert [(p.column, p.value) for p in found] == [("quote", "Үш.")]


def test_a_quote_not_in_english_needs_its_translation_and_one_in_english_must_not_have_one():
    found = check_quotes(row(source_id="kz", quote="Бір."), TEXTS, LANGUAGES, "r.csv")
    assert [p.column for p in found] == ["quote_en"] and "needs an English translation" in (
        found[0].rule
    )
    found = check_quotes(row(quote="returned.", quote_en="x"), TEXTS, LANGUAGES, "r.csv")
    assert found[0].rule == "must be empty: source en-src is in English"


def test_russian_layer_of_a_row():
    found = check_russian_translations(row(quote="returned.", note="n"), LANGUAGES, "r.csv")
    assert [p.column for p in found] == ["quote_ru", "note_ru"]
    assert check_russian_translations(row(source_id="kz", quote="Бір."), LANGUAGES, "r.csv") == []
    assert check_publisher_ru({"publisher_ru": None, "line": 3}, "s.csv")[0].column == (
        "publisher_ru"
    )


def test_a_source_text_is_read_with_its_translation_and_a_missing_copy_is_a_problem(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_text(f"Бір.\n{TRANSLATION_MARK}\nOne.\n", encoding="utf-8")
    assert read_source_text(raw / "a.txt") == ("Бір.", "One.")
    sources = pd.DataFrame(
        {"source_id": ["a", "b"], "path": ["data/raw/a.txt", "data/raw/b.txt"], "line": [2, 3]}
    )
    texts, problems = source_texts(tmp_path, sources, "sources.csv")
    assert texts == {"a": ("Бір.", "One.")}
    assert [str(p) for p in problems] == [
        "sources.csv, line 3, column 'path': value 'data/raw/b.txt': local copy not found under "
        "data/raw/"
    ]
