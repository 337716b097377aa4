"""Two catalogues with the same keys; numbers and dates by locale; unknown languages refused."""

import datetime as dt
import re

import pytest

from helpers.i18n import (
    LANGUAGES,
    UnknownLanguageError,
    catalogue,
    fmt_date,
    fmt_decimal,
    fmt_int,
    fmt_month,
    fmt_percent,
    set_language,
    t,
    using,
)

OPTIONAL = ("event.", "country.", "fact.")
"""Sections that only name what the data does not (Russian names of operations, say)."""


def is_optional(key: str) -> bool:
    """Keys that translate the data (names, facts, column descriptions), needed in Russian only."""
    return key.startswith(OPTIONAL) or (key.startswith("dictionary.") and key.count(".") >= 2)


def test_both_catalogues_have_the_same_texts_and_the_same_fields():
    en, ru = catalogue("en"), catalogue("ru")
    keys = {k for k in en if not is_optional(k)}
    assert keys == {k for k in ru if not is_optional(k)}
    for key in keys:
        fields_en = sorted(set(re.findall(r"\{(\w+)\}", en[key])))
        assert fields_en == sorted(set(re.findall(r"\{(\w+)\}", ru[key]))), key


def test_russian_texts_are_in_russian():
    ru = catalogue("ru")
    latin_only = [
        k
        for k, v in ru.items()
        if not k.startswith(("nav.twin_en", "index.pdf", "count.symbol", "figure.source"))
        and re.sub(r"\{\w+\}|[^A-Za-zА-Яа-яЁё]", "", v)
        and not re.search(r"[А-Яа-яЁё]", v)
    ]
    assert not latin_only, latin_only


def test_numbers_and_dates_follow_the_locale():
    day = dt.date(2024, 7, 31)
    assert (fmt_int(2189), fmt_decimal(3.5234), fmt_percent(0.72)) == ("2,189", "3.52", "72.0%")
    assert (fmt_date(day), fmt_month(day)) == ("31 July 2024", "July 2024")
    with using("ru"):
        assert fmt_int(2189) == "2\u202f189"  # a thin space between thousands
        assert fmt_decimal(3.5234) == "3,52"  # a decimal comma
        assert fmt_date(day) == "31 июля 2024\u202fг."
        assert fmt_month(day) == "июль 2024"
    assert t("group.women") == "Women"


def test_an_unknown_language_is_refused_and_changes_nothing():
    with pytest.raises(UnknownLanguageError, match="choose one of: en, ru"):
        set_language("fr")
    assert t("group.women") == "Women"
    assert LANGUAGES == ("en", "ru")


def test_a_missing_text_names_its_key_and_catalogue():
    with pytest.raises(KeyError, match="no text for 'nope.nothing' in locales/en.toml"):
        t("nope.nothing")


def test_every_operation_and_programme_fact_has_a_russian_name():
    from helpers.loading import load_dataset

    data = load_dataset()
    ru = catalogue("ru")
    assert not [e for e in data.events["event_id"] if f"event.{e}" not in ru]
    assert not [f for f in data.programmes["fact_id"] if f"fact.{f}" not in ru]


def test_no_russian_sentence_doubles_the_full_stop_after_an_abbreviated_date():
    date = fmt_date(dt.date(2025, 9, 30))
    with using("ru"):
        date = fmt_date(dt.date(2025, 9, 30))
    assert date.endswith("г.")
    for key, text in catalogue("ru").items():
        fields = {f: "x" for f in re.findall(r"\{(\w+)\}", text)}
        fields |= {f: date for f in ("date", "as_of") if f in fields}
        assert ".." not in text.format(**fields), key


def test_every_table_and_column_is_described_in_russian():
    import json

    from helpers.paths import DATA_DIR

    package = json.loads((DATA_DIR / "datapackage.json").read_text())
    ru = catalogue("ru")
    missing = [
        f"{res['name']}.{name}"
        for res in package["resources"]
        for name in ["_table", *(f["name"] for f in res["schema"]["fields"])]
        if f"dictionary.{res['name']}.{name}" not in ru
    ]
    assert not missing, missing


def test_dates_known_only_to_the_year_or_month_are_written_as_known():
    from helpers.i18n import fmt_partial_date

    assert [fmt_partial_date(v) for v in ("2024", "2024-07", "2024-07-31")] == [
        "2024",
        "July 2024",
        "31 July 2024",
    ]
    with using("ru"):
        assert fmt_partial_date("2024-07") == "июль 2024"
