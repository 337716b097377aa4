"""Cross-table rules, and the dataset's coverage of its sources."""

import re

import pandas as pd
from conftest import edit_frame, rule_problems

from helpers.data.loading import load_dataset
from helpers.data.paths import DATA_DIR
from helpers.data.rules import fold_space, read_source_text

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
WORDS = {"fourteen": 14, "forty-seven": 47}


def article_numbers() -> list[int]:
    """Every count the article states: digits and number words, leaving out years and days."""
    text = (DATA_DIR / "raw" / "tdi-central-asia-returnees.txt").read_text(encoding="utf-8")
    text = re.sub(rf"({MONTHS}) \d{{1,2}},", "", text)
    text = re.sub(r"\b(19|20)\d\d\b", "", text)
    text = re.sub(r"Mehr-\d", "", text)  # operation names, not counts
    numbers = [int(n) for n in re.findall(r"\b\d+\b", text)]
    numbers += [v for w, v in WORDS.items() if w in text.lower()]
    return numbers


def test_every_figure_in_the_article_is_a_row():
    data = load_dataset()
    tdi = data.repatriations[data.repatriations["source_id"] == "tdi-2024"]
    counts = set(int(c) for c in tdi["count"])
    missing = [n for n in article_numbers() if n not in counts]
    assert not missing, f"article figures with no row: {missing}"
    assert len(article_numbers()) >= 18


def test_hundreds_is_recorded_as_a_lower_bound_of_200():
    data = load_dataset()
    reps = data.repatriations
    row = reps[reps["quote"].str.contains("hundreds of women and children")].iloc[0]
    assert (int(row["count"]), row["qualifier"], row["group"]) == (
        200,
        "at_least",
        "women_and_children",
    )


def test_every_quote_is_verbatim_in_its_source():
    data = load_dataset()
    paths = dict(zip(data.sources["source_id"], data.sources["path"], strict=True))
    for row in data.repatriations.itertuples():
        original, translation = read_source_text(DATA_DIR.parent / paths[row.source_id])
        assert fold_space(row.quote) in original, row.figure_id
        if isinstance(row.quote_en, str):
            assert fold_space(row.quote_en) in translation, row.figure_id


def test_every_operation_excerpt_file_is_a_source():
    data = load_dataset()
    files = {
        f"data/raw/operations/{p.name}" for p in (DATA_DIR / "raw" / "operations").glob("*.txt")
    }
    assert files <= set(data.sources["path"])


def test_non_english_quote_needs_a_translation(frames):
    line = edit_frame(
        frames["repatriations"], lambda r: isinstance(r["quote_en"], str), quote_en=None
    )
    assert any(
        f"line {line}, column 'quote_en'" in p and "needs an English translation" in p
        for p in rule_problems(frames)
    )


def test_event_id_used_for_two_countries_is_rejected(frames):
    line = edit_frame(
        frames["repatriations"],
        lambda r: r["event_id"] == "kaz-2019-11-27-rusafa",
        country_iso3="UZB",
    )
    assert any(
        f"line {line}, column 'country_iso3'" in p
        and "one event_id must not be used for two countries" in p
        for p in rule_problems(frames)
    )


def test_event_id_used_for_dates_far_apart_is_rejected(frames):
    day = pd.Timestamp("2021-06-01")
    line = edit_frame(
        frames["repatriations"],
        lambda r: r["event_id"] == "kaz-2019-11-27-rusafa",
        date_start=day,
        date_end=day,
    )
    assert any(
        f"line {line}, column 'date_end'" in p and "is it the same operation?" in p
        for p in rule_problems(frames)
    )


def test_event_scope_needs_an_event_id(frames):
    reps = frames["repatriations"]
    sid = reps.loc[reps["scope"] == "event", "statement_id"].iloc[0]
    reps.loc[reps["statement_id"] == sid, "event_id"] = None
    assert any(
        "column 'event_id'" in p and "is required for an event" in p for p in rule_problems(frames)
    )


def test_rows_of_one_statement_must_agree(frames):
    line = edit_frame(
        frames["repatriations"],
        lambda r: r["statement_id"] == "uzb-tdi-to-date" and r["group"] == "women",
        date_end=pd.Timestamp("2024-01-01"),
    )
    assert any(
        f"line {line}, column 'date_end'" in p and "of the same statement" in p
        for p in rule_problems(frames)
    )


# Numbers in the later statements (data/raw/updates/) that are not repatriation figures, by file,
# with why. Years are left out everywhere. Every other number must be a row of that source.
NOT_FIGURES = {
    "tj_2019_khovar_ru.txt": {
        4: "30.04 (date)",
        30: "date",
        43: "women held in Iraq, not returned",
        95: "children held in Iraq, not returned",
    },
    "tj_2019_khovar_tg.txt": {4: "date", 30: "date"},
    "tj_2019_khovar_en.txt": {1: "date", 5: "date"},
    "tj_2019_asiaplus_en.txt": {
        11: "children who remain in Iraq",
        43: "mothers in Iraq",
        95: "their children in Iraq",
    },
    "tj_2019_timesca.txt": {30: "date", 43: "women in Iraqi prisons", 95: "their children"},
    "tj_2022_ozodi_ru.txt": {0: "21:00 (time)", 21: "21:00 (time)", 25: "date"},
    "tj_2022_asiaplus_en.txt": {25: "date"},
    "tj_2022_pressa_tg.txt": {25: "date"},
    "tj_2023_asiaplus_ru.txt": {21: "date", 29: "families, not people"},
    "tj_2023_gafurov_ru.txt": {21: "date", 29: "families, not people"},
    "tj_2023_vocfm.txt": {109: "the flight with 5 Kazakh citizens: not a Tajik figure"},
    "tj_2024_khovar_ru.txt": {
        4: "date",
        13: "families",
        17: "girls (part of the 32 children)",
        25: "date",
    },
    "tj_2024_asiaplus_en.txt": {
        1: "age",
        13: "families",
        17: "girls (part of the 32 children)",
        18: "age",
        25: "date",
        27: "date",
        37: "women serving sentences",
        90: "planned, not returned",
    },
    "tj_groups2023_asiaplus_ru.txt": {1: "age", 18: "age", 20: "date"},
    "tj_groups_cabar.txt": {1: "age", 18: "age", 26: "date"},
    "tj_total_interfax_ru.txt": {
        10: "date",
        300: "remaining in camps, not returned",
        800: "all Tajik women and children in the camps",
    },
    "kg_aikol6_arabnews.txt": {19: "date", 20: "the paper's 'around 20', a rounding of 22"},
    "kg_aikol6_daryo.txt": {19: "date"},
    "kg_aikol6_azattyk_ky.txt": {5: "Aikol-5 (a name)", 6: "Aikol-6 (a name)", 19: "date"},
    "kg_total2024_manas_ru.txt": {5: "date", 15: "date", 24: "date"},
    "kg_total2025_azattyk_ky.txt": {
        1: "'1,6 thousand' = 1,600 (recorded)",
        6: "'1,6 thousand' = 1,600 (recorded)",
    },
    "kz_abaev2025_azattyqruhy_ru.txt": {10: "women still in camps", 30: "people still in Syria"},
    "kz_abaev2025_nurtoday.txt": {10: "people still in camps", 30: "people still in Syria"},
    "kz_abaev2025_toshkent24.txt": {53: "convicted, not a count of returns"},
    "kz_bakaev2024_industrykz.txt": {
        8: "date",
        30: "people in Syria",
        33: "people in Syria",
        69: "evacuated from Lebanon (a crisis evacuation)",
        129: "evacuated from the Middle East and Gaza",
    },
    "regional_gcerf_2024.txt": {18: "date", 2200: "'about 2,200': approximate"},
    "regional_gcerf_timesca.txt": {2200: "'approximately 2,200'"},
    "regional_timesca_oped.txt": {
        381: "'ranging from 381 to 533': no country named",
        533: "'ranging from 381 to 533': no country named",
        2200: "'around 2,200': approximate",
    },
    "regional_osce_2024.txt": {
        27: "date",
        40: "meeting participants",
        2100: "reintegrated returnees, not returns",
    },
    "uz_total2024_isrs.txt": {10: "date"},
    "uz_total2024_kunuz_en.txt": {10: "date"},
    "uz_total2024_uzdaily.txt": {10: "date"},
    "uz_total2025_kunuz_uz.txt": {
        1: "'1,6 thousand' = 1,600 (recorded)",
        6: "'1,6 thousand' = 1,600 (recorded)",
    },
}


def test_every_repatriation_figure_in_the_later_statements_is_a_row():
    data = load_dataset()
    reps = data.repatriations
    updates = data.sources[data.sources["path"].str.startswith("data/raw/updates/")]
    files = {p.name for p in (DATA_DIR / "raw" / "updates").glob("*.txt")}
    assert files == {p.split("/")[-1] for p in updates["path"]}
    for source in updates.itertuples():
        name = source.path.split("/")[-1]
        body = (DATA_DIR.parent / source.path).read_text(encoding="utf-8").split("\n", 6)[6]
        body = body.split("--- English translation")[0]
        numbers = {int(n.replace(",", "")) for n in re.findall(r"\d+(?:,\d{3})*", body)}
        numbers = {n for n in numbers if not 2000 <= n <= 2030}
        rows = reps[reps["source_id"] == source.source_id]
        recorded = {int(c) for c in rows["count"]}
        missing = numbers - recorded - set(NOT_FIGURES.get(name, {}))
        assert not missing, f"{name}: figures with no row: {sorted(missing)}"
        for row in rows.itertuples():
            original, _ = read_source_text(DATA_DIR.parent / source.path)
            for part in row.quote.split(" […] "):
                assert fold_space(part) in original, row.figure_id


def _ends_a_sentence(part: str, text: str) -> bool:
    """A quote ends where a sentence or paragraph of its text ends (or where the text stops)."""
    part = fold_space(part)
    end = text.index(part) + len(part)
    return end == len(text) or text[end] == "\n" or part[-1] in '.!?»"”'


def test_translations_are_whole_sentences_with_the_numbers_of_their_quotes():
    data = load_dataset()
    paths = dict(zip(data.sources["source_id"], data.sources["path"], strict=True))
    rows = [*data.repatriations.itertuples(), *data.programmes.itertuples()]
    translated = [r for r in rows if isinstance(r.quote_en, str)]
    assert len(translated) > 40
    for row in translated:
        original, translation = read_source_text(DATA_DIR.parent / paths[row.source_id])
        assert sorted(re.findall(r"\d+", row.quote)) == sorted(re.findall(r"\d+", row.quote_en))
        for part in row.quote.split(" […] "):
            assert _ends_a_sentence(part, original), (row.source_id, part[-40:])
        assert _ends_a_sentence(row.quote_en, translation), (row.source_id, row.quote_en[-40:])


def test_a_quote_joining_two_paragraphs_must_keep_the_break(frames):
    reps = frames["repatriations"]
    quote = next(q for q in reps["quote"] if "\n\n" in q)
    line = edit_frame(reps, lambda r: r["quote"] == quote, quote=quote.replace("\n\n", " "))
    assert any(
        f"line {line}, column 'quote'" in p and "not found verbatim" in p
        for p in rule_problems(frames)
    )


def test_corrections_found_against_the_sources_stay_made():
    data = load_dataset()
    events = data.events.set_index("event_id")
    assert events.loc["kgz-2021-03-meerim", "date_precision"] == "month"
    reps = data.repatriations.set_index("figure_id")
    assert reps.loc["kgz-tdi-iraq-to-2021-03-children", "event_id"] == "kgz-2021-03-meerim"
    uzb = data.programmes[
        (data.programmes["country_iso3"] == "UZB") & (data.programmes["field"] == "origins")
    ]
    assert "Afghanistan" in set(uzb["value"])
    assert reps.loc["kgz-republicworld-aikol-5-children", "derivation"] == "by_subtraction"
    assert reps.loc["tjk-khovar-2024-04-25-children", "derivation"] == "by_sum"


def problems_after_editing(frames, pick, **changes):
    """Edit the first repatriations row ``pick`` accepts; return its line and the problems."""
    line = edit_frame(frames["repatriations"], pick, **changes)
    return line, rule_problems(frames)


def test_a_derived_figure_needs_a_note(frames):
    line, found = problems_after_editing(
        frames, lambda r: r["derivation"] == "by_subtraction", note=None
    )
    assert any(f"line {line}, column 'note'" in p for p in found)


def test_a_return_on_ones_own_is_never_a_country_total(frames):
    line, found = problems_after_editing(
        frames, lambda r: r["channel"] == "returned_on_own", is_country_total=True
    )
    assert any(f"line {line}, column 'is_country_total'" in p for p in found)


def _figure(**cells):
    row = {
        "source_id": "s-en",
        "line": 7,
        "quote": "Five came home.",
        "quote_ru": "Пятеро вернулись.",
    }
    return row | {"note": "Read as 5.", "note_ru": "Прочитано как 5."} | cells


LANGUAGES = {"s-en": "en", "s-ru": "ru"}


def test_a_translated_figure_passes_the_russian_rules():
    from helpers.data.rules import check_russian_translations

    assert check_russian_translations(_figure(), LANGUAGES, "repatriations.csv") == []


def test_a_quote_not_in_russian_needs_its_russian_translation():
    from helpers.data.rules import check_russian_translations

    found = check_russian_translations(_figure(quote_ru=None), LANGUAGES, "repatriations.csv")
    assert [str(p) for p in found] == [
        "repatriations.csv, line 7, column 'quote_ru': value '': is required: source s-en is in "
        "'en', so the quote needs a Russian translation"
    ]


def test_a_russian_quote_has_no_translation_and_every_note_has_one():
    from helpers.data.rules import check_russian_translations

    found = check_russian_translations(
        _figure(source_id="s-ru", note_ru=None), LANGUAGES, "programmes.csv"
    )
    assert [(p.line, p.column) for p in found] == [(7, "quote_ru"), (7, "note_ru")]
    assert "source s-ru is in Russian" in str(found[0])
    bare = check_russian_translations(_figure(note=None), LANGUAGES, "programmes.csv")
    assert [(p.column, p.value) for p in bare] == [("note_ru", "Прочитано как 5.")]


def test_a_source_needs_its_publisher_in_russian():
    from helpers.data.rules import check_publisher_ru

    row = {"line": 3, "publisher": "Interfax", "publisher_ru": None}
    assert [p.column for p in check_publisher_ru(row, "sources.csv")] == ["publisher_ru"]
    assert check_publisher_ru(row | {"publisher_ru": "«Интерфакс»"}, "sources.csv") == []


def test_the_shipped_data_is_refused_without_a_russian_note(frames):
    line, found = problems_after_editing(frames, lambda r: isinstance(r["note"], str), note_ru=None)
    assert any(f"line {line}, column 'note_ru'" in p for p in found)


def test_the_breakdown_rule_adds_up_the_groups_of_the_vocabulary_in_use(frames):
    from helpers.data.rules import check_rules
    from helpers.data.vocab import PROJECT_VOCABULARY, Vocabulary

    reps = frames["repatriations"]
    # 125 women + 331 children + 27 men = 483, more than 470; without men, 456 is not.
    line = edit_frame(
        reps,
        lambda r: r["statement_id"] == "uzb-tdi-to-date" and r["group"] == "people",
        count=470,
    )
    displays = {name: f"{name}.csv" for name in frames}
    with_men = check_rules(DATA_DIR, frames, displays, PROJECT_VOCABULARY)
    assert [(p.line, p.column) for p in with_men] == [(line, "count")]
    assert "women + children + men = 483" in with_men[0].rule
    enums = {t: dict(cols) for t, cols in PROJECT_VOCABULARY.enums.items()}
    enums["repatriations"]["group"] = ("people", "women", "children", "women_and_children")
    assert check_rules(DATA_DIR, frames, displays, Vocabulary(enums)) == []
