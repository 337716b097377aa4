"""Passages of text a notebook shows: Markdown rendered as HTML, by key or in every language."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.data.errors import ParameterError
from helpers.report.i18n import LANGUAGES, get_language, t


@dataclass(frozen=True)
class Html:
    """Text shown as formatted HTML in a notebook or report."""

    text: str

    def _repr_html_(self) -> str:
        return self.text


def show_markdown(text: str) -> Html:
    """Show ``text`` (Markdown) as formatted text."""
    from helpers.report.render import markdown_to_html

    return Html(markdown_to_html(text))


def show_text(key: str, **values: object) -> Html:
    """Show a passage of the catalogue (Markdown) in the current language, by its key.

    For texts the code names by key (``helpers.show_text("profile.intro")``); a notebook shows
    its own sentences with ``helpers.say``, which keeps the English words in the notebook.
    """
    return show_markdown(t(key, **values))


def show_words(**by_language: str) -> Html:
    """Show an analyst's own words (Markdown) in the report's language.

    ``helpers.show_words(en="## Operations per year", ru="## Операции по годам")``: a notebook
    of one's own writes both languages without the catalogues. Every language must be given.
    """
    missing = [language for language in LANGUAGES if not by_language.get(language)]
    if missing or set(by_language) - set(LANGUAGES):
        raise ParameterError(
            f"show_words needs the words in every language ({', '.join(LANGUAGES)}), "
            f'as show_words(en="…", ru="…"); got: {", ".join(sorted(by_language)) or "none"}'
        )
    return show_markdown(by_language[get_language()])


def paragraphs(*lines: str) -> Html:
    """Show lines of HTML as paragraphs, leaving out empty ones."""
    return Html("".join(f"<p>{line}</p>" for line in lines if line))
