"""Cross-table rules, and the dataset's coverage of its sources."""

import re

import pytest
from conftest import edit_row, read_rows, write_rows

from helpers.errors import DataValidationError
from helpers.loading import load_dataset
from helpers.paths import DATA_DIR
from helpers.rules import fold_space, read_source_text

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


def test_raw_sources_are_byte_identical_to_what_was_received():
    shared = DATA_DIR.parent.parent / "shared"
    if not shared.is_dir():
        pytest.skip("the shared/ folder the sources came from is not beside this checkout")
    for received in (shared / "sources").rglob("*.txt"):
        local = DATA_DIR / "raw" / received.relative_to(shared / "sources")
        assert local.read_bytes() == received.read_bytes(), local


def test_non_english_quote_needs_a_translation(data_dir):
    path = data_dir / "repatriations.csv"
    _, rows = read_rows(path)
    index = next(i for i, r in enumerate(rows) if r["quote_en"])
    line = edit_row(path, index, quote_en="")
    with pytest.raises(DataValidationError) as exc:
        load_dataset(data_dir)
    assert any(
        f"line {line}, column 'quote_en'" in str(p) and "needs an English translation" in str(p)
        for p in exc.value.problems
    )


def test_event_id_used_for_two_countries_is_rejected(data_dir):
    path = data_dir / "repatriations.csv"
    _, rows = read_rows(path)
    index = next(i for i, r in enumerate(rows) if r["event_id"] == "kaz-2019-11-27-rusafa")
    line = edit_row(path, index, country_iso3="UZB")
    with pytest.raises(DataValidationError) as exc:
        load_dataset(data_dir)
    assert any(
        f"line {line}, column 'country_iso3'" in str(p)
        and "one event_id must not be used for two countries" in str(p)
        for p in exc.value.problems
    )


def test_event_id_used_for_dates_far_apart_is_rejected(data_dir):
    path = data_dir / "repatriations.csv"
    _, rows = read_rows(path)
    index = next(i for i, r in enumerate(rows) if r["event_id"] == "kaz-2019-11-27-rusafa")
    line = edit_row(path, index, date_start="2021-06-01", date_end="2021-06-01")
    with pytest.raises(DataValidationError) as exc:
        load_dataset(data_dir)
    assert any(
        f"line {line}, column 'date_end'" in str(p) and "is it the same operation?" in str(p)
        for p in exc.value.problems
    )


def test_event_scope_needs_an_event_id(data_dir):
    path = data_dir / "repatriations.csv"
    _, rows = read_rows(path)
    sid = next(r["statement_id"] for r in rows if r["scope"] == "event")
    header, rows = read_rows(path)
    for r in rows:
        if r["statement_id"] == sid:
            r["event_id"] = ""
    write_rows(path, header, rows)
    with pytest.raises(DataValidationError) as exc:
        load_dataset(data_dir)
    assert any(
        "column 'event_id'" in str(p) and "is required for an event" in str(p)
        for p in exc.value.problems
    )


def test_rows_of_one_statement_must_agree(data_dir):
    path = data_dir / "repatriations.csv"
    _, rows = read_rows(path)
    index = next(
        i
        for i, r in enumerate(rows)
        if r["statement_id"] == "uzb-tdi-to-date" and r["group"] == "women"
    )
    line = edit_row(path, index, date_end="2024-01-01")
    with pytest.raises(DataValidationError) as exc:
        load_dataset(data_dir)
    assert any(
        f"line {line}, column 'date_end'" in str(p) and "of the same statement" in str(p)
        for p in exc.value.problems
    )
