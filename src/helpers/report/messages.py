"""A report's sentences by their own English words: gettext catalogues with English message ids.

A notebook writes what its report says, in English: ``helpers.say("## The operations …")``.
English pages show those words as they are; a Russian page looks them up in
``locales/ru.po``, a gettext catalogue read with Babel (``babel.messages``) and compiled in
memory for Python's ``gettext``, whose ``Plural-Forms`` (from CLDR, by Babel) choose the form
of a counted noun: ``translate_plural("{n} operation", "{n} operations", 5)`` is "5 операций".
A sentence with no Russian is an error, never a silent fall back to English: the build's check
(``check_messages``) names the notebook, the cell and the sentence before anything runs.
"""

from __future__ import annotations

import ast
import gettext
import io
import json
import string
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from helpers.data.paths import NOTEBOOKS_DIR
from helpers.report.i18n import LANGUAGES, LOCALES_DIR, fmt_int, get_language
from helpers.report.passages import Html, show_markdown

SOURCE_LANGUAGE = LANGUAGES[0]
"""The language message ids are written in: its pages show them as they are."""
MESSAGE_CALLS = {"say": 1, "translate": 1, "translate_plural": 2}
"""Calls whose first argument(s) are message ids, with how many (singular, plural)."""


class MissingTranslationError(KeyError):
    """A sentence has no translation in the catalogue of the page's language."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


def catalogue_path(language: str) -> Path:
    """Return the path of the gettext catalogue of ``language`` (``locales/ru.po``)."""
    return LOCALES_DIR / f"{language}.po"


@cache
def read_catalogue(language: str) -> Catalog:
    """Return the gettext catalogue of a translated language, read with Babel."""
    with catalogue_path(language).open("rb") as file:
        return read_po(file, locale=language)


class _Untranslated(gettext.NullTranslations):
    """The end of the look-up: a sentence not in the catalogue stops the page, loudly."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self.language = language

    def _missing(self, message: str) -> MissingTranslationError:
        return MissingTranslationError(
            f"no {self.language} translation of {message!r} in "
            f"src/helpers/report/locales/{self.language}.po"
        )

    def gettext(self, message: str) -> str:
        raise self._missing(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        raise self._missing(msgid1)


@cache
def _translations(language: str) -> gettext.NullTranslations:
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()  # the id is the English text
    compiled = io.BytesIO()
    write_mo(compiled, read_catalogue(language))  # untranslated and fuzzy entries are left out
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    translations.add_fallback(_Untranslated(language))
    return translations


def translate(message: str, /, **values: Any) -> str:
    """Return ``message`` (English) in the current language, with its ``{name}`` fields filled.

    ``translate("Bars of people repatriated per year")`` is the id itself on an English page and
    its entry in ``locales/ru.po`` on a Russian one; MissingTranslationError if there is none.
    """
    text = _translations(get_language()).gettext(message)
    return text.format(**values) if values else text


def translate_plural(
    singular: str, plural: str, n: int, /, *, number: str | None = None, **values: Any
) -> str:
    """Return the form that agrees with ``n`` (gettext's ``ngettext``), with ``{n}`` filled in.

    ``translate_plural("{n} operation", "{n} operations", 5)``: "5 operations", or in Russian the
    catalogue's form for 5 ("5 операций"), chosen by the catalogue's CLDR plural rule. ``{n}`` is
    ``n`` as written in running text, or ``number`` when it is already written ("не менее 5").
    """
    text = _translations(get_language()).ngettext(singular, plural, abs(int(n)))
    return text.format(n=fmt_int(n, prose=True) if number is None else number, **values)


def say(message: str, /, **values: Any) -> Html:
    """Show ``message`` (English Markdown) in the report's language, fields filled, as HTML.

    The notebook shows the report's own words: ``helpers.say("## Operations per year")``.
    """
    return show_markdown(translate(message, **values))


def fields(text: str) -> set[str]:
    """Return the names of the ``{name}`` fields of a text."""
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def message_problems(
    message: str, plural: str | None, language: str, catalog: Catalog | None = None
) -> list[str]:
    """Return what is wrong with the ``language`` translation of a sentence (empty if nothing).

    A sentence needs an entry that is translated, not marked fuzzy, and has the same fields as
    the English (every plural form too). ``catalog`` is the language's own unless given.
    """
    if language == SOURCE_LANGUAGE:
        return []
    where = f"src/helpers/report/locales/{language}.po"
    entry = (catalog if catalog is not None else read_catalogue(language)).get(message)
    if (
        entry is None
        or not entry.string
        or (isinstance(entry.string, tuple) and not all(entry.string))
    ):
        return [f"no translation in {where}"]
    if entry.fuzzy:
        return [f"its translation in {where} is marked fuzzy (not checked yet)"]
    wanted = fields(message) | (fields(plural) if plural else set())
    forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
    problems = []
    for form in forms:
        if fields(form) != wanted:
            problems.append(
                f"the translation in {where} has the fields {sorted(fields(form))}, "
                f"the English {sorted(wanted)}"
            )
    return problems


def notebook_calls(notebook: Path) -> Iterator[tuple[int, str, ast.Call]]:
    """Yield every call in a notebook's code cells: cell number, the name called, the call.

    ``helpers.say(...)`` and ``say(...)`` both give ``say``. A cell that does not parse is
    left out (running the notebook will say where).
    """
    cells = json.loads(notebook.read_text(encoding="utf-8")).get("cells", [])
    for number, cell in enumerate(cells, 1):
        if cell.get("cell_type") != "code":
            continue
        source = cell["source"]
        try:
            tree = ast.parse("".join(source) if isinstance(source, list) else source)
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                yield number, called, node


def used_messages(notebook: Path) -> list[tuple[int, str, str | None]]:
    """Return the sentences a notebook's code cells show: cell number, message id, plural id.

    Found with ``ast``: a call of ``say``, ``translate`` or ``translate_plural`` (as
    ``helpers.say`` or plain) whose message ids are written out as strings.
    """
    found = []
    for number, called, node in notebook_calls(notebook):
        count = MESSAGE_CALLS.get(called, 0)
        ids = [a.value for a in node.args[:count] if isinstance(a, ast.Constant)]
        if count and len(ids) == count and all(isinstance(i, str) for i in ids):
            found.append((number, ids[0], ids[1] if count == 2 else None))
    return found


def check_messages(notebooks: Iterable[str | Path] | None = None) -> list[str]:
    """Return every sentence of ``notebooks`` that a translated page could not show.

    By default the project's notebooks (``notebooks/*.ipynb`` and ``notebooks/analyses/``).
    Each problem names the notebook, the cell, the sentence (its start) and what is wrong:
    ``start_here.ipynb, cell 40: 'A sentence of mine.': no translation in …/ru.po``.
    """
    if notebooks is None:
        notebooks = [
            *sorted(NOTEBOOKS_DIR.glob("*.ipynb")),
            *sorted(NOTEBOOKS_DIR.glob("*/*.ipynb")),
        ]
    problems = []
    for path in map(Path, notebooks):
        for number, message, plural in used_messages(path):
            shown = message if len(message) <= 60 else message[:57] + "…"
            for language in LANGUAGES:
                for problem in message_problems(message, plural, language):
                    problems.append(f"{path.name}, cell {number}: {shown!r}: {problem}")
    return problems
