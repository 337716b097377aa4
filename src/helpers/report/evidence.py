"""Every number on a reader page linked to its words: evidence entries at the end of the page.

A report makes one ``Evidence`` for the page, turns each number of people into a link with
``link`` (the number, and the statements it was read or computed from), and shows the evidence
section last. Each entry is an element with its own ``id`` holding the quotes, with publisher,
date and address: it works offline and without JavaScript. The ``id`` depends only on the
statements, so the front page can link into a report's evidence.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pandas as pd

from helpers.data.vocab import is_missing
from helpers.report.i18n import fmt_partial_date, get_language, t


def evidence_id(keys: Iterable[str]) -> str:
    """Return the page-wide ``id`` of the evidence entry for these statements (or facts)."""
    joined = "|".join(sorted(set(keys)))
    return "ev-" + hashlib.sha256(joined.encode()).hexdigest()[:10]


def split_ids(value: object) -> list[str]:
    """Split a ``;``-separated list of statement ids (empty when missing)."""
    if is_missing(value) or not str(value):
        return []
    return [part for part in str(value).split(";") if part]


_LATIN_RUN = re.compile(
    r"(?<![\w.])(?:\d+[.-])?[A-Za-z][A-Za-z0-9.'’&/_:-]*"
    r"(?:[ ,]+(?:\d+[.-])?[A-Za-z][A-Za-z0-9.'’&/_:-]*)*"
)
"""Words in Latin script next to each other: an outlet's name, an English phrase in a note."""


def mark_latin(text: str) -> str:
    """Return ``text`` escaped, with each run of Latin-script words marked ``lang="en"``.

    On a Russian page an outlet named in Latin script ("Arab News", "Kun.uz") or an English
    phrase quoted in a note is then read by a screen reader as English, not with Russian
    phonetics. On an English page the text is only escaped.
    """
    if get_language() == "en":
        return html.escape(text)
    out, last = [], 0
    for match in _LATIN_RUN.finditer(text):
        out.append(html.escape(text[last : match.start()]))
        out.append(f'<span lang="en">{html.escape(match.group(0))}</span>')
        last = match.end()
    out.append(html.escape(text[last:]))
    return "".join(out)


def _filled(value: object) -> bool:
    return not is_missing(value) and bool(str(value))


def _published(value: object) -> str:
    if is_missing(value) or not str(value):
        return t("evidence.undated")
    return fmt_partial_date(value)


@dataclass
class Evidence:
    """The evidence section of one page: an entry per set of statements linked from the page."""

    statements: pd.DataFrame
    """``compute_statements`` output (quotes, sources) — or any frame with the same columns."""
    sources: pd.DataFrame
    facts: pd.DataFrame | None = None
    """``programmes.csv`` rows, for links to programme facts by ``fact_id``."""
    abroad: pd.DataFrame | None = None
    """``abroad.csv`` rows, for links to figures of people still abroad by ``abroad_id``."""
    _entries: dict[str, list[str]] = field(default_factory=dict)

    def link(self, text: str, statement_ids: Iterable[str], kind: str = "count") -> str:
        """Return ``text`` (escaped) as a link to the entry of ``statement_ids``, and record it.

        ``kind`` is the link's class: ``count`` for a number of people, ``fact`` for a fact about
        a programme. With no statements the text is returned as it is, unlinked.
        """
        ids = sorted(set(statement_ids))
        if not ids:
            return html.escape(text)
        anchor = evidence_id(ids)
        self._entries.setdefault(anchor, ids)
        return f'<a class="{kind}" href="#{anchor}">{html.escape(text)}</a>'

    def _source_line(self, source_id: str) -> str:
        src = self.sources[self.sources["source_id"] == source_id]
        if not len(src):
            return ""
        row = src.iloc[0]
        url = html.escape(str(row["url"]), quote=True)
        publisher = html.escape(str(row["publisher"]))
        if get_language() == "ru":
            own = row.get("publisher_ru")
            if _filled(own):
                publisher = mark_latin(str(own))
            else:
                publisher = f'<span lang="en">{publisher}</span>'
        return (
            f'<p class="cite">{publisher}, '
            f"{html.escape(_published(row['published']))}: "
            f'<a href="{url}">{html.escape(str(row["url"]))}</a></p>'
        )

    def _quote(self, key: str) -> str:
        rows = self.statements[self.statements["statement_id"] == key]
        if not len(rows) and self.facts is not None:
            rows = self.facts[self.facts["fact_id"] == key]
        if not len(rows) and self.abroad is not None:
            rows = self.abroad[self.abroad["abroad_id"] == key]
        if not len(rows):
            return ""
        row = rows.iloc[0]
        said = self._language(row["source_id"])
        parts = [
            f'<blockquote lang="{said}">'
            + html.escape(str(row["quote"])).replace("\n\n", "<br><br>")
            + "</blockquote>"
        ]
        parts.append(self._translation(row, said))
        parts.append(self._source_line(row["source_id"]))
        return "".join(parts)

    @staticmethod
    def _translation(row: pd.Series, said: str) -> str:
        """Return the translation shown under a quote not in the page's language, if any.

        English pages show ``quote_en``; Russian pages the project's ``quote_ru`` (marked as a
        translation, not the source's words), or, until it is filled in, ``quote_en`` marked as
        English.
        """
        page = get_language()
        if said == page:
            return ""
        text, lang = row.get(f"quote_{page}"), ""
        if not _filled(text) and page == "ru":
            text, lang = row.get("quote_en"), ' lang="en"'
        if not _filled(text):
            return ""
        shown = html.escape(str(text)) if lang else mark_latin(str(text))
        shown = f"<span{lang}>{shown}</span>" if lang else shown
        return (
            f'<p class="translation">{html.escape(t("evidence.translation"))}: '
            + shown.replace("\n\n", " ")
            + "</p>"
        )

    def _language(self, source_id: str) -> str:
        src = self.sources[self.sources["source_id"] == source_id]
        return str(src.iloc[0]["language"]) if len(src) else "und"

    def section(self) -> str:
        """Return the evidence section: one entry per linked set of statements, in link order."""
        if not self._entries:
            return ""
        items = []
        for anchor, keys in self._entries.items():
            quotes = "".join(self._quote(k) for k in keys)
            items.append(f'<li id="{anchor}">{quotes}</li>')
        return (
            f'<section class="evidence"><h2 id="evidence">{html.escape(t("evidence.title"))}</h2>'
            f"<p>{html.escape(t('evidence.intro'))}</p><ol>{''.join(items)}</ol></section>"
        )

    def _repr_html_(self) -> str:
        return self.section()
