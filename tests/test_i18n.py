"""Two catalogues with the same keys; numbers and dates by locale; unknown languages refused."""

import datetime as dt
import re

import pytest

from helpers.report.i18n import (
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

OPTIONAL = ("event.", "country.", "country_dative.", "fact.")
"""Sections that only name what the data does not (Russian names of operations, say)."""


def is_optional(key: str) -> bool:
    """Keys that translate the data (names, facts, column descriptions), needed in Russian only."""
    return key.startswith(OPTIONAL) or (key.startswith("dictionary.") and key.count(".") >= 2)


def _texts(language: str) -> set[str]:
    """A catalogue's keys, each table of plural forms once (languages have different forms)."""
    return {
        k.rsplit(".", 1)[0] if k.startswith("plural.") else k
        for k in catalogue(language)
        if not is_optional(k)
    }


def test_both_catalogues_have_the_same_texts_and_the_same_fields():
    en, ru = catalogue("en"), catalogue("ru")
    keys = {k for k in en if not is_optional(k) and not k.startswith("plural.")}
    assert _texts("en") == _texts("ru")
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
        assert fmt_month(day) == "июль 2024\u202fг."
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
    from helpers.data.loading import load_dataset

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

    from helpers.data.paths import DATA_DIR

    package = json.loads((DATA_DIR / "datapackage.json").read_text())
    ru = catalogue("ru")
    missing = [
        f"{res['name']}.{name}"
        for res in package["resources"]
        if "schema" in res
        for name in ["_table", *(f["name"] for f in res["schema"]["fields"])]
        if f"dictionary.{res['name']}.{name}" not in ru
    ]
    assert not missing, missing


def test_dates_known_only_to_the_year_or_month_are_written_as_known():
    from helpers.report.i18n import fmt_partial_date

    assert [fmt_partial_date(v) for v in ("2024", "2024-07", "2024-07-31")] == [
        "2024",
        "July 2024",
        "31 July 2024",
    ]
    with using("ru"):
        assert fmt_partial_date("2024-07") == "июль 2024\u202fг."


COUNTED = ("people", "women", "children", "men", "operations", "figures")
NUMBERS = (1, 2, 5, 21, 22, 25, 111)
RUSSIAN_FORMS = {
    "people": ("человек", "человека", "человек", "человек", "человека", "человек", "человек"),
    "women": ("женщина", "женщины", "женщин", "женщина", "женщины", "женщин", "женщин"),
    "children": ("ребёнок", "ребёнка", "детей", "ребёнок", "ребёнка", "детей", "детей"),
    "men": ("мужчина", "мужчины", "мужчин", "мужчина", "мужчины", "мужчин", "мужчин"),
    "operations": (
        "операция",
        "операции",
        "операций",
        "операция",
        "операции",
        "операций",
        "операций",
    ),
    "figures": ("цифра", "цифры", "цифр", "цифра", "цифры", "цифр", "цифр"),
}
"""Worked out by hand from Russian grammar: 1, 21 take the singular; 2, 22 the genitive
singular; 5, 25, 111 the genitive plural (11-14 are never "one" or "few")."""


@pytest.mark.parametrize("noun", COUNTED)
def test_russian_counted_nouns_agree_with_their_number(noun):
    from helpers.report.i18n import t_plural

    with using("ru"):
        written = [t_plural(f"plural.{noun}", n) for n in NUMBERS]
    assert written == [f"{n} {form}" for n, form in zip(NUMBERS, RUSSIAN_FORMS[noun], strict=True)]


def test_english_counted_nouns_are_singular_only_for_one():
    from helpers.report.i18n import t_plural

    assert [t_plural("plural.children", n) for n in (1, 2, 21)] == [
        "1 child",
        "2 children",
        "21 children",
    ]
    assert t_plural("plural.operations", 1) == "1 operation"


def test_every_plural_table_has_every_form_its_language_uses():
    from babel import Locale

    from helpers.report.i18n import LOCALES

    for language in LANGUAGES:
        names = catalogue(language)
        forms = set(Locale.parse(LOCALES[language]).plural_form.tags) | {"other"}
        nouns = {k.split(".")[1] for k in names if k.startswith("plural.")}
        missing = [f"{n}.{f}" for n in nouns for f in forms if f"plural.{n}.{f}" not in names]
        assert not missing, (language, missing)


def test_a_written_number_keeps_the_agreement_of_its_count():
    from helpers.report.i18n import t_plural

    with using("ru"):
        assert t_plural("plural.men", 37, number="не менее 37") == "не менее 37 мужчин"
        assert t_plural("plural.children", 2189) == "2189 детей"  # four digits: no space in prose
        assert t_plural("plural.children", 12_525) == "12\u202f525 детей"


def test_a_missing_plural_table_names_its_key():
    from helpers.report.i18n import t_plural

    with pytest.raises(KeyError, match="no plural forms for 'plural.nope' in locales/en.toml"):
        t_plural("plural.nope", 3)


def test_date_ranges_are_written_in_words_never_with_to():
    from helpers.report.i18n import fmt_date_range

    assert fmt_date_range("2019-01-01", "2019-12-31") == "1 January – 31 December 2019"
    with using("ru"):
        assert fmt_date_range("2019-01-01", "2019-12-31") == "1 января — 31 декабря 2019\u202fг."
        assert fmt_date_range("2019-05-07", "2019-05-09") == "7–9 мая 2019\u202fг."
        assert fmt_date_range("2019-05-07", "2019-05-07") == "7 мая 2019\u202fг."
        assert (
            fmt_date_range("2019-01-01", "2020-12-31")
            == "1 января 2019\u202fг. — 31 декабря 2020\u202fг."
        )
        assert fmt_date_range(None, "2020-12-31") == "31 декабря 2020\u202fг."
        assert " to " not in fmt_date_range(dt.date(2019, 1, 6), dt.date(2019, 2, 6))


def test_year_spans_and_lists_follow_the_language():
    from helpers.report.i18n import fmt_list, fmt_year, fmt_year_range

    assert (fmt_year_range(2019, 2021), fmt_year(2019)) == ("2019–2021", "2019")
    assert fmt_list(["Kyrgyzstan", "Tajikistan"]) == "Kyrgyzstan and Tajikistan"
    with using("ru"):
        assert fmt_year_range(2019, 2021) == "2019–2021\u202fгг."
        assert fmt_year_range(2019, 2019) == "2019\u202fг."
        assert fmt_list(["Кыргызстану", "Таджикистану"]) == "Кыргызстану и Таджикистану"
        assert fmt_int(2189, prose=True) == "2189"
        assert fmt_int(2189) == "2\u202f189"  # tables keep the separator


def test_the_language_is_held_in_a_context_and_restored_after_an_error():
    with pytest.raises(RuntimeError), using("ru"):
        assert t("group.women") == "Женщины"
        raise RuntimeError
    assert t("group.women") == "Women"
