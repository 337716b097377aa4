"""The public functions refuse a wrong date, country or language with the command line's words."""

import numpy as np
import pandas as pd
import pytest

import helpers
from helpers.data.arguments import (
    check_as_of,
    check_countries,
    check_country,
    check_language,
    check_years,
)
from helpers.data.errors import ParameterError
from helpers.site.cli import main

CODES = ["KAZ", "KGZ", "TJK", "UZB"]
VALID = "valid codes: KAZ, KGZ, TJK, UZB"


@pytest.fixture(scope="module")
def loaded(shipped):
    return shipped, helpers.compute_statements(shipped.repatriations, shipped.sources)


def test_a_year_is_read_as_its_last_day():
    assert check_as_of("2023") == pd.Timestamp("2023-12-31")


def test_a_month_is_read_as_its_last_day_leap_years_too():
    assert check_as_of("2024-02") == pd.Timestamp("2024-02-29")
    assert check_as_of("2023-06") == pd.Timestamp("2023-06-30")


def test_a_day_and_a_timestamp_are_taken_as_they_are():
    assert check_as_of("2023-05-17") == pd.Timestamp("2023-05-17")
    assert check_as_of(pd.Timestamp("2021-03-01")) == pd.Timestamp("2021-03-01")
    assert check_as_of(np.datetime64("2021-03-01")) == pd.Timestamp("2021-03-01")


def test_empty_as_of_means_the_latest_date():
    assert check_as_of("") is None
    assert check_as_of(None) is None


@pytest.mark.parametrize(
    "bad",
    ["31/12/2023", "12/31/2023", "2023-13", "2023-02-30", "20231231", "2023-W52", 2023]
    + [np.int64(20231231)],
)
def test_dates_in_other_forms_are_refused_saying_what_is_allowed(bad):
    with pytest.raises(ParameterError) as err:
        check_as_of(bad)
    assert str(err.value) == (
        "parameter 'as_of' must be a date written YYYY-MM-DD (a year YYYY or a month YYYY-MM is "
        f"read as its last day), or empty for the latest date in the data; got {bad!r}"
    )


def test_a_date_after_the_data_is_refused_saying_nothing_is_known_after_it():
    with pytest.raises(ParameterError, match=r"2030-01-01 is after the latest date in the data "):
        check_as_of("2030-01-01", pd.Timestamp("2025-09-30"))
    assert check_as_of("2025-09-30", pd.Timestamp("2025-09-30")) == pd.Timestamp("2025-09-30")


def test_one_code_in_any_case_is_one_country_not_its_letters():
    assert check_countries("KAZ", CODES) == ["KAZ"]
    assert check_countries("kaz", CODES) == ["KAZ"]
    assert check_countries(["uzb", "Kgz"], CODES) == ["UZB", "KGZ"]
    assert check_countries("KAZ, UZB", CODES) == ["KAZ", "UZB"]
    assert check_countries(None, CODES) is None


@pytest.mark.parametrize(
    ("given", "named"), [(["XXX"], "XXX"), (["Uzbekistan"], "Uzbekistan"), ("KAZ,XXX", "XXX")]
)
def test_unknown_codes_and_country_names_are_refused_naming_the_valid_codes(given, named):
    with pytest.raises(ParameterError) as err:
        check_countries(given, CODES)
    assert str(err.value) == f"parameter 'countries': {named} not in the data; {VALID}"


@pytest.mark.parametrize("bad", [[], 3, ["KAZ", 3]])
def test_empty_or_non_text_countries_are_refused(bad):
    with pytest.raises(ParameterError, match=VALID):
        check_countries(bad, CODES)


def test_one_country_means_exactly_one_code():
    assert check_country("tjk", CODES) == "TJK"
    with pytest.raises(ParameterError, match="'country' must be one ISO3 code; got 'KAZ,UZB'"):
        check_country("KAZ,UZB", CODES)


def test_language_is_en_or_ru():
    assert check_language("ru") == "ru"
    with pytest.raises(ParameterError) as err:
        check_language("fr")
    assert str(err.value) == "parameter 'language' must be one of: en, ru; got 'fr'"


def test_years_are_two_whole_years_in_order():
    assert check_years((2019, 2025)) == (2019, 2025)
    assert check_years(None) is None
    for bad in [(2025, 2019), (2019,), ("2019", "2025"), 2019]:
        with pytest.raises(ParameterError, match="'years' must be two whole years"):
            check_years(bad)


def test_totals_as_of_a_year_are_those_of_its_last_day(loaded):
    _, statements = loaded
    year = helpers.compute_country_totals(statements, as_of="2023", countries="kaz")
    day = helpers.compute_country_totals(statements, as_of="2023-12-31", countries=["KAZ"])
    new_year = helpers.compute_country_totals(statements, as_of="2023-01-01", countries=["KAZ"])
    assert list(year["country_iso3"]) == ["KAZ"]
    assert year["as_of"].iloc[0] == "2023-12-31"
    assert year["total_returned"].iloc[0] == day["total_returned"].iloc[0]
    assert year["total_returned"].iloc[0] > new_year["total_returned"].iloc[0]


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (
            lambda st, data: helpers.compute_country_totals(st, as_of="31/12/2023"),
            "parameter 'as_of' must be a date written YYYY-MM-DD",
        ),
        (
            lambda st, data: helpers.compute_country_totals(st, countries=["XXX"]),
            f"parameter 'countries': XXX not in the data; {VALID}",
        ),
        (
            lambda st, data: helpers.compute_operations(st, data.events, countries=["Uzbekistan"]),
            f"parameter 'countries': Uzbekistan not in the data; {VALID}",
        ),
        (
            lambda st, data: helpers.compute_own_returns(st, as_of="2023.12.31"),
            "parameter 'as_of' must be a date written YYYY-MM-DD",
        ),
        (
            lambda st, data: helpers.compute_country_summary(st, data.population, ["kaz", "Kyr"]),
            f"parameter 'countries': Kyr not in the data; {VALID}",
        ),
        (
            lambda st, data: helpers.select_figures(
                data.repatriations, data.sources, "KAZ", "2023/1"
            ),
            "parameter 'as_of' must be a date written YYYY-MM-DD",
        ),
    ],
)
def test_public_functions_refuse_what_the_command_line_refuses(loaded, call, message):
    data, statements = loaded
    with pytest.raises(ParameterError, match=message.replace("(", r"\(")):
        call(statements, data)


def test_the_command_line_and_the_api_say_the_same_words(loaded, capsys):
    _, statements = loaded
    with pytest.raises(ParameterError) as err:
        helpers.compute_country_totals(statements, as_of="31/12/2023")
    code = main(["run", "notebooks/country_profile.ipynb", "-p", "as_of", "31/12/2023"])
    assert code == 2
    assert f"error: {err.value}" in capsys.readouterr().err


def test_the_command_line_refuses_a_date_after_the_data(capsys):
    code = main(["run", "notebooks/country_profile.ipynb", "-p", "as_of", "2030-01-01"])
    assert code == 2
    err = capsys.readouterr().err
    assert "parameter 'as_of': 2030-01-01 is after the latest date in the data" in err
    assert "Traceback" not in err


def test_a_report_before_the_first_figure_says_nothing_was_reported_yet(loaded):
    from helpers.report.i18n import using

    _, statements = loaded
    totals = helpers.compute_country_totals(statements, as_of="2018-01-01", countries="TJK")
    assert totals["total_returned"].isna().all()
    text = helpers.describe_totals(totals).text
    assert text == (
        "<p>Nothing had been reported yet by 1 January 2018: no figure of people repatriated to "
        "Tajikistan is dated on or before that day.</p>"
    )
    with using("ru"):
        assert "сведений ещё не было" in helpers.describe_totals(totals).text


def test_figures_show_the_span_of_years_asked_for(loaded):
    data, statements = loaded
    operations = helpers.compute_operations(statements, data.events, countries="KAZ")
    fig = helpers.plot_operations_per_year(operations, years=(2017, 2025))
    labels = [label.get_text() for label in fig.axes[0].get_xticklabels()]
    assert labels == [str(year) for year in range(2017, 2026)]
    timeline = helpers.plot_timeline(operations, years=(2020, 2021))
    shown = [label.get_text() for label in timeline.axes[0].get_yticklabels()]
    assert shown == ["Jusan-5 (Kazakhstan)"]  # the only Kazakh operation of 2020-2021
    with pytest.raises(ParameterError, match="'years' must be two whole years"):
        helpers.plot_operations_per_year(operations, years=(2025, 2019))


def test_own_words_are_shown_in_the_report_language_and_both_are_required():
    from helpers.report.i18n import using

    assert helpers.show_words(en="Hello", ru="Привет").text.strip() == "<p>Hello</p>"
    with using("ru"):
        assert helpers.show_words(en="Hello", ru="Привет").text.strip() == "<p>Привет</p>"
    with pytest.raises(ParameterError, match="show_words needs the words in every language"):
        helpers.show_words(en="Hello")


def test_operations_per_year_before_the_first_operation_says_so(loaded):
    data, statements = loaded
    operations = helpers.compute_operations(statements, data.events, "2018-01-01")
    assert len(operations) == 0
    fig = helpers.plot_operations_per_year(operations)
    assert "no operation reported" in [text.get_text() for text in fig.axes[0].texts]
