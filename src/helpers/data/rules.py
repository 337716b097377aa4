"""Rules that span rows and tables, which a column schema cannot say.

Each rule returns the problems it finds, naming file, line, column, value and the rule broken:
valid ISO3 codes, date order, a statement's rows agreeing with each other, a breakdown never larger
than its total, every place of an origin in the vocabulary, quotes found verbatim in their source
and translations present (``data.quotes``), and event identities used consistently. The rules
read the vocabularies of the descriptor in use (``Dataset.vocab``), never the project's own.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pycountry

from helpers.data.errors import Problem
from helpers.data.frames import records
from helpers.data.quotes import (
    QUOTE_SEPARATOR,
    TRANSLATION_MARK,
    check_publisher_ru,
    check_quotes,
    check_russian_translations,
    fold_space,
    read_source_text,
    source_texts,
)
from helpers.data.vocab import (
    COMBINED,
    CUMULATIVE,
    EVENT,
    EXACT,
    PEOPLE,
    PERIOD,
    PROJECT_VOCABULARY,
    RANGE,
    RETURNED_ON_OWN,
    STATED,
    Vocabulary,
    as_places,
    load_vocabulary,
)

__all__ = [
    "EVENT_DATE_TOLERANCE_DAYS",
    "QUOTE_SEPARATOR",
    "STATEMENT_FIELDS",
    "TRANSLATION_MARK",
    "check_abroad_row",
    "check_publisher_ru",
    "check_rules",
    "check_russian_translations",
    "fold_space",
    "read_source_text",
]
EVENT_DATE_TOLERANCE_DAYS = 45
STATEMENT_FIELDS = (
    "country_iso3",
    "region",
    "scope",
    "event_id",
    "date_start",
    "date_end",
    "channel",
)


@lru_cache(maxsize=1)
def _iso3_codes() -> frozenset[str]:
    return frozenset(c.alpha_3 for c in pycountry.countries)


def _rows(df: pd.DataFrame) -> Iterator[dict]:
    yield from records(df)


def _isna(value: object) -> bool:
    return value is None or bool(pd.isna(value))


def _check_country(row: dict, display: str) -> list[Problem]:
    code, region = row["country_iso3"], row["region"]
    if _isna(code) and _isna(region):
        rule = "is required: a figure names its country (or, for a regional figure, its region)"
        return [Problem(display, rule, row["line"], "country_iso3", "")]
    if not _isna(code) and not _isna(region):
        rule = "a figure has a country or a region, not both"
        return [Problem(display, rule, row["line"], "region", str(region))]
    if not _isna(code) and code not in _iso3_codes():
        rule = "is not an ISO 3166-1 alpha-3 country code (for example KAZ, KGZ, TJK, UZB)"
        return [Problem(display, rule, row["line"], "country_iso3", str(code))]
    return []


def _check_origin(row: dict, display: str, vocab: Vocabulary) -> list[Problem]:
    """Return a problem for every place of a row's origin that the vocabulary does not hold."""
    places, allowed = as_places(row["origin"]), vocab.origins
    if places is None or not allowed:
        return []
    rule = f"is not a place of origin; allowed: {', '.join(allowed)} (separated by ';')"
    return [
        Problem(display, rule, row["line"], "origin", place)
        for place in places
        if place not in allowed
    ]


def _check_row(row: dict, display: str, vocab: Vocabulary) -> list[Problem]:
    problems = _check_country(row, display) + _check_origin(row, display, vocab)
    line = row["line"]
    start, end = row["date_start"], row["date_end"]
    if not _isna(start) and not _isna(end) and start > end:
        rule = f"date_start is after date_end ({end.date()})"
        problems.append(Problem(display, rule, line, "date_start", str(start.date())))
    scope, event = row["scope"], row["event_id"]
    if scope == EVENT and _isna(event):
        rule = "is required for an event: it links the reports of one operation"
        problems.append(Problem(display, rule, line, "event_id", ""))
    if scope in (CUMULATIVE, PERIOD) and not _isna(event):
        rule = f"must be empty for a {scope} figure (event_id names one operation)"
        problems.append(Problem(display, rule, line, "event_id", str(event)))
    if row["is_country_total"] is True and scope != CUMULATIVE:
        rule = "can be true only for a cumulative figure"
        problems.append(Problem(display, rule, line, "is_country_total", "true"))
    if row["is_country_total"] is True and row["channel"] == RETURNED_ON_OWN:
        rule = "can be true only for repatriations: returns on people's own are never a total"
        problems.append(Problem(display, rule, line, "is_country_total", "true"))
    if row["derivation"] not in (None, STATED) and _isna(row["note"]):
        rule = f"is required for a figure {row['derivation']}: it says how the count was derived"
        problems.append(Problem(display, rule, line, "note", ""))
    return problems


def _check_statement(rows: list[dict], display: str, vocab: Vocabulary) -> list[Problem]:
    problems = []
    first = rows[0]
    for col in (*STATEMENT_FIELDS, "source_id"):
        for row in rows[1:]:
            if str(row[col]) != str(first[col]):
                rule = (
                    f"differs from line {first['line']} ({first[col]}) of the same statement "
                    f"{first['statement_id']}: the figures of one statement share it"
                )
                problems.append(Problem(display, rule, row["line"], col, str(row[col])))
    by_group: dict = {}
    for row in rows:
        if row["group"] in by_group:
            rule = f"statement {first['statement_id']} states this group twice"
            problems.append(Problem(display, rule, row["line"], "group", str(row["group"])))
        elif not _isna(row["count"]) and not _isna(row["group"]):
            by_group[row["group"]] = row
    problems += _check_breakdown(by_group, display, vocab)
    return problems


def _check_breakdown(by_group: dict, display: str, vocab: Vocabulary) -> list[Problem]:
    """Find stated totals (or combined groups) smaller than the parts they hold."""
    problems = []
    parts = [g for g in vocab.parts if g in by_group]
    checks = []
    if PEOPLE in by_group:
        stated = {g: int(by_group[g]["count"]) for g in parts}
        names = list(parts)
        for combined, members in COMBINED.items():
            if combined in by_group:
                inner = sum(stated.get(m, 0) for m in members)
                stated[combined] = max(0, int(by_group[combined]["count"]) - inner)
                names.append(combined)
        if names:
            checks.append((by_group[PEOPLE], sum(stated.values()), " + ".join(names)))
    for combined, members in COMBINED.items():
        inside = [m for m in members if m in by_group]
        if combined in by_group and inside:
            total = sum(int(by_group[m]["count"]) for m in inside)
            checks.append((by_group[combined], total, " + ".join(inside)))
    for total, part_sum, names in checks:
        if total["qualifier"] == EXACT and part_sum > int(total["count"]):
            rule = (
                f"breakdown larger than its total: {names} = {part_sum} is more than the "
                f"{total['group']} total {total['count']} of statement {total['statement_id']}"
            )
            problems.append(Problem(display, rule, total["line"], "count", str(total["count"])))
    return problems


def _check_events(reps: pd.DataFrame, events: pd.DataFrame, displays: dict) -> list[Problem]:
    problems = []
    by_id = {row["event_id"]: row for row in _rows(events)}
    for row in _rows(events):
        if row["country_iso3"] not in _iso3_codes():
            rule = "is not an ISO 3166-1 alpha-3 country code"
            problems.append(
                Problem(displays["events"], rule, row["line"], "country_iso3", row["country_iso3"])
            )
    tolerance = pd.Timedelta(days=EVENT_DATE_TOLERANCE_DAYS)
    for row in _rows(reps[reps["event_id"].notna()]):
        event = by_id.get(row["event_id"])
        if event is None:
            continue
        if row["country_iso3"] != event["country_iso3"]:
            rule = (
                f"event {row['event_id']} is in {event['country_iso3']} (events.csv line "
                f"{event['line']}); one event_id must not be used for two countries"
            )
            problems.append(
                Problem(
                    displays["repatriations"],
                    rule,
                    row["line"],
                    "country_iso3",
                    str(row["country_iso3"]),
                )
            )
        start = row["date_start"] if not _isna(row["date_start"]) else row["date_end"]
        if event["date"] < start - tolerance or event["date"] > row["date_end"] + tolerance:
            rule = (
                f"is more than {EVENT_DATE_TOLERANCE_DAYS} days from the date of event "
                f"{row['event_id']} ({event['date'].date()}): is it the same operation?"
            )
            problems.append(
                Problem(
                    displays["repatriations"],
                    rule,
                    row["line"],
                    "date_end",
                    str(row["date_end"].date()),
                )
            )
    return problems


def check_abroad_row(row: dict, display: str, vocab: Vocabulary | None = None) -> list[Problem]:
    """Return the problems of one row of abroad.csv: bounds, place for its kind, date's reason.

    The places each kind allows are those of ``vocab`` (default: the project's descriptor).
    """
    vocab = vocab or PROJECT_VOCABULARY
    problems = _check_country(row | {"region": None}, display)
    line, qualifier, high = row["line"], row["qualifier"], row["count_high"]
    if qualifier == RANGE and (_isna(high) or int(high) <= int(row["count"])):
        rule = "is required for a range and must be larger than count (a range runs count to high)"
        shown = "" if _isna(high) else str(high)
        problems.append(Problem(display, rule, line, "count_high", shown))
    if qualifier != RANGE and not _isna(high):
        rule = (
            f"must be empty for a figure that is {qualifier}: only a range has a high end "
            "(a ceiling such as 'up to 300' is count 300, at_most)"
        )
        problems.append(Problem(display, rule, line, "count_high", str(high)))
    places = vocab.places_by_kind.get(row["kind"], ())
    if row["place"] not in places:
        rule = f"is not a place for a figure of kind {row['kind']}; allowed: {', '.join(places)}"
        problems.append(Problem(display, rule, line, "place", str(row["place"])))
    if _isna(row["date"]) and _isna(row["note"]):
        rule = "is required for an undated figure: it says why the date is unknown"
        problems.append(Problem(display, rule, line, "note", ""))
    return problems


def check_rules(
    data_dir: Path,
    frames: dict[str, pd.DataFrame],
    displays: dict,
    vocab: Vocabulary | None = None,
) -> list[Problem]:
    """Return every cross-row and cross-table problem in the loaded tables.

    ``vocab`` is the vocabulary of the descriptor in use (default: read from ``data_dir``).
    """
    vocab = vocab or load_vocabulary(data_dir)
    reps, sources = frames["repatriations"], frames["sources"]
    texts, problems = source_texts(data_dir, sources, displays["sources"])
    languages = dict(zip(sources["source_id"], sources["language"], strict=True))
    display = displays["repatriations"]
    statements: dict[str, list[dict]] = {}
    for row in _rows(reps):
        problems += _check_row(row, display, vocab)
        problems += check_quotes(row, texts, languages, display)
        problems += check_russian_translations(row, languages, display)
        if not _isna(row["statement_id"]):
            statements.setdefault(row["statement_id"], []).append(row)
    for rows in statements.values():
        problems += _check_statement(rows, display, vocab)
    problems += _check_events(reps, frames["events"], displays)
    prog_display = displays["programmes"]
    for row in _rows(frames["programmes"]):
        problems += _check_country(row | {"region": None}, prog_display)
        problems += check_quotes(row, texts, languages, prog_display)
        problems += check_russian_translations(row, languages, prog_display)
    for row in _rows(sources):
        problems += check_publisher_ru(row, displays["sources"])
    if "abroad" in frames:
        for row in _rows(frames["abroad"]):
            problems += check_abroad_row(row, displays["abroad"], vocab)
            problems += check_quotes(row, texts, languages, displays["abroad"])
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.column or ""))
