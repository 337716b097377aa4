"""Quotes and translations: every quote is found word for word in its source, every note translated.

A source's local copy (``data/raw/``) holds its own words and, below ``TRANSLATION_MARK``, the
English translation of a page not in English. A quote may join several passages of one source
with ``QUOTE_SEPARATOR``; each passage must be found in the source with its paragraph breaks.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import pandas as pd

from helpers.data.errors import Problem
from helpers.data.frames import records
from helpers.data.vocab import ENGLISH, RUSSIAN

TRANSLATION_MARK = "--- English translation (not part of the source) ---"
QUOTE_SEPARATOR = " […] "


def _isna(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def fold_space(text: str) -> str:
    """Fold white space within a line to one space, and every line break to one blank line.

    A quote that spans two paragraphs is then found in its source only if it keeps the
    paragraph break: words from two paragraphs joined by a space are not the source's words.
    """
    text = re.sub(r"[^\S\n]*\n\s*", "\n\n", text)
    return re.sub(r"[^\S\n]+", " ", text).strip()


def read_source_text(path: Path) -> tuple[str, str]:
    """Return a source's own words and its English translation (empty if none), folded."""
    return _folded(path.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=512)
def _folded(text: str) -> tuple[str, str]:
    """Return a source text's own words and translation, folded (each text once a process)."""
    original, _, translation = text.partition(TRANSLATION_MARK)
    return fold_space(original), fold_space(translation)


def source_texts(data_dir: Path, sources: pd.DataFrame, display: str) -> tuple[dict, list]:
    """Read the text of every source with a local copy; a problem for each one missing."""
    texts, problems = {}, []
    for row in records(sources):
        rel = str(row["path"])
        local = data_dir / rel.removeprefix("data/")
        if not local.is_file():
            problems.append(
                Problem(display, "local copy not found under data/raw/", row["line"], "path", rel)
            )
            continue
        try:
            texts[row["source_id"]] = read_source_text(local)
        except UnicodeDecodeError:
            problems.append(
                Problem(display, "local copy is not UTF-8 text", row["line"], "path", rel)
            )
    return texts, problems


def check_quotes(row: dict, texts: dict, languages: dict, display: str) -> list[Problem]:
    """Return the problems of a row's quote: not in its source, or its translation missing."""
    sid = row["source_id"]
    if sid not in texts or _isna(row["quote"]):
        return []
    original, translation = texts[sid]
    problems = []
    for part in str(row["quote"]).split(QUOTE_SEPARATOR):
        if fold_space(part) not in original:
            rule = f"not found verbatim in the text of source {sid}"
            problems.append(Problem(display, rule, row["line"], "quote", part))
    quote_en = row.get("quote_en")
    language = languages.get(sid)
    if language is not None and language != ENGLISH and _isna(quote_en):
        rule = (
            f"is required: source {sid} is in '{language}', so the quote needs an English "
            "translation"
        )
        problems.append(Problem(display, rule, row["line"], "quote_en", ""))
    if not _isna(quote_en):
        if language == ENGLISH:
            rule = f"must be empty: source {sid} is in English"
            problems.append(Problem(display, rule, row["line"], "quote_en", str(quote_en)))
        elif fold_space(str(quote_en)) not in translation:
            rule = f"not found in the English translation stored with source {sid}"
            problems.append(Problem(display, rule, row["line"], "quote_en", str(quote_en)))
    return problems


def check_russian_translations(row: dict, languages: dict, display: str) -> list[Problem]:
    """Return the problems of a figure's or fact's Russian layer: ``quote_ru`` and ``note_ru``.

    A quote from a source not in Russian needs the project's Russian translation (``quote_ru``);
    a quote already in Russian must not have one. Every note needs its Russian twin
    (``note_ru``), and a Russian note needs a note to translate.
    """
    problems = []
    sid, line = row["source_id"], row["line"]
    language = languages.get(sid)
    quote_ru = row.get("quote_ru")
    if language not in (None, RUSSIAN) and not _isna(row["quote"]) and _isna(quote_ru):
        rule = (
            f"is required: source {sid} is in '{language}', so the quote needs a Russian "
            "translation"
        )
        problems.append(Problem(display, rule, line, "quote_ru", ""))
    if language == RUSSIAN and not _isna(quote_ru):
        rule = f"must be empty: source {sid} is in Russian, so its quote needs no translation"
        problems.append(Problem(display, rule, line, "quote_ru", str(quote_ru)))
    note, note_ru = row.get("note"), row.get("note_ru")
    if not _isna(note) and _isna(note_ru):
        rule = "is required: every note has its Russian translation"
        problems.append(Problem(display, rule, line, "note_ru", ""))
    if _isna(note) and not _isna(note_ru):
        rule = "must be empty: there is no note to translate"
        problems.append(Problem(display, rule, line, "note_ru", str(note_ru)))
    return problems


def check_publisher_ru(row: dict, display: str) -> list[Problem]:
    """Return a problem if a source has no Russian publisher line (``publisher_ru``)."""
    if _isna(row.get("publisher_ru")):
        rule = "is required: every source names its publisher in Russian"
        return [Problem(display, rule, row["line"], "publisher_ru", "")]
    return []
